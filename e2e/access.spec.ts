import { expect, test } from './support/fixtures';

test('a stakeholder cannot reach retention pages and cannot change the registry', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  for (const path of ['/score']) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/\\?denied=${encodeURIComponent(path)}`));
    await expect(page.getByRole('alert').filter({ hasText: 'cannot open' })).toContainText(`cannot open ${path}`);
  }
  // Experiments and models are read-only for stakeholders: the pages open, the data-scientist actions are refused.
  const promote = await page.request.post('/api/v1/registry/aliases', { data: { name: 'streamflow-churn-baseline', alias: 'champion', version: 1, reason: 'not allowed' } });
  expect(promote.status()).toBe(403);
  const create = await page.request.post('/api/2.0/mlflow/experiments/create', { data: { name: 'stakeholder-experiment' } });
  expect(create.status()).toBe(403);
  expect((await create.json()).error_code).toBe('PERMISSION_DENIED');
});

test('retention reaches the scoring page and reads the registry without changing it', async ({ page, login }) => {
  await login.signInAs('retention');
  await page.goto('/score');
  await expect(page.getByRole('heading', { name: 'Score', level: 1 })).toBeVisible();
  await page.goto('/models');
  await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
  expect((await page.request.delete('/api/v1/registry/aliases', { data: { name: 'streamflow-churn-baseline', alias: 'champion', reason: 'not allowed' } })).status()).toBe(403);
});

test('a data scientist opens experiments and models; only an admin sees user management', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto('/experiments');
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('region', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Users' })).toHaveCount(0);
});
