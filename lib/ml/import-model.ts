// Importing a data scientist's ONNX binary classifier: validate it (lib/ml/onnx/validate.ts), then store it like a
// trained version — a run holding the model and its manifest, a new registry version, optionally the `challenger`
// alias. Promotion to champion stays a separate, reasoned step on the registry page.
import type { Db } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { validateOnnxImport, type OnnxImportInfo } from '@/lib/ml/onnx/validate';
import { MODEL_FILES } from '@/lib/ml/pipeline/package';
import { mlflowClient } from '@/lib/tracking/client';
import { principalTransport } from '@/lib/tracking/in-process';
import type { EndpointContext } from '@/lib/tracking/mlflow/router';

export const IMPORT_EXPERIMENT = 'streamflow-churn-imports';

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  manifestText: string;
  name?: string;
  description?: string;
  alias?: 'challenger' | null;
}

function rejected(message: string, field: string): ApiError {
  return new ApiError('validation_failed', message, [{ path: field, message }]);
}

export async function importModel(ctx: { db: Db; principal: Principal | null; audit: EndpointContext['audit'] }, req: ImportRequest): Promise<{ model_version: { name: string; version: string; run_id: string }; validation: OnnxImportInfo }> {
  if (req.bytes.length === 0) throw rejected('The model file is empty', 'model');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(req.manifestText);
  } catch (e) {
    throw rejected(`The manifest is not valid JSON: ${(e as Error).message}`, 'manifest');
  }
  const result = await validateOnnxImport(req.bytes, manifestJson);
  if (!result.ok) throw rejected(result.reason, result.field ? `manifest.${result.field}` : 'model');
  const { manifest, info } = result;
  const name = req.name?.trim() || CHURN_MODEL;

  const client = mlflowClient({ baseUrl: 'http://in-process', transport: principalTransport(ctx) });
  const kv = (o: Record<string, unknown>) => Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));
  const expId = await client.getOrCreateExperiment(IMPORT_EXPERIMENT, kv({ project: 'streamflow-churn', purpose: 'imported models' }));
  const run = await client.createRun(expId, `import-${req.fileName.replace(/\.onnx$/i, '')}`.slice(0, 250), kv({ 'mlflow.source.type': 'UPLOAD', 'mlflow.source.name': req.fileName, model_kind: info.kind }), Date.now());
  await client.logBatch(run.run_id, {
    params: kv({
      model_kind: info.kind,
      input_layout: manifest.input.kind,
      inputs: info.inputs.map((i) => `${i.name}:${i.elemType}`).join(',').slice(0, 6000),
      opsets: info.opsets.map((o) => `${o.domain || 'ai.onnx'}=${o.version}`).join(','),
      features: manifest.features.length,
      threshold: manifest.threshold,
    }),
  });
  await client.uploadArtifact(run.artifact_uri, `model/${MODEL_FILES.onnx}`, req.bytes);
  await client.uploadArtifact(run.artifact_uri, `model/${MODEL_FILES.manifest}`, JSON.stringify(manifest, null, 2));
  await client.uploadArtifact(run.artifact_uri, 'model/validation.json', JSON.stringify(info, null, 2));
  await client.endRun(run.run_id, 'FINISHED', Date.now());

  await client.ensureRegisteredModel(name, '');
  const desc = req.description?.trim() || `Imported ${info.kind.replace('_', ' ')} model (${req.fileName})`;
  const mv = await client.createModelVersion(name, `runs:/${run.run_id}/model`, run.run_id, desc);
  await client.call('POST', 'model-versions/set-tag', { name, version: mv.version, key: 'threshold', value: String(manifest.threshold) });
  await client.call('POST', 'model-versions/set-tag', { name, version: mv.version, key: 'imported', value: 'true' });
  if (req.alias) await client.setAlias(name, req.alias, mv.version, `Imported as ${req.alias} (${req.fileName})`);
  await ctx.audit('registry.model_import', { type: 'model_version', id: `${name}/${mv.version}` }, { file: req.fileName, kind: info.kind, run_id: run.run_id, alias: req.alias ?? null });
  return { model_version: { name, version: mv.version, run_id: run.run_id }, validation: info };
}
