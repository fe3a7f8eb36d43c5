import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, open, screenshot, signIn, type Session } from './browser';
import { readXlsx } from './xlsx';

// The sales and charges reports under 报表: two cashiers of this file's own site take money by
// two channels (one sale reversed, one refund), then the manager opens 销售统计, 日结 and
// 费用统计 (the site takes a 2% service fee on sales), exports each and reads the files back,
// and prints the settlement; a cashier sees
// only their own takings. The data is made here over the API, so the file passes alone or
// after any other.

const run = Date.now().toString().slice(-6);
const siteName = `报表测试${run}`;
const cashierPassword = `Reports-e2e-${run}-pw`;
const cashiers = [`rep.a${run}`, `rep.b${run}`];
const names = [`收款员甲${run}`, `收款员乙${run}`];

let s: Session;
let page: Page;
let siteId = '';

/** A GraphQL request from the test itself, as an integrator would send it. */
async function gql<T>(query: string, variables: object, token?: string): Promise<T> {
  const r = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

const login = async (username: string, password: string) =>
  (await gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password })).login.token;

const key = () => `e2e-reports-${run}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  s = await open();
  page = s.page;
  const admin = await login('admin', 'voltpay-admin');
  // A 2% service fee on each sale: the fees are what the charges report shows for this site.
  const { createSite } = await gql<{ createSite: { id: string } }>(
    'mutation($n: String!, $c: String!) { createSite(input: {name: $n, code: $c, serviceFeeBp: 200, serviceFeeOn: sale}) { id } }',
    { n: siteName, c: `R${run}` },
    admin,
  );
  siteId = createSite.id;
  const { openAccount } = await gql<{ openAccount: { account: { id: string } } }>(
    'mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }',
    { in: { account: { siteId, tenantName: `报表商户${run}`, shopNo: `R${run}`, phone: `136${run}01` } } },
    admin,
  );
  const account = openAccount.account.id;
  const tokens: string[] = [];
  for (const [i, username] of cashiers.entries()) {
    await gql('mutation($in: OperatorInput!) { createOperator(input: $in) { id } }', { in: { username, displayName: names[i], role: 'cashier', password: cashierPassword } }, admin);
    tokens.push(await login(username, cashierPassword));
  }
  const sell = async (token: string, amountFen: number, channel: string) =>
    (await gql<{ sell: { id: string } }>('mutation($in: SaleInput!) { sell(input: $in) { id } }', { in: { accountId: account, amountFen, channel, idempotencyKey: key() } }, token)).sell.id;
  await sell(tokens[0], 20000, 'cash');
  await sell(tokens[0], 5000, 'wechat');
  const wrong = await sell(tokens[1], 8800, 'cash');
  await sell(tokens[1], 12000, 'wechat');
  await gql('mutation($in: RefundInput!) { refund(input: $in) { id } }', { in: { accountId: account, amountFen: 1500, channel: 'cash', idempotencyKey: key() } }, tokens[1]);
  await gql('mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }', { in: { entryId: wrong, idempotencyKey: key(), reason: '收错金额' } }, admin);
});

afterAll(async () => {
  await s?.browser.close();
});

/** Clicks the page's export button and reads the download back. */
async function exportBook(fileName: RegExp) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(download.suggestedFilename()).toMatch(fileName);
  return readXlsx(readFileSync((await download.path())!));
}

describe('reports', () => {
  it('销售统计 shows the chart, channels and operators, and exports them', async () => {
    await signIn(page, 'manager');
    await page.goto(`/reports/sales?siteId=${siteId}`);
    await expect.poll(() => page.getByTestId('sales-by-operator').innerText()).toContain(names[0]);
    const channels = await page.getByTestId('sales-by-channel').innerText();
    // Cash: 200.00 + 88.00 − 15.00 − 88.00 = 185.00; WeChat 170.00; total 355.00.
    expect(channels).toContain('¥185.00');
    expect(channels).toContain('¥170.00');
    expect(channels).toContain('¥355.00');
    await screenshot(page, 'reports-sales');
    const book = await exportBook(/^销售统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(book.sheet).toBe('销售统计');
    expect(book.rows[0][0]).toMatch(/^销售统计 \| 筛选：/); // the title row, then the header
    expect(book.rows[1]).toEqual(expect.arrayContaining(['期间', '付款方式', '经办人', '净额(元)']));
    const total = book.rows[book.rows.length - 1];
    expect(total[0]).toBe('合计');
    expect(Number(total[book.rows[1].indexOf('净额(元)')])).toBe(355);
  });

  it('日结 lists each cashier by channel, exports and prints the sheet', async () => {
    await page.goto(`/reports/settlement?siteId=${siteId}`);
    const table = page.getByTestId('settlement-table').first();
    await expect.poll(() => table.innerText()).toContain(names[1]);
    expect(await table.innerText()).toContain(names[0]);
    await screenshot(page, 'reports-settlement');
    const book = await exportBook(/^日结-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(book.rows.some((r) => r.includes(names[0]))).toBe(true);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.vp-settlement-print').isVisible()).toBe(true);
    await screenshot(page, 'reports-settlement-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('费用统计 shows charges by period and the top accounts, and exports them', async () => {
    await page.goto(`/reports/charges?siteId=${siteId}`);
    // Fees: 2% of 200 + 50 + 88 + 120 = 9.16, less the 1.76 of the reversed 88.00 sale: 7.40 kept.
    await expect.poll(() => page.getByTestId('charges-by-period').innerText()).toContain('¥7.40');
    expect(await page.getByTestId('charges-top').innerText()).toContain(`报表商户${run}`);
    await screenshot(page, 'reports-charges');
    const book = await exportBook(/^费用统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(book.rows[1]).toEqual(expect.arrayContaining(['期间', '电费(元)', '净收(元)']));
    const total = book.rows.find((r) => r[0] === '合计')!;
    expect(Number(total[book.rows[1].indexOf('净收(元)')])).toBeCloseTo(7.4, 2);
  });

  it('a cashier sees only their own takings', async () => {
    await page.context().clearCookies();
    await signIn(page, cashiers[0], { password: cashierPassword });
    await page.goto(`/reports/settlement?siteId=${siteId}`);
    const table = page.getByTestId('settlement-table').first();
    await expect.poll(() => table.innerText()).toContain(names[0]);
    expect(await table.innerText()).not.toContain(names[1]);
    await screenshot(page, 'reports-settlement-cashier');
  });

  it('loaded nothing from outside and broke no policy', () => {
    expect(s.external).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
