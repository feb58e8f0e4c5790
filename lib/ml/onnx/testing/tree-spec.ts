// Test-only: a TreeEnsembleClassifier as flat attribute rows, so tests can write the layouts other exporters
// produce (shuffled ids, BRANCH_LT/GT/GTE, both-class weights, *_as_tensor attributes) and check what onnxruntime
// makes of them against extractTreeEnsemble.
import { mulberry32 } from '@/lib/ml/prng';
import { attr, onnx, tensorType } from '@/lib/ml/onnx/proto';
import type { TreeEnsemble } from '@/lib/ml/tree-ensemble';

export interface SpecNode { t: number; n: number; f: number; v: number; mode: string; yes: number; no: number; miss: number }
export interface SpecWeight { t: number; n: number; c: number; w: number }
export interface TreeSpec {
  nodes: SpecNode[];
  weights: SpecWeight[];
  base: number[];
  post: string;
  nFeatures: number;
  labels?: number[];
  asTensor?: boolean;
}

export function specOf(m: TreeEnsemble): TreeSpec {
  const nodes: SpecNode[] = [];
  const weights: SpecWeight[] = [];
  m.trees.forEach((tr, t) => {
    for (let n = 0; n < tr.feature.length; n++) {
      const leaf = tr.feature[n]! < 0;
      nodes.push({ t, n, f: leaf ? 0 : tr.feature[n]!, v: leaf ? 0 : tr.threshold[n]!, mode: leaf ? 'LEAF' : 'BRANCH_LEQ', yes: leaf ? 0 : tr.left[n]!, no: leaf ? 0 : tr.right[n]!, miss: leaf ? 0 : tr.missingLeft[n]! });
      if (leaf) weights.push({ t, n, c: 0, w: tr.value[n]! });
    }
  });
  return { nodes, weights, base: [m.baseValue], post: m.postTransform, nFeatures: m.nFeatures };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function nextFloat32Up(t: number): number {
  f32[0] = t;
  if (t === 0) return 1.401298464324817e-45;
  u32[0] = t > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0]!;
}

function shuffle<T>(a: T[], rand: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Same predictions, different listing: random node ids, non-root nodes shuffled, trees renamed, weights shuffled. */
export function permuteSpec(s: TreeSpec, seed: number): TreeSpec {
  const rand = mulberry32(seed);
  const byTree = new Map<number, SpecNode[]>();
  for (const n of s.nodes) byTree.set(n.t, [...(byTree.get(n.t) ?? []), n]);
  const treeName = new Map([...byTree.keys()].map((t) => [t, t * 7 + 3]));
  const nodes: SpecNode[] = [];
  const weights: SpecWeight[] = [];
  for (const [t, list] of byTree) {
    const ids = shuffle(list.map((_, i) => i), rand);
    const rename = (n: number) => ids[n]!;
    const [root, ...rest] = list;
    for (const n of [root!, ...shuffle(rest, rand)]) {
      const leaf = n.mode === 'LEAF';
      nodes.push({ ...n, t: treeName.get(t)!, n: rename(n.n), yes: leaf ? 0 : rename(n.yes), no: leaf ? 0 : rename(n.no) });
    }
    for (const w of s.weights.filter((w) => w.t === t)) weights.push({ ...w, t: treeName.get(t)!, n: rename(w.n) });
  }
  return { ...s, nodes, weights: shuffle(weights, rand) };
}

/** Same predictions with every BRANCH_LEQ rewritten at random as LT, GT or GTE (thresholds moved by one ulp). */
export function remodeSpec(s: TreeSpec, seed: number): TreeSpec {
  const rand = mulberry32(seed);
  const nodes = s.nodes.map((n) => {
    if (n.mode !== 'BRANCH_LEQ') return n;
    const mode = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GT', 'BRANCH_GTE'][Math.floor(rand() * 4)]!;
    const v = mode === 'BRANCH_LT' || mode === 'BRANCH_GTE' ? nextFloat32Up(n.v) : n.v;
    const swap = mode === 'BRANCH_GT' || mode === 'BRANCH_GTE';
    return { ...n, mode, v, yes: swap ? n.no : n.yes, no: swap ? n.yes : n.no, miss: swap ? 1 - n.miss : n.miss };
  });
  return { ...s, nodes };
}

export function buildSpec(s: TreeSpec, inputName = 'X'): Uint8Array {
  const col = <K extends keyof SpecNode>(k: K) => s.nodes.map((n) => n[k]) as number[];
  const floats = (name: string, v: number[]) =>
    s.asTensor ? { name: `${name}_as_tensor`, type: onnx.AttributeProto.AttributeType.TENSOR, t: { dataType: 1, dims: [v.length], floatData: v } } : attr.floats(name, Float32Array.from(v));
  const attribute = [
    attr.ints('nodes_treeids', col('t')),
    attr.ints('nodes_nodeids', col('n')),
    attr.ints('nodes_featureids', col('f')),
    floats('nodes_values', col('v')),
    attr.strings('nodes_modes', s.nodes.map((n) => n.mode)),
    attr.ints('nodes_truenodeids', col('yes')),
    attr.ints('nodes_falsenodeids', col('no')),
    attr.ints('nodes_missing_value_tracks_true', col('miss')),
    attr.ints('class_treeids', s.weights.map((w) => w.t)),
    attr.ints('class_nodeids', s.weights.map((w) => w.n)),
    attr.ints('class_ids', s.weights.map((w) => w.c)),
    floats('class_weights', s.weights.map((w) => w.w)),
    attr.ints('classlabels_int64s', s.labels ?? [0, 1]),
    attr.string('post_transform', s.post),
    ...(s.base.length ? [floats('base_values', s.base)] : []),
  ];
  const nClasses = (s.labels ?? [0, 1]).length;
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }],
    graph: {
      name: 'spec',
      node: [{ opType: 'TreeEnsembleClassifier', domain: 'ai.onnx.ml', input: [inputName], output: ['label', 'probabilities'], attribute }],
      input: [{ name: inputName, type: tensorType('float', [null, s.nFeatures]) }],
      output: [{ name: 'label', type: tensorType('int64', [null]) }, { name: 'probabilities', type: tensorType('float', [null, nClasses]) }],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(proto).finish());
}
