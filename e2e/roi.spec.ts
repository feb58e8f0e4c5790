// The ROI calculator on the demo's live scores: sliders recompute the campaign at once, scenarios are saved and
// compared, and a data scientist's saved ROI policy is what the predict API then decides with (withdrawn at the end so
// later specs score as before).
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

async function snap(page: Page, info: TestInfo, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

test('a stakeholder moves the assumptions and the campaign recomputes; scenarios are saved and compared', async ({ page, login }, info) => {
  await login.signInAs('stakeholder');
  await page.goto('/roi');
  await expect(page.getByRole('heading', { name: 'ROI', level: 1 })).toBeVisible();
  const summary = page.getByTestId('roi-summary');
  await expect(summary).toContainText(/^Contacting the [\d,]+ riskiest of [\d,]+ customers \(churn score ≥ 0\.\d{3}\) is expected to save \$[\d,]+ net; 90% interval/);
  const chart = page.getByTestId('roi-chart');
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(chart.locator('.recharts-area-area')).toHaveCount(1);
  const before = await summary.textContent();
  // A lower acceptance rate: fewer customers are worth an offer, and the profit falls.
  const slider = page.getByLabel('Acceptance (save) rate');
  await slider.focus();
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft');
  await expect(summary).not.toHaveText(before!);
  const contacts = (s: string) => Number(/Contacting the ([\d,]+)/.exec(s)?.[1]?.replaceAll(',', '') ?? 'NaN');
  expect(contacts((await summary.textContent())!)).toBeLessThan(contacts(before!));
  await expect(page.getByTestId('roi-latency')).toContainText(/Recomputed for [\d,]+ customers in [\d.]+ ms/);
  await expect(page.getByRole('table', { name: 'Alternatives' }).getByRole('row', { name: /Random targeting/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sensitivity' }).getByRole('row')).not.toHaveCount(0);

  await page.getByLabel('Scenario name').fill('e2e cautious');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  const compared = page.getByRole('table', { name: 'Scenarios compared' });
  await expect(compared.getByRole('row', { name: /e2e cautious/ })).toContainText('γ 15%');
  // Stakeholders read the policy but do not set it.
  await expect(page.getByRole('button', { name: 'Save ROI policy' })).toHaveCount(0);
  await snap(page, info, 'roi-page');
});

test('a data scientist saves the top-k campaign as the ROI policy; the predict API decides with it', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  await page.goto('/roi');
  const panel = page.getByRole('region', { name: 'ROI policy' });
  await panel.getByLabel('Policy kind').selectOption('top_k');
  await panel.getByLabel('Policy reason').fill('e2e: this month’s campaign at the expected-profit optimum');
  await panel.getByRole('button', { name: 'Save ROI policy' }).click();
  await expect(page.getByTestId('roi-policy-active')).toContainText(/Active: v\d+ — the [\d,]+ riskiest customers \(churn score ≥ 0\.\d{3}/);
  await snap(page, info, 'roi-policy');
  const policy = (await (await page.request.get('/api/v1/roi/policy')).json()).active;
  const model = await (await page.request.get('/api/v1/models/streamflow-churn')).json();
  const scored = (await (await page.request.post('/api/v1/predict', { data: { customers: [model.example.record] } })).json()).predictions[0];
  expect(scored.decision.threshold).toBe(policy.threshold);
  expect(scored.decision.contact).toBe(scored.churn_probability >= policy.threshold);
  // The scoring form states the policy it decided with.
  const form = await (await page.request.post('/api/v1/score', { data: { record: model.example.record } })).json();
  expect(form.policy.source).toMatch(/^ROI policy v\d+ \(the [\d,]+ riskiest customers/);
  expect((await page.request.delete('/api/v1/roi/policy', { data: { reason: 'e2e: back to the model threshold' } })).status()).toBe(200);
});
