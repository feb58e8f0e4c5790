// A six-slide deck that uses every block kind (and so every BlockData type), with made-up data, for the renderer
// tests: no database, the data map is what resolveDeck would return.
import type { RenderInput } from './layout';
import type { BlockData, Slide } from './types';

const block = (id: string, kind: Slide['blocks'][number]['kind'], params: Record<string, string> = {}) => ({ id, kind, params, mode: 'live' as const });

export const SAMPLE_SLIDES: Slide[] = [
  { id: 's1', layout: 'title', title: 'Churn review — board pack', subtitle: '1 March 2026', notes: 'Welcome; agenda.', blocks: [] },
  { id: 's2', layout: 'two_charts', title: 'Where we stand', subtitle: 'Overview and ROI', notes: 'Churn is down; ROI is positive.', blocks: [block('b-kpi', 'overview_kpis'), block('b-roi-sum', 'roi_summary')] },
  { id: 's3', layout: 'two_charts', title: 'Model performance', subtitle: '', notes: 'The champion leads the sweep.', blocks: [block('b-runs', 'run_comparison'), block('b-disp', 'fairness_disparity')] },
  { id: 's4', layout: 'two_charts', title: 'Drift status', subtitle: 'Monthly windows', notes: 'monthly_charge drifted after the price change.', blocks: [block('b-heat', 'drift_heatmap'), block('b-fd', 'feature_drift', { feature: 'monthly_charge' })] },
  { id: 's5', layout: 'two_charts', title: 'Fairness and ROI', subtitle: '', notes: 'FPR gap by age band is within tolerance.', blocks: [block('b-fair', 'fairness_table'), block('b-roi', 'roi_curve')] },
  { id: 's6', layout: 'two_charts', title: 'Decision', subtitle: '', notes: 'We ask for approval ≥ today.', blocks: [block('b-card', 'model_card_summary'), block('b-text', 'text', { text: 'Approve the campaign\n- Contact 2,500 customers\n- Review in April' })] },
];

const months = ['Sep 25', 'Oct 25', 'Nov 25', 'Dec 25', 'Jan 26', 'Feb 26'];

export const SAMPLE_BLOCKS: Record<string, BlockData> = {
  'b-kpi': { type: 'kpis', title: 'Overview — 2026-02', items: [{ label: 'Active customers', value: '48,210', hint: '+1.2% vs previous month' }, { label: 'Churn rate', value: '4.1%' }, { label: 'Revenue lost', value: '$21,400/mo' }, { label: 'MRR', value: '$612,000' }, { label: 'Revenue lost, 12 months', value: '$240,000' }] },
  'b-roi-sum': { type: 'kpis', title: 'ROI recommendation', items: [{ label: 'Customers to contact', value: '2,500' }, { label: 'Expected profit', value: '$41,000', hint: '90% interval $30,000 – $52,000' }], note: 'Contact the 2,500 riskiest customers.' },
  'b-runs': { type: 'chart', chart: 'bar', title: 'val_auc by run', format: 'num', labels: ['lr0.1-l2_0', 'lr0.3-l2_0', 'lr0.03-l2_0'], series: [{ name: 'val_auc', values: [0.812, 0.809, 0.801] }], note: 'The best 3 runs.' },
  'b-disp': { type: 'chart', chart: 'hbar', title: 'FPR by age band', xLabel: 'FPR', format: 'pct', labels: ['18-24', '25-34', '35-49', '50-64', '65+'], series: [{ name: 'FPR', values: [0.12, 0.1, 0.09, null, 0.14] }] },
  'b-heat': {
    type: 'heatmap',
    title: 'Feature drift by month',
    rows: ['monthly_charge', 'tenure_months', 'watch_hours_30d'],
    cols: months,
    values: [
      [0.2, 0.3, 0.4, 1.6, 2.5, 3.1],
      [0.1, 0.1, 0.2, 0.1, null, 0.2],
      [0.4, 0.6, 0.7, 0.9, 1.1, 0.8],
    ],
    flagged: [
      [false, false, false, true, true, true],
      [false, false, false, false, false, false],
      [false, false, false, false, true, false],
    ],
    format: 'num',
    note: 'Red: drift flagged.',
  },
  'b-fd': { type: 'chart', chart: 'line', title: 'Drift of monthly_charge', xLabel: 'Month', yLabel: 'Wasserstein distance', format: 'num', labels: months, series: [{ name: 'score', values: [0.02, 0.03, 0.04, 0.16, 0.25, 0.31] }, { name: 'Threshold', values: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1] }] },
  'b-fair': { type: 'table', title: 'Fairness by age band', columns: ['Group', 'Count', 'Base rate', 'TPR', 'FPR', 'Precision'], rows: [['18-24', '410', '6.1%', '71.0%', '12.0%', '28.0%'], ['25-34', '820', '4.9%', '69.0%', '10.0%', '27.5%'], ['65+ (small)', '25', '3.0%', 'n/a', '14.0%', 'n/a']], note: 'Test split 2026-02.' },
  'b-roi': { type: 'chart', chart: 'line', title: 'Expected profit', xLabel: 'Customers contacted', yLabel: 'Expected profit', format: 'usd', labels: ['0', '1,000', '2,000', '3,000', '4,000'], series: [{ name: 'Expected profit', values: [0, 30000, 41000, 36000, -5000] }, { name: '5th percentile', values: [0, 20000, 30000, 22000, -20000] }, { name: '95th percentile', values: [0, 38000, 52000, 50000, 9000] }] },
  'b-card': { type: 'text', title: 'Model card: streamflow-churn v1', paragraphs: [], bullets: ['Version: streamflow-churn v1 (@champion)', 'Decision threshold: 0.31', 'Promotion gate: pass'] },
  'b-text': { type: 'text', paragraphs: ['Approve the campaign'], bullets: ['Contact 2,500 customers', 'Review in April'] },
};

export const SAMPLE_INPUT: RenderInput = { name: 'Churn review — Q1', slides: SAMPLE_SLIDES, blocks: SAMPLE_BLOCKS, generatedAt: '2026-03-01T09:00:00.000Z' };
