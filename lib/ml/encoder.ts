// The one encoder between a customer record and a model's input row: training, the ONNX parity test, serving and
// the scoring form all call it, so a feature can never be encoded one way in training and another in production.
//
// Encoding (written into every model's manifest, so it is documented per model as well as here):
// - numeric: the value as a float32; null / missing -> NaN, which the trees route by their learned missing direction;
// - boolean: 0 or 1;
// - categorical: the index of the value in the manifest's `categories` list. For our own models that list is ordered
//   by the training split's churn rate (lowest first), so a tree's `code <= t` split is a partition of categories
//   sorted by target mean — the ordering for which Fisher (1958) showed the best binary partition is one of these
//   cut points. A category seen in the contract but never in training encodes as NaN (missing).
import { FEATURES, type FeatureSpec } from '@/lib/data/features';

export interface FeatureEncoding {
  name: string;
  type: 'numeric' | 'categorical' | 'boolean';
  /** Categorical only: code = index in this list. */
  categories?: string[];
  /** Categorical only: allowed values that encode as missing because training never saw them. */
  unseenCategories?: string[];
  unit?: string;
  range?: [number, number];
  nullable: boolean;
  description?: string;
}

export interface EncoderSpec {
  features: FeatureEncoding[];
}

export interface FieldError {
  field: string;
  message: string;
}

/** The contract's features with the categories in contract order (used before a model fixes its own order). */
export function contractEncoding(features: readonly FeatureSpec[] = FEATURES): EncoderSpec {
  return {
    features: features.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.categories ? { categories: [...f.categories] } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.range ? { range: [f.range[0], f.range[1]] as [number, number] } : {}),
      nullable: f.nullable,
      description: f.description,
    })),
  };
}

/**
 * Orders each categorical feature's categories by the churn rate seen in training (ties and unseen categories by
 * contract order); categories with no training rows become `unseenCategories`.
 */
export function fitCategoryOrder(spec: EncoderSpec, rows: readonly Record<string, unknown>[], labels: ArrayLike<number>): EncoderSpec {
  return {
    features: spec.features.map((f) => {
      if (f.type !== 'categorical' || !f.categories) return f;
      const all = [...f.categories, ...(f.unseenCategories ?? [])];
      const count = new Map<string, number>();
      const pos = new Map<string, number>();
      rows.forEach((r, i) => {
        const v = String(r[f.name]);
        count.set(v, (count.get(v) ?? 0) + 1);
        pos.set(v, (pos.get(v) ?? 0) + (labels[i] ? 1 : 0));
      });
      const seen = all.filter((c) => (count.get(c) ?? 0) > 0);
      const rate = (c: string) => pos.get(c)! / count.get(c)!;
      seen.sort((a, b) => rate(a) - rate(b) || all.indexOf(a) - all.indexOf(b));
      const unseen = all.filter((c) => !count.get(c));
      return { ...f, categories: seen, ...(unseen.length ? { unseenCategories: unseen } : { unseenCategories: undefined }) };
    }),
  };
}

/** Encodes one record into `out[offset..]`; returns the field errors (and leaves NaN where a value was bad). */
export function encodeRecord(spec: EncoderSpec, record: Record<string, unknown>, out: { [i: number]: number }, offset = 0): FieldError[] {
  const errors: FieldError[] = [];
  spec.features.forEach((f, j) => {
    const v = record[f.name];
    let x = Number.NaN;
    if (v === null || v === undefined) {
      if (!f.nullable) errors.push({ field: f.name, message: v === undefined ? 'is required' : 'must not be null' });
    } else if (f.type === 'numeric') {
      if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ field: f.name, message: 'must be a finite number' });
      else if (f.range && (v < f.range[0] || v > f.range[1])) errors.push({ field: f.name, message: `must be between ${f.range[0]} and ${f.range[1]}` });
      else x = v;
    } else if (f.type === 'boolean') {
      if (typeof v !== 'boolean') errors.push({ field: f.name, message: 'must be true or false' });
      else x = v ? 1 : 0;
    } else {
      const code = typeof v === 'string' ? (f.categories ?? []).indexOf(v) : -1;
      if (code >= 0) x = code;
      else if (typeof v !== 'string' || !(f.unseenCategories ?? []).includes(v)) {
        errors.push({ field: f.name, message: `must be one of ${[...(f.categories ?? []), ...(f.unseenCategories ?? [])].join(', ')}` });
      }
    }
    out[offset + j] = x;
  });
  return errors;
}

/** Encodes many records into a row-major Float32Array; throws on the first invalid row, naming row and field. */
export function encodeRows(spec: EncoderSpec, records: readonly Record<string, unknown>[]): Float32Array {
  const d = spec.features.length;
  const out = new Float32Array(records.length * d);
  records.forEach((r, i) => {
    const errors = encodeRecord(spec, r, out, i * d);
    if (errors.length) throw new Error(`row ${i}: ${errors[0]!.field} ${errors[0]!.message}`);
  });
  return out;
}
