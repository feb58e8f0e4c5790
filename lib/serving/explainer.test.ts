// Explaining imported models from their ONNX graphs: a plain tensor-input GBT and an sklearn pipeline with one input
// per column (one-hot encoders, a concat) — contributions per original feature that add up to the margin, whose
// sigmoid is what onnxruntime serves.
import { describe, expect, it } from 'vitest';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { expected, fixtureBytes, fixtureManifest, type FixtureName } from '@/lib/ml/onnx/testing/fixtures';
import { sigmoid } from '@/lib/ml/tree-ensemble';
import { TreeExplainer, UNMAPPED } from './explainer';

async function check(name: FixtureName) {
  const manifest = modelManifestSchema.parse(fixtureManifest(name));
  const rows = expected().rows.slice(0, 40);
  const explainer = (await TreeExplainer.create(fixtureBytes(name), manifest, { referenceRows: manifest.reference_rows }))!;
  const scorer = await OnnxScorer.create(fixtureBytes(name), manifest);
  try {
    const p = await scorer.score(rows);
    const ex = await explainer.explain(rows);
    ex.forEach((e, i) => {
      expect(Object.keys(e.contributions).sort()).toEqual(manifest.features.map((f) => f.name).sort());
      const sum = Object.values(e.contributions).reduce((a, b) => a + b, e.expectedValue);
      expect(Math.abs(sum - e.margin)).toBeLessThan(1e-9);
      expect(Math.abs(sigmoid(e.margin) - p[i]!)).toBeLessThan(1e-5);
    });
    return ex;
  } finally {
    await Promise.all([explainer.release(), scorer.release()]);
  }
}

describe('TreeExplainer on imported models', () => {
  it('explains a single-tensor GBT export, with covers from the reference rows', async () => {
    const ex = await check('a_gbt');
    expect(ex.some((e) => Object.values(e.contributions).some((v) => v !== 0))).toBe(true);
  });

  it('explains a one-input-per-column pipeline by summing one-hot columns back to their features', async () => {
    const ex = await check('e_pipeline');
    expect(ex.every((e) => !(UNMAPPED in e.contributions))).toBe(true);
    // The categorical inputs get contributions of their own, not spread over anonymous columns.
    const manifest = fixtureManifest('e_pipeline') as { features: { name: string; type: string }[] };
    const cats = manifest.features.filter((f) => f.type === 'categorical').map((f) => f.name);
    expect(cats.some((c) => ex.some((e) => e.contributions[c] !== 0))).toBe(true);
  });

  it('returns null for a model without a tree ensemble', async () => {
    const manifest = modelManifestSchema.parse(fixtureManifest('d_logreg'));
    expect(await TreeExplainer.create(fixtureBytes('d_logreg'), manifest, { referenceRows: manifest.reference_rows })).toBeNull();
  });
});

describe('LinearExplainer on an imported logistic regression', () => {
  it('gives w·(x − mean) contributions that add up to the margin onnxruntime turns into the probability', async () => {
    const { LinearExplainer } = await import('./linear-explainer');
    const manifest = modelManifestSchema.parse(fixtureManifest('d_logreg'));
    const rows = expected().rows.slice(0, 30);
    const explainer = LinearExplainer.create(fixtureBytes('d_logreg'), manifest, rows)!;
    expect(explainer).not.toBeNull();
    const scorer = await OnnxScorer.create(fixtureBytes('d_logreg'), manifest);
    const p = await scorer.score(rows);
    (await explainer.explain(rows)).forEach((e, i) => {
      const sum = Object.values(e.contributions).reduce((a, b) => a + b, e.expectedValue);
      expect(Math.abs(sum - e.margin)).toBeLessThan(1e-9);
      expect(Math.abs(sigmoid(e.margin) - p[i]!)).toBeLessThan(1e-5);
    });
    await scorer.release();
  });
});

describe('TreeExplainer on the shipped model', () => {
  it('maps the training covers onto the graph’s nodes: SHAP values equal those of the in-memory trees they were counted on', async () => {
    const fs = await import('node:fs');
    const { exactShap } = await import('./explainer.testing');
    const read = (f: string) => fs.readFileSync(`models/${f}`);
    const manifest = modelManifestSchema.parse(JSON.parse(read('manifest.json').toString()));
    const covers = (JSON.parse(read('covers.json').toString()) as { trees: number[][] }).trees;
    const rows = (JSON.parse(read('reference.json').toString()) as { rows: Record<string, unknown>[] }).rows.slice(0, 20);
    const explainer = (await TreeExplainer.create(new Uint8Array(read('model.onnx')), manifest, { covers, referenceRows: rows }))!;
    try {
      const ex = await explainer.explain(rows);
      // The reference: TreeSHAP on the trees as trained (grower node ids, the ids the covers were recorded with).
      const want = exactShap(new Uint8Array(read('model.onnx')), manifest, covers, rows);
      ex.forEach((e, i) => {
        expect(Math.abs(e.expectedValue - want[i]!.expectedValue)).toBeLessThan(1e-6);
        for (const f of manifest.features) expect(Math.abs(e.contributions[f.name]! - want[i]!.contributions[f.name]!)).toBeLessThan(1e-6);
      });
      // And the expected value is the training rows' mean margin: strongly negative for a ~5% monthly churn rate.
      expect(ex[0]!.expectedValue).toBeLessThan(-2);
    } finally {
      await explainer.release();
    }
  });
});
