// Fairness on the demo: the audit of the champion's test month finds the designed-in age gap (the 65+ band is
// flagged far more often while churning no more), a data scientist records a criterion that the champion violates,
// the promotion gate blocks a data scientist and lets an administrator override with an audited justification, and
// per-group thresholds applied as a policy are what the predict API then uses. The spec ends by recording a lenient
// criterion and withdrawing the policy, so later specs promote and score as before.
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';

const MODEL = 'streamflow-churn';
test.describe.configure({ mode: 'serial' });

async function snap(page: Page, info: TestInfo, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

async function champion(request: APIRequestContext): Promise<number> {
  const m = (await (await request.get(`/api/2.0/mlflow/registered-models/get?name=${MODEL}`)).json()).registered_model;
  return Number(m.aliases.find((a: { alias: string }) => a.alias === 'champion').version);
}

interface Group {
  count: number;
  fpr: number;
  base_rate: number;
}

test('a stakeholder reads the audit: the 65+ false-positive rate stands out, with intervals and counts', async ({ page, login }, info) => {
  await login.signInAs('stakeholder');
  const v = await champion(page.request);
  const audit = await (await page.request.get(`/api/v1/fairness/models/${MODEL}/versions/${v}/audit`)).json();
  const age = audit.by_group.age_band as Record<string, Group>;
  // The designed-in disparity: 65+ are flagged more often among customers who stay, though they churn no more.
  const fprs = Object.entries(age).map(([g, m]) => [g, m.fpr] as const);
  expect(fprs.reduce((a, b) => (b[1] > a[1] ? b : a))[0]).toBe('65+');
  expect(age['65+']!.fpr).toBeGreaterThan(1.5 * age['25-34']!.fpr);
  expect(age['65+']!.base_rate).toBeLessThan(age['18-24']!.base_rate);

  await page.goto(`/fairness?version=${v}&metric=fpr`);
  await expect(page.getByRole('heading', { name: 'Fairness', level: 1 })).toBeVisible();
  await expect(page.getByTestId('audit-source')).toContainText('test split 2026-02');
  await expect(page.getByTestId('audit-source')).toContainText('200 resamples');
  const chart = page.getByTestId('disparity-chart');
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(5);
  await expect(chart.locator('.recharts-errorBar')).not.toHaveCount(0);
  await expect(chart.locator('.recharts-reference-area')).toHaveCount(1);
  const table = page.getByRole('table', { name: 'Group metrics by Age band' });
  const old = table.getByRole('row', { name: /^65\+/ });
  await expect(old).toContainText(age['65+']!.count.toLocaleString('en-US'));
  await expect(old).toContainText(`${(age['65+']!.fpr * 100).toFixed(1)}%`);
  // Intersections: the age × region grid with counts; impossibility on the model's own numbers.
  await expect(page.getByRole('table', { name: /FPR by Age band and Region/ }).getByRole('cell').first()).toContainText('n=');
  await expect(page.getByRole('table', { name: "Chouldechova's identity by Age band" }).getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'Why not every criterion can hold' })).toContainText('Kleinberg');
  await expect(page.getByRole('region', { name: 'Fairness criterion' })).toContainText('Suggested for a retention offer: Equal opportunity');
  await expect(page.getByRole('region', { name: 'Fairness criterion' })).toContainText('four-fifths rule');
  // A stakeholder reads but does not decide.
  await expect(page.getByRole('form', { name: 'Record a fairness decision' })).toHaveCount(0);
  await snap(page, info, 'fairness-page');

  // The same audit on a month of production: the champion's logged predictions with the labels that came back.
  await page.getByRole('navigation', { name: 'Audit data' }).getByRole('link', { name: '2026-03' }).click();
  await expect(page.getByTestId('audit-source')).toContainText('predictions logged in 2026-03 with labels');
  await expect(page.getByRole('table', { name: 'Group metrics by Age band' }).getByRole('row', { name: /^65\+/ })).toBeVisible();
});

test('a data scientist records equalized odds; the gate then blocks promotion, and only an administrator overrides it', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  const v = await champion(page.request);
  await page.goto(`/fairness?version=${v}`);
  const form = page.getByRole('form', { name: 'Record a fairness decision' });
  await form.getByLabel('Criterion').selectOption('equalized_odds');
  for (const a of ['Gender', 'Region']) await form.getByRole('checkbox', { name: a, exact: true }).uncheck();
  await form.getByLabel('Rationale').fill('e2e: both missed churners and needless offers must be shared equally across age bands, so both error rates are held equal.');
  await form.getByText('Criteria not chosen').click();
  await form.getByLabel('Why not Predictive parity').fill('Base rates differ by age band, so precision parity would force unequal error rates.');
  await form.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('status')).toContainText(/Decision record #\d+ saved\. The criterion does not hold on this version yet/);
  await expect(page.getByTestId('gate-status')).toContainText('Blocks promotion');
  const records = page.getByRole('list', { name: 'Decision records' });
  await expect(records.getByRole('listitem').first()).toContainText('Equalized odds');
  await expect(records.getByRole('listitem').first()).toContainText('Not Predictive parity');
  await snap(page, info, 'fairness-decision');

  // The registry's promotion runs the gate.
  await page.goto(`/models/${MODEL}`);
  await page.getByRole('button', { name: 'Move @champion', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Version', { exact: true }).selectOption(String(v));
  await dialog.getByLabel('Reason').fill('e2e: re-affirm the champion after the audit');
  await dialog.getByRole('button', { name: /^Set @champion/ }).click();
  const gate = dialog.getByRole('alert', { name: 'Fairness gate' });
  await expect(gate).toContainText('Blocked by the fairness gate');
  await expect(gate).toContainText('equalized odds');
  await expect(gate).toContainText('Only an administrator can override');
  await snap(page, info, 'gate-blocked');

  await login.signInAs('admin');
  await page.goto(`/models/${MODEL}`);
  await page.getByRole('button', { name: 'Move @champion', exact: true }).click();
  await dialog.getByLabel('Version', { exact: true }).selectOption(String(v));
  await dialog.getByLabel('Reason').fill('e2e: re-affirm the champion after the audit');
  await dialog.getByRole('button', { name: /^Set @champion/ }).click();
  await expect(gate).toContainText('Override justification');
  await gate.getByLabel('Override justification').fill('e2e: kept serving for one week while per-group thresholds are reviewed.');
  await dialog.getByRole('button', { name: 'Override and promote' }).click();
  await expect(page.getByRole('status')).toHaveText(`@champion now points at version ${v}.`);
  const audit = await (await page.request.get('/api/v1/audit?action=fairness.gate_override')).json();
  expect(JSON.stringify(audit)).toContain('e2e: kept serving for one week');
});

test('a data scientist applies per-group thresholds; the predict API uses them and says which; the model card documents it', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  const v = await champion(page.request);
  await page.goto(`/fairness?version=${v}`);
  const panel = page.getByRole('region', { name: 'Mitigation: per-group thresholds' });
  await panel.getByLabel('Mitigation criterion').selectOption('equal_opportunity');
  await expect(page.getByTestId('tradeoff-chart').locator('.recharts-scatter-symbol')).not.toHaveCount(0);
  const thresholds = panel.getByRole('table', { name: 'Per-group thresholds' });
  await expect(thresholds.getByRole('row')).toHaveCount(6);
  await panel.getByLabel('Reason for applying').fill('e2e: equal opportunity across age bands at the best expected profit');
  await panel.getByRole('button', { name: 'Apply as threshold policy' }).click();
  await expect(page.getByTestId('active-policy')).toContainText(/fairness policy #\d+ — per-age_band thresholds/);
  await snap(page, info, 'fairness-mitigation');

  const policy = (await (await page.request.get(`/api/v1/fairness/models/${MODEL}/versions/${v}/policy`)).json()).active;
  const model = await (await page.request.get(`/api/v1/models/${MODEL}`)).json();
  const record = model.example.record;
  const scored = await page.request.post('/api/v1/predict', { data: { customers: [{ ...record, age_band: '65+' }, record] } });
  expect(scored.status()).toBe(200);
  const [withAge, without] = (await scored.json()).predictions;
  expect(withAge.decision.threshold).toBe(policy.thresholds['65+']);
  expect(withAge.decision.threshold_source).toContain("threshold for age_band '65+'");
  expect(without.decision.threshold).toBe(policy.default_threshold);
  expect(without.decision.threshold_source).toContain('has no age_band');

  await page.goto(`/fairness/model-card?version=${v}`);
  const card = page.getByRole('article', { name: 'Model card' });
  for (const s of ['Model details', 'Intended use', 'Factors', 'Metrics', 'Evaluation data', 'Training data', 'Quantitative analyses', 'Ethical considerations', 'Caveats and recommendations']) {
    await expect(card.getByRole('heading', { name: s, exact: true })).toBeVisible();
  }
  await expect(card).toContainText(/per age_band \(fairness policy #\d+\)/);
  await expect(card).toContainText('e2e: both missed churners');
  const md = await page.request.get(`/api/v1/fairness/models/${MODEL}/versions/${v}/model-card?format=markdown`);
  expect(md.headers()['content-type']).toContain('text/markdown');
  expect(await md.text()).toContain('## Quantitative analyses');
  await snap(page, info, 'model-card');

  // Leave the demo as later specs expect it: one threshold, and a criterion every version meets.
  expect((await page.request.delete(`/api/v1/fairness/models/${MODEL}/versions/${v}/policy`, { data: { reason: 'e2e: back to one threshold' } })).status()).toBe(200);
  const lenient = await page.request.post(`/api/v1/fairness/models/${MODEL}/decisions`, {
    data: { model_version: v, criterion: 'demographic_parity', tolerance: { kind: 'ratio', lower: 0.01, upper: 100 }, attributes: ['age_band'], rationale: 'e2e: a lenient record so that the specs after this one can promote versions freely.' },
  });
  expect(lenient.status()).toBe(200);
  expect((await lenient.json()).holds).toBe(true);
});
