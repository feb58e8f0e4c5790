import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures';

// A small file from the shipped model's reference rows (models/reference.json), with one broken line (line 4: a plan that does not exist).
function csv(): Buffer {
  const reference = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'models', 'reference.json'), 'utf8')) as { rows: Record<string, unknown>[] };
  const rows = reference.rows.slice(0, 12);
  const columns = ['customer_id', ...Object.keys(rows[0]!)];
  const line = (r: Record<string, unknown>, i: number) => columns.map((c) => (c === 'customer_id' ? `E2E-${i}` : r[c] === null ? '' : String(r[c]))).join(',');
  const lines = rows.map((r, i) => line(i === 2 ? { ...r, plan: 'platinum' } : r, i));
  return Buffer.from([columns.join(','), ...lines].join('\n') + '\n');
}

test('a retention user scores a file in the background, sees it finish and the broken line listed, and downloads the results', async ({ page, login }) => {
  await login.signInAs('retention');
  await page.goto('/score');
  await page.getByRole('link', { name: 'Score a file of customers →' }).click();
  await expect(page.getByRole('heading', { name: 'Batch scoring' })).toBeVisible();

  await page.getByLabel('Customers file (CSV)').setInputFiles({ name: 'e2e-customers.csv', mimeType: 'text/csv', buffer: csv() });
  await page.getByRole('button', { name: 'Upload and score' }).click();
  await expect(page.getByRole('status')).toContainText('e2e-customers.csv was accepted');

  const row = page.getByRole('row').filter({ hasText: 'e2e-customers.csv' }).first();
  // The job runs on the server's queue: wait for the result link rather than a fixed time.
  const download = row.getByRole('link', { name: 'Download results of e2e-customers.csv' });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '12');
  await expect(row).toContainText('1'); // one invalid row

  const response = await page.request.get((await download.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  const text = await response.text();
  const [header, ...lines] = text.trim().split('\n');
  expect(header).toContain('churn_probability');
  expect(lines).toHaveLength(11); // the broken line is not in the results
  expect(text).not.toContain('E2E-2,');

  const errors = await page.request.get((await row.getByRole('link', { name: 'Invalid rows (CSV) of e2e-customers.csv' }).getAttribute('href'))!);
  const errorText = await errors.text();
  expect(errorText).toMatch(/4,.*plan/); // line 4 of the file (the header is line 1)
});
