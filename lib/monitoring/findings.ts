// The monitoring page's "what we found": plain-language findings generated from the stored windows (pure, tested in
// views.test.ts), built on the shaping helpers in views.ts.
import type { WindowKind } from '@/db/monitoring-schema';
import type { ReferencePerformance } from './types';
import { describeTest, driftStrength, featureOrder, fmtMetric, fmtNum, fmtShare, isPValueMethod, MIN_LABELED, nullShareChanges, realizedOf, windowTitle, type WindowView } from './views';

export interface Finding {
  tone: 'alert' | 'warn' | 'info' | 'ok';
  /** Short heading, e.g. the feature name. */
  subject: string;
  text: string;
  href?: string;
}

const AUC_GAP = 0.01;

/**
 * Sentences a stakeholder can read, built from the stored windows only: which features drifted and since when,
 * null-share spikes, dataset and score drift, and whether realized performance fell below the label-free estimate.
 */
export function findings(kind: WindowKind, windows: readonly WindowView[], opts: { reference?: ReferencePerformance | null; features?: readonly string[]; maxFeatures?: number } = {}): Finding[] {
  const out: Finding[] = [];
  if (!windows.length) return out;
  const title = (w: WindowView) => windowTitle(kind, w);
  const since = kind === 'last_n' ? 'in' : 'from';

  // Null-share spikes first: a data-quality fault reads like drift, so say it before the drift it causes.
  const seenNull = new Set<string>();
  for (const n of nullShareChanges(kind, windows)) {
    if (seenNull.has(n.feature)) continue;
    seenNull.add(n.feature);
    out.push({
      tone: 'alert',
      subject: n.feature,
      text: `${n.feature} null share ${fmtShare(n.current)} in ${n.windowTitle} vs ${fmtShare(n.reference)} in the reference (${n.change > 0 ? '+' : '−'}${(Math.abs(n.change) * 100).toFixed(1)} points): check the pipeline that feeds it before reading its drift as a change in customers.`,
      href: `/monitoring/features/${encodeURIComponent(n.feature)}`,
    });
  }

  // Per drifted feature: since when, and how it evolved.
  const order = featureOrder(windows, opts.features);
  const drifted = order
    .map((f) => {
      const cells = windows.map((w) => w.drift.columns[f]);
      const firstIdx = cells.findIndex((c) => c?.drift);
      if (firstIdx < 0) return null;
      const count = cells.filter((c) => c?.drift).length;
      const peak = Math.max(...cells.map((c) => (c ? driftStrength(c) : 0)));
      return { f, firstIdx, count, peak, first: cells[firstIdx]!, last: cells.at(-1) };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => a.firstIdx - b.firstIdx || b.peak - a.peak);
  const max = opts.maxFeatures ?? 6;
  for (const d of drifted.slice(0, max)) {
    const firstW = windows[d.firstIdx]!;
    const persistent = d.count === windows.length - d.firstIdx;
    let text = `${d.f} drifted ${since} ${title(firstW)} (${describeTest(d.first)})`;
    if (windows.length > 1) text += persistent ? (d.firstIdx === windows.length - 1 ? '' : ', in every window since') : `, in ${d.count} of ${windows.length} windows`;
    if (d.last && d.last !== d.first && !isPValueMethod(d.last.method) && d.last.drift) {
      const grew = d.last.score > d.first.score * 1.25;
      const fell = d.last.score < d.first.score * 0.8;
      text += `; ${grew ? 'growing to' : fell ? 'easing to' : 'at'} ${fmtNum(d.last.score)} in ${title(windows.at(-1)!)}`;
    }
    out.push({ tone: 'warn', subject: d.f, text: text + '.', href: `/monitoring/features/${encodeURIComponent(d.f)}` });
  }
  if (drifted.length > max) {
    out.push({ tone: 'info', subject: 'Other features', text: `Also drifted at least once: ${drifted.slice(max).map((d) => d.f).join(', ')}.` });
  }

  // Dataset drift verdict.
  const dd = windows.filter((w) => w.datasetDrift);
  const share = windows[0]!.drift.drift_share;
  if (dd.length) {
    out.push({ tone: 'alert', subject: 'Dataset drift', text: `Dataset drift in ${dd.length} of ${windows.length} windows (at least ${fmtShare(share, 0)} of features drifted), first ${since} ${title(dd[0]!)}.` });
  } else {
    const peak = windows.reduce((a, b) => (b.driftShare > a.driftShare ? b : a));
    out.push({ tone: drifted.length ? 'info' : 'ok', subject: 'Dataset drift', text: `No window reached dataset drift (${fmtShare(share, 0)} of features); the highest share was ${fmtShare(peak.driftShare, 0)} in ${title(peak)}.` });
  }

  // Prediction (score) drift.
  const sd = windows.filter((w) => w.predictionDrift.drift);
  if (sd.length) {
    const first = sd[0]!;
    out.push({ tone: 'warn', subject: 'Churn scores', text: `The churn-score distribution drifted ${since} ${title(first)} (${describeTest(first.predictionDrift)}); mean score ${fmtShare(first.meanScore)} there.` });
  }

  // Realized vs estimated performance: the concept-change signal that input drift alone does not give. CBPE assumes
  // the model is still calibrated, so realized AUC under the estimate means churn now follows the features differently.
  const refAuc = opts.reference?.auc ?? null;
  const vsRef = refAuc !== null ? `; the reference (${opts.reference!.split}) had ${fmtMetric(refAuc)}` : '';
  const gaps = windows
    .filter((w) => realizedOf(w)?.auc != null && w.estimated.auc != null)
    .map((w) => ({ w, r: w.realized!.auc!, e: w.estimated.auc!, gap: w.estimated.auc! - w.realized!.auc!, belowBand: w.estimated.auc_band ? w.realized!.auc! < w.estimated.auc_band.lower : false }));
  const worst = gaps.reduce<(typeof gaps)[number] | null>((a, g) => (a === null || g.gap > a.gap ? g : a), null);
  if (worst && (worst.gap > AUC_GAP || worst.belowBand)) {
    // The stretch of consecutive labelled windows under the estimate around the worst one.
    const i = gaps.indexOf(worst);
    let lo = i;
    let hi = i;
    while (lo > 0 && gaps[lo - 1]!.gap > 0) lo--;
    while (hi < gaps.length - 1 && gaps[hi + 1]!.gap > 0) hi++;
    const span = lo === hi ? `in ${title(gaps[lo]!.w)}` : `from ${title(gaps[lo]!.w)} to ${title(gaps[hi]!.w)}`;
    const last = gaps.at(-1)!;
    const closed = hi < gaps.length - 1 ? ` By ${title(last.w)} realized AUC is back in line (${fmtMetric(last.r)} vs ${fmtMetric(last.e)}).` : ' Consider retraining on recent labels.';
    out.push({
      tone: worst.belowBand ? 'alert' : 'warn',
      subject: 'Performance',
      text:
        `Realized AUC below the label-free estimate ${span}: ${fmtMetric(worst.r)} against ${fmtMetric(worst.e)} in ${title(worst.w)}` +
        `${worst.belowBand ? ', outside the estimate’s band' : ''}${vsRef}. The scores are as confident as before but wrong more often: churn follows the features differently (concept change), which input drift alone does not show.${closed}`,
    });
  } else if (gaps.length) {
    const last = gaps.at(-1)!;
    out.push({ tone: 'ok', subject: 'Performance', text: `Realized AUC ${fmtMetric(last.r)} in ${title(last.w)}${refAuc !== null ? ` (reference ${fmtMetric(refAuc)})` : ''}, in line with the label-free estimate.` });
  }

  // Calibration: mean predicted churn against the churn that happened.
  const calib = windows
    .filter((w) => realizedOf(w) !== null)
    .map((w) => ({ w, p: w.realized!.mean_predicted, o: w.realized!.base_rate }))
    .filter((c) => Math.abs(c.o - c.p) > 0.01 && Math.abs(c.o - c.p) > 0.25 * Math.max(c.o, c.p))
    .sort((a, b) => Math.abs(b.o - b.p) - Math.abs(a.o - a.p))[0];
  if (calib) {
    out.push({
      tone: 'warn',
      subject: 'Calibration',
      text: `In ${title(calib.w)} the model predicted ${fmtShare(calib.p)} churn on average and ${fmtShare(calib.o)} of the scored customers churned: it ${calib.o > calib.p ? 'under' : 'over'}-predicts churn, so expected-churn figures and the contact threshold are off.`,
    });
  }
  const unlabelled = windows.filter((w) => realizedOf(w) === null);
  if (unlabelled.length) {
    const names = unlabelled.length <= 3 ? unlabelled.map(title).join(', ') : `${unlabelled.length} windows`;
    const few = unlabelled.some((w) => w.labeled > 0);
    out.push({
      tone: 'info',
      subject: 'Labels',
      text: `${names}: ${few ? `no or too few labels yet (under ${MIN_LABELED})` : 'no labels yet'} (churn is known a month later), so performance there is the CBPE estimate only.`,
    });
  }
  return out;
}
