import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { extractTreeEnsemble, parseOnnxModel } from '@/lib/ml/onnx/parse';
import { prevFloat32 } from '@/lib/ml/onnx/extract';
import { buildSpec, nextFloat32Up, permuteSpec, remodeSpec, specOf, type TreeSpec } from '@/lib/ml/onnx/testing/tree-spec';
import { randomEnsemble, randomRows } from '@/lib/ml/testing/random-ensemble';
import { predictProba, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

const F = 6;
const ROWS = 3000;
const x = randomRows(77, ROWS, F, 0.15);

async function ortColumn1(bytes: Uint8Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(Buffer.from(bytes), { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ X: new ort.Tensor('float32', x, [ROWS, F]) });
    const p = out.probabilities!.data as Float32Array;
    return Float32Array.from({ length: ROWS }, (_, i) => p[2 * i + 1]!);
  } finally {
    await session.release();
  }
}

async function expectMatchesOrt(spec: TreeSpec): Promise<TreeEnsemble> {
  const bytes = buildSpec(spec);
  const got = extractTreeEnsemble(parseOnnxModel(bytes))!;
  const ours = predictProba(got.ensemble, x, ROWS);
  const theirs = await ortColumn1(bytes);
  let maxDiff = 0;
  for (let i = 0; i < ROWS; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
  expect(maxDiff).toBeLessThan(1e-6);
  return got.ensemble;
}

const model = randomEnsemble({ seed: 5, nFeatures: F, nTrees: 25, maxDepth: 5 });
const withoutCovers = (m: TreeEnsemble) => ({ ...m, trees: m.trees.map((t) => ({ ...t, cover: new Float64Array(t.cover.length) })) });

describe('extractTreeEnsemble against onnxruntime', () => {
  it('prevFloat32 steps one float32 down', () => {
    for (const t of [1, -1, 0.1, -3.5e-20, 1e30]) {
      const p = prevFloat32(Math.fround(t));
      expect(p).toBeLessThan(Math.fround(t));
      expect(nextFloat32Up(p)).toBe(Math.fround(t));
    }
    expect(prevFloat32(0)).toBeLessThan(0);
  });

  it('node ids not in 0..n order, shuffled nodes, renamed trees and shuffled weights', async () => {
    for (const seed of [1, 2, 3]) await expectMatchesOrt(permuteSpec(specOf(model), seed));
  });

  it('BRANCH_LT / GT / GTE convert to LEQ exactly (the structure comes back unchanged)', async () => {
    const got = await expectMatchesOrt(remodeSpec(specOf(model), 9));
    expect(got).toEqual(withoutCovers(model));
    await expectMatchesOrt(permuteSpec(remodeSpec(specOf(model), 10), 4));
  });

  it('*_as_tensor attributes', async () => {
    const got = await expectMatchesOrt({ ...specOf(model), asTensor: true });
    expect(got).toEqual(withoutCovers(model));
  });

  it('random-forest layout: weights for both classes, class 1 is used (NONE and LOGISTIC, with base_values[0])', async () => {
    const spec = specOf(model);
    const weights = spec.weights.flatMap((w) => {
      const p1 = Math.fround(Math.abs(w.w) / spec.weights.length);
      return [{ ...w, c: 0, w: Math.fround(1 / 25 - p1) }, { ...w, c: 1, w: p1 }];
    });
    const rf = await expectMatchesOrt({ ...spec, weights, base: [], post: 'NONE' });
    expect(rf.postTransform).toBe('NONE');
    await expectMatchesOrt({ ...spec, weights, base: [0.25], post: 'NONE' });
    await expectMatchesOrt(permuteSpec({ ...spec, weights, base: [], post: 'LOGISTIC' }, 6));
  });

  it('binary layout without base_values, with a leaf without weight, and with weights for class 1 only', async () => {
    await expectMatchesOrt({ ...specOf(model), base: [] });
    await expectMatchesOrt({ ...specOf(model), weights: specOf(model).weights.slice(1) });
    const spec = specOf(model);
    await expectMatchesOrt({ ...spec, base: [], weights: spec.weights.map((w) => ({ ...w, c: 1 })) });
  });

  it('rejects what it cannot reproduce, naming the reason', () => {
    const spec = specOf(model);
    const extract = (s: TreeSpec) => () => extractTreeEnsemble(parseOnnxModel(buildSpec(s)));
    const eq = { ...spec, nodes: spec.nodes.map((n, i) => (i === 0 ? { ...n, mode: 'BRANCH_EQ' } : n)) };
    expect(extract(eq)).toThrow(/BRANCH_EQ/);
    expect(extract({ ...spec, base: [0.1, 0.2] })).toThrow(/two base_values/);
    expect(extract({ ...spec, labels: [0, 1, 2] })).toThrow(/3 class labels/);
    expect(extract({ ...spec, post: 'SOFTMAX' })).toThrow(/SOFTMAX/);
    const rootLast = { ...spec, nodes: [...spec.nodes.filter((n) => n.t !== 1), ...spec.nodes.filter((n) => n.t === 1).reverse()] };
    // ORT would start tree 1 at a leaf and silently score garbage (checked: |dp| up to 0.14).
    expect(extract(rootLast)).toThrow(/first node listed for tree 1 is not its root/);
    const interleaved = { ...spec, nodes: [spec.nodes[0]!, ...spec.nodes.filter((n) => n.t === 1), ...spec.nodes.slice(1).filter((n) => n.t !== 1)] };
    expect(extract(interleaved)).toThrow(/not listed together/);
  });

  it('returns null when there is no TreeEnsembleClassifier', () => {
    const parsed = parseOnnxModel(buildSpec(specOf(model)));
    expect(extractTreeEnsemble({ ...parsed, nodes: parsed.nodes.map((n) => ({ ...n, opType: 'LinearClassifier' })) })).toBeNull();
  });
});
