// POST /api/v1/drift/compare: request checks (both sides name the same columns, sizes within limits) around the
// statistics engine, whose typed errors become 422s naming the column.
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { DRIFT_MAX_ROWS } from './access';
import { compareDatasets, type DriftReport } from './stats';

const cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const column = z.array(cell);
const METHODS = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;

export const driftCompareSchema = z
  .object({
    reference: z.record(z.string().min(1).max(200), column),
    current: z.record(z.string().min(1).max(200), column),
    columns: z
      .record(
        z.string(),
        z.object({ type: z.enum(['numeric', 'categorical']).optional(), method: z.enum(METHODS).optional(), threshold: z.number().finite().positive().max(1e6).optional() }).strict(),
      )
      .optional(),
    drift_share: z.number().gt(0).max(1).optional(),
  })
  .strict();

export type DriftCompareRequest = z.infer<typeof driftCompareSchema>;

export function runDriftCompare(body: DriftCompareRequest): DriftReport {
  const names = Object.keys(body.reference);
  if (names.length === 0) throw new ApiError('validation_failed', 'reference must hold at least one column', [{ path: 'body.reference', message: 'no columns' }]);
  const missing = names.find((n) => !(n in body.current));
  if (missing) throw new ApiError('validation_failed', `Column ${missing} is in reference but not in current`, [{ path: `body.current.${missing}`, message: 'missing column' }]);
  const extra = Object.keys(body.current).find((n) => !(n in body.reference));
  if (extra) throw new ApiError('validation_failed', `Column ${extra} is in current but not in reference`, [{ path: `body.reference.${extra}`, message: 'missing column' }]);
  const unknown = Object.keys(body.columns ?? {}).find((n) => !(n in body.reference));
  if (unknown) throw new ApiError('validation_failed', `columns.${unknown} names a column that is not in the data`, [{ path: `body.columns.${unknown}`, message: 'unknown column' }]);
  for (const side of ['reference', 'current'] as const) {
    for (const n of names) {
      const len = body[side][n]!.length;
      if (len > DRIFT_MAX_ROWS) throw new ApiError('payload_too_large', `${side}.${n} has ${len} values; at most ${DRIFT_MAX_ROWS.toLocaleString('en-US')} per column`);
      if (len === 0) throw new ApiError('validation_failed', `${side}.${n} is empty`, [{ path: `body.${side}.${n}`, message: 'needs at least one value' }]);
    }
  }
  try {
    return compareDatasets(body.reference, body.current, { columns: body.columns, drift_share: body.drift_share });
  } catch (e) {
    const col = (e as { column?: string }).column;
    if (col !== undefined) throw new ApiError('validation_failed', `Column ${col}: ${(e as Error).message}`, [{ path: `body.columns.${col}`, message: (e as Error).message }]);
    throw e;
  }
}
