import { describe, expect, it } from 'vitest';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { attr, onnx, tensorType } from '@/lib/ml/onnx/proto';
import { OnnxScorer, RecordValidationError } from '@/lib/ml/onnx/load';
import { validateOnnxImport } from '@/lib/ml/onnx/validate';
import { expected, fixtureBytes, fixtureManifest, type FixtureName } from '@/lib/ml/onnx/testing/fixtures';

const exp = expected();

/** A 3-class LinearClassifier on 8 float inputs: loads and runs, but is not a binary churn model. */
function threeClassModel(): Uint8Array {
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 1 }],
    graph: {
      name: 'three',
      node: [{
        opType: 'LinearClassifier', domain: 'ai.onnx.ml', input: ['float_input'], output: ['label', 'probabilities'],
        attribute: [attr.ints('classlabels_ints', [0, 1, 2]), attr.floats('coefficients', Array(24).fill(0.01)), attr.floats('intercepts', [0, 0.1, 0.2]), attr.string('post_transform', 'SOFTMAX')],
      }],
      input: [{ name: 'float_input', type: tensorType('float', [null, 8]) }],
      output: [{ name: 'label', type: tensorType('int64', [null]) }, { name: 'probabilities', type: tensorType('float', [null, 3]) }],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(proto).finish());
}

describe('validateOnnxImport on the skl2onnx-shaped fixtures', () => {
  for (const [name, kind] of [['a_gbt', 'tree_ensemble'], ['c_rf', 'tree_ensemble'], ['d_logreg', 'linear'], ['e_pipeline', 'tree_ensemble']] as const) {
    it(`${name}: validates, and onnxruntime matches sklearn's predict_proba within 1e-5`, async () => {
      const result = await validateOnnxImport(fixtureBytes(name), fixtureManifest(name));
      if (!result.ok) throw new Error(result.reason);
      expect(result.info.kind).toBe(kind);
      expect(result.info.smoke.rows).toBe(8);
      expect(result.info.outputs.map((o) => o.name)).toEqual(['label', 'probabilities']);
      expect(JSON.parse(JSON.stringify(result.info))).toEqual(result.info);
      const scorer = await OnnxScorer.create(fixtureBytes(name), result.manifest);
      try {
        const p = await scorer.score(exp.rows);
        const sk = exp[name as Exclude<FixtureName, 'b_gbt_zipmap'>];
        let maxDiff = 0;
        p.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - sk[i]![1]!))));
        expect(maxDiff).toBeLessThan(1e-5);
      } finally {
        await scorer.release();
      }
    });
  }

  it('(b) a ZipMap export is rejected with the re-export instruction', async () => {
    const result = await validateOnnxImport(fixtureBytes('b_gbt_zipmap'), fixtureManifest('b_gbt_zipmap'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('zipmap=False');
    expect(result.reason).toContain('output_probability (seq(map(int64,tensor(float))))');
  });

  it('a manifest with the wrong number of features is rejected, naming the mismatch', async () => {
    const m = fixtureManifest('a_gbt');
    const result = await validateOnnxImport(fixtureBytes('a_gbt'), { ...m, features: (m.features as unknown[]).slice(0, 7) });
    expect(result).toMatchObject({ ok: false, field: 'features' });
    expect(!result.ok && result.reason).toMatch(/8 columns but the manifest lists 7 features/);
  });

  it('a manifest without reference_rows is rejected, naming the field', async () => {
    const { reference_rows: _, ...m } = fixtureManifest('a_gbt');
    const result = await validateOnnxImport(fixtureBytes('a_gbt'), m);
    expect(result).toMatchObject({ ok: false, field: 'reference_rows' });
    expect(!result.ok && result.reason).toMatch(/^invalid manifest: reference_rows/);
  });

  it('garbage bytes are rejected as not loadable', async () => {
    for (const bytes of [new Uint8Array([1, 2, 3, 4, 5, 250, 251]), new TextEncoder().encode('definitely not a model')]) {
      const result = await validateOnnxImport(bytes, fixtureManifest('a_gbt'));
      expect(!result.ok && result.reason).toMatch(/could not be loaded/);
    }
  });

  it('a model ORT refuses reports ORT\'s message', async () => {
    const proto = onnx.ModelProto.decode(fixtureBytes('a_gbt'));
    proto.graph!.node![0]!.opType = 'NoSuchOp';
    const result = await validateOnnxImport(new Uint8Array(onnx.ModelProto.encode(proto).finish()), fixtureManifest('a_gbt'));
    expect(!result.ok && result.reason).toMatch(/could not be loaded by onnxruntime: .*NoSuchOp/);
  });

  it('non-binary probabilities are rejected', async () => {
    const result = await validateOnnxImport(threeClassModel(), fixtureManifest('a_gbt'));
    expect(!result.ok && result.reason).toMatch(/3 columns .* must be binary/);
  });

  it('columns layout: inputs must match the features by name and type', async () => {
    const m = fixtureManifest('e_pipeline');
    const features = m.features as { name: string; type: string }[];
    const renamed = features.map((f) => (f.name === 'plan' ? { ...f, name: 'plan_name' } : f));
    const r1 = await validateOnnxImport(fixtureBytes('e_pipeline'), { ...m, features: renamed });
    expect(!r1.ok && r1.reason).toMatch(/no input for feature\(s\) plan_name; model input\(s\) plan match no feature/);
    const wrongType = features.map((f) => (f.name === 'plan' ? { name: 'plan', type: 'numeric' } : f));
    const r2 = await validateOnnxImport(fixtureBytes('e_pipeline'), { ...m, features: wrongType });
    expect(r2).toMatchObject({ ok: false, field: 'features.5.type' });
  });

  it('tensor layout: the input name and reference rows are checked', async () => {
    const m = fixtureManifest('a_gbt');
    const r1 = await validateOnnxImport(fixtureBytes('a_gbt'), { ...m, input: { kind: 'tensor', name: 'X' } });
    expect(r1).toMatchObject({ ok: false, field: 'input.name' });
    const rows = [...(m.reference_rows as Record<string, unknown>[])];
    rows[2] = { ...rows[2], plan: 'platinum' };
    const r2 = await validateOnnxImport(fixtureBytes('a_gbt'), { ...m, reference_rows: rows });
    expect(r2).toMatchObject({ ok: false, field: 'reference_rows.2.plan' });
  });
});

describe('OnnxScorer', () => {
  it('scores valid records, reports invalid ones per row and field, and never exposes BigInt', async () => {
    const manifest = modelManifestSchema.parse(fixtureManifest('e_pipeline'));
    const scorer = await OnnxScorer.create(fixtureBytes('e_pipeline'), manifest);
    try {
      const records = [exp.rows[0]!, { ...exp.rows[1]!, tenure_months: 3.5 }, { ...exp.rows[2]!, contract: undefined }, exp.rows[3]!];
      const { probabilities, errors } = await scorer.scoreDetailed(records);
      expect(Number.isNaN(probabilities[1]!) && Number.isNaN(probabilities[2]!)).toBe(true);
      expect(Math.abs(probabilities[3]! - exp.e_pipeline[3]![1]!)).toBeLessThan(1e-5);
      expect(errors).toEqual([
        { row: 1, field: 'tenure_months', message: 'must be a whole number (the model input is int64)' },
        { row: 2, field: 'contract', message: 'is required' },
      ]);
      await expect(scorer.score(records)).rejects.toBeInstanceOf(RecordValidationError);
      const { outputs } = await scorer.run([exp.rows[0]!], ['label']);
      expect(outputs.label!.data).toBeInstanceOf(BigInt64Array);
    } finally {
      await scorer.release();
    }
  });
});
