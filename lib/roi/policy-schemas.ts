// Bodies of the ROI policy and scenario routes. The inputs are the engine's (lib/roi/inputs.ts); missing ones take
// StreamFlow's defaults.
import { z } from 'zod';

export const roiInputsSchema = z.strictObject({
  clv: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('flat'), value: z.number().min(0).max(1e6) }), z.strictObject({ kind: z.literal('per_customer'), months: z.number().min(0).max(240) })]).optional(),
  offerCost: z.number().min(0).max(1e5).optional(),
  contactCost: z.number().min(0).max(1e5).optional(),
  acceptanceRate: z.number().min(0).max(1).optional(),
  acceptanceBeta: z.strictObject({ alpha: z.number().gt(0), beta: z.number().gt(0) }).nullable().optional(),
  fixedCost: z.number().min(0).max(1e9).optional(),
  capacity: z.number().int().min(0).nullable().optional(),
});

export const roiPolicyBody = z
  .strictObject({
    kind: z.enum(['threshold', 'top_k']),
    /** For kind threshold; default: the optimum's threshold under `inputs`. */
    threshold: z.number().gt(0).max(1).optional(),
    /** For kind top_k; default: the optimum's number of contacts under `inputs`. */
    top_k: z.number().int().min(1).optional(),
    inputs: roiInputsSchema.default({}),
    reason: z.string().trim().min(10, 'say why in at least 10 characters').max(2000),
  })
  .refine((b) => b.kind !== 'threshold' || b.top_k === undefined, { message: 'top_k belongs to kind top_k', path: ['top_k'] })
  .refine((b) => b.kind !== 'top_k' || b.threshold === undefined, { message: 'threshold belongs to kind threshold', path: ['threshold'] });
export type RoiPolicyBody = z.infer<typeof roiPolicyBody>;

export const scenarioBody = z.strictObject({ name: z.string().trim().min(1).max(100), inputs: roiInputsSchema.default({}) });
export type ScenarioBody = z.infer<typeof scenarioBody>;

export const withdrawBody = z.strictObject({ reason: z.string().trim().min(10, 'say why in at least 10 characters').max(2000) });
