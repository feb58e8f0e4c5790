// Input checks and normalisation for audit(): every problem becomes a FairnessInputError naming the field, and the
// label / prediction / score columns come out as compact typed arrays the rest of the engine loops over.

import type { AuditInput } from './audit-types';
import { FairnessInputError } from './errors';
import { DEFAULT_MIN_GROUP_SIZE } from './types';

export const MAX_BOOTSTRAP = 10_000;

export interface Columns {
  n: number;
  y: Uint8Array;
  pred: Uint8Array;
  /** null when no y_score was given. -0 is normalised to +0 (the radix sort relies on the sign bit being clear). */
  score: Float64Array | null;
  threshold: number | null;
  minGroupSize: number;
  boot: { n: number; seed: number; level: number } | null;
}

function binary(values: ArrayLike<number>, field: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === 1) out[i] = 1;
    else if (v !== 0) throw new FairnessInputError(field, `${field}[${i}] is ${JSON.stringify(v) ?? String(v)}; expected 0 or 1`);
  }
  return out;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v != null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
}

export function checkLength(values: unknown, field: string, n: number): void {
  if (!isArrayLike(values)) throw new FairnessInputError(field, `${field} must be an array`);
  if (values.length !== n) throw new FairnessInputError(field, `${field} has ${values.length} rows, y_true has ${n}`);
}

export function validateColumns(input: AuditInput): Columns {
  if (!isArrayLike(input.yTrue)) throw new FairnessInputError('y_true', 'y_true must be an array');
  const n = input.yTrue.length;
  if (n === 0) throw new FairnessInputError('y_true', 'no rows: y_true is empty');
  const y = binary(input.yTrue, 'y_true', n);

  let score: Float64Array | null = null;
  if (input.yScore != null) {
    checkLength(input.yScore, 'y_score', n);
    score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = input.yScore[i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new FairnessInputError('y_score', `y_score[${i}] is ${JSON.stringify(v) ?? String(v)}; expected a probability in [0, 1]`);
      }
      score[i] = v + 0; // -0 + 0 === +0
    }
  }

  let pred: Uint8Array;
  let threshold: number | null = null;
  if (input.yPred != null) {
    checkLength(input.yPred, 'y_pred', n);
    pred = binary(input.yPred, 'y_pred', n);
  } else if (score !== null) {
    threshold = input.threshold ?? 0.5;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new FairnessInputError('threshold', 'threshold must be a finite number');
    pred = new Uint8Array(n);
    for (let i = 0; i < n; i++) pred[i] = score[i] >= threshold ? 1 : 0;
  } else {
    throw new FairnessInputError('y_score', 'give y_score (probabilities) or y_pred (0/1 predictions)');
  }

  const minGroupSize = input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 0) {
    throw new FairnessInputError('min_group_size', 'min_group_size must be a non-negative integer');
  }

  let boot: Columns['boot'] = null;
  if (input.bootstrap != null) {
    const { n: reps, seed, level = 0.95 } = input.bootstrap;
    if (!Number.isInteger(reps) || reps < 1 || reps > MAX_BOOTSTRAP) {
      throw new FairnessInputError('bootstrap.n', `bootstrap.n must be an integer in [1, ${MAX_BOOTSTRAP}], got ${String(reps)}`);
    }
    if (!Number.isSafeInteger(seed)) throw new FairnessInputError('bootstrap.seed', 'bootstrap.seed must be an integer');
    if (typeof level !== 'number' || !(level > 0 && level < 1)) {
      throw new FairnessInputError('bootstrap.level', 'bootstrap.level must be in (0, 1)');
    }
    boot = { n: reps, seed, level };
  }
  return { n, y, pred, score, threshold, minGroupSize, boot };
}
