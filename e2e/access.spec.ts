import { expect, test } from './support/fixtures';

test('a stakeholder cannot reach data-scientist or retention pages', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  for (const path of ['/experiments', '/models', '/score']) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/\\?denied=${encodeURIComponent(path)}`));
    await expect(page.getByRole('alert').filter({ hasText: 'cannot open' })).toContainText(`cannot open ${path}`);
  }
});

test('retention reaches the scoring page but not the model registry', async ({ page, login }) => {
  await login.signInAs('retention');
  await page.goto('/score');
  await expect(page.getByRole('heading', { name: 'Score', level: 1 })).toBeVisible();
  await page.goto('/models');
  await expect(page).toHaveURL(/denied=%2Fmodels/);
});

test('a data scientist opens experiments and models; only an admin sees user management', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto('/experiments');
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('region', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Users' })).toHaveCount(0);
});
