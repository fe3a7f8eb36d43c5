import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, open, screenshot as fullShot, type Session } from './browser';

// The console's later features, on data of this file's own (an operator, an account and its
// tenant login, made here): the desk's own takings as the server totals them, the account
// page's tenant logins, the operators page's roles from the server, and every list read at
// 1440×900 without a column cut off.

const run = Date.now().toString().slice(-6);
const operator = { username: `feat${run}`, password: `Feat-e2e-${run}-pw` };
const viewer = { username: `featview${run}`, password: `Feat-view-${run}-pw` };
const shop = `F-${run}`;
const tenantName = `功能测试店${run}（名称较长，用于检查表格的省略与悬停提示）`;
const first = `Tenant-${run}-first`;
const second = `Tenant-${run}-second`;
const paysimURL = process.env.VOLTPAY_E2E_PAYSIM_URL;
const phone = `137${run}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

let s: Session;
let page: Page;
let adminToken = '';
let accountId = '';

/** A GraphQL request from the test itself, as an integrator would send it. */
async function gql<T>(query: string, variables: object, token = adminToken): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const r = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function ok<T>(query: string, variables: object, token = adminToken): Promise<T> {
  const body = await gql<T>(query, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function login(username: string, password: string, tenant = false) {
  return gql<{ login: { token: string } }>('mutation($u: String!, $p: String!, $t: Boolean) { login(username: $u, password: $p, tenant: $t) { token } }', {
    u: username,
    p: password,
    t: tenant,
  });
}

async function signIn(p: Page, who: { username: string; password: string }, from = '/') {
  await p.goto(`/login?from=${encodeURIComponent(from)}`);
  await p.getByLabel('用户名').fill(who.username);
  await p.getByLabel('密码').fill(who.password);
  await p.locator('button[type=submit]').click();
  await p.waitForURL((u) => u.pathname === from);
}

/** A screenshot of the whole page from its top (a page scrolled down draws its sticky header mid-page). */
async function shot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  // Not mid-animation (antd's fades and slides take at most 0.3 s): a dropdown fading in, an
  // error message sliding open.
  await p.waitForTimeout(400);
  await fullShot(p, name);
}

/** Waits until the page has nothing loading: no request in flight, no table dimmed by its spinner. */
async function settled(p: Page) {
  await p.waitForLoadState('networkidle');
  await expect.poll(() => p.locator('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active').count(), { timeout: 15_000 }).toBe(0);
}

const statistic = (testId: string) => page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();

beforeAll(async () => {
  adminToken = (await ok<{ login: { token: string } }>('mutation { login(username: "admin", password: "voltpay-admin") { token } }', {}, '')).login.token;
  for (const [who, role] of [
    [operator, 'admin'],
    [viewer, 'viewer'],
  ] as const) {
    await ok('mutation($in: OperatorInput!) { createOperator(input: $in) { id } }', { in: { username: who.username, password: who.password, role, displayName: `功能测试${role}` } });
  }
  const { sites } = await ok<{ sites: { id: string; name: string }[] }>('{ sites { id name } }', {});
  const site = sites.find((x) => x.name === '伏特广场') ?? sites[0];
  const opened = await ok<{ openAccount: { account: { id: string } } }>('mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }', {
    in: { account: { siteId: site.id, tenantName, shopNo: shop, phone } },
  });
  accountId = opened.openAccount.account.id;
  s = await open();
  page = s.page;
  await signIn(page, operator, '/desk');
});

afterAll(async () => {
  await s?.browser.close();
});

describe('the desk’s own takings', () => {
  it('starts the day empty, then counts a sale, a refund and its reversal, refreshed after each', async () => {
    const card = page.getByTestId('desk-takings');
    await card.getByText('今天还没有收款').waitFor();
    await expect.poll(() => statistic('takings-net')).toBe('¥0.00');

    const search = page.getByTestId('desk-search');
    await search.fill(shop);
    await page.locator('.vp-desk-result-active').getByText(tenantName).waitFor();
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('desk-tenant').innerText()).toBe(tenantName);

    const deal = async (op: '售电' | '退电', yuan: string) => {
      await page.locator('label.ant-radio-button-wrapper').filter({ hasText: op }).click();
      await page.getByTestId('desk-amount').fill(yuan);
      await page.getByTestId('desk-submit').click();
      await page.getByTestId('desk-confirm-details').waitFor();
      await page.locator('#desk-confirm').click();
      await page.getByTestId('receipt').waitFor();
    };
    await deal('售电', '100');
    await expect.poll(() => statistic('takings-sales')).toBe('¥100.00');
    await expect.poll(() => statistic('takings-net')).toBe('¥100.00');
    await deal('退电', '30');
    await expect.poll(() => statistic('takings-refunds')).toBe('¥30.00');
    await expect.poll(() => statistic('takings-net')).toBe('¥70.00');

    // Reverse the refund (冲正): the money comes back into the day's net.
    await page.getByRole('row', { name: /退电/ }).getByRole('button', { name: /冲\s*正/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('冲正原因').fill('退错了');
    await dialog.getByRole('button', { name: /冲\s*正/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statistic('takings-reversals')).toBe('¥30.00');
    await expect.poll(() => statistic('takings-net')).toBe('¥100.00');
    const byChannel = page.getByTestId('takings-by-channel').getByRole('row', { name: /现金/ });
    await expect.poll(() => byChannel.innerText()).toMatch(/现金\s+3\s+¥100\.00/);
    await settled(page);
    await shot(page, 'feat-01-desk-takings');

    // The same figures as the server's summary for this operator.
    const token = (await login(operator.username, operator.password)).data!.login.token;
    const me = await ok<{ me: { id: string } }>('{ me { id } }', {}, token);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const sum = await ok<{ salesSummary: { totalFen: number; count: number } }>(
      'query($o: ID, $f: Time!, $t: Time!) { salesSummary(operatorId: $o, from: $f, to: $t) { totalFen count } }',
      { o: me.me.id, f: from, t: to },
      token,
    );
    expect(sum.salesSummary).toEqual({ totalFen: 10000, count: 3 });
  });
});

describe('tenant logins on the account page', () => {

  it('lists none, then creates one', async () => {
    await page.goto(`/accounts/${accountId}`);
    const card = page.getByTestId('tenant-logins');
    await card.getByText('还没有租户登录').waitFor();
    await card.getByTestId('tenant-login-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('密码至少 10 位').waitFor();
    await dialog.getByLabel('初始密码').fill(first);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText(`已创建租户登录 ${phone}`).waitFor();
    const row = card.getByRole('row', { name: new RegExp(phone) });
    await expect.poll(() => row.innerText()).toMatch(/正常[\s\S]*从未登录/);
    expect((await login(phone, first, true)).errors).toBeUndefined();
    await page.reload();
    await expect.poll(() => row.innerText()).toMatch(/正常\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await settled(page);
    await shot(page, 'feat-02-tenant-logins');
  });

  it('resets the password: the rule checked first, the server’s refusal under the field', async () => {
    await page.getByTestId(`tenant-reset-${phone}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('至少 10 位，不能是常见密码').waitFor();
    await page.getByTestId('tenant-new-password').fill('123');
    await page.getByTestId('tenant-confirm-password').fill('123');
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    await dialog.getByText('密码至少 10 位').waitFor();
    // Long enough, but one of the passwords guessed first: only the server knows.
    await page.getByTestId('tenant-new-password').fill('password1234');
    await page.getByTestId('tenant-confirm-password').fill('password1234');
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    const fieldError = dialog.locator('.ant-form-item').filter({ has: page.getByTestId('tenant-new-password') }).locator('.ant-form-item-explain-error');
    await expect.poll(() => fieldError.innerText()).toContain('most common passwords');
    await shot(page, 'feat-03-tenant-reset-refused');
    await page.getByTestId('tenant-new-password').fill(second);
    await page.getByTestId('tenant-confirm-password').fill(second);
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByText(`已重置 ${phone} 的密码`).waitFor();
    expect((await login(phone, first, true)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login(phone, second, true)).errors).toBeUndefined();
  });

  it('disables and enables it behind a confirmation', async () => {
    const card = page.getByTestId('tenant-logins');
    const row = card.getByRole('row', { name: new RegExp(phone) });
    await page.getByTestId(`tenant-toggle-${phone}`).click();
    const pop = page.locator('.ant-popover:not(.ant-popover-hidden)');
    await pop.getByText(`停用登录 ${phone}？`).waitFor();
    await shot(page, 'feat-04-tenant-disable-confirm');
    await pop.getByRole('button', { name: /停\s*用/ }).click();
    await expect.poll(() => row.innerText()).toContain('已停用');
    expect((await login(phone, second, true)).errors).toBeDefined();
    await page.getByTestId(`tenant-toggle-${phone}`).click();
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByRole('button', { name: /启\s*用/ }).click();
    await expect.poll(() => row.innerText()).toContain('正常');
    expect((await login(phone, second, true)).errors).toBeUndefined();
  });

  it('is not shown to an operator who may not manage accounts', async () => {
    const ctx = await s.browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const p = await ctx.newPage();
    const errors: string[] = [];
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(p, viewer, `/accounts/${accountId}`);
    await p.getByText(tenantName).first().waitFor();
    await p.getByText('流水', { exact: true }).first().waitFor();
    expect(await p.getByTestId('tenant-logins').count()).toBe(0);
    expect(await p.getByRole('button', { name: /销\s*户/ }).count()).toBe(0);
    await shot(p, 'feat-05-account-viewer');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('operator roles', () => {
  it('offers the server’s roles, each with its permissions', async () => {
    await page.goto('/operators');
    await page.getByTestId('create-operator').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('该角色的权限').waitFor();
    // The default role (cashier) shows what it may do.
    await expect.poll(() => dialog.getByTestId('role-permissions').innerText()).toMatch(/售电[\s\S]*退电[\s\S]*账户管理/);
    await dialog.locator('.ant-form-item').filter({ hasText: '角色' }).locator('.ant-select-selector').first().click();
    const finance = page.getByTestId('role-option-finance');
    await expect.poll(() => finance.innerText()).toMatch(/财务[\s\S]*冲正/);
    await shot(page, 'feat-06-operator-roles');
    await finance.click();
    await expect.poll(() => dialog.getByTestId('role-permissions').innerText()).toContain('查看操作日志');
    expect(await dialog.getByTestId('role-permissions').innerText()).not.toContain('售电');
    await page.keyboard.press('Escape');
  });
});

// Every list at 1440×900: nothing wider than the window, no header cut short.
const lists = [
  ['/meters', 'meters'],
  ['/orders', 'orders'],
  ['/accounts', 'accounts'],
  ['/alarms', 'alarms'],
  ['/audit', 'audit'],
  ['/operators', 'operators'],
  ['/api-keys', 'apikeys'],
  ['/tariffs', 'tariffs'],
  ['/schedules', 'schedules'],
  ['/apportion', 'apportion'],
  ['/site/sites', 'sites'],
  ['/site/buildings', 'buildings'],
  ['/site/gateways', 'gateways'],
  ['/site/meters', 'site-meters'],
  [`/accounts/${'ACCOUNT'}`, 'account-detail'],
] as const;

describe('lists at 1440×900', () => {
  beforeAll(async () => {
    // Recharge orders of this file's tenant, one paid through the fake provider, for the orders list.
    expect(paysimURL, 'VOLTPAY_E2E_PAYSIM_URL: run with scripts/e2e-admin.sh').toBeTruthy();
    const tenant = (await login(phone, second, true)).data!.login.token;
    const made: string[] = [];
    for (const [amountFen, channel] of [
      [5000, 'wechat'],
      [12345, 'alipay'],
    ] as const) {
      const r = await ok<{ createRechargeOrder: { outTradeNo: string } }>(
        'mutation($id: ID!, $a: Fen!, $c: Channel!) { createRechargeOrder(input: {accountId: $id, amountFen: $a, channel: $c, method: qr}) { outTradeNo } }',
        { id: accountId, a: amountFen, c: channel },
        tenant,
      );
      made.push(r.createRechargeOrder.outTradeNo);
    }
    const paid = await fetch(`${paysimURL}/paysim/pay`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider: 'wechat', out_trade_no: made[0] }),
    });
    expect(paid.status).toBe(204);
  });

  for (const [path, name] of lists) {
    it(`${name} fits the window`, async () => {
      await page.goto(path.replace('ACCOUNT', accountId));
      await page.locator('.ant-table, .ant-empty, .ant-result').first().waitFor();
      await settled(page);
      const m = await page.evaluate(() => {
        // A header's text reaching past its cell is cut (fixed columns' shadows do not count).
        const clipped: string[] = [];
        for (const th of Array.from(document.querySelectorAll<HTMLElement>('.ant-table-thead th'))) {
          const text = th.innerText.trim();
          if (!text) continue;
          const range = document.createRange();
          range.selectNodeContents(th);
          if (range.getBoundingClientRect().right > th.getBoundingClientRect().right + 1) clipped.push(text);
        }
        // A table scrolling sideways hides columns behind its edge.
        const scrolls: string[] = [];
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body, .ant-table-tbody-virtual-holder'))) {
          if (el.scrollWidth > el.clientWidth + 1) scrolls.push(`${el.scrollWidth}>${el.clientWidth}`);
        }
        const overflowing: string[] = [];
        for (const table of Array.from(document.querySelectorAll<HTMLElement>('.ant-table'))) {
          const r = table.getBoundingClientRect();
          if (r.right > window.innerWidth + 1) overflowing.push(`${Math.round(r.right)}px`);
        }
        return { page: document.documentElement.scrollWidth, clipped, scrolls, overflowing };
      });
      await shot(page, `feat-wide-${name}`);
      expect(m).toEqual({ page: 1440, clipped: [], scrolls: [], overflowing: [] });
    });
  }

  it('loaded nothing from outside and broke no policy', () => {
    expect(s.external).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
