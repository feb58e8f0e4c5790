// Customer records (features by name) -> onnxruntime feeds, per the manifest's input layout. Invalid records do not
// throw: they are reported per row and field and left out of the batch, so one bad record cannot sink a request.
import * as ort from 'onnxruntime-node';
import { encodeRecord, type FieldError } from '@/lib/ml/encoder';
import type { ModelManifest } from '@/lib/ml/manifest';
import type { ValueDesc } from '@/lib/ml/onnx/parse';

export interface RowError extends FieldError {
  row: number;
}

export interface Feeds {
  /** null when no record was valid. */
  feeds: Record<string, ort.Tensor> | null;
  /** Indices (into the records given) of the rows in the batch, in batch order. */
  rows: number[];
  errors: RowError[];
}

type Feature = ModelManifest['features'][number];

/** Why a feature cannot feed an input of this element type under the `columns` layout, or null when it can. */
export function columnIncompatibility(feature: Feature, elemType: string | null): string | null {
  const ok: Record<Feature['type'], string[]> = {
    numeric: ['float', 'double', 'int64'],
    boolean: ['float', 'double', 'int64', 'bool'],
    // A string input takes the category itself; a numeric one takes its code (index in `categories`).
    categorical: ['string', 'float', 'double', 'int64'],
  };
  if (elemType && ok[feature.type].includes(elemType)) return null;
  return `${feature.type} feature ${feature.name} cannot feed a tensor(${elemType ?? 'unknown'}) input (accepted: ${ok[feature.type].join(', ')})`;
}

export function buildFeeds(manifest: ModelManifest, inputs: readonly ValueDesc[], records: readonly Record<string, unknown>[]): Feeds {
  const features = manifest.features;
  const f = features.length;
  const byName = new Map(inputs.map((v) => [v.name, v]));
  const elemTypes = features.map((feat) => (manifest.input.kind === 'tensor' ? 'float' : (byName.get(feat.name)?.elemType ?? 'float')));
  const errors: RowError[] = [];
  const rows: number[] = [];
  // The shared encoder validates every field and yields the numeric value or category code (NaN when missing).
  const encoded = new Float32Array(records.length * f);
  records.forEach((r, i) => {
    const errs: FieldError[] =
      r && typeof r === 'object' && !Array.isArray(r) ? encodeRecord({ features }, r, encoded, i * f) : [{ field: '(record)', message: 'must be an object of features by name' }];
    if (!errs.length) {
      features.forEach((feat, j) => {
        if (elemTypes[j] !== 'int64') return;
        // int64 has no NaN, and a fractional value would be truncated without a word.
        const v = exact(feat, r[feat.name], encoded[i * f + j]!);
        if (Number.isNaN(v)) errs.push({ field: feat.name, message: 'must not be missing (the model input is int64)' });
        else if (!Number.isInteger(v)) errs.push({ field: feat.name, message: 'must be a whole number (the model input is int64)' });
      });
    }
    if (errs.length) errors.push(...errs.map((e) => ({ row: i, ...e })));
    else rows.push(i);
  });
  if (!rows.length) return { feeds: null, rows, errors };

  if (manifest.input.kind === 'tensor') {
    const data = new Float32Array(rows.length * f);
    rows.forEach((r, k) => data.set(encoded.subarray(r * f, (r + 1) * f), k * f));
    return { feeds: { [manifest.input.name]: new ort.Tensor('float32', data, [rows.length, f]) }, rows, errors };
  }

  const feeds: Record<string, ort.Tensor> = {};
  features.forEach((feat, j) => {
    const dims = [rows.length, 1];
    const code = (r: number) => encoded[r * f + j]!;
    const raw = (r: number) => records[r]![feat.name];
    switch (elemTypes[j]) {
      case 'string':
        // A missing (nullable) category goes in as '', which a OneHotEncoder with zeros=1 encodes as all zeros.
        feeds[feat.name] = new ort.Tensor('string', rows.map((r) => (typeof raw(r) === 'string' ? (raw(r) as string) : '')), dims);
        break;
      case 'int64':
        feeds[feat.name] = new ort.Tensor('int64', BigInt64Array.from(rows, (r) => BigInt(exact(feat, raw(r), code(r)))), dims);
        break;
      case 'bool':
        feeds[feat.name] = new ort.Tensor('bool', Uint8Array.from(rows, (r) => (code(r) ? 1 : 0)), dims);
        break;
      case 'double':
        feeds[feat.name] = new ort.Tensor('float64', Float64Array.from(rows, (r) => exact(feat, raw(r), code(r))), dims);
        break;
      default:
        feeds[feat.name] = new ort.Tensor('float32', Float32Array.from(rows, code), dims);
    }
  });
  return { feeds, rows, errors };
}

/** A numeric feature's own value for int64/double inputs: the encoder's float32 would round large or precise values. */
function exact(feat: Feature, raw: unknown, code: number): number {
  return feat.type === 'numeric' && typeof raw === 'number' ? raw : code;
}
