// GET /api/v1/monitoring/windows: the stored windows of one model version as JSON (snake_case, like the rest of the
// API). Defaults: the churn model's champion, monthly windows, without the display histograms.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { getReference, listWindows } from '@/db/queries/monitoring';
import { getAlias } from '@/db/queries/registry';
import { WINDOW_KINDS } from '@/db/monitoring-schema';
import { ApiError } from '@/lib/api/errors';
import { CHURN_MODEL } from '@/lib/ml/model-names';

const date = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((s) => new Date(s));

export const windowsQuerySchema = z
  .object({
    model: z.string().min(1).max(200).default(CHURN_MODEL),
    version: z.coerce.number().int().min(1).optional(),
    kind: z.enum(WINDOW_KINDS).default('month'),
    from: date.optional(),
    to: date.optional(),
    include: z.enum(['profiles']).optional(),
  })
  .strict();

export type WindowsQuery = z.infer<typeof windowsQuerySchema>;

/** The version a monitoring view shows by default: the champion. */
export async function defaultVersion(db: Db, model: string): Promise<number> {
  const v = await getAlias({ db, name: model, alias: 'champion' });
  if (v === null) throw new ApiError('not_found', `Model ${model} has no champion; pass ?version=`);
  return v;
}

export async function windowsView(db: Db, q: WindowsQuery) {
  const version = q.version ?? (await defaultVersion(db, q.model));
  const [rows, reference] = await Promise.all([
    listWindows({ db, modelName: q.model, modelVersion: version, kind: q.kind, from: q.from, to: q.to, withProfiles: q.include === 'profiles' }),
    getReference({ db, modelName: q.model, modelVersion: version }),
  ]);
  return {
    model: q.model,
    version,
    kind: q.kind,
    reference: reference && { source: reference.source, rows: reference.rows, threshold: reference.threshold, performance: reference.performance },
    windows: rows.map((w) => ({
      start: w.start.toISOString(),
      end: w.end.toISOString(),
      computed_at: w.computedAt.toISOString(),
      predictions: w.predictions,
      labeled: w.labeled,
      drift_share: w.driftShare,
      dataset_drift: w.datasetDrift,
      drift: w.drift,
      prediction_drift: w.predictionDrift,
      mean_score: w.meanScore,
      realized: w.realized,
      estimated: w.estimated,
      ...('profiles' in w ? { profiles: w.profiles } : {}),
    })),
  };
}
