import { expect, test } from './support/fixtures';

test('the overview shows real figures and charts with data', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  // KPI cards carry numbers, not placeholders.
  const active = page.locator('p', { hasText: /^Active customers$/ }).locator('..');
  await expect(active).toContainText(/\d{1,3}(,\d{3})+/);
  const churn = page.locator('p', { hasText: /^Monthly churn rate$/ }).locator('..');
  await expect(churn).toContainText(/\d+\.\d%/);

  // The trend chart draws one bar per month and a churn line.
  const trend = page.getByTestId('churn-trend-chart');
  await expect(trend.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await trend.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(12);
  await expect(trend.locator('.recharts-line-curve')).toHaveAttribute('d', /M.+L/);

  // Plan and region breakdowns have a bar per group, labelled with a rate.
  const plan = page.getByTestId('churn-by-plan-chart');
  await expect(plan.locator('.recharts-bar-rectangle')).toHaveCount(4);
  await expect(plan).toContainText('mobile');
  const region = page.getByTestId('churn-by-region-chart');
  expect(await region.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(4);
  await expect(region.locator('.recharts-label-list')).toContainText('%');
  await expect(page.getByTestId('revenue-lost-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
});

test('the overview API returns the same active-customer count the page shows', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  const res = await page.request.get('/api/v1/overview');
  expect(res.status()).toBe(200);
  const data = await res.json();
  expect(data.activeCustomers).toBeGreaterThan(1000);
  await expect(page.getByText(data.activeCustomers.toLocaleString('en-US'), { exact: true })).toBeVisible();
});
