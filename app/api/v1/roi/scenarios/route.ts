import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { saveRoiScenario, scenarioJson, scenarios } from '@/lib/roi/policy';
import { scenarioBody } from '@/lib/roi/policy-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Saved ROI scenarios, newest first, each with its evaluation on the scores of the day it was saved. */
export const GET = route({ access: { role: 'stakeholder', scopes: ['read', 'roi'] } }, async ({ db }) => ({ scenarios: await scenarios(db) }));

/** Saves the inputs under a name (the same name again replaces them), evaluated on today's scores. */
export const POST = route({ access: { role: 'stakeholder' }, body: scenarioBody }, async ({ db, body, principal }) => ({
  scenario: scenarioJson(await saveRoiScenario({ db, body, by: principal ? principalLabel(principal) : 'unknown' })),
}));
