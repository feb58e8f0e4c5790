// The model in models/ is reproducible: retraining its sweep candidate with the default seed on the default world
// gives byte-identical files (model.onnx, manifest, reference rows, covers, evaluation). `npm run train` runs the
// same code for every candidate and picks this one by validation AUC.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, paramsOf, sweepGrid } from './sweep';
import { buildDataset, DEFAULT_SPLIT } from './dataset';
import { trainCandidate } from './candidate';
import { readModelFiles, SHIPPED_MODEL_DIR, withoutProvenance } from './model-files';
import { MODEL_FILES, packageModel } from './package';
import { CHURN_MODEL } from '@/lib/ml/model-names';

describe('the shipped model', () => {
  it('is what the pipeline produces for the default seed, byte for byte', () => {
    const shipped = readModelFiles(SHIPPED_MODEL_DIR);
    const training = shipped.manifest.training!;
    expect(training.seed).toBe(DEFAULT_SEED);
    const entry = sweepGrid(DEFAULT_SEED).find((e) => e.name === training.params.candidate);
    expect(entry, `candidate ${training.params.candidate} is in the sweep`).toBeDefined();

    const ds = buildDataset({ seed: DEFAULT_SEED }, DEFAULT_SPLIT);
    const arrays = (s: typeof ds.train) => ({ x: s.x, y: s.y, rows: s.rows });
    const result = trainCandidate({ id: '0', name: entry!.name, config: entry!.config, nFeatures: ds.spec.features.length, train: arrays(ds.train), valid: arrays(ds.valid), test: arrays(ds.test) });
    const pkg = packageModel(ds, result, { seed: DEFAULT_SEED, params: paramsOf(entry!), name: CHURN_MODEL });

    expect(Buffer.compare(Buffer.from(pkg.onnx), fs.readFileSync(`${SHIPPED_MODEL_DIR}/${MODEL_FILES.onnx}`))).toBe(0);
    const file = (n: string) => fs.readFileSync(`${SHIPPED_MODEL_DIR}/${n}`, 'utf8');
    expect(JSON.stringify(withoutProvenance(pkg.manifest), null, 2) + '\n').toBe(file(MODEL_FILES.manifest));
    expect(JSON.stringify(pkg.reference) + '\n').toBe(file(MODEL_FILES.reference));
    expect(JSON.stringify(pkg.covers) + '\n').toBe(file(MODEL_FILES.covers));
    expect(JSON.stringify(pkg.evaluation) + '\n').toBe(file(MODEL_FILES.evaluation));
    // And it is a real model: well above the logistic baseline's ~0.82 on the same test month.
    expect(shipped.evaluation.splits.test.auc).toBeGreaterThan(0.85);
  }, 120_000);
});
