// Request schemas, access rules and the JSON view of the retraining routes (/api/v1/monitoring/retraining).
import { z } from 'zod';
import type { RetrainingRun } from '@/db/schema';
import type { Access } from '@/lib/api/handler';
import type { RetrainingData } from './retrain';
import type { RetrainComparison } from './retrain-compare';

/** Reading runs is reading monitoring results: anyone signed in, or a key with `read` or `monitoring`. */
export const RETRAINING_READ_ACCESS = { role: 'stakeholder', scopes: ['read', 'monitoring'] } as const satisfies Access;
/** Starting one trains and registers a model: data scientists, or a key with the `monitoring` scope. */
export const RETRAINING_START_ACCESS = { role: 'data_scientist', scopes: ['monitoring'] } as const satisfies Access;

export const retrainingParamsSchema = z.object({ id: z.uuid('must be a UUID') });
export const listRetrainingQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const startRetrainingBody = z.strictObject({
  reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(1000),
});

export interface RetrainingRunView {
  id: string;
  status: RetrainingRun['status'];
  reason: string;
  trigger: 'policy' | 'manual';
  rule: { id: string; name: string } | null;
  alert_event_id: string | null;
  requested_by: string | null;
  model: { name: string; base_version: number; new_version: number | null };
  run_id: string | null;
  progress: number;
  auto_promote: boolean;
  promoted: boolean;
  data: RetrainingData | null;
  comparison: RetrainComparison | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export function retrainingRunView(r: RetrainingRun): RetrainingRunView {
  const data = (r.data ?? null) as RetrainingData | null;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    trigger: data?.trigger ?? (r.ruleId ? 'policy' : 'manual'),
    rule: data?.rule ?? (r.ruleId ? { id: r.ruleId, name: '' } : null),
    alert_event_id: r.alertEventId,
    requested_by: data?.requested_by ?? null,
    model: { name: r.modelName, base_version: r.baseVersion, new_version: r.newVersion },
    run_id: r.runId,
    progress: r.progress,
    auto_promote: r.autoPromote,
    promoted: r.promoted,
    data,
    comparison: (r.comparison ?? null) as RetrainComparison | null,
    error: r.error,
    created_at: r.createdAt,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
  };
}
