import { expect, test } from './support/fixtures';

// The demo's production history: the champion scores every customer monthly 2026-03..2026-10, prices rise in
// 2026-03 and the TV app stops reporting viewing hours for a third of TV customers in 2026-06.

test('a stakeholder reads drift, performance and data quality on the monitoring page', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  await page.goto('/monitoring');
  await expect(page.getByRole('heading', { name: 'Monitoring', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Window size' }).getByRole('link', { name: 'Monthly' })).toHaveAttribute('aria-current', 'page');

  // The heatmap: a row per feature, monthly_charge flagged from the price increase on.
  const table = page.getByRole('table', { name: 'Feature drift by window' });
  await expect(table).toBeVisible();
  expect(await table.getByRole('rowheader').count()).toBeGreaterThanOrEqual(20);
  const charge = page.getByTestId('drift-cell-monthly_charge-2026-03');
  await expect(charge).toHaveAttribute('data-drift', 'true');
  // The test depends on the reference's size (Wasserstein on the full training split, K–S on a small sample).
  await expect(charge).toHaveAccessibleName(/^monthly_charge, Mar 2026: drift — (Wasserstein [\d.]+ ≥ 0\.1|Kolmogorov–Smirnov p = .+ ≤ 0\.05)$/);
  // Keyboard focus (like hover) shows the test behind the cell.
  await charge.focus();
  await expect(page.getByRole('tooltip')).toContainText(/^monthly_charge · Mar 2026Drift detectedMethod(Wasserstein|Kolmogorov–Smirnov)/);
  // A feature nothing happened to stays unflagged.
  await expect(page.getByTestId('drift-cell-profiles-2026-03')).toHaveAttribute('data-drift', 'false');

  // Realized vs estimated AUC: two lines and the reference line.
  const auc = page.getByTestId('auc-chart');
  await expect(auc.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(auc).toContainText(/reference test \d{4}-\d{2} 0\.\d{3}/);
  await expect(page.getByRole('region', { name: /Model performance/ })).toContainText('estimate only');

  // The null-share spike is called out in plain language, from the data.
  const found = page.getByRole('list', { name: 'What we found' });
  await expect(found).toContainText(/watch_hours_30d null share \d+\.\d% in Jun 2026 vs 0\.\d% in the reference/);
  await expect(found).toContainText(/monthly_charge drifted from Mar 2026 \((Wasserstein|Kolmogorov–Smirnov) /);
  await expect(page.getByRole('table', { name: 'Null share changes' }).getByRole('row', { name: /watch_hours_30d Jun 2026/ })).toBeVisible();

  // Stakeholders read; they do not upload labels.
  await expect(page.getByRole('form', { name: 'Upload churn labels' })).toHaveCount(0);

  // The feature page: drift over time, and the distribution for a chosen window.
  await table.getByRole('link', { name: 'monthly_charge', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'monthly_charge', level: 1 })).toBeVisible();
  await expect(page.getByTestId('feature-drift-chart').locator('.recharts-line-curve')).toHaveAttribute('d', /M.+L/);
  // The newest window by default: Oct 2026 in the backfill, or the current month once other specs have scored live.
  await expect(page.getByTestId('distribution-caption')).toHaveText(/^[A-Z][a-z]{2} 2026 vs the reference$/);
  await page.getByRole('combobox', { name: 'Window' }).selectOption({ label: 'Mar 2026' });
  await expect(page.getByTestId('distribution-caption')).toHaveText('Mar 2026 vs the reference');
  await expect(page.getByText(/^Drift: (Wasserstein|Kolmogorov–Smirnov) /)).toBeVisible();
  expect(await page.getByTestId('distribution-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(10);
});

test('an unknown feature shows the not-found page', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  // The dashboard's loading.tsx streams the shell first, so the status is 200; the content is the not-found page.
  await page.goto('/monitoring/features/not_a_feature');
  await expect(page.getByRole('heading', { name: 'Unknown feature' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'monitoring page' })).toHaveAttribute('href', '/monitoring');
});

test('a data scientist uploads a labels CSV and sees the counts, or what is wrong with the file', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto('/monitoring');
  const form = page.getByRole('form', { name: 'Upload churn labels' });
  await expect(form).toBeVisible();

  // A customer and month from the prediction log (the form's example is built from it).
  await form.getByText('Show an example file').click();
  const sample = (await form.locator('pre').textContent())!.trim();
  expect(sample).toMatch(/^customer_id,month,churned\n[^,\n]+,\d{4}-\d{2},true$/);

  await form.getByLabel('Labels file (CSV)').setInputFiles({ name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from(sample + '\n') });
  await form.getByRole('button', { name: 'Upload labels' }).click();
  const status = form.getByRole('status');
  await expect(status).toContainText('Labels stored');
  await expect(status.getByRole('definition').first()).toHaveText('1'); // received
  const [inserted, updated] = await status.getByRole('definition').allTextContents().then((t) => t.slice(1).map(Number));
  expect(inserted! + updated!).toBe(1);

  // A file without the churned column is refused with the server's reason.
  await form.getByLabel('Labels file (CSV)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('customer_id,month\nC0000001,2026-09\n') });
  await form.getByRole('button', { name: 'Upload labels' }).click();
  await expect(form.getByRole('alert')).toContainText('The CSV needs a churned column');
});
