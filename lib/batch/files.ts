// Where a batch job's files live: <ARTIFACT_ROOT>/batch-jobs/<id>/ holds the upload, the result and the errors.
import fs from 'node:fs';
import path from 'node:path';
import { artifactRoot } from '@/lib/tracking/artifacts';

export const INPUT_FILE = 'input.csv';
export const RESULT_FILE = 'result.csv';
export const ERRORS_FILE = 'errors.csv';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function batchJobDir(id: string): string {
  if (!ID.test(id)) throw new Error(`not a batch job id: ${id}`);
  return path.join(/* turbopackIgnore: true */ artifactRoot(), 'batch-jobs', id);
}

export function batchJobFile(id: string, file: typeof INPUT_FILE | typeof RESULT_FILE | typeof ERRORS_FILE): string {
  return path.join(/* turbopackIgnore: true */ batchJobDir(id), file);
}

export function removeBatchJobDir(id: string): void {
  fs.rmSync(batchJobDir(id), { recursive: true, force: true });
}
