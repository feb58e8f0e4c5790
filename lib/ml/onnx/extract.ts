// A parsed ONNX TreeEnsembleClassifier -> our TreeEnsemble, such that predictProba equals what onnxruntime 1.30
// writes in probabilities[:, 1]. The reading follows ORT's kernel (tree_ensemble_common.h / _aggregator.h), checked
// against the real runtime in extract.test.ts:
// - a tree's root is the first node listed for it, and trees are summed in the order their roots are listed;
// - weights on internal nodes are ignored; a leaf's weights for the same class are summed (ORT adds them one by one
//   to the running total, so a leaf with several weights for one class may differ in the last float32 bit);
// - class weights for class 0 only ("binary case", GBT layout): column 1 = T(sum + base_values[0]);
// - weights for both classes (random-forest layout): column 1 = T(sum of class-1 weights), base_values[0] only
//   touches column 0;
// - layouts where ORT's column 1 stops depending on the trees, or mixes in class 0's sum (two base values, class-1
//   only weights with a base, leaves without a class-1 weight) are rejected rather than reproduced.
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { validateEnsemble } from '@/lib/ml/tree-ensemble';
import { findValue, type NodeDesc, type ParsedOnnx, type TensorValue } from '@/lib/ml/onnx/parse';

export interface ExtractedEnsemble {
  ensemble: TreeEnsemble;
  /** The tensor the TreeEnsembleClassifier reads (a graph input, or a transformed tensor inside a pipeline). */
  inputName: string;
  node: NodeDesc;
  /**
   * Per tree, the ONNX `nodes_nodeids` of its nodes in the renumbered order (sourceNodeIds[t][id] is the graph's id of
   * node `id`). Data keyed by the graph's node ids — the training covers shipped beside our models — maps through it.
   */
  sourceNodeIds: number[][];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest float32 strictly below a float32 `t`, so that `x < t` equals `x <= prev(t)` for float32 x. */
export function prevFloat32(t: number): number {
  f32[0] = t;
  if (Number.isNaN(t) || t === -Infinity) return t;
  if (t === 0) return -1.401298464324817e-45;
  u32[0] = t > 0 ? u32[0]! - 1 : u32[0]! + 1;
  return f32[0]!;
}

function numbers(node: NodeDesc, name: string, required: boolean): number[] {
  const plain = node.attributes[name];
  const tensor = node.attributes[`${name}_as_tensor`] as TensorValue | undefined;
  if (Array.isArray(plain) && plain.length) return plain as number[];
  if (tensor && typeof tensor === 'object' && 'data' in tensor) {
    const data = tensor.data as number[];
    // Our trees are float32; a double-valued attribute is only usable when every value is a float32.
    if (tensor.elemType === 'double' && data.some((v) => Math.fround(v) !== v && !Number.isNaN(v))) {
      throw new Error(`${name}_as_tensor holds double values that are not float32: not supported`);
    }
    return data;
  }
  if (required) throw new Error(`TreeEnsembleClassifier has no ${name}`);
  return [];
}

function fail(msg: string): never {
  throw new Error(`unsupported TreeEnsembleClassifier: ${msg}`);
}

/**
 * The single TreeEnsembleClassifier of a parsed model as a TreeEnsemble (covers are zeros; fill them with
 * `coversFromRows`). Returns null when the graph has no TreeEnsembleClassifier or more than one; throws with the
 * reason when it has one we cannot reproduce exactly.
 */
export function extractTreeEnsemble(parsed: ParsedOnnx): ExtractedEnsemble | null {
  const candidates = parsed.nodes.filter((n) => n.opType === 'TreeEnsembleClassifier' && n.domain === 'ai.onnx.ml');
  if (candidates.length !== 1) return null;
  const node = candidates[0]!;
  const a = node.attributes;

  const labels = (a.classlabels_int64s ?? a.classlabels_strings ?? []) as unknown[];
  if (labels.length !== 2) fail(`${labels.length} class labels; only binary classifiers are supported`);
  const post = (a.post_transform as string | undefined) ?? 'NONE';
  if (post !== 'NONE' && post !== 'LOGISTIC') fail(`post_transform ${post}`);

  const treeIds = numbers(node, 'nodes_treeids', true);
  const nodeIds = numbers(node, 'nodes_nodeids', true);
  const featureIds = numbers(node, 'nodes_featureids', true);
  const values = numbers(node, 'nodes_values', true);
  const modes = (a.nodes_modes ?? []) as string[];
  const trueIds = numbers(node, 'nodes_truenodeids', true);
  const falseIds = numbers(node, 'nodes_falsenodeids', true);
  const missing = numbers(node, 'nodes_missing_value_tracks_true', false);
  const n = treeIds.length;
  for (const [k, arr] of Object.entries({ nodeIds, featureIds, values, modes, trueIds, falseIds })) {
    if (arr.length !== n) fail(`${k} has ${arr.length} entries for ${n} nodes`);
  }

  const cTree = numbers(node, 'class_treeids', true);
  const cNode = numbers(node, 'class_nodeids', true);
  const cId = numbers(node, 'class_ids', true);
  const cW = numbers(node, 'class_weights', true);
  const base = numbers(node, 'base_values', false);
  const classes = new Set(cId);
  const key = (t: number, id: number) => `${t}:${id}`;

  // Which class's weights become our leaf values, and the base value, following ORT's column-1 arithmetic.
  let useClass: number;
  let baseValue = 0;
  if (classes.size === 1 && classes.has(0)) {
    if (base.length === 2) fail('weights for class 0 only with two base_values: onnxruntime then writes a constant in column 1');
    baseValue = base[0] ?? 0;
    useClass = 0;
  } else if (classes.size === 1 && classes.has(1)) {
    if (base.length) fail('weights for class 1 only with base_values: onnxruntime ignores them for column 1');
    useClass = 1;
  } else if (classes.size === 2 && classes.has(0) && classes.has(1)) {
    if (base.length === 2) fail('weights for both classes with two base_values: onnxruntime then computes column 1 from class 0');
    useClass = 1;
  } else fail(`class_ids ${[...classes].join(',')}`);

  // Row index of each (tree, node) and the trees in root order: a tree starts wherever the tree id changes.
  const index = new Map<string, number>();
  const roots: number[] = [];
  const started = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (index.has(key(treeIds[i]!, nodeIds[i]!))) fail(`node ${nodeIds[i]} of tree ${treeIds[i]} is listed twice`);
    index.set(key(treeIds[i]!, nodeIds[i]!), i);
    if (i === 0 || treeIds[i] !== treeIds[i - 1]) {
      if (started.has(treeIds[i]!)) fail(`the nodes of tree ${treeIds[i]} are not listed together (onnxruntime would count it twice)`);
      started.add(treeIds[i]!);
      roots.push(i);
    }
  }

  const isChild = new Set<string>();
  for (let i = 0; i < n; i++) if (modes[i] !== 'LEAF') isChild.add(key(treeIds[i]!, trueIds[i]!)).add(key(treeIds[i]!, falseIds[i]!));
  for (const r of roots) if (isChild.has(key(treeIds[r]!, nodeIds[r]!))) fail(`the first node listed for tree ${treeIds[r]} is not its root (onnxruntime starts there)`);

  const leafValue = new Map<number, number>();
  for (let k = 0; k < cTree.length; k++) {
    const row = index.get(key(cTree[k]!, cNode[k]!));
    if (row === undefined) fail(`class weight for unknown node ${cNode[k]} of tree ${cTree[k]}`);
    if (modes[row] === 'LEAF' && cId[k] === useClass) leafValue.set(row, Math.fround((leafValue.get(row) ?? 0) + cW[k]!));
  }

  let maxFeature = -1;
  const sourceNodeIds: number[][] = [];
  const trees: Tree[] = roots.map((rootRow) => {
    const tid = treeIds[rootRow]!;
    const order: number[] = [];
    const newId = new Map<number, number>();
    // Preorder renumbering: root becomes node 0 and every child gets a larger id than its parent.
    const stack = [rootRow];
    while (stack.length) {
      const row = stack.pop()!;
      if (newId.has(row)) fail(`tree ${tid} is not a tree (node ${nodeIds[row]} is reached twice)`);
      newId.set(row, order.length);
      order.push(row);
      if (modes[row] === 'LEAF') continue;
      // Our left child (the `x <= t` side) is numbered first: ONNX's false child for GT/GTE, its true child otherwise.
      const swapped = modes[row] === 'BRANCH_GT' || modes[row] === 'BRANCH_GTE';
      for (const child of swapped ? [trueIds[row]!, falseIds[row]!] : [falseIds[row]!, trueIds[row]!]) {
        const c = index.get(key(tid, child));
        if (c === undefined) fail(`tree ${tid} node ${nodeIds[row]} points to missing node ${child}`);
        stack.push(c);
      }
    }
    const m = order.length;
    sourceNodeIds.push(order.map((row) => nodeIds[row]!));
    const t: Tree = {
      feature: new Int32Array(m).fill(-1),
      threshold: new Float32Array(m),
      left: new Int32Array(m).fill(-1),
      right: new Int32Array(m).fill(-1),
      missingLeft: new Uint8Array(m),
      value: new Float32Array(m),
      cover: new Float64Array(m),
    };
    order.forEach((row, id) => {
      const mode = modes[row]!;
      if (mode === 'LEAF') {
        // A leaf without weights adds nothing, except in the two-class layout: a row that meets no class-1 weight in
        // any tree makes ORT fall back to a single-score output whose column 1 is class 0's sum.
        if (!leafValue.has(row) && classes.size === 2) fail(`leaf ${nodeIds[row]} of tree ${tid} has no class-1 weight`);
        t.value[id] = leafValue.get(row) ?? 0;
        return;
      }
      const tracksTrue = missing[row] === 1 ? 1 : 0;
      const yes = newId.get(index.get(key(tid, trueIds[row]!))!)!;
      const no = newId.get(index.get(key(tid, falseIds[row]!))!)!;
      const thr = Math.fround(values[row]!);
      // Everything becomes `x <= threshold goes left`; GT/GTE swap the children, so NaN's side flips too.
      if (mode === 'BRANCH_LEQ' || mode === 'BRANCH_LT') {
        t.threshold[id] = mode === 'BRANCH_LT' ? prevFloat32(thr) : thr;
        [t.left[id], t.right[id], t.missingLeft[id]] = [yes, no, tracksTrue];
      } else if (mode === 'BRANCH_GT' || mode === 'BRANCH_GTE') {
        t.threshold[id] = mode === 'BRANCH_GTE' ? prevFloat32(thr) : thr;
        [t.left[id], t.right[id], t.missingLeft[id]] = [no, yes, 1 - tracksTrue];
      } else fail(`node mode ${mode} cannot be written as x <= threshold`);
      t.feature[id] = featureIds[row]!;
      maxFeature = Math.max(maxFeature, featureIds[row]!);
    });
    return t;
  });

  const inputName = node.inputs[0]!;
  const declared = findValue(parsed, inputName)?.shape;
  const width = declared && declared.length >= 1 ? declared[declared.length - 1] : null;
  if (width !== null && width !== undefined && maxFeature >= width) fail(`a split reads feature ${maxFeature} of a ${width}-column input`);
  const ensemble: TreeEnsemble = {
    nFeatures: width ?? Math.max(1, maxFeature + 1),
    baseValue: Math.fround(baseValue),
    trees,
    postTransform: post,
  };
  validateEnsemble(ensemble);
  return { ensemble, inputName, node, sourceNodeIds };
}
