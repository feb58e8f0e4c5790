// Reading and writing a model package as files (models/ in the repository, or any folder `npm run train --out`
// names). Writing is deterministic — the same package gives byte-identical files — so `npm run train` with the
// default seed reproduces the shipped model exactly (provenance such as the run id aside).
import fs from 'node:fs';
import path from 'node:path';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { MODEL_FILES, type ModelEvaluation, type ModelPackage } from './package';

/** Provenance that differs between two trainings of the same model (which database run logged it). */
export function withoutProvenance(manifest: ModelPackage['manifest']): ModelPackage['manifest'] {
  if (!manifest.training) return manifest;
  const { run_id: _ignored, ...training } = manifest.training;
  return { ...manifest, training };
}

export function writeModelFiles(dir: string, pkg: ModelPackage): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    [MODEL_FILES.onnx, pkg.onnx],
    // The run id lives in the registry's copy of the manifest; the folder copy stays identical across trainings.
    [MODEL_FILES.manifest, JSON.stringify(withoutProvenance(pkg.manifest), null, 2) + '\n'],
    [MODEL_FILES.reference, JSON.stringify(pkg.reference) + '\n'],
    [MODEL_FILES.covers, JSON.stringify(pkg.covers) + '\n'],
    [MODEL_FILES.evaluation, JSON.stringify(pkg.evaluation) + '\n'],
  ];
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    const tmp = `${target}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, target);
  }
  return files.map(([n]) => path.join(dir, n));
}

export function readModelFiles(dir: string): ModelPackage {
  const read = (n: string) => fs.readFileSync(path.join(dir, n));
  const json = (n: string) => JSON.parse(read(n).toString('utf8'));
  return {
    onnx: new Uint8Array(read(MODEL_FILES.onnx)),
    manifest: modelManifestSchema.parse(json(MODEL_FILES.manifest)),
    reference: json(MODEL_FILES.reference) as ModelPackage['reference'],
    covers: json(MODEL_FILES.covers) as ModelPackage['covers'],
    evaluation: json(MODEL_FILES.evaluation) as ModelEvaluation,
  };
}

export const SHIPPED_MODEL_DIR = 'models';
