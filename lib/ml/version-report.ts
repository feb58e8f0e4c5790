// What the model pages show for one registered version: its manifest (features, threshold, calibration, training
// provenance) and its evaluation (curves, calibration, lift, importance, dependence) as stored beside the ONNX file.
import type { Db } from '@/db/client';
import { getModelVersions } from '@/db/queries/registry';
import { ApiError } from '@/lib/api/errors';
import { modelManifestSchema, type ModelManifest } from '@/lib/ml/manifest';
import { MODEL_FILES, type ModelEvaluation } from '@/lib/ml/pipeline/package';
import { readVersionFile, VersionFilesError } from '@/lib/tracking/version-files';

export interface VersionReport {
  name: string;
  version: number;
  aliases: string[];
  run_id: string | null;
  source: string;
  description: string;
  created_at: number;
  manifest: Omit<ModelManifest, 'reference_rows'> | null;
  evaluation: ModelEvaluation | null;
  /** Why manifest or evaluation is missing, when one is (e.g. a version logged by an external MLflow client). */
  note: string | null;
}

export async function versionReport(db: Db, name: string, version: number): Promise<VersionReport> {
  const [v] = await getModelVersions({ db, keys: [{ name, version }] });
  if (!v) throw new ApiError('not_found', `Model ${name} has no version ${version}`);
  let manifest: ModelManifest | null = null;
  let evaluation: ModelEvaluation | null = null;
  let note: string | null = null;
  try {
    const m = await readVersionFile(db, name, version, `${MODEL_FILES.manifest}`);
    const e = await readVersionFile(db, name, version, `${MODEL_FILES.evaluation}`);
    if (m) manifest = modelManifestSchema.parse(JSON.parse(m.toString('utf8')));
    if (e) evaluation = JSON.parse(e.toString('utf8')) as ModelEvaluation;
    if (!m) note = 'This version has no model manifest: it was not trained or imported through the product, so it cannot be served or charted here.';
    else if (!e) note = 'This version has no evaluation: imported models carry no labelled test split. Monitoring shows realized performance once labels arrive.';
  } catch (err) {
    if (!(err instanceof VersionFilesError) && !(err instanceof SyntaxError)) throw err;
    note = err.message;
  }
  const { reference_rows: _rows, ...manifestOut } = manifest ?? ({} as ModelManifest);
  return {
    name, version, aliases: v.aliases, run_id: v.runId, source: v.source, description: v.description, created_at: v.creationTimestamp,
    manifest: manifest ? manifestOut : null, evaluation, note,
  };
}
