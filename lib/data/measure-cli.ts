// Measures the design targets of a world (the numbers quoted in README.md):
//   tsx lib/data/measure-cli.ts [--seed 42] [--customers 20000] [--months 22]
// Prints generation time, monthly churn, Bayes AUC, the linear baseline's AUC, event signals and group gaps.

import { auc, fitLogistic } from './evaluation';
import { AGE_BANDS, REGIONS } from './features';
import { generateWorld } from './generator';
import type { GeneratedSnapshot } from './generator';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seed = arg('seed', 42);
const t0 = performance.now();
const world = generateWorld({ seed, activeCustomers: arg('customers', 20000), months: arg('months', 22) });
const t1 = performance.now();
const rows: GeneratedSnapshot[] = [...world.snapshots()];
const t2 = performance.now();
console.log(`generate ${(t1 - t0).toFixed(0)} ms, decode ${(t2 - t1).toFixed(0)} ms, rows ${rows.length}, customers ${world.customers.length}`);

const ageOf = new Map(world.customers.map((c) => [c.customer_id, AGE_BANDS.indexOf(c.age_band)]));
const regionOf = new Map(world.customers.map((c) => [c.customer_id, REGIONS.indexOf(c.region)]));
const byMonth = new Map<string, GeneratedSnapshot[]>();
for (const r of rows) {
  let list = byMonth.get(r.month);
  if (!list) byMonth.set(r.month, (list = []));
  list.push(r);
}

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
console.log('month       active churn% monthly% annual% annualShare meanCharge mobile% tvNull% otherNull% bayesAUC');
for (const [month, list] of byMonth) {
  const labelled = list.filter((r) => r.churned !== null);
  const rate = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.churned).length / Math.max(xs.length, 1);
  const monthly = labelled.filter((r) => r.contract === 'monthly');
  const annual = labelled.filter((r) => r.contract === 'annual');
  const tv = list.filter((r) => r.primary_device === 'tv');
  const other = list.filter((r) => r.primary_device !== 'tv');
  const nullShare = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.watch_hours_30d === null).length / xs.length;
  const meanCharge = list.reduce((a, r) => a + r.monthly_charge, 0) / list.length;
  const bayes = labelled.length ? auc(labelled.map((r) => r.p_true), labelled.map((r) => r.churned === true)) : NaN;
  console.log(
    `${month} ${String(list.length).padStart(6)} ${pct(rate(labelled))} ${pct(rate(monthly))} ${pct(rate(annual))}` +
      ` ${pct(list.filter((r) => r.contract === 'annual').length / list.length)}     ${meanCharge.toFixed(2).padStart(6)}` +
      ` ${pct(list.filter((r) => r.plan === 'mobile').length / list.length)} ${pct(nullShare(tv))} ${pct(nullShare(other))}` +
      `  ${bayes.toFixed(4)}`,
  );
}

const labelled = rows.filter((r) => r.churned !== null);
console.log(`\nBayes AUC (all labelled rows): ${auc(labelled.map((r) => r.p_true), labelled.map((r) => r.churned === true)).toFixed(4)}`);

// Linear baseline: trained on the first 8 months, scored on months 9-10 (before any event) and on later months.
const months = [...byMonth.keys()];
const train = months.slice(0, 8).flatMap((m) => byMonth.get(m) ?? []);
const t3 = performance.now();
const model = fitLogistic(train, train.map((r) => r.churned === true));
console.log(`logistic fit on ${train.length} rows in ${(performance.now() - t3).toFixed(0)} ms`);
const score = (list: GeneratedSnapshot[]) => {
  const xs = list.filter((r) => r.churned !== null);
  const pred = xs.map((r) => model.predict(r));
  const y = xs.map((r) => r.churned === true);
  return {
    logit: auc(pred, y),
    bayes: auc(xs.map((r) => r.p_true), y),
    meanPred: pred.reduce((a, b) => a + b, 0) / pred.length,
    rate: y.filter(Boolean).length / y.length,
  };
};
const holdout = months.slice(8, 10).flatMap((m) => byMonth.get(m) ?? []);
const h = score(holdout);
console.log(`holdout months 9-10: logistic AUC ${h.logit.toFixed(4)}, Bayes AUC ${h.bayes.toFixed(4)}, gap ${(h.bayes - h.logit).toFixed(4)}`);
console.log('month      logisticAUC bayesAUC meanPred churn');
for (const m of months.slice(8)) {
  const s = score(byMonth.get(m) ?? []);
  if (Number.isNaN(s.logit)) continue;
  console.log(`${m}   ${s.logit.toFixed(4)}   ${s.bayes.toFixed(4)}  ${pct(s.meanPred)} ${pct(s.rate)}`);
}

// Fairness: false-positive rate of the baseline at the top-10% threshold, by age band; churn by region.
const scored = holdout.filter((r) => r.churned !== null).map((r) => ({ r, p: model.predict(r) }));
const threshold = scored.map((s) => s.p).sort((a, b) => b - a)[Math.floor(scored.length * 0.1)];
console.log('\nage band  sessions  meanPred  churn   FPR@top10%');
AGE_BANDS.forEach((band, a) => {
  const xs = scored.filter((s) => ageOf.get(s.r.customer_id) === a);
  const neg = xs.filter((s) => !s.r.churned);
  const fpr = neg.filter((s) => s.p >= threshold).length / neg.length;
  const sessions = xs.reduce((acc, s) => acc + s.r.sessions_30d, 0) / xs.length;
  const meanPred = xs.reduce((acc, s) => acc + s.p, 0) / xs.length;
  const rate = xs.filter((s) => s.r.churned).length / xs.length;
  console.log(`${band.padEnd(8)} ${sessions.toFixed(1).padStart(8)} ${pct(meanPred)} ${pct(rate)} ${pct(fpr)}`);
});
console.log('\ntenure   churn% (monthly contract)  churn% (annual)');
for (const [lo, hi] of [[0, 0], [1, 2], [3, 5], [6, 11], [12, 23], [24, 999]]) {
  const xs = labelled.filter((r) => r.tenure_months >= lo && r.tenure_months <= hi);
  const rate = (ys: GeneratedSnapshot[]) => ys.filter((r) => r.churned).length / ys.length;
  const label = hi === 999 ? `${lo}+` : `${lo}-${hi}`;
  console.log(`${label.padEnd(8)} ${pct(rate(xs.filter((r) => r.contract === 'monthly')))}                   ${pct(rate(xs.filter((r) => r.contract === 'annual')))}`);
}
console.log('\nregion   churn%  failed_payments_90d');
REGIONS.forEach((region, g) => {
  const xs = labelled.filter((r) => regionOf.get(r.customer_id) === g);
  const failed = xs.reduce((acc, r) => acc + r.failed_payments_90d, 0) / xs.length;
  console.log(`${region.padEnd(8)} ${pct(xs.filter((r) => r.churned).length / xs.length)} ${failed.toFixed(3)}`);
});
