// A version's recorded params rebuild the configuration it was trained with (what retraining trains again).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, entryFromParams, paramsOf, sweepGrid } from './sweep';

describe('entryFromParams', () => {
  it('inverts paramsOf for every tree configuration of the sweep', () => {
    for (const e of sweepGrid(7).filter((x) => x.config.kind === 'gbt')) {
      expect(entryFromParams({ ...paramsOf(e), candidate: e.name }, 7)).toEqual(e);
    }
  });

  it("rebuilds the shipped champion's configuration from its manifest", () => {
    const manifest = JSON.parse(fs.readFileSync('models/manifest.json', 'utf8'));
    const entry = entryFromParams(manifest.training.params, manifest.training.seed);
    expect(entry).toEqual(sweepGrid(DEFAULT_SEED).find((e) => e.name === 'gbt-lr0.1-depth4'));
  });

  it('uses the recorded values when they differ from the grid entry of the same name, and needs no grid entry', () => {
    const e = sweepGrid(42).find((x) => x.name === 'gbt-lr0.1-depth4')!;
    const changed = entryFromParams({ ...paramsOf(e), candidate: e.name, learning_rate: 0.3, max_iter: 50 }, 42);
    expect(changed.config).toMatchObject({ kind: 'gbt', params: { learningRate: 0.3, maxIter: 50, maxDepth: 4 } });
    const unnamed = entryFromParams({ ...paramsOf(e), max_leaf_nodes: 15, max_depth: 'none' }, 42);
    expect(unnamed.config).toMatchObject({ kind: 'gbt', params: { maxLeafNodes: 15, maxDepth: null, earlyStopping: { rounds: 20, tol: 1e-7 } } });
  });

  it('refuses models the pipeline did not train, and inconsistent params', () => {
    expect(() => entryFromParams({ model: 'logistic_regression' })).toThrow(/not trained by the product's gradient-boosting pipeline/);
    expect(() => entryFromParams({})).toThrow(/model: not recorded/);
    const e = sweepGrid(42)[0]!;
    expect(() => entryFromParams({ ...paramsOf(e), learning_rate: 'fast' })).toThrow(/learning_rate=fast is not a number/);
    expect(() => entryFromParams({ ...paramsOf(e), subsample: 2 })).toThrow(/subsample/);
  });
});
