import { describe, expect, it } from 'vitest';
import { encodeRows } from '@/lib/ml/encoder';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { explainGraph } from '@/lib/ml/onnx/explain-graph';
import { OnnxScorer, tensorNumbers } from '@/lib/ml/onnx/load';
import { extractTreeEnsemble, parseOnnxModel } from '@/lib/ml/onnx/parse';
import { expected, fixtureBytes, fixtureManifest } from '@/lib/ml/onnx/testing/fixtures';
import { predictProba } from '@/lib/ml/tree-ensemble';

const exp = expected();
const maxAbs = (a: ArrayLike<number>, b: (i: number) => number) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b(i))), 0);

async function ortProbabilities(bytes: Uint8Array, manifest: ReturnType<typeof modelManifestSchema.parse>) {
  const scorer = await OnnxScorer.create(bytes, manifest);
  try {
    return await scorer.score(exp.rows);
  } finally {
    await scorer.release();
  }
}

describe('extractTreeEnsemble on sklearn fixtures', () => {
  for (const name of ['a_gbt', 'c_rf'] as const) {
    it(`${name}: predictProba on the encoded rows equals onnxruntime (1e-6) and sklearn (1e-5)`, async () => {
      const manifest = modelManifestSchema.parse(fixtureManifest(name));
      const got = extractTreeEnsemble(parseOnnxModel(fixtureBytes(name)))!;
      expect(got.inputName).toBe('float_input');
      expect(got.ensemble.postTransform).toBe(name === 'a_gbt' ? 'LOGISTIC' : 'NONE');
      expect(got.ensemble.nFeatures).toBe(8);
      const ours = predictProba(got.ensemble, encodeRows(manifest, exp.rows), exp.rows.length);
      const ort = await ortProbabilities(fixtureBytes(name), manifest);
      expect(maxAbs(ours, (i) => ort[i]!)).toBeLessThan(1e-6);
      expect(maxAbs(ours, (i) => exp[name][i]![1]!)).toBeLessThan(1e-5);
    });
  }
});

describe('explainGraph', () => {
  it('a model whose ensemble reads the graph input: identity map, bytes unchanged', () => {
    const manifest = modelManifestSchema.parse(fixtureManifest('a_gbt'));
    const bytes = fixtureBytes('a_gbt');
    const g = explainGraph(bytes, manifest);
    expect(g).toMatchObject({ direct: true, tensorName: 'float_input', columns: manifest.features.map((f) => f.name) });
    expect(g.bytes).toBe(bytes);
  });

  it('(e) pipeline: exposes the concatenated tensor and maps its columns back to the features', async () => {
    const manifest = modelManifestSchema.parse(fixtureManifest('e_pipeline'));
    const g = explainGraph(fixtureBytes('e_pipeline'), manifest);
    expect(g.direct).toBe(false);
    expect(g.tensorName).toBe('transformed_column');
    // sklearn's own column names for the transformed matrix, reduced to the feature each comes from.
    expect(g.columns).toEqual(exp.e_pipeline_columns.map((c) => c.split('=')[0]));
    expect(parseOnnxModel(g.bytes).outputs.map((o) => o.name)).toEqual(['label', 'probabilities', 'transformed_column']);

    const scorer = await OnnxScorer.create(g.bytes, manifest);
    try {
      const { outputs, rows } = await scorer.run(exp.rows, ['probabilities', 'transformed_column']);
      expect(rows.length).toBe(exp.rows.length);
      const x = Float32Array.from(tensorNumbers(outputs.transformed_column!));
      expect(outputs.transformed_column!.dims).toEqual([exp.rows.length, g.columns.length]);
      // The one-hot block holds exactly one 1 per categorical feature, in the category's column.
      exp.rows.forEach((r, i) => {
        for (const feature of ['plan', 'contract']) {
          g.columns.forEach((c, j) => {
            if (c !== feature) return;
            expect(x[i * g.columns.length + j]).toBe(exp.e_pipeline_columns[j] === `${feature}=${r[feature]}` ? 1 : 0);
          });
        }
        expect(x[i * g.columns.length]).toBe(r.tenure_months);
      });
      // And the extracted ensemble, fed that tensor, reproduces the pipeline's probabilities.
      const ensemble = extractTreeEnsemble(parseOnnxModel(g.bytes))!.ensemble;
      const ours = predictProba(ensemble, x, exp.rows.length);
      const p = tensorNumbers(outputs.probabilities!);
      expect(maxAbs(ours, (i) => p[2 * i + 1]!)).toBeLessThan(1e-6);
      expect(maxAbs(ours, (i) => exp.e_pipeline[i]![1]!)).toBeLessThan(1e-5);
    } finally {
      await scorer.release();
    }
  });
});
