// The executive summary: a new deck generated from the product's current state — title, overview KPIs, model
// performance, drift status (the most drifted feature picked now), the fairness decision and the ROI recommendation.
// Blocks stay live (a stakeholder freezes them before the meeting); every slide gets a short speaker note that says
// what to tell the room, followed by the numbers the blocks show today.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { describeData } from './format';
import { mostDriftedFeature, resolveDeck } from './resolve';
import type { Block, Slide } from './types';

const block = (kind: Block['kind'], params: Block['params'] = {}): Block => ({ id: `b-${randomUUID().slice(0, 8)}`, kind, params, mode: 'live' });

function slide(layout: Slide['layout'], title: string, subtitle: string, notes: string, blocks: Block[] = []): Slide {
  return { id: `s-${randomUUID().slice(0, 8)}`, layout, title, subtitle, notes, blocks };
}

/** "1 March 2026" */
export function longDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export async function executiveSummary(db: Db, now = new Date()): Promise<{ name: string; slides: Slide[] }> {
  const feature = (await mostDriftedFeature(db)) ?? 'monthly_charge';
  const slides: Slide[] = [
    slide('title', 'Customer churn: executive summary', `StreamFlow churn platform · ${longDate(now)}`, 'Purpose: where churn stands, how well the model predicts it, whether it is still reliable and fair, and what retention campaign we recommend.'),
    slide('kpis', 'Where churn stands', 'Latest month; churn is known a month after the snapshot', 'Start with the size of the problem: active customers, the churn rate and the revenue it costs us.', [block('overview_kpis')]),
    slide('two_charts', 'Model performance', 'The champion model and the best runs of the sweep', 'The champion ranks customers by churn risk; these are its test results and how the candidate runs compared.', [block('model_card_summary'), block('run_comparison', { metric: 'val_auc' })]),
    slide('two_charts', 'Drift status', `Monthly drift of the model's inputs; ${feature} in detail`, `Drift means today's customers differ from the ones the model learned from. Red cells are flagged; ${feature} drifted the most.`, [block('drift_heatmap'), block('feature_drift', { feature })]),
    slide('two_charts', 'Fairness decision', 'Error rates by age band for the champion', 'We audit the model by age band, gender and region. This slide shows the age bands and the false-positive-rate gap between them.', [block('fairness_table', { attribute: 'age_band' }), block('fairness_disparity', { attribute: 'age_band', metric: 'fpr' })]),
    slide('two_charts', 'ROI recommendation', 'Who to contact, and what it is expected to earn', 'The recommendation: contact the customers at the top of the risk ranking up to the optimum, with the 90% interval of the expected profit.', [block('roi_summary'), block('roi_curve')]),
  ];
  // Speaker notes carry today's numbers, so a presenter reading them sees what the slide shows.
  const data = await resolveDeck(db, slides);
  for (const s of slides) {
    const facts = s.blocks.map((b) => describeData(data[b.id]!)).filter(Boolean).join(' ');
    if (facts) s.notes = `${s.notes}\n\nToday (${now.toISOString().slice(0, 10)}): ${facts}`.slice(0, 10_000);
  }
  return { name: `Executive summary — ${longDate(now)}`, slides };
}
