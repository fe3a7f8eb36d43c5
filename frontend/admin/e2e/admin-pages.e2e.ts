import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../src/lib/money';
import { gqlInPage, open, screenshot, signIn, type Session } from './browser';

// The administrator's pages: alarms, energy, recharge orders, shared costs, operators, API
// keys, audit log and settings. The spec makes its own data (an API key with a name of its
// own), so it cannot disturb the other spec files running against the same server.

const admin = { username: 'admin', password: 'voltpay-admin' };
const keyName = `e2e-key-${Date.now()}`;

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
});

afterAll(async () => {
  await s?.browser.close();
});

const search = () => new URL(page.url()).searchParams;

/** Asks the server with the page's session (gqlInPage). */
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlInPage<T>(page, query, variables);

/** Opens a page of the console from the menu's route and waits for its title. */
async function visit(path: string, title: string) {
  await page.goto(path);
  await page.locator('.ant-page-header-heading-title', { hasText: title }).waitFor();
}

describe('the administrator’s pages', () => {
  it('signs the administrator in', async () => {
    await signIn(page, admin.username, { password: admin.password });
    const menu = await page.locator('.ant-pro-sider-menu, .ant-menu').first().innerText();
    for (const label of ['报警', '用电分析', '充值订单', '公摊', '操作员', 'API 密钥', '操作日志', '系统设置']) expect(menu).toContain(label);
  });

  it('makes an API key and shows its secret once', async () => {
    await visit('/api-keys', 'API 密钥');
    await page.getByTestId('create-api-key').click();
    const dialog = page.getByRole('dialog');
    // The form refuses to send without a name and a scope.
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('请输入名称').waitFor();
    await dialog.getByLabel('名称').fill(keyName);
    await dialog.getByLabel('查看账户').check();
    await dialog.getByLabel('查看站点').check();
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    const text = (await secret.innerText()).trim();
    expect(text).toMatch(/^vpk_\w+_\S+$/);
    await page.getByText('请立即复制并妥善保存此密钥').waitFor();
    await screenshot(page, 'padmin-01-api-key-secret');
    // The key works, as an integrator would send it.
    const me = await page.evaluate(async (key) => {
      const r = await fetch('/graphql', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ me { kind name } }' }),
      });
      return r.json();
    }, text);
    expect(me.data.me).toEqual({ kind: 'apikey', name: keyName });
    await page.getByTestId('secret-done').click();
    await secret.waitFor({ state: 'detached' });
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    // Never again: the list shows the prefix only, also after a reload.
    const row = page.getByTestId('api-keys-table').locator('tr', { hasText: keyName });
    await row.waitFor();
    expect(await page.content()).not.toContain(text);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(text);
    expect(await row.innerText()).toContain('有效');
    await screenshot(page, 'padmin-02-api-keys');
  });

  it('revokes the key after a confirmation', async () => {
    const row = page.getByTestId('api-keys-table').locator('tr', { hasText: keyName });
    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByText(`吊销密钥“${keyName}”？`).waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /吊\s*销/ }).click();
    await expect.poll(() => row.innerText()).toContain('已吊销');
  });

  it('filters the audit log through the URL and shows the arguments as JSON', async () => {
    await visit('/audit', '操作日志');
    await page.getByTestId('audit-table').getByText(/^共 \d+ 条$/).waitFor();
    const op = page.getByTestId('audit-operation').locator('input');
    await op.fill('createApiKey');
    await op.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('op') === 'createApiKey');
    const row = page.getByTestId('audit-table').locator('tr.ant-table-row', { hasText: 'createApiKey' }).first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const args = page.getByTestId('audit-args').first();
    await args.waitFor();
    const json = JSON.parse(await args.innerText());
    expect(JSON.stringify(json)).toContain(keyName);
    expect(await args.innerText()).toContain('\n  '); // indented
    await screenshot(page, 'padmin-03-audit');
    // A reload keeps the filter; back goes to the unfiltered list.
    await page.reload();
    await row.waitFor();
    await expect.poll(() => page.getByTestId('audit-operation').locator('input').inputValue()).toBe('createApiKey');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/audit' && !u.searchParams.has('op'));
    await expect.poll(() => page.getByTestId('audit-operation').locator('input').inputValue()).toBe('');
  });

  it('keeps the alarm filters in the URL across reload and back', async () => {
    await visit('/alarms', '报警');
    await page.getByTestId('alarms-table').getByText(/^共 \d+ 条$/).waitFor();
    await screenshot(page, 'padmin-04-alarms-live');
    await page.getByTestId('alarm-view').click();
    await page.locator('.ant-select-item-option', { hasText: '全部' }).click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'all');
    await page.getByTestId('alarm-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '电表失联' }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'offline');
    // What the table shows is the server's count for the same filter.
    const want = await gql<{ alarms: { totalCount: number } }>('{ alarms(filter: {kind: offline}, first: 0) { totalCount } }');
    await page.getByTestId('alarms-table').getByText(`共 ${want.alarms.totalCount} 条`, { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('alarm-kind').innerText()).toContain('电表失联');
    await screenshot(page, 'padmin-05-alarms-filtered');
    // The export link carries the filter as JSON and the language.
    const href = await page.getByTestId('export').getAttribute('href');
    const u = new URL(href!, page.url());
    expect(u.pathname).toBe('/export/alarms.xlsx');
    expect(u.searchParams.get('lang')).toBe('zh-CN');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ kind: 'offline' });
    // The server answers it with a workbook (a zip) on the page's session.
    const got = await page.evaluate(async (h) => {
      const r = await fetch(h);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('Content-Type'), magic: String.fromCharCode(b[0], b[1]) };
    }, href!);
    expect(got).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml'), magic: 'PK' });
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('view') === 'all' && !u.searchParams.has('kind'));
    expect(search().get('kind')).toBeNull();
  });

  it('refunds a paid recharge order after showing the balance before and after', async () => {
    const paysimURL = process.env.VOLTPAY_E2E_PAYSIM_URL;
    expect(paysimURL, 'VOLTPAY_E2E_PAYSIM_URL: run with scripts/e2e-admin.sh').toBeTruthy();
    // A ¥12.34 WeChat recharge of an account this file opens (in the first site: recharge
    // orders need an open account, which another spec file's may no longer be), paid at the
    // fake provider; the refund below takes it back, so the account ends where it was.
    const { sites } = await gql<{ sites: { id: string }[] }>('{ sites { id } }');
    const stamp = String(Date.now()).slice(-8);
    const { openAccount } = await gql<{ openAccount: { account: { id: string; balanceFen: number } } }>(
      'mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id balanceFen } } }',
      { in: { account: { siteId: sites[0].id, tenantName: `退款测试${stamp}`, shopNo: `R-${stamp}`, phone: `136${stamp}` } } },
    );
    const account = openAccount.account;
    const { createRechargeOrder: order } = await gql<{ createRechargeOrder: { outTradeNo: string } }>(
      'mutation($id: ID!) { createRechargeOrder(input: {accountId: $id, amountFen: 1234, channel: wechat, method: qr}) { outTradeNo } }',
      { id: account.id },
    );
    const paid = await fetch(`${paysimURL}/paysim/pay`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider: 'wechat', out_trade_no: order.outTradeNo }),
    });
    expect(paid.status).toBe(204);
    await page.goto('/orders?state=paid');
    const row = page.getByTestId('orders-table').locator('tr.ant-table-row', { hasText: order.outTradeNo });
    await row.waitFor();
    await row.getByRole('button', { name: /退\s*款/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('退款后余额').waitFor();
    const before = account.balanceFen + 1234;
    await expect.poll(() => dialog.innerText()).toContain(formatFen(before));
    await dialog.getByLabel('退款金额（元）').fill('20');
    await dialog.getByText('不能超过可退金额 ¥12.34').waitFor();
    await dialog.getByLabel('退款金额（元）').fill('12.34');
    await expect.poll(() => dialog.getByTestId('balance-after').innerText()).toBe(formatFen(account.balanceFen));
    await dialog.getByLabel('退款原因').fill('e2e 误充退回');
    await dialog.getByText('不能超过可退金额').waitFor({ state: 'detached' });
    await screenshot(page, 'padmin-12-refund-confirm');
    await dialog.getByRole('button', { name: /确认退款/ }).click();
    await page.getByText('已提交退款，等待支付渠道确认').waitFor();
    // Once the provider confirms, the order shows refunded without a reload (balanceChanged).
    await page.goto('/orders');
    await row.waitFor();
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('已退款');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByText('e2e 误充退回').waitFor();
    await screenshot(page, 'padmin-13-refunded');
  });

  it('shows the other pages', async () => {
    await page.goto('/');
    await page.getByTestId('today-sales').getByText('今日售电').waitFor();
    await page.getByTestId('energy-trend').getByText(/近 30 天用电/).waitFor();
    await screenshot(page, 'padmin-00-dashboard');

    await visit('/energy', '用电分析');
    await page.getByTestId('energy-table').getByText(/^共 \d+ 条$/).waitFor();
    await page.getByText('分时电量（当前页电表）').waitFor();
    await page.getByTestId('energy-trend').getByText('按月（12 个月）').click();
    await page.waitForURL((u) => u.searchParams.get('interval') === 'month');
    await page.getByTestId('energy-table').getByRole('button', { name: '电表趋势' }).first().click();
    await page.waitForURL((u) => u.searchParams.get('scope') === 'meter');
    await page.getByTestId('energy-trend').getByText(/电表用电趋势：/).waitFor();
    // The interval chosen before stays when a meter is picked.
    expect(search().get('interval')).toBe('month');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'padmin-06-energy');

    await visit('/orders', '充值订单');
    await page.getByTestId('orders-table').getByText(/^共 \d+ 条$/).waitFor();
    await screenshot(page, 'padmin-07-orders');

    await visit('/operators', '操作员');
    await page.getByTestId('operators-table').locator('tr', { hasText: 'cashier' }).first().waitFor();
    await screenshot(page, 'padmin-09-operators');
    await page.getByTestId('create-operator').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByText('密码至少 10 位').waitFor();
    await screenshot(page, 'padmin-10-operator-form');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    await visit('/settings', '系统设置');
    await page.getByText('自动拉闸与保电').waitFor();
    await screenshot(page, 'padmin-11-settings');
    // A name too long is refused before sending; saving the settings as they are succeeds.
    const name = page.getByLabel('站点名称');
    const was = await name.inputValue();
    await name.fill('长'.repeat(101));
    await page.getByText('最多 100 个字符').waitFor();
    await name.fill(was);
    await page.getByRole('button', { name: /保存设置/ }).click();
    await page.getByText('已保存').waitFor();
  });

  it('made no request off the server and no console error', () => {
    expect(s.external).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
