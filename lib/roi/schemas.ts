// The request body of POST /api/v1/roi/evaluate (zod). Shape checks only: the engine's own validation
// (RoiInputError: probabilities in [0, 1], 0/1 labels, non-negative costs, γ in [0, 1], a Beta with mean γ, lengths)
// names the offending field in a 422 as well, with the same messages the ROI page shows.
import { z } from 'zod';
import { MAX_CURVE_POINTS } from './evaluate';

export const MAX_ROI_ROWS = 1_000_000;
/** 1M scores, labels and CLVs as JSON numbers (~20 bytes each) fit with room to spare. */
export const ROI_MAX_BYTES = 64 * 1024 * 1024;

const column = z.array(z.number()).max(MAX_ROI_ROWS);

export const roiEvaluateBody = z.strictObject({
  scores: column.describe('Calibrated churn probabilities, one per customer'),
  labels: column.optional().describe('Observed churn (0/1) per customer: adds the realized profit and EMP'),
  clv: z.union([z.number(), column]).describe('Value of a saved customer in USD: one for everyone, or one per customer'),
  offer_cost: z.number().describe('d: the offer’s cost, paid by every contacted customer who takes it'),
  contact_cost: z.number().describe('f: the cost of one contact'),
  acceptance_rate: z.number().describe('γ: the share of contacted would-be churners who are saved'),
  acceptance_beta: z.strictObject({ alpha: z.number(), beta: z.number() }).optional().describe('The uncertainty about γ; its mean must be acceptance_rate. Default Beta(20γ, 20(1 − γ))'),
  fixed_cost: z.number().optional().describe('A: charged once when anyone is contacted (default 0)'),
  capacity: z.number().nullable().optional().describe('The most customers that can be contacted (default unlimited)'),
  curve_points: z.number().optional().describe(`Points on the returned profit curve (4–${MAX_CURVE_POINTS}, default 400)`),
});
export type RoiEvaluateBody = z.infer<typeof roiEvaluateBody>;
