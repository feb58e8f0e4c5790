// Experiment tracking as a data scientist uses it, on the demo sweep (a parent run with 24 logistic-regression
// children) that the seed logs through the MLflow API.
import type { APIRequestContext, Page } from '@playwright/test';
import { formatDelta, formatMetric, formatPctDelta } from '../lib/ui/tracking-format';
import type { Run } from '../lib/ui/tracking-types';
import { expect, test } from './support/fixtures';

const SWEEP = 'streamflow-churn-baseline-sweep';

async function sweepId(request: APIRequestContext): Promise<string> {
  const res = await request.get(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${SWEEP}`);
  expect(res.status()).toBe(200);
  return (await res.json()).experiment.experiment_id;
}

async function sweepRuns(request: APIRequestContext): Promise<Run[]> {
  const res = await request.post('/api/2.0/mlflow/runs/search', { data: { experiment_ids: [await sweepId(request)], max_results: 1000 } });
  return (await res.json()).runs;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const metric = (r: Run, key: string) => Number(r.data.metrics!.find((m) => m.key === key)!.value);
const isChild = (r: Run) => (r.data.tags ?? []).some((t) => t.key === 'mlflow.parentRunId');

/** The runs table page: search box, column chooser, virtualised table. */
class RunsPage {
  constructor(readonly page: Page) {}
  get table() {
    return this.page.getByRole('table');
  }
  get search() {
    return this.page.getByRole('textbox', { name: 'Search runs' });
  }
  /** Data rows (the header row excluded): each starts with its selection checkbox. */
  get rows() {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('checkbox', { name: /^Select run / }) });
  }
  async goto(id: string, query = '') {
    await this.page.goto(`/experiments/${id}${query}`);
    await expect(this.rows.first()).toBeVisible();
  }
  async filter(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
  }
  async columnValues(header: string): Promise<string[]> {
    const headers = await this.table.getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((h) => h.split('\n').map((x) => x.trim()).includes(header));
    expect(index, `column ${header} in ${headers.join(' | ')}`).toBeGreaterThan(0);
    return this.rows.evaluateAll((trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]?.textContent?.trim() ?? ''), index);
  }
}

test.describe('runs table', () => {
  test.beforeEach(async ({ login }) => login.signInAs('data_scientist'));

  test('the experiments list opens the sweep, with its children grouped under the parent', async ({ page }) => {
    await page.goto('/experiments');
    await page.getByRole('checkbox', { name: `Select experiment ${SWEEP}` }).check();
    await page.getByRole('button', { name: 'Open runs (1)' }).click();
    await expect(page).toHaveURL(/\/experiments\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: SWEEP })).toBeVisible();
    await expect(page.getByText(/^25 runs/)).toBeVisible();
    const runs = new RunsPage(page);
    await expect(runs.rows.first()).toContainText('baseline-sweep');
    await expect(runs.rows.first()).toContainText('24 child runs');
    await expect(runs.rows.nth(1)).toContainText(/lr[\d.]+-l2_/);
    // Rows are virtualised: the table announces its full length while only the visible rows are in the DOM.
    await expect(runs.table).toHaveAttribute('aria-rowcount', '26');
    await page.getByRole('button', { name: 'Collapse baseline-sweep' }).click();
    await expect(runs.rows).toHaveCount(1);
    await page.getByRole('button', { name: 'Expand baseline-sweep' }).click();
    await expect(runs.table).toHaveAttribute('aria-rowcount', '26');
    await expect(runs.rows.nth(1)).toContainText(/lr[\d.]+-l2_/);
  });

  test('a filter narrows the runs; a malformed one shows the server error inline and keeps the table', async ({ page }) => {
    const runs = new RunsPage(page);
    await runs.goto(await sweepId(page.request));
    await runs.filter("params.class_weight = 'balanced'");
    await expect(page).toHaveURL(/filter=params\.class_weight/);
    await expect(page.getByText(/^12 runs/)).toBeVisible();
    await expect(runs.table).toHaveAttribute('aria-rowcount', '13');
    await expect(runs.rows).toHaveCount(12);
    for (const text of await runs.rows.allInnerTexts()) expect(text).toContain('balanced');

    const before = page.url();
    await runs.filter('metrics.val_auc >> 0.8 and');
    await expect(page.getByRole('alert').filter({ hasText: /Invalid filter at position \d+/ })).toBeVisible();
    await expect(runs.search).toHaveAttribute('aria-invalid', 'true');
    // The table is as it was, and the URL still holds the last good filter.
    await expect(runs.rows).toHaveCount(12);
    expect(page.url()).toBe(before);
  });

  test('clicking a metric header sorts on the server, and the order is in the URL', async ({ page }) => {
    const runs = new RunsPage(page);
    await runs.goto(await sweepId(page.request), '?flat=1');
    const request = page.waitForRequest((r) => r.url().endsWith('/runs/search') && JSON.stringify(r.postDataJSON()?.order_by) === '["metrics.val_auc DESC"]');
    await page.getByRole('button', { name: 'Sort by metrics.val_auc' }).click();
    await request;
    await expect(page).toHaveURL(/order=-metrics\.val_auc/);
    await expect(page.getByRole('columnheader', { name: 'Sort by metrics.val_auc' })).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(async () => (await runs.columnValues('val_auc')).slice(0, 3).join(',')).not.toBe('');
    const all = (await sweepRuns(page.request)).filter(isChild).map((r) => metric(r, 'val_auc'));
    const values = (await runs.columnValues('val_auc')).filter(Boolean);
    expect(values.length).toBeGreaterThan(5);
    expect([...values].sort((a, b) => Number(b) - Number(a))).toEqual(values);
    expect(values[0]).toBe(formatMetric(Math.max(...all)));

    await page.getByRole('button', { name: 'Sort by metrics.val_auc' }).click();
    await expect(page).toHaveURL(/order=metrics\.val_auc/);
    await expect.poll(async () => (await runs.columnValues('val_auc')).filter(Boolean)[0]).toBe(formatMetric(Math.min(...all)));
  });

  test('the column chooser adds and removes columns, and a reload keeps them', async ({ page }) => {
    const runs = new RunsPage(page);
    await runs.goto(await sweepId(page.request));
    await page.getByRole('button', { name: /^Columns/ }).click();
    const chooser = page.getByRole('dialog', { name: 'Choose columns' });
    // Which columns are shown by default depends on the metrics the sweep logs; take a hidden param and a shown metric.
    const labelOf = (box: import('@playwright/test').Locator) => box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
    const hiddenParam = chooser.getByRole('group', { name: 'Params' }).getByRole('checkbox', { checked: false }).first();
    const shownMetric = chooser.getByRole('group', { name: 'Metrics' }).getByRole('checkbox', { checked: true }).first();
    const param = await labelOf(hiddenParam);
    const metric = await labelOf(shownMetric);
    expect(param && metric).toBeTruthy();
    await hiddenParam.check();
    await shownMetric.uncheck();
    await expect(page.getByRole('columnheader', { name: `Sort by params.${param}` })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: `Sort by metrics.${metric}` })).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`cols=[^&]*params\\.${param}`));
    await page.reload();
    await expect(page.getByRole('columnheader', { name: `Sort by params.${param}` })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: `Sort by metrics.${metric}` })).toHaveCount(0);
    expect(await runs.columnValues('learning_rate')).toContain('0.3');
  });

  test('ticked runs open in the compare view, and the selection is in the URL', async ({ page }) => {
    const runs = new RunsPage(page);
    await runs.goto(await sweepId(page.request));
    const names = ['lr0.3-l2_0.01-balanced', 'lr0.3-l2_0.01-none', 'lr0.1-l2_0.001-balanced'];
    for (const n of names) await page.getByRole('checkbox', { name: `Select run ${n}` }).check();
    await expect(page).toHaveURL(/selected=\w+,\w+,\w+/);
    await page.reload();
    for (const n of names) await expect(page.getByRole('checkbox', { name: `Select run ${n}` })).toBeChecked();
    await page.getByRole('link', { name: 'Compare (3)' }).click();
    await expect(page).toHaveURL(/\/experiments\/compare\?runs=\w+,\w+,\w+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Compare 3 runs' })).toBeVisible();
    for (const n of names) await expect(page.getByRole('list', { name: 'Runs being compared' })).toContainText(n);
  });
});

test.describe('compare view', () => {
  test.beforeEach(async ({ login }) => login.signInAs('data_scientist'));

  /** Every third child run, so the learning rates (logged in blocks of eight) vary too. */
  async function openCompare(page: Page, count: number, extra = '') {
    const children = (await sweepRuns(page.request)).filter(isChild).filter((_, i) => i % 3 === 0).slice(0, count);
    await page.goto(`/experiments/compare?runs=${children.map((r) => r.info.run_id).join(',')}${extra}`);
    await expect(page.getByRole('heading', { level: 1, name: `Compare ${count} runs` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Parameters, metrics and tags' }).getByRole('table')).toBeVisible();
    return children;
  }

  test('differences only, baseline Δ and %Δ, transpose — all kept in the URL', async ({ page }) => {
    const [a, b, c] = await openCompare(page, 3);
    const table = page.getByRole('region', { name: 'Parameters, metrics and tags' });
    const row = (key: string) => table.getByRole('row', { name: new RegExp(`^${key}\\b`) });
    await expect(row('feature_set')).toBeVisible(); // the same for every run
    await expect(row('class_weight')).toBeVisible();

    await table.getByRole('switch', { name: 'Differences only' }).check();
    await expect(page).toHaveURL(/diff=1/);
    await expect(row('feature_set')).toHaveCount(0);
    await expect(row('class_weight')).toBeVisible();

    // Δ against the first run, then against the second once it is the baseline.
    const va = metric(a!, 'val_auc');
    const vb = metric(b!, 'val_auc');
    const vc = metric(c!, 'val_auc');
    await expect(row('val_auc')).toContainText(formatDelta(vb - va));
    await expect(row('val_auc')).toContainText(formatPctDelta((vb - va) / Math.abs(va)));
    await expect(row('val_auc')).toContainText(formatDelta(vc - va));
    await table.getByLabel('Baseline run').selectOption(b!.info.run_id);
    await expect(page).toHaveURL(new RegExp(`baseline=${b!.info.run_id}`));
    await expect(row('val_auc')).toContainText(formatDelta(va - vb));
    await expect(row('val_auc')).toContainText(formatPctDelta((va - vb) / Math.abs(vb)));

    await table.getByRole('switch', { name: 'Transpose' }).check();
    await expect(page).toHaveURL(/transpose=1/);
    const runRow = table.getByRole('row', { name: new RegExp(escape(a!.info.run_name)) });
    await expect(runRow).toContainText(formatDelta(va - vb));
    await expect(table.getByRole('columnheader', { name: 'val_auc', exact: true })).toBeVisible();

    // The link reproduces the view.
    await page.reload();
    await expect(table.getByRole('switch', { name: 'Transpose' })).toBeChecked();
    await expect(table.getByRole('switch', { name: 'Differences only' })).toBeChecked();
    await expect(table.getByLabel('Baseline run')).toHaveValue(b!.info.run_id);
  });

  test('metric history draws one line per run, and dragging zooms and re-fetches that step range', async ({ page }) => {
    await openCompare(page, 4);
    const chart = page.getByTestId('history-chart-val_auc');
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(4);
    for (const d of await chart.locator('.recharts-line-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''))) expect(d).toMatch(/M.+L/);

    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.locator('.recharts-surface').boundingBox())!;
    const refetch = page.waitForRequest((r) => /\/api\/v1\/tracking\/history\?.*key=val_auc.*min_step=\d+.*max_step=\d+/.test(r.url()));
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    const req = await refetch;
    const url = new URL(req.url());
    expect(url.searchParams.getAll('run_id')).toHaveLength(4);
    expect(Number(url.searchParams.get('min_step'))).toBeLessThan(Number(url.searchParams.get('max_step')));
    await expect(chart).toHaveAttribute('data-zoom', /^\d+-\d+$/);
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(4);
    await page.getByRole('button', { name: 'Reset zoom of val_auc' }).click();
    await expect(chart).toHaveAttribute('data-zoom', '');
  });

  test('parallel coordinates, scatter and parameter importance render for the runs', async ({ page }) => {
    await openCompare(page, 8);
    const pc = page.getByTestId('parallel-coordinates');
    await expect(pc.locator('path.pc-line')).toHaveCount(8);
    // Varying params become axes by default, including the categorical class_weight.
    await expect(pc).toContainText('class_weight');
    await expect(pc).toContainText('balanced');

    const scatter = page.getByTestId('scatter-plot');
    await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(8);
    await page.getByLabel('X axis').selectOption('params.l2');
    await page.getByLabel('Y axis').selectOption('metrics.test_auc');
    await expect(page).toHaveURL(/x=params\.l2&y=metrics\.test_auc/);
    await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(8);

    const importance = page.getByTestId('importance-chart');
    await expect(importance.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(importance).toContainText('learning_rate');
  });
});

test('the run page shows params, metrics, history, artifacts and the model versions made from it', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  const res = await page.request.post('/api/2.0/mlflow/model-versions/search', { data: { filter: "name='streamflow-churn-baseline'" } });
  const champion = (await res.json()).model_versions.find((v: { aliases?: string[] }) => v.aliases?.includes('champion'));
  await page.goto(`/experiments/runs/${champion.run_id}`);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText(champion.run_id);
  await expect(page.getByRole('table', { name: 'Parameters', exact: true })).toContainText('learning_rate');
  await expect(page.getByRole('table', { name: 'Metrics', exact: true })).toContainText('val_auc');
  await expect(page.getByTestId('history-chart-val_auc').locator('.recharts-line-curve')).toHaveAttribute('d', /M.+L/);
  const versions = page.getByRole('table', { name: 'Registered model versions' });
  await expect(versions).toContainText('streamflow-churn-baseline');
  await expect(versions).toContainText('@champion');

  const artifacts = page.getByRole('list', { name: 'Artifacts' });
  await artifacts.getByRole('button', { name: /model\// }).click();
  const download = artifacts.getByRole('link', { name: /^Download model\// }).first();
  await expect(download).toBeVisible();
  const file = await page.request.get((await download.getAttribute('href'))!);
  expect(file.status()).toBe(200);
});

test('runs of two experiments work together in one table and one comparison', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  const api = page.request;
  const name = `e2e-other-${Date.now()}`;
  const exp = await (await api.post('/api/2.0/mlflow/experiments/create', { data: { name } })).json();
  const run = (await (await api.post('/api/2.0/mlflow/runs/create', { data: { experiment_id: exp.experiment_id, run_name: 'other-run', start_time: Date.now() } })).json()).run;
  const metrics = [0, 1, 2].map((step) => ({ key: 'val_auc', value: 0.7 + step / 100, timestamp: Date.now(), step }));
  expect((await api.post('/api/2.0/mlflow/runs/log-batch', { data: { run_id: run.info.run_id, metrics, params: [{ key: 'learning_rate', value: '0.05' }] } })).status()).toBe(200);
  const sweep = await sweepId(api);

  await page.goto(`/experiments/runs?experiments=${sweep},${exp.experiment_id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Runs of 2 experiments' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Experiment' })).toBeVisible();
  await expect(page.getByRole('row', { name: /other-run/ })).toContainText(name);

  await page.getByRole('checkbox', { name: 'Select run other-run' }).check();
  await page.getByRole('checkbox', { name: 'Select run lr0.3-l2_0.01-balanced' }).check();
  await page.getByRole('link', { name: 'Compare (2)' }).click();
  await expect(page.getByText(/Runs from 2 experiments/)).toBeVisible();
  await expect(page.getByTestId('history-chart-val_auc').locator('.recharts-line-curve')).toHaveCount(2);
});
