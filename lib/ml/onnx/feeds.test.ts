import { describe, expect, it } from 'vitest';
import { modelManifestSchema, type ManifestInput } from '@/lib/ml/manifest';
import { buildFeeds, columnIncompatibility } from '@/lib/ml/onnx/feeds';
import type { ValueDesc } from '@/lib/ml/onnx/parse';

const features: ManifestInput['features'] = [
  { name: 'tenure', type: 'numeric' },
  { name: 'watch_hours', type: 'numeric', nullable: true },
  { name: 'plan', type: 'categorical', categories: ['basic', 'premium'], unseenCategories: ['mobile'] },
  { name: 'promo', type: 'boolean' },
];
const manifest = (input: ManifestInput['input']) => modelManifestSchema.parse({ schema_version: 1, features, input, reference_rows: [{}] });
const col = (name: string, elemType: string): ValueDesc => ({ name, elemType, isTensor: true, shape: [null, 1], type: `tensor(${elemType})[N,1]` });

const good = { tenure: 12, watch_hours: null, plan: 'premium', promo: true };
const records = [good, { ...good, tenure: 'x' }, { ...good, plan: 'mobile', watch_hours: 2.5 }, 'nope' as unknown as Record<string, unknown>];

describe('buildFeeds', () => {
  it('tensor layout: one float [N, F] from the shared encoder; invalid rows reported and left out', () => {
    const { feeds, rows, errors } = buildFeeds(manifest({ kind: 'tensor', name: 'X' }), [], records);
    expect(rows).toEqual([0, 2]);
    expect(errors).toEqual([
      { row: 1, field: 'tenure', message: 'must be a finite number' },
      { row: 3, field: '(record)', message: 'must be an object of features by name' },
    ]);
    expect(feeds!.X!.dims).toEqual([2, 4]);
    expect(Array.from(feeds!.X!.data as Float32Array)).toEqual([12, NaN, 1, 1, 12, 2.5, NaN, 1]);
  });

  it('columns layout: one [N, 1] tensor per feature in the element type the graph declares', () => {
    const inputs = [col('tenure', 'int64'), col('watch_hours', 'double'), col('plan', 'string'), col('promo', 'bool')];
    const { feeds, rows, errors } = buildFeeds(manifest({ kind: 'columns' }), inputs, [good, { ...good, tenure: 3.5 }, { ...good, plan: 'mobile', watch_hours: 2.5 }]);
    expect(rows).toEqual([0, 2]);
    expect(errors).toEqual([{ row: 1, field: 'tenure', message: 'must be a whole number (the model input is int64)' }]);
    expect(feeds!.tenure!.type).toBe('int64');
    expect(Array.from(feeds!.tenure!.data as BigInt64Array)).toEqual([12n, 12n]);
    expect(Array.from(feeds!.watch_hours!.data as Float64Array)).toEqual([NaN, 2.5]);
    expect(feeds!.plan!.data).toEqual(['premium', 'mobile']);
    expect(Array.from(feeds!.promo!.data as Uint8Array)).toEqual([1, 1]);
    expect(feeds!.promo!.dims).toEqual([2, 1]);
  });

  it('columns layout: float inputs, categorical codes for numeric inputs, missing int64 refused', () => {
    const inputs = [col('tenure', 'float'), col('watch_hours', 'int64'), col('plan', 'float'), col('promo', 'float')];
    const { feeds, errors } = buildFeeds(manifest({ kind: 'columns' }), inputs, [good, { ...good, watch_hours: 4 }]);
    expect(errors).toEqual([{ row: 0, field: 'watch_hours', message: 'must not be missing (the model input is int64)' }]);
    expect(Array.from(feeds!.plan!.data as Float32Array)).toEqual([1]);
    expect(Array.from(feeds!.tenure!.data as Float32Array)).toEqual([12]);
  });

  it('no valid row gives no feeds', () => {
    expect(buildFeeds(manifest({ kind: 'tensor', name: 'X' }), [], [{}]).feeds).toBeNull();
  });

  it('columnIncompatibility explains impossible pairings', () => {
    expect(columnIncompatibility(manifest({ kind: 'columns' }).features[0]!, 'string')).toMatch(/numeric feature tenure cannot feed a tensor\(string\)/);
    expect(columnIncompatibility(manifest({ kind: 'columns' }).features[2]!, 'string')).toBeNull();
  });
});
