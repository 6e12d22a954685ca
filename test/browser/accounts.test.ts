// Accounts in a real browser against the real server: a wrong password is refused with a message, the
// right one shows the user's name; password change, sign-out; an administrator adds a user (with a
// generated password) and grants, revokes one; a sponsor admin works only in their study. English and 简体中文.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Actor } from '../../src/conduct/access/actor.ts';
import { accountServiceOf } from '../../src/conduct/accounts/for-stores.ts';
import { createStores } from '../../src/store/index.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';

const CLI: Actor = { userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' };
const PASSWORD = 'correct horse battery';

let harness: BrowserHarness;
before(async () => {
  harness = await startBrowserHarness({
    prepare: async (database) => {
      const accounts = accountServiceOf(createStores(database.db));
      await accounts.createUser(CLI, { username: 'li.wei', displayName: 'Li Wei', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'PUMCH', role: 'coordinator' }] });
      await accounts.createUser(CLI, { username: 'wang.fang', displayName: '王芳', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'TJH', role: 'investigator' }] });
      await accounts.createUser(CLI, { username: 'root', displayName: 'Installation admin', password: PASSWORD, isSystemAdmin: true });
      await accounts.createUser(CLI, { username: 'sponsor', displayName: 'Sponsor Admin', password: PASSWORD, grants: [{ studyId: 'NCT05794425', role: 'sponsor_admin' }] });
      await accounts.createUser(CLI, { username: 'root.zh', displayName: '管理员', password: PASSWORD, isSystemAdmin: true });
    },
  });
});
after(async () => harness?.close());

async function signIn(page: Page, username: string, password: string, labels = { username: 'Username', password: 'Password', submit: 'Sign in' }) {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

describe('signing in and out (English)', () => {
  test('a wrong password is refused with a message; the right one shows the name; password change; sign-out ends the session', async () => {
    const { page, context, errors } = await harness.openPage('/');
    try {
      const header = page.locator('header');
      await header.getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/\/sign-in$/);
      await signIn(page, 'li.wei', 'not the password at all');
      await page.getByRole('alert').getByText(/username or password is wrong/).waitFor();
      assert.match(page.url(), /\/sign-in$/, 'still on the sign-in page');

      await signIn(page, 'li.wei', PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      const account = header.getByRole('navigation', { name: 'Account' });
      await account.getByText('Li Wei', { exact: true }).waitFor();
      assert.equal(await account.getByRole('link', { name: 'Users' }).count(), 0, 'a coordinator does not administer users');
      // The CSRF token lives in memory only; the session cookie is HttpOnly.
      assert.deepEqual(await page.evaluate(() => Object.keys(window.localStorage).filter((key) => key !== 'eligo.language')), []);
      assert.equal(await page.evaluate(() => document.cookie), '');

      await account.getByRole('link', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Change password', level: 1 }).waitFor();
      await page.getByLabel('Current password', { exact: true }).fill('wrong current password');
      await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
      await page.getByLabel('New password again', { exact: true }).fill('a brand new passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('alert').getByText('The current password is wrong.').waitFor();
      await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').getByText('Your password has been changed.').waitFor();

      await account.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in$/);
      await header.getByRole('link', { name: 'Sign in' }).waitFor();
      // Public pages keep working signed out.
      await page.goto(`${harness.url}/admin/users`);
      await page.getByRole('heading', { name: 'Sign in needed' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
      await signIn(page, 'li.wei', PASSWORD);
      await page.getByRole('alert').getByText(/username or password is wrong/).waitFor();
      await signIn(page, 'li.wei', 'a brand new passphrase');
      await page.waitForURL(/\/admin\/users$/);
      await page.getByRole('heading', { name: 'Not available' }).waitFor();
      assert.deepEqual(errors.filter((error) => !/status of 40[01]/.test(error)), [], 'no script error (the refused sign-in and password log their status)');
    } finally {
      await context.close();
    }
  });
});

describe('user administration', () => {
  test('a system administrator adds a user with a generated password and a grant, grants and revokes; the new user signs in', async () => {
    const { page, context, errors } = await harness.openPage('/sign-in?next=/admin/users');
    let generated = '';
    try {
      await signIn(page, 'root', PASSWORD);
      await page.waitForURL(/\/admin\/users$/);
      await page.getByRole('heading', { name: 'Users and grants', level: 1 }).waitFor();
      const table = page.getByRole('table');
      await table.getByRole('rowheader', { name: 'li.wei' }).waitFor();

      const newUser = page.getByRole('form', { name: 'Add a user' });
      await newUser.getByLabel('Username', { exact: true }).fill('zhao.min');
      await newUser.getByLabel('Name', { exact: true }).fill('Zhao Min');
      await newUser.getByRole('button', { name: 'Generate a password' }).click();
      generated = await newUser.getByLabel('Password', { exact: true }).inputValue();
      assert.match(generated, /^[A-Za-z2-9]{20}$/);
      await newUser.getByRole('group', { name: /First grant/ }).getByLabel('Role', { exact: true }).selectOption({ label: 'Site coordinator' });
      await newUser.getByLabel('Study', { exact: true }).fill('NCT05794425');
      await newUser.getByLabel('Site', { exact: true }).fill('SDPH');
      await newUser.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('status').getByText('User zhao.min created.').waitFor();
      const row = table.locator('tr[data-user="zhao.min"]');
      await row.locator('[data-grant="coordinator NCT05794425 SDPH"]').waitFor();

      // A site role without a site is refused by the server, which names the field.
      const addGrant = page.getByRole('form', { name: 'Add grant' });
      await addGrant.getByLabel('Username', { exact: true }).selectOption({ label: 'zhao.min (Zhao Min)' });
      await addGrant.getByLabel('Role', { exact: true }).selectOption({ label: 'Monitor' });
      await addGrant.getByLabel('Study', { exact: true }).fill('NCT05794425');
      await addGrant.getByLabel('May see allocations where the study is blinded', { exact: true }).check();
      await addGrant.getByRole('button', { name: 'Add grant' }).click();
      await page.getByRole('status').getByText('zhao.min now has the role Monitor in NCT05794425.').waitFor();
      await row.locator('[data-grant="monitor NCT05794425 *"]').getByText(/sees allocation/).waitFor();

      await row.getByRole('button', { name: /Revoke Monitor · NCT05794425 · all sites/ }).click();
      await page.getByRole('status').getByText('The grant was revoked.').waitFor();
      await row.locator('[data-grant="monitor NCT05794425 *"]').waitFor({ state: 'detached' });

      await row.getByRole('button', { name: 'Disable' }).click();
      await row.getByText('Disabled').waitFor();
      await row.getByRole('button', { name: 'Enable' }).click();
      await row.getByText('Active').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    const second = await harness.openPage('/sign-in');
    try {
      await signIn(second.page, 'zhao.min', generated);
      await second.page.locator('header').getByText('Zhao Min', { exact: true }).waitFor();
      assert.deepEqual(second.errors, []);
    } finally {
      await second.context.close();
    }
  });

  test('a sponsor admin sees and grants only in their study; the server refuses a site role without a site', async () => {
    const { page, context, errors } = await harness.openPage('/sign-in?next=/admin/users');
    try {
      await signIn(page, 'sponsor', PASSWORD);
      await page.waitForURL(/\/admin\/users$/);
      const table = page.getByRole('table');
      await table.getByRole('rowheader', { name: 'li.wei' }).waitFor();
      assert.equal(await table.getByRole('rowheader', { name: 'root' }).count(), 0, 'a system admin without grants in the study is not listed');
      const newUser = page.getByRole('form', { name: 'Add a user' });
      assert.deepEqual(await newUser.getByLabel('Study', { exact: true }).locator('option').allInnerTexts(), ['NCT05794425']);
      assert.equal(await newUser.getByLabel(/System administrator/).count(), 0);
      await newUser.getByLabel('Username', { exact: true }).fill('sun.li');
      await newUser.getByLabel('Password', { exact: true }).fill('sun li long password');
      await newUser.getByLabel('Role', { exact: true }).selectOption({ label: 'Site investigator' });
      // Bypass the browser's own "required" check to see the server's answer.
      await newUser.getByLabel('Site', { exact: true }).evaluate((input) => input.removeAttribute('required'));
      await newUser.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('alert').getByText(/siteCode: the role investigator works at one site/).waitFor();
      assert.equal(await table.getByRole('rowheader', { name: 'sun.li' }).count(), 0);
      await newUser.getByLabel('Site', { exact: true }).fill('tjh');
      await newUser.getByRole('button', { name: 'Create user' }).click();
      await table.locator('tr[data-user="sun.li"] [data-grant="investigator NCT05794425 TJH"]').waitFor();
      assert.deepEqual(errors.filter((error) => !/status of 400/.test(error)), []);
    } finally {
      await context.close();
    }
  });
});

describe('accounts in 简体中文', () => {
  test('wrong password message, sign-in, the name in the header, adding a user and a grant, sign-out', async () => {
    const { page, context, errors } = await harness.openPage('/sign-in', { language: 'zh' });
    const labels = { username: '用户名', password: '密码', submit: '登录' };
    try {
      await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
      await signIn(page, 'root.zh', '错误的密码错误的密码', labels);
      await page.getByRole('alert').getByText(/用户名或密码错误/).waitFor();
      await signIn(page, 'root.zh', PASSWORD, labels);
      const account = page.locator('header').getByRole('navigation', { name: '账户' });
      await account.getByText('管理员', { exact: true }).waitFor();
      await account.getByRole('link', { name: '用户' }).click();
      await page.getByRole('heading', { name: '用户与授权', level: 1 }).waitFor();
      const newUser = page.getByRole('form', { name: '添加用户' });
      await newUser.getByLabel('用户名', { exact: true }).fill('chen.jing');
      await newUser.getByLabel('姓名', { exact: true }).fill('陈静');
      await newUser.getByRole('button', { name: '生成密码' }).click();
      await newUser.getByText('已生成：请立即复制').waitFor();
      await newUser.getByLabel('角色', { exact: true }).selectOption({ label: '数据管理员' });
      await newUser.getByLabel('研究', { exact: true }).fill('NCT05794425');
      await newUser.getByRole('button', { name: '创建用户' }).click();
      await page.getByRole('status').getByText('已创建用户 chen.jing。').waitFor();
      const row = page.locator('tr[data-user="chen.jing"]');
      await row.getByText('数据管理员 · NCT05794425 · 所有中心').waitFor();
      const addGrant = page.getByRole('form', { name: '添加授权' });
      await addGrant.getByLabel('用户名', { exact: true }).selectOption({ label: 'wang.fang (王芳)' });
      await addGrant.getByLabel('角色', { exact: true }).selectOption({ label: '中心协调员' });
      await addGrant.getByLabel('研究', { exact: true }).fill('NCT05794425');
      await addGrant.getByLabel('中心', { exact: true }).fill('PUMCH');
      await addGrant.getByRole('button', { name: '添加授权' }).click();
      await page.getByRole('status').getByText('wang.fang 现在在 NCT05794425 中担任中心协调员。').waitFor();
      await page.locator('tr[data-user="wang.fang"]').getByText('中心协调员 · NCT05794425 · PUMCH').waitFor();
      await account.getByRole('button', { name: '退出登录' }).click();
      await page.locator('header').getByRole('link', { name: '登录' }).waitFor();
      assert.deepEqual(errors.filter((error) => !/status of 401/.test(error)), []);
    } finally {
      await context.close();
    }
  });
});

describe('content security policy', () => {
  test('every page of the app runs under the CSP with no violation, signed out and signed in', async () => {
    const { page, context, errors } = await harness.openPage('/sign-in');
    try {
      const violations: string[] = [];
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`));
      });
      const response = await page.reload();
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await signIn(page, 'root', PASSWORD);
      await page.locator('header').getByText('Installation admin', { exact: true }).waitFor();
      const pages: Array<[string, RegExp]> = [
        ['/?q=aplastic+anemia', /Find clinical trials/],
        ['/trials/NCT05794425', /Clinical Study of UCB/],
        ['/trials/NCT05794425/check', /Check/],
        ['/check', /Check/],
        ['/review', /review/i],
        ['/trials/NCT05794425/review', /review/i],
        ['/account/password', /Change password/],
        ['/admin/users', /Users and grants/],
      ];
      for (const [path, heading] of pages) {
        await page.goto(`${harness.url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
        // The trial page draws its map and charts after loading; give them a moment to be drawn.
        await page.waitForLoadState('networkidle');
      }
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
