import { ROLE_LABELS, ROLES } from '../lib/auth/roles';
import { emailOf, expect, test } from './support/fixtures';

const NAV: Record<string, string[]> = {
  stakeholder: ['Overview', 'Experiments', 'Models', 'Monitoring', 'Fairness', 'ROI', 'Decks', 'Settings', 'API docs'],
  retention: ['Overview', 'Experiments', 'Models', 'Monitoring', 'Fairness', 'ROI', 'Decks', 'Score', 'Settings', 'API docs'],
  data_scientist: ['Overview', 'Experiments', 'Models', 'Monitoring', 'Fairness', 'ROI', 'Decks', 'Score', 'Settings', 'API docs'],
  admin: ['Overview', 'Experiments', 'Models', 'Monitoring', 'Fairness', 'ROI', 'Decks', 'Score', 'Settings', 'API docs'],
};

test('an anonymous visitor is sent to sign-in and back to the page asked for', async ({ page, login }) => {
  await page.goto('/monitoring');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmonitoring/);
  await login.signIn(emailOf('stakeholder'));
  await expect(page).toHaveURL(/\/monitoring$/);
  await expect(page.getByRole('heading', { name: 'Monitoring', level: 1 })).toBeVisible();
});

test('a wrong password is refused with a message', async ({ page, login }) => {
  await login.goto();
  await login.signIn(emailOf('admin'), 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

for (const role of ROLES) {
  test(`${role} signs in, sees their navigation, and signs out`, async ({ page, login }) => {
    await login.signInAs(role);
    await expect(page.getByTestId('current-role')).toHaveText(ROLE_LABELS[role]);
    const nav = page.getByRole('navigation', { name: 'Main' }).first();
    await expect(nav.getByRole('link')).toHaveText(NAV[role]!);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
}

test('signing out is recorded in the audit log', async ({ page, login }) => {
  await login.signInAs('admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await login.signInAs('admin');
  await page.goto('/settings');
  await expect(page.getByRole('region', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'auth.sign_out' }).first()).toContainText('admin@streamflow.test');
});
