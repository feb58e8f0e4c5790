import { z } from 'zod';
import { RUN_ID_RE } from './validation';

const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const runIds = list.pipe(z.array(z.string().regex(RUN_ID_RE, 'must be a run id')).min(1, 'give at least one run_id').max(100, 'at most 100 runs at once'));

export const historyQuery = z.object({
  run_id: runIds,
  key: z.string().min(1).max(250),
  max_points: z.coerce.number().int().min(2).max(5000).default(1000),
  min_step: z.coerce.number().int().optional(),
  max_step: z.coerce.number().int().optional(),
});

export const importanceQuery = z.object({
  run_id: list.pipe(z.array(z.string().regex(RUN_ID_RE, 'must be a run id')).min(1).max(5000)),
  metric: z.string().min(1).max(250),
});

export const aliasBody = z.strictObject({
  name: z.string().min(1).max(256),
  alias: z.string().min(1).max(255),
  version: z.number().int().min(1),
  reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(1000),
  /** An administrator's override of a failing fairness gate (promotions to @champion only). */
  fairness_override: z.strictObject({ justification: z.string().trim().min(20, 'justify the override in at least 20 characters').max(2000) }).optional(),
});

export const aliasDeleteBody = aliasBody.omit({ version: true, fairness_override: true });
