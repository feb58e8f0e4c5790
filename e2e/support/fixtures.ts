import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../../db/seed-users';
import type { Role } from '../../lib/auth/roles';

export const emailOf = (role: Role) => DEMO_USERS.find((u) => u.role === role)!.email;

/** The sign-in page as a person uses it. */
export class LoginPage {
  constructor(readonly page: Page) {}
  async goto(path = '/login') {
    await this.page.goto(path);
  }
  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
  /**
   * Signs in as `role`. The first time per role (per worker) this goes through the form; later tests reuse that
   * session's cookies, which saves the form and a bcrypt check per test. The page then opens the overview, as a
   * form sign-in would.
   */
  async signInAs(role: Role) {
    const saved = sessions.get(role);
    if (saved) {
      await this.page.context().addCookies(saved);
      await this.page.goto('/');
    } else {
      await this.goto();
      await this.signIn(emailOf(role));
    }
    await expect(this.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    if (!saved) sessions.set(role, (await this.page.context().storageState()).cookies);
  }
}

type Cookies = Awaited<ReturnType<BrowserContext['storageState']>>['cookies'];
const sessions = new Map<Role, Cookies>();

export const test = base.extend<{ login: LoginPage }>({
  // eslint-disable-next-line react-hooks/rules-of-hooks -- Playwright's fixture callback, not React's use()
  login: async ({ page }, use) => use(new LoginPage(page)),
});
export { expect };
