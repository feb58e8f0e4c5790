// The model pages on the shipped churn model (the seed registers models/ as streamflow-churn v1 @champion): a
// version's charts from its stored evaluation, champion vs challenger with promotion, and the ONNX import form.
import path from 'node:path';
import type { APIRequestContext, Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';

const MODEL = 'streamflow-churn';
const root = path.resolve(import.meta.dirname, '..');

async function aliases(request: APIRequestContext): Promise<Record<string, string>> {
  const res = await request.get(`/api/2.0/mlflow/registered-models/get?name=${MODEL}`);
  expect(res.status()).toBe(200);
  const m = (await res.json()).registered_model;
  return Object.fromEntries((m.aliases ?? []).map((a: { alias: string; version: string }) => [a.alias, String(a.version)]));
}

async function setAlias(request: APIRequestContext, alias: string, version: string, reason: string) {
  const res = await request.post('/api/v1/registry/aliases', { data: { name: MODEL, alias, version: Number(version), reason } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Full-page screenshots to look at by eye, when E2E_SCREENSHOTS is set (they prove nothing to the test run). */
async function snap(page: Page, info: TestInfo, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** Number of points an SVG path visits (M/L commands), to tell a real curve from an empty or two-point line. */
async function pathPoints(path: Locator): Promise<number> {
  const d = (await path.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

async function openChampionVersion(page: Page) {
  await page.goto('/models');
  await page.getByRole('link', { name: MODEL, exact: true }).click();
  const row = page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ hasText: '@champion' });
  await row.getByRole('link', { name: /^v\d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${MODEL} v\\d+$`) })).toBeVisible();
}

test('a stakeholder reads the champion version: curves, calibration, lift and importance from real data', async ({ page, login }, info) => {
  await login.signInAs('stakeholder');
  await openChampionVersion(page);
  await expect(page.getByLabel('Aliases')).toContainText('@champion');
  await expect(page.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /ROC AUC/ })).toContainText(/0\.\d{3}/);

  // ROC: the test and validation curves, each through many thresholds, from (0,0) to (1,1) above the diagonal.
  const roc = page.getByTestId('roc-chart').locator('path.recharts-line-curve');
  await expect(roc).toHaveCount(2);
  for (const curve of await roc.all()) expect(await pathPoints(curve)).toBeGreaterThan(20);
  await expect(page.getByTestId('pr-chart').locator('path.recharts-line-curve')).toHaveCount(2);
  await expect(page.getByText(/A churner picked at random gets a higher risk score than a random stayer \d+% of the time/)).toBeVisible();

  // Calibration: one dot per non-empty bin, for both splits.
  expect(await page.getByTestId('calibration-chart').locator('.recharts-scatter-symbol').count()).toBeGreaterThanOrEqual(6);

  // Lift: ten deciles, the first well above random; gains reach every churner at 100%.
  const bars = page.getByTestId('lift-chart').locator('.recharts-bar-rectangle path');
  await expect(bars).toHaveCount(10);
  const heights = await bars.evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).getBBox().height));
  expect(heights[0]!).toBeGreaterThan(heights[9]! * 2);
  await expect(page.getByText(/Of the 10% riskiest customers, \d+% churned — [\d.]+× the base rate/)).toBeVisible();
  expect(await pathPoints(page.getByTestId('gains-chart').locator('path.recharts-line-curve'))).toBe(11);

  // Importance: one bar per model input, the table lists the same features.
  const features = await page.getByRole('table', { name: 'Features' }).getByRole('row').count();
  await expect(page.getByTestId('importance-chart').locator('.recharts-bar-rectangle path')).toHaveCount(features - 1);
  await expect(page.getByTestId('history-chart').locator('path.recharts-line-curve')).toHaveCount(3);

  // Dependence: switching the feature redraws the scatter for it.
  const dep = page.getByTestId('dependence-chart');
  const picker = page.getByLabel('Feature', { exact: true });
  const first = await dep.getAttribute('data-feature');
  const dots = dep.locator('.recharts-scatter-symbol');
  expect(await dots.count()).toBeGreaterThan(50);
  const table = page.getByRole('table', { name: 'Features' });
  const catRows = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'categorical', exact: true }) });
  const categoricals = await catRows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td span')?.textContent ?? ''));
  const categorical = categoricals.find((c) => c !== first)!;
  expect(categorical).toBeTruthy();
  const option = (await picker.locator('option').allInnerTexts()).find((o) => o.endsWith(`. ${categorical}`))!;
  await picker.selectOption({ label: option });
  await expect(dep).toHaveAttribute('data-feature', categorical);
  expect(await dots.count()).toBeGreaterThan(50);
  // Categorical values are labelled with their category names (the manifest's list, in code order), not codes.
  const listed = (await catRows.filter({ hasText: categorical }).first().getByRole('cell').nth(3).innerText()).split(', ');
  await expect(dep.locator('.recharts-xAxis-tick-labels text')).toHaveText(listed);
  await snap(page, info, 'version-page');
});

test('a data scientist compares champion and challenger and promotes with a reason', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  const before = await aliases(page.request);
  const champion = before.champion!;
  // A second version from the same run's files serves as the challenger.
  const got = await (await page.request.get(`/api/2.0/mlflow/model-versions/get?name=${MODEL}&version=${champion}`)).json();
  const created = await page.request.post('/api/2.0/mlflow/model-versions/create', {
    data: { name: MODEL, source: got.model_version.source, run_id: got.model_version.run_id, description: 'e2e challenger (same files as the champion)' },
  });
  expect(created.status()).toBe(200);
  const challenger = String((await created.json()).model_version.version);
  await setAlias(page.request, 'challenger', challenger, 'e2e: a challenger to compare');
  // The copy has the champion's numbers; nudge two of them in the browser so each side wins a row.
  await page.route(`**/api/v1/registry/models/${MODEL}/versions/${challenger}/evaluation`, async (route) => {
    const body = await (await route.fetch()).json();
    body.evaluation.splits.test.auc += 0.01;
    body.evaluation.splits.test.log_loss += 0.01;
    await route.fulfill({ json: body });
  });
  try {
    await page.goto(`/models/${MODEL}`);
    await page.getByRole('link', { name: 'Compare champion vs challenger' }).click();
    await expect(page).toHaveURL(new RegExp(`a=${champion}&b=${challenger}`));
    const sideA = page.getByRole('region', { name: 'Version A' });
    const sideB = page.getByRole('region', { name: 'Version B' });
    await expect(sideA).toContainText('@champion');
    await expect(sideB).toContainText('@challenger');
    const metrics = page.getByRole('table', { name: 'Metrics comparison' });
    const cells = (row: RegExp) => metrics.getByRole('row', { name: row }).getByRole('cell');
    await expect(cells(/Test ROC AUC/).nth(1)).toContainText('better');
    await expect(cells(/Test ROC AUC/).nth(0)).not.toContainText('better');
    await expect(cells(/Test log loss/).nth(0)).toContainText('better');
    await expect(cells(/Test Brier score/).filter({ hasText: 'better' })).toHaveCount(0); // a tie marks neither
    await expect(page.getByTestId('compare-roc-chart').locator('path.recharts-line-curve')).toHaveCount(2);
    expect(await page.getByTestId('compare-calibration-chart').locator('.recharts-scatter-symbol').count()).toBeGreaterThanOrEqual(6);
    await expect(page.getByTestId('importance-b-chart').locator('.recharts-bar-rectangle path')).not.toHaveCount(0);
    await snap(page, info, 'compare-page');

    await page.getByRole('button', { name: `Promote v${challenger} to champion` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`@champion moves from v${champion} to v${challenger}`);
    await dialog.getByRole('button', { name: `Set @champion → v${challenger}` }).click();
    await expect(dialog).toContainText('A reason is required');
    await dialog.getByLabel('Reason').fill('e2e: challenger matches the champion on test AUC and calibration');
    await dialog.getByRole('button', { name: `Set @champion → v${challenger}` }).click();
    await expect(page.getByRole('status')).toHaveText(`@champion now points at version ${challenger}.`);
    await expect(sideB).toContainText('@champion');
    await expect(sideA).not.toContainText('@champion');
    expect((await aliases(page.request)).champion).toBe(challenger);
    await snap(page, info, 'compare-promoted');
  } finally {
    // Leave the registry as the seed made it for the other specs.
    await setAlias(page.request, 'champion', champion, 'e2e: restore the shipped champion');
    await page.request.delete('/api/v1/registry/aliases', { data: { name: MODEL, alias: 'challenger', reason: 'e2e: clean up the test challenger' } });
    await page.request.delete('/api/2.0/mlflow/model-versions/delete', { data: { name: MODEL, version: challenger } });
  }
});

test('without a challenger the compare page says so and lets a stakeholder pick the versions', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  const { champion, challenger } = await aliases(page.request);
  expect(challenger).toBeUndefined();
  await page.goto(`/models/${MODEL}/compare`);
  await expect(page.getByText(`${MODEL} has no @challenger alias yet. Pick the versions to compare below.`)).toBeVisible();
  await expect(page.getByText('Choose two versions to compare.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Promote/ })).toHaveCount(0);
  await page.getByLabel('Version B').selectOption(champion!);
  await expect(page).toHaveURL(new RegExp(`b=${champion}`));
  await expect(page.getByRole('table', { name: 'Metrics comparison' }).getByRole('row', { name: /Test ROC AUC/ })).toContainText(/0\.\d{3}/);
});

test('a retention user cannot open the import page', async ({ page, login }) => {
  await login.signInAs('retention');
  await page.goto(`/models/${MODEL}`);
  await expect(page.getByRole('heading', { level: 1, name: MODEL })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import a model' })).toHaveCount(0);
  await page.goto('/models/import');
  await expect(page.getByRole('heading', { name: 'Importing models needs the data scientist role' })).toBeVisible();
  await expect(page.getByLabel('ONNX model file')).toHaveCount(0);
});

test.describe('import form', () => {
  test.beforeEach(async ({ page, login }) => {
    await login.signInAs('data_scientist');
    await page.goto(`/models/${MODEL}`);
    await page.getByRole('link', { name: 'Import a model' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import a model' })).toBeVisible();
  });

  test('a data scientist uploads a file that is not an ONNX model and sees why, with the form kept', async ({ page }, info) => {
    await page.getByLabel('ONNX model file').setInputFiles({ name: 'model.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not an onnx model') });
    await page.getByRole('button', { name: 'Copy into the manifest field' }).click();
    await page.getByLabel('Description').fill('e2e: broken upload');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/registry/models/import'));
    await page.getByRole('button', { name: 'Import model' }).click();
    const res = await answer;
    expect(res.status()).toBe(422);
    const message: string = (await res.json()).error.message;
    const alert = page.getByRole('alert').filter({ hasText: 'The model was not imported' });
    await expect(alert).toContainText(message);
    await expect(page.getByLabel('Description')).toHaveValue('e2e: broken upload');
    await expect(page.getByLabel(/^Manifest JSON/)).toHaveValue(/"schema_version": 1/);
    await expect(page.getByLabel('Registered model name')).toHaveValue(MODEL);
    await snap(page, info, 'import-error');
  });

  test('a data scientist imports a valid ONNX model and opens its version page', async ({ page }, info) => {
    // The shipped model and its manifest are a valid import; a separate model name keeps streamflow-churn as seeded.
    const name = `e2e-imported-${Date.now()}`;
    await page.getByLabel('ONNX model file').setInputFiles(path.join(root, 'models', 'model.onnx'));
    await page.getByLabel('Manifest file (optional: or paste below)').setInputFiles(path.join(root, 'models', 'manifest.json'));
    await expect(page.getByLabel(/^Manifest JSON/)).toHaveValue(/"schema_version": 1/);
    await page.getByLabel('Registered model name').fill(name);
    await page.getByLabel('Description').fill('e2e: the shipped model, imported');
    await page.getByRole('button', { name: 'Import model' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Imported as' });
    await expect(done).toContainText(`Imported as ${name} v1.`);
    await expect(done).toContainText('tree ensemble');
    await snap(page, info, 'import-success');
    await done.getByRole('link', { name: 'Open v1' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${name} v1` })).toBeVisible();
    // No labelled test split came with it: the page says so instead of drawing empty charts.
    await expect(page.getByText('imported models carry no labelled test split')).toBeVisible();
    await expect(page.getByTestId('roc-chart')).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Features' }).getByRole('row')).toHaveCount(21);
    await snap(page, info, 'imported-version');
  });

  test('a ZipMap export is refused by the server with the fix, and the form names the model file', async ({ page }) => {
    // The real route and validator on a committed skl2onnx-shaped fixture exported with ZipMap (lib/ml/onnx/fixtures).
    const fixtures = path.join(root, 'lib', 'ml', 'onnx', 'fixtures');
    await page.getByLabel('ONNX model file').setInputFiles(path.join(fixtures, 'b_gbt_zipmap.onnx'));
    await page.getByLabel('Manifest file (optional: or paste below)').setInputFiles(path.join(fixtures, 'b_gbt_zipmap.manifest.json'));
    await expect(page.getByLabel(/^Manifest JSON/)).toHaveValue(/"schema_version": 1/);
    await page.getByLabel('Registered model name').fill(`e2e-zipmap-${Date.now()}`);
    await page.getByRole('button', { name: 'Import model' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The model was not imported' })).toContainText('zipmap=False');
    await expect(page.getByLabel('ONNX model file')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a file too large for the server is reported as such', async ({ page }) => {
    await page.route('**/api/v1/registry/models/import', (route) => route.fulfill({ status: 413, contentType: 'text/plain', body: 'Payload Too Large' }));
    await page.getByLabel('ONNX model file').setInputFiles({ name: 'big.onnx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16) });
    await page.getByRole('button', { name: 'Copy into the manifest field' }).click();
    await page.getByRole('button', { name: 'Import model' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'File too large' })).toContainText('too large');
    await expect(page.getByLabel(/^Manifest JSON/)).not.toHaveValue('');
  });
});
