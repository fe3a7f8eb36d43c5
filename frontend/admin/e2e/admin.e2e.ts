import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, open, screenshot, submitLogin, type Session } from './browser';

// An operator's morning at the console, against the real server and a freshly seeded demo
// database (scripts/e2e-admin.sh): the cashier signs in, reads the dashboard, switches
// language, explores the API in GraphiQL, loses the session and comes back, and signs out.

const cashier = { username: 'cashier', password: 'voltpay-demo' };

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
});

afterAll(async () => {
  await s?.browser.close();
});

/** What the server says, asked with the page's own session cookie. */
async function api<T>(query: string): Promise<T> {
  const body = await page.evaluate(async (q) => {
    const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: q }) });
    return r.json();
  }, query);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

const path = () => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};

describe('the admin console', () => {
  it('sends a visitor without a session to the login page, in Chinese', async () => {
    await page.goto('/?view=today');
    await page.waitForURL('**/login?from=*');
    expect(path()).toBe('/login?from=%2F%3Fview%3Dtoday');
    await expect.poll(() => page.getByText('登录管理控制台').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Asked to sign in, not told a session ended: this tab never had one.
    await page.getByText('请先登录').waitFor();
    expect(await page.getByText('登录已失效').count()).toBe(0);
    await screenshot(page, '01-login');
  });

  it('shows the server’s error for a wrong password', async () => {
    await submitLogin(page, 'cashier', 'not-the-password');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/登录失败[\s\S]*wrong username or password/);
    expect(await alert.innerText()).toMatch(/请求号 \S+/);
    await screenshot(page, '02-login-wrong-password');
  });

  it('signs the cashier in and returns to the page that asked', async () => {
    await submitLogin(page, cashier.username, cashier.password);
    await page.waitForURL((u) => u.pathname === '/');
    expect(path()).toBe('/?view=today');
    // The session is an HTTP-only cookie; the page holds no token.
    const cookies = await s.context.cookies();
    expect(cookies.find((c) => c.name === 'voltpay_session')?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows the dashboard with the server’s numbers', async () => {
    await page.getByTestId('stat-meters').getByText('在用电表').waitFor();
    const want = await api<{ meters: { totalCount: number }; gateways: { totalCount: number } }>(
      '{ meters(filter: {status: active}, first: 0) { totalCount } gateways(first: 0) { totalCount } }',
    );
    expect(want.meters.totalCount).toBeGreaterThan(0);
    const number = async (testId: string) =>
      Number((await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).replaceAll(',', ''));
    await expect.poll(() => number('stat-meters')).toBe(want.meters.totalCount);
    expect(await number('stat-gateways')).toBe(want.gateways.totalCount);
    // One tile per display status, from meterStatusCounts: together they are the meters in service.
    const tiles = page.locator('[data-testid^=status-tile-]');
    expect(await tiles.count()).toBe(8);
    const tileCounts = await tiles.locator('.vp-status-tile-count').allInnerTexts();
    expect(tileCounts.reduce((n, c) => n + Number(c.replaceAll(',', '')), 0)).toBe(want.meters.totalCount);
    // The menu is the cashier's: the pages their permissions open, in groups (a group with
    // none of them is left out: src/layout/menu.test.ts).
    const menu = await page.locator('.ant-pro-sider-menu, .ant-menu').first().innerText();
    expect(menu).toContain('工作台');
    expect(menu).toContain('营业');
    expect(menu).not.toContain('操作员');
    expect(await page.getByTestId('user-menu').innerText()).toContain('售电员');
    await screenshot(page, '03-dashboard');
  });

  it('switches to English, remembers it, and back', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Meters in service').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await page.reload();
    await page.getByText('Meters in service').waitFor();
    await screenshot(page, '04-dashboard-english');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByText('在用电表').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('opens GraphiQL offline and runs a query with the session', async () => {
    await page.goto('/graphiql');
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ me { name } }');
    await page.keyboard.press('ControlOrMeta+Enter');
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.innerText(), { timeout: 15_000 }).toMatch(/"name":\s*"cashier"/);
    await screenshot(page, '05-graphiql');
  });

  it('returns to login with the page when the session is lost, and back after login', async () => {
    await page.goto('/?view=today');
    await page.getByText('在用电表').waitFor();
    await s.context.clearCookies();
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await page.waitForURL('**/login?from=*');
    expect(path()).toBe('/login?from=%2F%3Fview%3Dtoday');
    await page.getByText('登录已失效，请重新登录').waitFor();
    await screenshot(page, '06-session-lost');
    await submitLogin(page, cashier.username, cashier.password);
    await page.waitForURL((u) => u.pathname === '/');
    expect(path()).toBe('/?view=today');
    await page.getByText('在用电表').waitFor();
  });

  it('signs out from the user menu', async () => {
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.getByText('登录管理控制台').waitFor();
    expect((await s.context.cookies()).find((c) => c.name === 'voltpay_session')).toBeUndefined();
    await screenshot(page, '07-signed-out');
    await page.goto('/');
    await page.waitForURL('**/login*');
  });

  it('shows the login page in English too', async () => {
    await page.getByText('登录管理控制台').waitFor();
    // The switch opens on hover: start from outside it (the user menu was where it is now).
    await page.mouse.move(0, 0);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Sign in to the console').waitFor();
    await screenshot(page, '08-login-english');
    await page.mouse.move(0, 0);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByText('登录管理控制台').waitFor();
  });

  it('loaded nothing from outside and broke no policy', () => {
    expect(s.external).toEqual([]);
    // Unauthenticated answers are part of the story (the lost session); nothing else is.
    const problems = s.problems.filter((p) => !/status of 401/.test(p));
    expect(problems).toEqual([]);
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
