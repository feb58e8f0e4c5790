import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { exportTreeEnsembleOnnx } from '@/lib/ml/onnx/export';
import { extractTreeEnsemble, parseOnnxModel } from '@/lib/ml/onnx/parse';
import { randomEnsemble, randomRows } from '@/lib/ml/testing/random-ensemble';
import { predictMargin, predictProba, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

async function runOrt(bytes: Uint8Array, x: Float32Array, rows: number, nFeatures: number) {
  const session = await ort.InferenceSession.create(Buffer.from(bytes), { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ X: new ort.Tensor('float32', x, [rows, nFeatures]) });
    return { p: out.probabilities!.data as Float32Array, label: out.label!.data as BigInt64Array };
  } finally {
    await session.release();
  }
}

/** onnxruntime's ComputeLogistic, step by step in float32. */
function ortLogistic(z: number): number {
  const f = Math.fround;
  const v = f(1 / f(1 + f(Math.exp(-Math.abs(z)))));
  return z < 0 ? f(1 - v) : v;
}

describe('exportTreeEnsembleOnnx', () => {
  it('PARITY: onnxruntime probabilities[:,1] equal predictProba within 1e-6 (200 trees, depth 5, 10k rows, 10% NaN)', async () => {
    const model = randomEnsemble({ seed: 11, nFeatures: 20, nTrees: 200, maxDepth: 5, splitProbability: 0.9 });
    const rows = 10_000;
    const x = randomRows(12, rows, 20, 0.1);
    const { p } = await runOrt(exportTreeEnsembleOnnx(model), x, rows, 20);
    const ref = predictProba(model, x, rows);
    const margin = predictMargin(model, x, rows);
    let maxDiff = 0;
    let bitwise = 0;
    for (let i = 0; i < rows; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(p[2 * i + 1]! - ref[i]!));
      if (p[2 * i + 1] === ortLogistic(margin[i]!)) bitwise++;
    }
    expect(maxDiff).toBeLessThan(1e-6);
    // marginOf's order (float32, tree order, base last) is ORT's exactly: every probability is bit-identical once
    // the logistic is also taken in float32.
    expect(bitwise).toBe(rows);
  });

  it('bytes are deterministic and metadata order does not matter', () => {
    const model = randomEnsemble({ seed: 3, nFeatures: 7, nTrees: 12 });
    const a = exportTreeEnsembleOnnx(model, { docString: 'd', metadata: { b: '2', a: '1' } });
    const b = exportTreeEnsembleOnnx(randomEnsemble({ seed: 3, nFeatures: 7, nTrees: 12 }), { docString: 'd', metadata: { a: '1', b: '2' } });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(exportTreeEnsembleOnnx(model)).equals(Buffer.from(a))).toBe(false);
  });

  it('round trip: extractTreeEnsemble(parse(export(m))) equals m', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = randomEnsemble({ seed, nFeatures: 9, nTrees: 30, maxDepth: 6 });
      const parsed = parseOnnxModel(exportTreeEnsembleOnnx(model, { inputName: 'features', metadata: { k: 'v' } }));
      expect(parsed.metadata).toEqual({ k: 'v' });
      expect(parsed.opsets).toEqual([{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }]);
      expect(parsed.inputs).toEqual([{ name: 'features', isTensor: true, elemType: 'float', shape: [null, 9], type: 'tensor(float)[N,9]' }]);
      const got = extractTreeEnsemble(parsed)!;
      expect(got.inputName).toBe('features');
      const zeroCovers: TreeEnsemble = { ...model, trees: model.trees.map((t) => ({ ...t, cover: new Float64Array(t.cover.length) })) };
      expect(got.ensemble).toEqual(zeroCovers);
    }
  });

  it('NONE ensembles (probability sums) export as [1 - p, p]; negative leaves are refused', async () => {
    const model = randomEnsemble({ seed: 8, nFeatures: 5, nTrees: 10 });
    const rf: TreeEnsemble = {
      ...model,
      baseValue: 0,
      postTransform: 'NONE',
      trees: model.trees.map((t) => ({ ...t, value: t.value.map((v) => Math.fround(Math.abs(v) / 10)) })),
    };
    const x = randomRows(9, 500, 5);
    const { p } = await runOrt(exportTreeEnsembleOnnx(rf), x, 500, 5);
    const ref = predictProba(rf, x, 500);
    for (let i = 0; i < 500; i++) {
      expect(p[2 * i + 1]).toBe(Math.fround(ref[i]!));
      expect(Math.abs(p[2 * i]! + p[2 * i + 1]! - 1)).toBeLessThan(1e-6);
    }
    expect(() => exportTreeEnsembleOnnx({ ...model, postTransform: 'NONE' })).toThrow(/negative leaf values/);
  });
});

describe('onnxruntime 1.30 facts about the binary layout', () => {
  it('`label` is BigInt64Array; 1 iff margin > 0 with mixed-sign leaves, but margin > 0.5 when no leaf is negative', async () => {
    const model = randomEnsemble({ seed: 21, nFeatures: 6, nTrees: 20 });
    const rows = 2000;
    const x = randomRows(22, rows, 6);
    const mixed = await runOrt(exportTreeEnsembleOnnx(model), x, rows, 6);
    expect(mixed.label).toBeInstanceOf(BigInt64Array);
    const m = predictMargin(model, x, rows);
    for (let i = 0; i < rows; i++) expect(mixed.label[i]).toBe(m[i]! > 0 ? 1n : 0n);

    // All leaves >= 0 (e.g. a Platt-calibrated random forest with a > 0): probabilities stay sigmoid(margin), but
    // the label switches to comparing the raw margin with 0.5, so it disagrees with argmax(probabilities).
    const positive: TreeEnsemble = { ...model, baseValue: 0, trees: model.trees.map((t) => ({ ...t, value: t.value.map((v) => Math.fround(Math.abs(v) / 20)) })) };
    const pos = await runOrt(exportTreeEnsembleOnnx(positive), x, rows, 6);
    const mp = predictMargin(positive, x, rows);
    const ref = predictProba(positive, x, rows);
    let disagree = 0;
    for (let i = 0; i < rows; i++) {
      expect(Math.abs(pos.p[2 * i + 1]! - ref[i]!)).toBeLessThan(1e-6);
      expect(pos.label[i]).toBe(mp[i]! > 0.5 ? 1n : 0n);
      if ((pos.label[i] === 1n) !== pos.p[2 * i + 1]! > 0.5) disagree++;
    }
    expect(disagree).toBeGreaterThan(0);
  });
});
