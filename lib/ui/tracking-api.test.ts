import { afterEach, describe, expect, it, vi } from 'vitest';
import { artifactChildPath, sortArtifacts } from './artifacts';
import { artifactDownloadUrl, artifactPath, errorMessage, historyQuery, trackingApi, TrackingApiError } from './tracking-api';

describe('error messages', () => {
  it('read both the MLflow and the product error shapes', () => {
    expect(errorMessage(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid filter at position 17' })).toEqual({ message: 'Invalid filter at position 17', code: 'INVALID_PARAMETER_VALUE' });
    expect(errorMessage(403, { error: { code: 'forbidden', message: 'This needs the data_scientist role' } })).toEqual({ message: 'This needs the data_scientist role', code: 'forbidden' });
    expect(errorMessage(500, null).message).toBe('Request failed (500)');
    expect(errorMessage(404, '<html>').message).toMatch(/Not found/);
  });
});

describe('trackingFetch', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('throws the server message with status and code', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'bad filter' }), { status: 400 })));
    const err = await trackingApi.searchRuns({ experiment_ids: ['1'], filter: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(TrackingApiError);
    expect(err).toMatchObject({ status: 400, message: 'bad filter', code: 'INVALID_PARAMETER_VALUE' });
  });
  it('posts JSON bodies', async () => {
    const f = vi.fn(async () => new Response(JSON.stringify({ runs: [] }), { status: 200 }));
    vi.stubGlobal('fetch', f);
    await trackingApi.searchRuns({ experiment_ids: ['1'], max_results: 1000 });
    expect(f).toHaveBeenCalledWith('/api/2.0/mlflow/runs/search', expect.objectContaining({ method: 'POST', body: '{"experiment_ids":["1"],"max_results":1000}' }));
  });
});

describe('urls', () => {
  it('repeat run_id for history and round the zoom range outward', () => {
    expect(historyQuery({ runIds: ['a', 'b'], key: 'val_auc', maxPoints: 1000, minStep: 10.4, maxStep: 20.2 })).toBe('run_id=a&run_id=b&key=val_auc&max_points=1000&min_step=10&max_step=21');
  });
  it('build artifact paths and encoded download links', () => {
    expect(artifactPath('1', 'r', '')).toBe('1/r/artifacts');
    expect(artifactPath('1', 'r', '/model')).toBe('1/r/artifacts/model');
    expect(artifactDownloadUrl('1', 'r', 'plots/roc curve.png')).toBe('/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/plots/roc%20curve.png');
  });
  it('accept listed paths relative to the folder or to the run root', () => {
    expect(artifactChildPath('model', 'model/model.onnx')).toBe('model/model.onnx');
    expect(artifactChildPath('model', 'model.onnx')).toBe('model/model.onnx');
    expect(artifactChildPath('', 'metrics.json')).toBe('metrics.json');
    const sorted = sortArtifacts('', [{ path: 'b.txt', is_dir: false }, { path: 'model', is_dir: true }, { path: 'a.png', is_dir: false }]);
    expect(sorted.map((f) => f.name)).toEqual(['model', 'a.png', 'b.txt']);
  });
});
