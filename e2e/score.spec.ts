// The scoring form on the seeded demo and the shipped model: a retention agent looks a customer up by keyboard, reads
// the score (gauge, band, action, reasons), asks "what if" and sees both scores side by side; invalid fields are
// named next to the field.
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Full-page screenshots to look at by eye, when E2E_SCREENSHOTS is set (they prove nothing to the test run). */
async function snap(page: Page, info: TestInfo, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** A customer id that exists in the seeded demo (ids are sparse: customers who left before the window are not in it). */
async function someCustomerId(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/customers?q=C&limit=5');
  expect(res.status()).toBe(200);
  const ids: string[] = (await res.json()).customer_ids;
  expect(ids[0]).toMatch(/^C\d{7}$/);
  return ids[ids.length - 1]!;
}

async function probability(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getByTestId('probability-gauge').getAttribute('data-probability'));
}

test('a retention agent looks a customer up, reads the score and its reasons, and compares a what-if side by side', async ({ page, login }, info) => {
  await login.signInAs('retention');
  await page.goto('/score');
  const id = await someCustomerId(page);

  // Keyboard only: type the id and press Enter; the form fills from the newest snapshot and is scored.
  const idField = page.getByLabel('Customer ID');
  await idField.focus();
  await page.keyboard.type(id);
  const scored = page.waitForResponse((r) => r.url().endsWith('/api/v1/score') && r.request().method() === 'POST');
  await page.keyboard.press('Enter');
  expect((await scored).status()).toBe(200);
  await expect(page.getByTestId('customer-summary')).toContainText(id);
  await expect(page.getByLabel('Tenure months')).toHaveValue(/^\d+$/);

  const base = page.getByTestId('base-result');
  await expect(base.getByRole('img', { name: /^Churn probability \d+\.\d%; contact threshold \d+%$/ })).toBeVisible();
  const p = await probability(page, 'base-result');
  expect(p).toBeGreaterThan(0);
  expect(p).toBeLessThan(1);
  await expect(base).toContainText(/(Low|Medium|High) risk/);
  await expect(base).toContainText(/Policy: (contact|do not contact)/);
  await expect(base).toContainText(/Contact with a retention offer|Contact \(policy\) — expected value negative|No action/);
  await expect(base).toContainText(/Expected value of contacting: [+−]?\$\d+\.\d{2}/);
  // Reasons: bars in the chart, and the same reasons in plain words as a list.
  expect(await page.getByTestId('base-reasons').locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(3);
  const reasons = base.getByRole('listitem');
  expect(await reasons.count()).toBeGreaterThanOrEqual(3);
  await expect(reasons.first()).toHaveText(/^[A-Z][^:]+: .+ → (raises|lowers) risk \([+−]\d+\.\d{2} log-odds\)$/);
  await snap(page, info, 'score-base');

  // What if: change two fields; the base is kept and the changes are marked.
  await page.getByRole('button', { name: 'What if…' }).click();
  await expect(page.getByRole('heading', { name: /What if… — change any fields/ })).toBeVisible();
  const failed = page.getByLabel('Failed payments in the last 90 days');
  const before = Number(await failed.inputValue());
  const after = before >= 5 ? 0 : 6;
  await failed.fill(String(after));
  await page.getByLabel('Days since last login').fill('45');
  await expect(failed).toHaveAccessibleDescription(new RegExp(`Changed — base: ${before}$`));
  const both = page.waitForResponse((r) => r.url().endsWith('/api/v1/score') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Score what-if' }).click();
  const body = await (await both).json();
  expect(body.changed).toContain('failed_payments_90d');

  const summary = page.getByTestId('what-if-summary');
  await expect(summary).toContainText(/Churn probability \d+\.\d% → \d+\.\d% \(Δ [+−]\d+\.\d pp\)/);
  await expect(summary).toContainText('Failed payments in the last 90 days');
  const alt = page.getByTestId('what-if-result');
  await expect(base).toBeVisible();
  await expect(alt).toBeVisible();
  await expect(alt.getByRole('img', { name: /^Churn probability/ })).toBeVisible();
  expect(await probability(page, 'base-result')).toBeCloseTo(p, 10); // the base did not move
  expect(await probability(page, 'what-if-result')).toBeCloseTo(body.what_if.churn_probability, 10);
  // Both charts show the same features, the changed one included, with the what-if's own values.
  const baseBars = await page.getByTestId('base-reasons').locator('.recharts-bar-rectangle').count();
  expect(await page.getByTestId('what-if-reasons').locator('.recharts-bar-rectangle').count()).toBe(baseBars);
  await expect(alt.getByRole('listitem').filter({ hasText: `Failed payments in the last 90 days: ${after} →` })).toHaveText(/changed in the what-if/);
  await expect(base.getByRole('listitem').filter({ hasText: `Failed payments in the last 90 days: ${before} →` })).toHaveCount(1);
  await snap(page, info, 'score-what-if');

  // Leaving the what-if puts the base values back.
  await page.getByRole('button', { name: 'Leave what-if' }).click();
  await expect(failed).toHaveValue(String(before));
  await expect(page.getByTestId('what-if-result')).toHaveCount(0);
});

test('the form names each invalid field next to it, and an unknown id is reported', async ({ page, login }, info) => {
  await login.signInAs('retention');
  await page.goto('/score');

  await page.getByLabel('Customer ID').fill('C9999999');
  await page.getByLabel('Customer ID').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no customer with id C9999999' })).toBeVisible();

  await page.getByRole('button', { name: 'Start from an example' }).click();
  const tenure = page.getByLabel('Tenure months');
  await expect(tenure).not.toHaveValue('');
  await tenure.fill('999');
  await page.getByLabel('Monthly charge').fill('12,5');
  await page.getByLabel('Plan', { exact: true }).selectOption('');
  await page.getByLabel('Monthly charge').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '3 fields need attention before scoring.' })).toBeVisible();
  await expect(tenure).toHaveAccessibleDescription(/Must be between 0 and 240 months/);
  await expect(page.getByLabel('Monthly charge')).toHaveAccessibleDescription(/Use a dot for decimals/);
  await expect(page.getByLabel('Plan', { exact: true })).toHaveAccessibleDescription(/Required: choose one/);
  await expect(tenure).toBeFocused();
  await expect(tenure).toHaveAttribute('aria-invalid', 'true');
  await snap(page, info, 'score-invalid');

  // Fixing a field clears its message; once all are fixed the record scores.
  await tenure.fill('24');
  await expect(page.getByText('Must be between 0 and 240 months')).toHaveCount(0);
  await page.getByLabel('Monthly charge').fill('12.5');
  await page.getByLabel('Plan', { exact: true }).selectOption('basic');
  await page.getByRole('button', { name: 'Score', exact: true }).click();
  await expect(page.getByTestId('base-result').getByRole('img', { name: /^Churn probability/ })).toBeVisible();
});
