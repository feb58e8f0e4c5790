// Argument checks and lookups shared by the registry endpoints.
import type { Db } from '@/db/client';
import { getModelVersions, getRegisteredModels } from '@/db/queries/registry';
import { requireString } from '../validation';
import { invalid, notFound } from './errors';

const NAME_MAX = 256;
export const STAGES = ['None', 'Staging', 'Production', 'Archived'];

export function modelName(input: Record<string, unknown>, field = 'name'): string {
  const name = requireString(field, input[field]);
  if (name.length > NAME_MAX) throw invalid(`Registered model name exceeds ${NAME_MAX} characters`);
  return name;
}

export function versionOf(v: unknown): number {
  const s = requireString('version', v);
  if (!/^\d{1,9}$/.test(s)) throw invalid(`Parameter 'version' must be an integer, got '${s}'.`);
  return Number(s);
}

export async function requireModel(db: Db, name: string) {
  const [m] = await getRegisteredModels({ db, names: [name] });
  if (!m) throw notFound(`Registered Model with name=${name} not found`);
  return m;
}

export async function requireVersion(db: Db, name: string, version: number) {
  const [v] = await getModelVersions({ db, keys: [{ name, version }] });
  if (!v) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  return v;
}

