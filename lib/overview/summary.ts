// Turns per-month and per-group counts into what the overview shows. Pure, so the arithmetic is unit-tested.
export interface MonthCounts {
  month: string;
  active: number;
  labeled: number;
  churned: number;
  mrr: number;
  churnedMrr: number;
}

export interface GroupCounts {
  group: string;
  customers: number;
  churned: number;
}

export interface SeriesPoint {
  month: string;
  active: number;
  /** Churned within 30 days / customers with a known label; null while labels are pending. */
  churnRate: number | null;
  mrr: number;
  churnedMrr: number | null;
}

export interface GroupRate {
  group: string;
  customers: number;
  churnRate: number;
}

export interface Overview {
  latestMonth: string | null;
  latestLabeledMonth: string | null;
  activeCustomers: number;
  activeChange: number | null;
  mrr: number;
  churnRate: number | null;
  churnRateChange: number | null;
  revenueLost: number | null;
  revenueLost12m: number;
  series: SeriesPoint[];
  byPlan: GroupRate[];
  byRegion: GroupRate[];
  /** The labeled months the group rates pool. */
  groupMonths: string[];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function toGroupRates(rows: GroupCounts[]): GroupRate[] {
  return rows
    .filter((r) => r.customers > 0)
    .map((r) => ({ group: r.group, customers: r.customers, churnRate: r.churned / r.customers }))
    .sort((a, b) => b.churnRate - a.churnRate);
}

export function buildOverview(input: { months: MonthCounts[]; byPlan: GroupCounts[]; byRegion: GroupCounts[]; groupMonths: string[] }): Overview {
  const series: SeriesPoint[] = input.months.map((m) => {
    // A month counts as labelled only when every customer's label is in; a partial month would understate churn.
    const complete = m.labeled > 0 && m.labeled === m.active;
    return {
      month: m.month,
      active: m.active,
      churnRate: complete ? m.churned / m.labeled : null,
      mrr: round(m.mrr, 2),
      churnedMrr: complete ? round(m.churnedMrr, 2) : null,
    };
  });
  const latest = series.at(-1);
  const prev = series.at(-2);
  const labeled = series.filter((p) => p.churnRate !== null);
  const lastLabeled = labeled.at(-1);
  const prevLabeled = labeled.at(-2);
  return {
    latestMonth: latest?.month ?? null,
    latestLabeledMonth: lastLabeled?.month ?? null,
    activeCustomers: latest?.active ?? 0,
    activeChange: latest && prev && prev.active > 0 ? (latest.active - prev.active) / prev.active : null,
    mrr: latest?.mrr ?? 0,
    churnRate: lastLabeled?.churnRate ?? null,
    churnRateChange: lastLabeled && prevLabeled ? lastLabeled.churnRate! - prevLabeled.churnRate! : null,
    revenueLost: lastLabeled?.churnedMrr ?? null,
    revenueLost12m: round(labeled.slice(-12).reduce((s, p) => s + (p.churnedMrr ?? 0), 0), 2),
    series,
    byPlan: toGroupRates(input.byPlan),
    byRegion: toGroupRates(input.byRegion),
    groupMonths: input.groupMonths,
  };
}
