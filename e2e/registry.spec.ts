// The model registry: aliases are promoted and rolled back with a reason; only data scientists and admins may.
import type { APIRequestContext, Page } from '@playwright/test';
import { hasRole, minRoleForPath } from '../lib/auth/roles';
import { expect, test } from './support/fixtures';

const MODEL = 'streamflow-churn-baseline';

async function aliases(request: APIRequestContext): Promise<Record<string, string>> {
  const res = await request.get(`/api/2.0/mlflow/registered-models/get?name=${MODEL}`);
  expect(res.status()).toBe(200);
  const m = (await res.json()).registered_model;
  return Object.fromEntries((m.aliases ?? []).map((a: { alias: string; version: string }) => [a.alias, String(a.version)]));
}

/** The model page as a person uses it. */
class ModelPage {
  constructor(readonly page: Page) {}
  get aliases() {
    return this.page.getByRole('region', { name: 'Aliases' });
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  async goto() {
    await this.page.goto('/models');
    await this.page.getByRole('link', { name: MODEL }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: MODEL })).toBeVisible();
  }
  async submit(reason: string) {
    await this.dialog.getByLabel('Reason').fill(reason);
    await this.dialog.getByRole('button', { name: /^(Set|Roll back|Remove)/ }).click();
  }
}

test('a data scientist promotes a version with a reason, then rolls the alias back', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  const before = await aliases(page.request);
  expect(before.challenger).toBeDefined();
  const model = new ModelPage(page);
  await model.goto();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).not.toHaveCount(1);
  const newest = (await versions.getByRole('row').nth(1).getByRole('cell').first().innerText()).replace('v', '');
  expect(newest).not.toBe(before.challenger);

  // Promote the newest version to challenger: the reason is required.
  await page.getByRole('button', { name: `Promote v${newest}` }).click();
  await model.dialog.getByLabel('Alias', { exact: true }).selectOption('challenger');
  await expect(model.dialog).toContainText(`@challenger moves from v${before.challenger} to v${newest}`);
  await model.dialog.getByRole('button', { name: `Set @challenger → v${newest}` }).click();
  await expect(model.dialog).toContainText('A reason is required');
  await model.submit('e2e: newest version beats the challenger on holdout AUC');
  await expect(page.getByRole('status')).toHaveText(`@challenger now points at version ${newest}.`);
  await expect(model.aliases.getByRole('listitem').filter({ hasText: '@challenger' })).toContainText(`v${newest}`);
  expect((await aliases(page.request)).challenger).toBe(newest);

  // Roll back to the version it pointed at before.
  await page.getByRole('button', { name: 'Roll back @challenger', exact: true }).click();
  await model.dialog.getByLabel('Roll back to version').selectOption(before.challenger!);
  await model.submit('e2e: rollback after the promotion test');
  await expect(page.getByRole('status')).toHaveText(`@challenger now points at version ${before.challenger}.`);
  expect(await aliases(page.request)).toEqual(before);
});

test('the server refuses a change without a reason', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  const res = await page.request.post('/api/v1/registry/aliases', { data: { name: MODEL, alias: 'challenger', version: 1, reason: '' } });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(res.status()).toBeLessThan(500);
});

test('a refusal from the server is shown in the dialog', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.route('**/api/v1/registry/aliases', (route) =>
    route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'This needs the data_scientist role or above; you are stakeholder' } }) }),
  );
  const model = new ModelPage(page);
  await model.goto();
  await page.getByRole('button', { name: 'Promote a version' }).click();
  await model.submit('e2e: this one is refused');
  await expect(model.dialog.getByRole('alert')).toHaveText('This needs the data_scientist role or above; you are stakeholder');
  await expect(model.dialog).toBeVisible();
});

test('an admin sees each alias change with who made it and why', async ({ page, login }) => {
  await login.signInAs('admin');
  const before = await aliases(page.request);
  const model = new ModelPage(page);
  await model.goto();
  const reason = `e2e admin re-affirms the champion ${Date.now()}`;
  await page.getByRole('button', { name: 'Move @champion', exact: true }).click();
  await model.dialog.getByLabel('Version', { exact: true }).selectOption(before.champion!);
  await model.submit(reason);
  await expect(page.getByRole('status')).toBeVisible();
  const history = page.getByRole('table', { name: 'Alias history' });
  await expect(history.getByRole('row', { name: new RegExp(reason) })).toContainText('@champion');
  await expect(history.getByRole('row', { name: new RegExp(reason) })).toContainText('admin');
});

test('a stakeholder gets no promote buttons and the API answers 403', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  await page.goto(`/models/${MODEL}`);
  if (hasRole('stakeholder', minRoleForPath('/models'))) {
    await expect(page.getByRole('heading', { level: 1, name: MODEL })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Versions' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Promote|Roll back|Remove|Move/ })).toHaveCount(0);
    await expect(page.getByText('Promotions and rollbacks need the data scientist role.')).toBeVisible();
  } else {
    // The registry area is for data scientists (lib/auth/roles.ts AREAS): the page is refused altogether.
    await expect(page).toHaveURL(/\/\?denied=/);
  }
  const res = await page.request.post('/api/v1/registry/aliases', { data: { name: MODEL, alias: 'champion', version: 1, reason: 'stakeholder tries' } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/data_scientist/);
});
