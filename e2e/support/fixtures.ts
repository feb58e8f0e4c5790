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

/** Waits until the app marks the document hydrated (components/hydration-marker.tsx); not for files or JSON. */
async function hydrated(page: Page) {
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 15_000 }).catch(() => {});
}

export const test = base.extend<{ login: LoginPage }>({
  // Every full page load waits for hydration before the test acts: a click or a keystroke before it is lost, and a
  // URL written before the router starts is overwritten by it (both showed up as flakes on a loaded CI machine).
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const res = await goto(url, options);
      if ((res?.headers()['content-type'] ?? 'text/html').includes('text/html')) await hydrated(page);
      return res;
    };
    page.reload = async (options) => {
      const res = await reload(options);
      if ((res?.headers()['content-type'] ?? 'text/html').includes('text/html')) await hydrated(page);
      return res;
    };
    // eslint-disable-next-line react-hooks/rules-of-hooks -- Playwright's fixture callback, not React's use()
    await use(page);
  },
  // eslint-disable-next-line react-hooks/rules-of-hooks -- Playwright's fixture callback, not React's use()
  login: async ({ page }, use) => use(new LoginPage(page)),
});
export { expect };
