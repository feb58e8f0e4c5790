import { describe, expect, it } from 'vitest';
import { metrics, routeLabel, setServedVersion } from './metrics';

describe('serving metrics', () => {
  it('keeps one model_version_info series per model: a promotion replaces the old version', async () => {
    setServedVersion('m', 1);
    setServedVersion('m', 1);
    setServedVersion('other', 7);
    setServedVersion('m', 2);
    const values = (await metrics().modelInfo.get()).values.map((v) => [v.labels.model, v.labels.version, v.value]);
    expect(values.sort()).toEqual([['m', '2', 1], ['other', '7', 1]]);
  });

  it('labels routes without ids, so series stay bounded', () => {
    expect(routeLabel('/api/v1/batch-jobs/0b4a5c4f-07c8-4be4-b112-fd587f0eefc4/result')).toBe('/api/v1/batch-jobs/:id/result');
    expect(routeLabel('/v2/models/streamflow-churn/versions/3/infer')).toBe('/v2/models/streamflow-churn/versions/:n/infer');
    expect(routeLabel('/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/model.onnx')).toBe('/api/2.0/mlflow-artifacts/artifacts');
  });
});
