// The scoring form's API contract: look a customer up (GET /api/v1/customers/{id}, GET /api/v1/customers?q=) and
// score a record with an optional what-if (POST /api/v1/score). Plain zod, so the page can import the types.
import { z } from 'zod';

export const customerIdSchema = z.string().trim().min(1, 'Enter a customer id').max(200);

export const customerParamsSchema = z.object({ id: customerIdSchema });

export const customerSearchSchema = z.object({
  q: z.string().trim().min(1).max(200).meta({ description: 'Start of a customer id, e.g. C00012' }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const scoreRequestSchema = z
  .strictObject({
    record: z.record(z.string(), z.unknown()).meta({ description: 'One customer record: every feature of the served model, and optionally customer_id' }),
    what_if: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Feature values to change; the changed record is scored next to the original in the same request' }),
  })
  .meta({ id: 'ScoreFormRequest' });

export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

/** GET /api/v1/customers/{id}: the newest snapshot as a model input record, and who the customer is. */
export interface CustomerLookup {
  customer_id: string;
  /** The snapshot month the record comes from, 'YYYY-MM-01'. */
  month: string;
  record: Record<string, unknown>;
  signup_month: string;
  /** For display only; never model inputs. */
  demographics: { age_band: string; gender: string; region: string };
}
