// The loop monitoring closes: the demo's retraining policy fired on the concept change (realized AUC in 2026-03 below
// the test AUC), the server's job trained a challenger on the labelled prediction log, and a data scientist finds
// it on the monitoring page with its comparison, then on the model's page as @challenger — still not the champion.
// Runs before the model-page specs (file order), which move aliases of the same model.
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/fixtures';

const MODEL = 'streamflow-churn';

interface Run {
  status: string;
  trigger: string;
  reason: string;
  model: { base_version: number; new_version: number | null };
  comparison: { window: { month: string }; champion: { auc: number }; challenger: { auc: number } } | null;
  error: string | null;
}

async function finishedRun(request: APIRequestContext): Promise<Run> {
  let run: Run | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/v1/monitoring/retraining');
        expect(res.status()).toBe(200);
        run = ((await res.json()).runs as Run[]).find((r) => r.trigger === 'policy');
        return run?.status ?? 'none';
      },
      { timeout: 180_000, intervals: [2000] },
    )
    .toMatch(/succeeded|failed/);
  return run!;
}

test('the retraining policy fired on the demo and produced a challenger that waits for a person', async ({ page, login }) => {
  test.setTimeout(240_000);
  await login.signInAs('data_scientist');

  // The alert that started it is on the alerts page.
  await page.goto('/monitoring/alerts');
  await expect(page.getByText(/Realized AUC drop 0\.0\d+ ≥ 0\.02 in 2026-03/).first()).toBeVisible();

  const run = await finishedRun(page.request);
  expect(run.error).toBeNull();
  expect(run.status).toBe('succeeded');
  expect(run.reason).toContain('Retrain: realized AUC');
  expect(run.comparison!.window.month).toBe('2026-09');
  expect(run.comparison!.challenger.auc).toBeGreaterThan(0.8);
  const version = run.model.new_version!;

  // The monitoring page shows the run and the comparison, with a link to the new version.
  await page.goto('/monitoring');
  const panel = page.getByRole('region', { name: 'Retraining', exact: true });
  await expect(panel).toContainText('Finished');
  await expect(panel).toContainText(`Challenger v${version}`);

  // The registry has it as @challenger; the champion did not move (promotion is a person's decision).
  const got = await page.request.get(`/api/2.0/mlflow/registered-models/get?name=${MODEL}`);
  const aliases = Object.fromEntries(((await got.json()).registered_model.aliases as { alias: string; version: string }[]).map((a) => [a.alias, Number(a.version)]));
  expect(aliases.challenger).toBe(version);
  expect(aliases.champion).toBe(run.model.base_version);
  const mv = await page.request.get(`/api/2.0/mlflow/model-versions/get?name=${MODEL}&version=${version}`);
  expect((await mv.json()).model_version.description).toMatch(/Retrain|retrain/);
});
