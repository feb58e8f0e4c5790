// What POST /api/v1/roi/evaluate calls: the ROI engine on the caller's scores, exactly as the ROI page runs it, plus
// the tornado and (with labels) EMP. No side effects. An input the engine refuses is a 422 naming the field.
import { ApiError } from '@/lib/api/errors';
import { empOf, type EmpResult } from './emp';
import { RoiInputError } from './errors';
import { evaluateRoi, type RoiResult } from './evaluate';
import type { RoiInputs } from './inputs';
import { prepareScores } from './prepare';
import type { RoiEvaluateBody } from './schemas';
import { sensitivity, type SensitivityResult } from './sensitivity';

export const ROI_ACCESS = { role: 'stakeholder', scopes: ['roi'] } as const;

export type RoiResponse = RoiResult & { sensitivity: SensitivityResult; emp?: EmpResult };

export function runRoiRequest(body: RoiEvaluateBody): RoiResponse {
  try {
    const perCustomer = Array.isArray(body.clv);
    const prepared = prepareScores(body.scores, { labels: body.labels, ...(perCustomer ? { clv: body.clv as number[] } : {}) });
    const inputs: RoiInputs = {
      // CLVs given in USD per customer are the amounts themselves: one "month" of them.
      clv: perCustomer ? { kind: 'per_customer', months: 1 } : { kind: 'flat', value: body.clv as number },
      offerCost: body.offer_cost,
      contactCost: body.contact_cost,
      acceptanceRate: body.acceptance_rate,
      acceptanceBeta: body.acceptance_beta ?? null,
      fixedCost: body.fixed_cost ?? 0,
      capacity: body.capacity ?? null,
    };
    const result = evaluateRoi(prepared, inputs, { curvePoints: body.curve_points });
    const out: RoiResponse = { ...result, sensitivity: sensitivity(prepared, inputs) };
    if (prepared.hasLabels) {
      const { alpha, beta } = result.acceptance.beta;
      out.emp = empOf(prepared, { clv: inputs.clv, offerCost: inputs.offerCost, contactCost: inputs.contactCost, alpha, beta });
    }
    return out;
  } catch (e) {
    if (e instanceof RoiInputError) throw new ApiError('validation_failed', e.message, [{ path: `body.${e.field}`, message: e.message }]);
    throw e;
  }
}
