import type { Db } from '@/db/client';
import { churnByPlan, churnByRegion, latestLabeledMonths, monthlySummary } from '@/db/queries/overview';
import { buildOverview, type Overview } from './summary';

/** Group churn rates pool the last three labelled months: one month of a small group is too noisy to rank. */
export const GROUP_WINDOW_MONTHS = 3;

export async function loadOverview(db: Db): Promise<Overview> {
  const [months, groupMonths] = await Promise.all([monthlySummary({ db }), latestLabeledMonths({ db, n: GROUP_WINDOW_MONTHS })]);
  const [byPlan, byRegion] = await Promise.all([churnByPlan({ db, months: groupMonths }), churnByRegion({ db, months: groupMonths })]);
  return buildOverview({ months, byPlan, byRegion, groupMonths: [...groupMonths].sort() });
}
