// The one in-memory form of a binary tree-ensemble classifier. It mirrors ONNX's TreeEnsembleClassifier
// (ai.onnx.ml) closely, so that the trainer produces it, the ONNX exporter writes it, the ONNX parser reads any
// imported ensemble back into it, and TreeSHAP explains it — one structure, whatever the model's origin.
//
// Numeric conventions follow onnxruntime exactly, so that predictions here equal the served model's:
// - thresholds and leaf values are float32 values (stored in Float32Array);
// - a row goes to the `left` ("true") child when x <= threshold (BRANCH_LEQ); a NaN input goes left when
//   `missingLeft` is 1 (ONNX `nodes_missing_value_tracks_true`), otherwise right;
// - the margin (log-odds) is baseValue + the sum of one leaf value per tree.

export interface Tree {
  /** Feature index per node; -1 marks a leaf. Node 0 is the root. */
  feature: Int32Array;
  /** Split threshold per node (unused on leaves): x <= threshold goes left. */
  threshold: Float32Array;
  /** Child ids per node (-1 on leaves). */
  left: Int32Array;
  right: Int32Array;
  /** 1 when a missing (NaN) value goes left, 0 when it goes right. */
  missingLeft: Uint8Array;
  /** Leaf value (log-odds contribution) per node; 0 on internal nodes. */
  value: Float32Array;
  /**
   * Training cover per node (samples, or hessian sum) — what path-dependent TreeSHAP needs. Must be positive and
   * a parent's cover must equal the sum of its children's. ONNX does not carry it: an imported model gets covers by
   * routing reference rows through the trees (see `coversFromRows`).
   */
  cover: Float64Array;
}

export interface TreeEnsemble {
  nFeatures: number;
  /** Added to the sum of leaf values; log-odds. */
  baseValue: number;
  trees: Tree[];
  /**
   * How the margin becomes P(class 1). LOGISTIC: sigmoid of the margin (boosted trees; margins are log-odds).
   * NONE: the margin already is the probability (e.g. a random forest exported by skl2onnx, whose leaves hold
   * class-1 frequencies divided by the number of trees).
   */
  postTransform: 'LOGISTIC' | 'NONE';
}

export function isLeaf(tree: Tree, node: number): boolean {
  return tree.feature[node]! < 0;
}

/** The leaf a row (raw feature values, NaN = missing) falls into. */
export function leafOf(tree: Tree, x: ArrayLike<number>, offset = 0): number {
  let n = 0;
  while (tree.feature[n]! >= 0) {
    const v = x[offset + tree.feature[n]!]!;
    const goLeft = Number.isNaN(v) ? tree.missingLeft[n] === 1 : Math.fround(v) <= tree.threshold[n]!;
    n = goLeft ? tree.left[n]! : tree.right[n]!;
  }
  return n;
}

/**
 * Margin (log-odds) of one row, accumulated in float32 in tree order as onnxruntime's single-threaded
 * TreeEnsemble kernel does, so that probabilities match the ONNX model's to float32 precision.
 */
export function marginOf(model: TreeEnsemble, x: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (const t of model.trees) s = Math.fround(s + t.value[leafOf(t, x, offset)]!);
  return Math.fround(s + Math.fround(model.baseValue));
}

/**
 * The margin summed exactly (float64) over the same float32 leaves: what TreeSHAP contributions add up to. It
 * differs from `marginOf` only by float32 accumulation error (~1e-5 at most on a few hundred trees).
 */
export function exactMarginOf(model: TreeEnsemble, x: ArrayLike<number>, offset = 0): number {
  let s = Math.fround(model.baseValue);
  for (const t of model.trees) s += t.value[leafOf(t, x, offset)]!;
  return s;
}

/** Logistic as onnxruntime computes it (symmetric form, so large |x| stays accurate). */
export function sigmoid(z: number): number {
  const v = 1 / (1 + Math.exp(-Math.abs(z)));
  return z < 0 ? 1 - v : v;
}

/** P(class 1) from a margin under the model's post-transform. */
export function probabilityOf(model: TreeEnsemble, margin: number): number {
  return model.postTransform === 'LOGISTIC' ? sigmoid(margin) : margin;
}

/** P(class 1) for every row of a row-major matrix with `model.nFeatures` columns. */
export function predictProba(model: TreeEnsemble, x: ArrayLike<number>, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = probabilityOf(model, marginOf(model, x, i * model.nFeatures));
  return out;
}

/** Margins for every row of a row-major matrix. */
export function predictMargin(model: TreeEnsemble, x: ArrayLike<number>, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = marginOf(model, x, i * model.nFeatures);
  return out;
}

/**
 * Covers from data: each node's cover is the number of `rows` passing through it, plus one per leaf below it
 * (a pseudo-count), so every cover is positive and parents equal the sum of their children.
 */
export function coversFromRows(tree: Tree, x: ArrayLike<number>, rows: number, nFeatures: number): Float64Array {
  const n = tree.feature.length;
  const cover = new Float64Array(n);
  for (let i = 0; i < n; i++) if (tree.feature[i]! < 0) cover[i] = 1;
  for (let r = 0; r < rows; r++) cover[leafOf(tree, x, r * nFeatures)]! += 1;
  // Children always have larger ids than their parents in our trees, but imported trees need not: sum bottom-up
  // by a post-order walk instead of relying on id order.
  const visit = (node: number): number => {
    if (tree.feature[node]! < 0) return cover[node]!;
    cover[node] = visit(tree.left[node]!) + visit(tree.right[node]!);
    return cover[node]!;
  };
  visit(0);
  return cover;
}

/** Structural checks shared by the trainer's tests, the ONNX parser and the importer. Throws with the reason. */
export function validateEnsemble(model: TreeEnsemble): void {
  if (!Number.isInteger(model.nFeatures) || model.nFeatures < 1) throw new Error('nFeatures must be a positive integer');
  if (!Number.isFinite(model.baseValue)) throw new Error('baseValue must be finite');
  model.trees.forEach((t, ti) => {
    const n = t.feature.length;
    for (const [k, a] of Object.entries({ threshold: t.threshold, left: t.left, right: t.right, missingLeft: t.missingLeft, value: t.value, cover: t.cover })) {
      if (a.length !== n) throw new Error(`tree ${ti}: ${k} has ${a.length} entries for ${n} nodes`);
    }
    const seen = new Uint8Array(n);
    const stack = [0];
    while (stack.length) {
      const node = stack.pop()!;
      if (node < 0 || node >= n) throw new Error(`tree ${ti}: child id ${node} out of range`);
      if (seen[node]) throw new Error(`tree ${ti}: node ${node} is reachable twice`);
      seen[node] = 1;
      if (t.feature[node]! >= 0) {
        if (t.feature[node]! >= model.nFeatures) throw new Error(`tree ${ti}: node ${node} splits on feature ${t.feature[node]} of ${model.nFeatures}`);
        stack.push(t.left[node]!, t.right[node]!);
      }
    }
  });
}
