// Artifact storage on the local filesystem under ARTIFACT_ROOT, addressed the way MLflow's proxied artifact service
// addresses it: `<experiment_id>/<run_id>/artifacts/<path>`. Every path is checked to stay inside the root.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '@/lib/env';
import { invalid } from './mlflow/errors';

export function artifactRoot(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env().ARTIFACT_ROOT);
}

/** A relative artifact path, validated: no absolute paths, no `..`, no backslashes or NUL bytes. */
export function safeRelative(p: string): string {
  const clean = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (clean === '') return '';
  const parts = clean.split('/');
  if (p.includes('\\') || p.includes('\0') || parts.some((s) => s === '..' || s === '.' || s === '')) {
    throw invalid(`Invalid path: '${p}'. Artifact paths must be relative and may not contain '..'.`);
  }
  return parts.join('/');
}

function resolveInside(rel: string): string {
  const root = artifactRoot();
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) throw invalid(`Invalid path: '${rel}'`);
  return abs;
}

export class TooLarge extends Error {}

/** Streams the body to a temporary file and renames it into place, so a failed upload never leaves half a file. */
export async function writeArtifact(rel: string, body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<number> {
  const target = resolveInside(safeRelative(rel));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomUUID()}.part`;
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      cb(size > maxBytes ? new TooLarge(`artifact larger than ${maxBytes} bytes`) : null, chunk);
    },
  });
  try {
    const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(source, counter, fs.createWriteStream(tmp));
    fs.renameSync(tmp, target);
    return size;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export function statArtifact(rel: string): fs.Stats | null {
  try {
    return fs.statSync(resolveInside(safeRelative(rel)));
  } catch {
    return null;
  }
}

export function openArtifact(rel: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(resolveInside(safeRelative(rel)))) as ReadableStream<Uint8Array>;
}

export interface ArtifactEntry {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/** The entries directly under `rel`, named relative to it (what MLflow's list returns); empty if it does not exist. */
export function listArtifacts(rel: string): ArtifactEntry[] {
  const dir = resolveInside(safeRelative(rel));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.endsWith('.part'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => (e.isDirectory() ? { path: e.name, is_dir: true } : { path: e.name, is_dir: false, file_size: fs.statSync(path.join(dir, e.name)).size }));
}

export function deleteArtifact(rel: string): boolean {
  const abs = resolveInside(safeRelative(rel));
  if (!fs.existsSync(abs)) return false;
  fs.rmSync(abs, { recursive: true, force: true });
  return true;
}

/** `mlflow-artifacts:/1/abc/artifacts` → `1/abc/artifacts`; other schemes are not stored here. */
export function artifactPathOfUri(uri: string): string | null {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(uri);
  return m ? safeRelative(m[1]!) : null;
}
