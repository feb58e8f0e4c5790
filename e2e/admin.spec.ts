import { ROLES } from '../lib/auth/roles';
import { expect, test } from './support/fixtures';

test('an admin creates an API key, it works once shown, and revoking it stops it', async ({ page, login, playwright }) => {
  const name = `e2e integration ${Date.now()}`;
  await login.signInAs('admin');
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'API keys' });
  await panel.getByLabel('Key name').fill(name);
  await panel.getByLabel('read').check();
  await panel.getByLabel('predict').check();
  await panel.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-api-key').textContent())!.trim();
  expect(key).toMatch(/^sfk_/);

  const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/settings.*/, ''), extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const me = await api.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).principal).toMatchObject({ kind: 'api_key', name });
  expect((await api.get('/api/v1/overview')).status()).toBe(200);
  expect((await api.get('/api/v1/users')).status()).toBe(403); // keys never manage users

  await panel.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(panel.getByRole('row', { name: new RegExp(name) })).toContainText('revoked');
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();

  // The audit log shows what happened.
  const audit = page.getByRole('region', { name: 'Audit log' });
  await page.reload();
  await expect(audit).toContainText('api_key.revoke');
  await expect(audit).toContainText('api_key.create');
  await expect(audit).toContainText('auth.sign_in');
});

test('an admin adds a user who can then sign in with the given role', async ({ page, login, browser }) => {
  await login.signInAs('admin');
  await page.goto('/settings');
  const users = page.getByRole('region', { name: 'Users' });
  const email = `new.analyst.${Date.now()}@streamflow.test`;
  await users.getByLabel('Name').fill('New Analyst');
  await users.getByLabel('E-mail').fill(email);
  await users.getByLabel('New user role').selectOption('data_scientist');
  await users.getByLabel('Initial password').fill('a-long-password');
  await users.getByRole('button', { name: 'Add user' }).click();
  await expect(users.getByText(email)).toBeVisible();

  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await p2.goto('/login');
  await p2.getByLabel('E-mail').fill(email);
  await p2.getByLabel('Password').fill('a-long-password');
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await expect(p2.getByTestId('current-role')).toHaveText('Data scientist');
  await ctx.close();
});

// Every signed-in role against every mutating API route, over HTTP with the real session cookie.
for (const role of ROLES) {
  test(`${role}: mutating admin routes answer ${role === 'admin' ? 'as allowed' : '403'}`, async ({ page, login }) => {
    await login.signInAs(role);
    const none = '00000000-0000-4000-8000-000000000000';
    const calls = [
      page.request.post('/api/v1/users', { data: { email: `x${Date.now()}@t.test`, name: 'X', role: 'stakeholder', password: 'long-enough-pw' } }),
      page.request.patch(`/api/v1/users/${none}`, { data: { name: 'Y' } }),
      page.request.post('/api/v1/api-keys', { data: { name: 'k', scopes: ['read'] } }),
      page.request.delete(`/api/v1/api-keys/${none}`),
    ];
    const statuses = await Promise.all(calls.map(async (c) => (await c).status()));
    expect(statuses).toEqual(role === 'admin' ? [201, 404, 201, 404] : [403, 403, 403, 403]);
  });
}

test('anonymous mutating calls get 401 with the JSON error shape', async ({ request }) => {
  const res = await request.post('/api/v1/api-keys', { data: { name: 'k', scopes: ['read'] } });
  expect(res.status()).toBe(401);
  expect((await res.json()).error).toMatchObject({ code: 'unauthorized' });
});
