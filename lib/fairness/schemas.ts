// Request bodies and query strings of the fairness API (zod). Shape checks only: the engine's own validation
// (FairnessInputError: lengths, 0/1 labels, probabilities in [0, 1]) names the offending field in a 422 as well.
import { z } from 'zod';
import { CRITERIA } from './types';

export const MAX_AUDIT_ROWS = 500_000;
const label = z.string().min(1).max(100);
const attr = z.string().regex(/^[A-Za-z_][\w-]{0,63}$/, 'an attribute name: letters, digits, _ and -, up to 64 characters');

export const auditBody = z.strictObject({
  y_true: z.array(z.number()).min(1).max(MAX_AUDIT_ROWS),
  y_score: z.array(z.number()).max(MAX_AUDIT_ROWS).optional(),
  y_pred: z.array(z.number()).max(MAX_AUDIT_ROWS).optional(),
  threshold: z.number().gt(0).lt(1).optional(),
  sensitive: z.record(attr, z.array(label).max(MAX_AUDIT_ROWS)).refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 8, 'give 1 to 8 sensitive attributes'),
  intersections: z.array(z.array(attr).min(2).max(3)).max(10).optional(),
  reference: z.record(z.string(), label).optional(),
  bootstrap: z.strictObject({ n: z.number().int().min(1).max(2000), seed: z.number().int().min(0).max(2 ** 31 - 1).default(0), level: z.number().gt(0.5).lt(1).optional() }).optional(),
  min_group_size: z.number().int().min(1).max(1_000_000).optional(),
});
export type AuditBody = z.infer<typeof auditBody>;

export const criterionSchema = z.enum(CRITERIA);
export const conventionSchema = z.enum(['between_groups', 'to_overall', 'vs_reference']);
export const toleranceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ratio'), lower: z.number().gt(0).lt(1), upper: z.number().gt(1).max(100) }),
  z.strictObject({ kind: z.literal('difference'), max: z.number().gt(0).lt(1) }),
]);
export const referenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('largest') }),
  z.strictObject({ kind: z.literal('best') }),
  z.strictObject({ kind: z.literal('group'), group: label }),
]);

export const AUDITED_ATTRIBUTES = ['age_band', 'gender', 'region', 'age_band&gender', 'age_band&region', 'gender&region', 'age_band&gender&region'] as const;

export const decisionBody = z.strictObject({
  model_version: z.number().int().min(1),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  criterion: criterionSchema,
  convention: conventionSchema.default('between_groups'),
  reference: referenceSchema.optional(),
  tolerance: toleranceSchema.default({ kind: 'ratio', lower: 0.8, upper: 1.25 }),
  attributes: z.array(z.enum(AUDITED_ATTRIBUTES)).min(1).max(AUDITED_ATTRIBUTES.length),
  min_group_size: z.number().int().min(1).max(100_000).default(30),
  intervention: z.enum(['assistive', 'punitive']).default('assistive'),
  rationale: z.string().trim().min(40, 'explain the choice in at least 40 characters').max(5000),
  rejected: z.array(z.strictObject({ criterion: criterionSchema, why: z.string().trim().min(10, 'say why in at least 10 characters').max(2000) })).max(CRITERIA.length).default([]),
});
export type DecisionBody = z.infer<typeof decisionBody>;

export const versionAuditQuery = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM').optional(),
  bootstrap: z.coerce.number().int().min(0).max(1000).default(200),
  seed: z.coerce.number().int().min(0).default(7),
  min_group_size: z.coerce.number().int().min(1).default(30),
  threshold_policy: z.enum(['active', 'none']).default('none'),
});

export const mitigationQuery = z.object({
  attribute: z.enum(AUDITED_ATTRIBUTES).default('age_band'),
  criterion: criterionSchema.default('equal_opportunity'),
  objective: z.enum(['profit', 'accuracy']).default('profit'),
  lower: z.coerce.number().gt(0).lt(1).default(0.8),
  upper: z.coerce.number().gt(1).max(100).default(1.25),
  min_group_size: z.coerce.number().int().min(1).default(30),
  month: z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM').optional(),
});

export const policyBody = z.strictObject({
  attribute: z.enum(AUDITED_ATTRIBUTES),
  criterion: criterionSchema,
  objective: z.enum(['profit', 'accuracy']),
  tolerance: toleranceSchema.default({ kind: 'ratio', lower: 0.8, upper: 1.25 }),
  min_group_size: z.number().int().min(1).default(30),
  reason: z.string().trim().min(10, 'say why in at least 10 characters').max(2000),
});

export const overrideSchema = z.strictObject({ justification: z.string().trim().min(20, 'justify the override in at least 20 characters').max(2000) });
