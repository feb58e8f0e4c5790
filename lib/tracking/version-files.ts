// The files of a registered model version: its source is `runs:/<run_id>/<path>` (or a `mlflow-artifacts:` URI),
// stored in the artifact store. Serving, the model pages and the importer read them through here.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { getModelVersions } from '@/db/queries/registry';
import { findRun } from '@/db/queries/tracking-runs';
import { artifactPathOfUri, artifactRoot, safeRelative } from './artifacts';

export class VersionFilesError extends Error {}

/** The artifact-store folder (relative to ARTIFACT_ROOT) holding a version's files. */
export async function versionArtifactDir(db: Db, name: string, version: number): Promise<string> {
  const [v] = await getModelVersions({ db, keys: [{ name, version }] });
  if (!v) throw new VersionFilesError(`model ${name} has no version ${version}`);
  const runs = /^runs:\/([0-9a-f]{32})\/?(.*)$/.exec(v.source);
  if (runs) {
    const run = await findRun({ db, runId: runs[1]! });
    if (!run) throw new VersionFilesError(`the run ${runs[1]} behind ${name} v${version} no longer exists`);
    const base = artifactPathOfUri(run.artifactUri);
    if (base === null) throw new VersionFilesError(`the run's artifacts (${run.artifactUri}) are not in this server's artifact store`);
    return [base, safeRelative(runs[2] ?? '')].filter(Boolean).join('/');
  }
  const direct = artifactPathOfUri(v.source);
  if (direct === null) throw new VersionFilesError(`the source ${v.source} of ${name} v${version} is not in this server's artifact store`);
  return direct;
}

/** Reads one file of a version, or null when the version has no such file. */
export async function readVersionFile(db: Db, name: string, version: number, file: string): Promise<Buffer | null> {
  const dir = await versionArtifactDir(db, name, version);
  const abs = path.join(artifactRoot(), dir, safeRelative(file));
  try {
    return fs.readFileSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
