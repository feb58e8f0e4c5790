import { expect, test } from './support/fixtures';

// The API docs are public like FastAPI's /docs, and every role reaches them from the navigation.
test('an integrator without an account reads the API docs and the OpenAPI document', async ({ page, request }) => {
  await page.goto('/docs');
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole('heading', { name: 'API docs', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'StreamFlow Churn API' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const res = await request.get('/api/openapi.json');
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe('3.1.0');
});

test('a stakeholder opens the API docs from the navigation', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'API docs' }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole('heading', { name: 'StreamFlow Churn API' })).toBeVisible({ timeout: 20_000 });
});
