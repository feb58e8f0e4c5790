// The ROI of the live scores as the deck blocks and the executive summary show it: the engine run on the champion's
// scores of the current active customers with the saved ROI policy's inputs (or StreamFlow's defaults), and one
// plain-language sentence.
import type { Db } from '@/db/client';
import { activeRoiPolicy } from '@/db/queries/roi';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { evaluateRoi } from './evaluate';
import { DEFAULT_ROI_INPUTS, type RoiInputs } from './inputs';
import { liveScores } from './live-data';
import { prepareScores } from './prepare';
import { roiSentence } from './summary';

export interface LiveRoi {
  asOf: string;
  customers: number;
  curve: { contacted: number; threshold: number; expected_profit: number; p05: number; p95: number }[];
  optimum: { contacted: number; threshold: number; expected_profit: number; roi: number; p05: number; p95: number };
  baselines: { contact_all: { contacted: number; expected_profit: number }; random: { contacted: number; expected_profit: number } };
  break_even_acceptance_rate: number | null;
  summary: string;
}

/** Inputs saved with the active ROI policy, else the defaults. */
export async function currentRoiInputs(db: Db): Promise<RoiInputs> {
  const p = await activeRoiPolicy({ db, modelName: CHURN_MODEL });
  return p ? ({ ...DEFAULT_ROI_INPUTS, ...(p.inputs as Partial<RoiInputs>) } as RoiInputs) : { ...DEFAULT_ROI_INPUTS };
}

/** At most ~150 points of the curve up to a few times the optimum, always keeping the optimum itself. */
function focusCurve<T extends { contacted: number }>(curve: T[], optimum: number, n: number): T[] {
  const inFocus = curve.filter((c) => c.contacted <= Math.max(3 * optimum, Math.ceil(n / 10)));
  const step = Math.max(1, Math.ceil(inFocus.length / 150));
  return inFocus.filter((c, i) => i % step === 0 || c.contacted === optimum || i === inFocus.length - 1);
}

export async function liveRoi(db: Db, inputs?: Partial<RoiInputs>): Promise<LiveRoi | null> {
  const live = await liveScores(db);
  if (!live) return null;
  const prepared = prepareScores(live.scores, { clv: live.charges });
  const r = evaluateRoi(prepared, { ...(await currentRoiInputs(db)), ...inputs }, { curvePoints: 2000 });
  return {
    asOf: live.asOf,
    customers: live.customers,
    // The region worth reading: a few times the optimum (not the long negative tail of contacting everyone).
    curve: focusCurve(r.curve, r.optimum.contacted, live.customers).map((c) => ({ contacted: c.contacted, threshold: c.threshold ?? 1, expected_profit: c.expected_profit, p05: c.p05, p95: c.p95 })),
    optimum: { contacted: r.optimum.contacted, threshold: r.optimum.threshold ?? 1, expected_profit: r.optimum.expected_profit, roi: r.optimum.roi ?? 0, p05: r.optimum.p05, p95: r.optimum.p95 },
    baselines: { contact_all: r.baselines.contact_all, random: r.baselines.random },
    break_even_acceptance_rate: r.break_even_acceptance_rate,
    summary: roiSentence(r, live.customers),
  };
}
