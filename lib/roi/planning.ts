// "Plan at scale": today's (score, monthly charge) pairs resampled with replacement to N customers, seeded, so a
// stakeholder can see the campaign for a larger base with the same risk mix (and so the page's speed can be measured
// at 100k customers on the demo's ~22k).
import { mulberry32 } from '@/lib/ml/prng';

export function planningSample(live: { scores: ArrayLike<number>; charges: ArrayLike<number> }, n: number, seed = 1): { scores: number[]; charges: number[] } {
  const rand = mulberry32(seed);
  const m = live.scores.length;
  const scores = new Array<number>(n);
  const charges = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(rand() * m);
    scores[i] = live.scores[j]!;
    charges[i] = live.charges[j]!;
  }
  return { scores, charges };
}
