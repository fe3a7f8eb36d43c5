import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, gqlInPage, open, screenshot, signIn, type Session } from './browser';

// The 报表 pages on a site of their own (made here, so that no other spec's data is counted):
// a building with three meters, never read (so offline), one account with nothing paid (in
// arrears at 0.00) and one with 100 yuan, and a shared-cost group over a common-area meter whose
// last month is charged (0 fen, no readings). The administrator opens each report, checks what it
// counts, downloads its spreadsheet, and sees the empty alarm report.

const admin = { username: 'admin', password: 'voltpay-admin' };
const tag = Date.now().toString(36).slice(-6).toUpperCase();

let s: Session;
let page: Page;
let siteId = '';
const owing = `欠费户${tag}`;
const paid = `正常户${tag}`;

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlInPage<T>(page, query, variables);

/** The Beijing month before now, YYYY-MM. */
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

beforeAll(async () => {
  s = await open();
  page = s.page;
  await signIn(page, admin.username, { password: admin.password });
  siteId = (await gql<{ createSite: { id: string } }>(`mutation($n: String!, $c: String!) { createSite(input: {name: $n, code: $c}) { id } }`, { n: `报表测试${tag}`, c: `R${tag}` })).createSite.id;
  const building = (await gql<{ createBuilding: { id: string } }>(`mutation($in: BuildingInput!) { createBuilding(input: $in) { id } }`, { in: { siteId, name: `A座${tag}` } })).createBuilding.id;
  const tariff = (await gql<{ createTariff: { id: string } }>(`mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, {
    in: { siteId, name: `公摊电价${tag}`, kind: 'flat', prices: [{ rate: 'flat', price: '0.8500' }] },
  })).createTariff.id;
  const meter = async (room: string, n: number) =>
    (await gql<{ createMeter: { id: string } }>(`mutation($in: MeterInput!) { createMeter(input: $in) { id } }`, {
      in: { siteId, buildingId: building, address: `77${String(Date.now()).slice(-8)}0${n}`, protocol: 'dlt645', room },
    })).createMeter.id;
  const [m1, m2, common] = [await meter('101', 1), await meter('102', 2), await meter('电梯间', 3)];
  const openAccount = async (tenantName: string, meterId: string, i: number, sale?: number) =>
    (await gql<{ openAccount: { account: { id: string } } }>(`mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }`, {
      in: {
        account: { siteId, tenantName, shopNo: `S${i}`, phone: `137${String(Date.now()).slice(-7)}${i}` },
        meterIds: [meterId],
        ...(sale ? { firstSale: { amountFen: sale, channel: 'cash', idempotencyKey: `e2e-reports-${tag}-${i}` } } : {}),
      },
    })).openAccount.account.id;
  const a = await openAccount(owing, m1, 1);
  const b = await openAccount(paid, m2, 2, 10000);
  const group = (await gql<{ createApportionGroup: { id: string } }>(`mutation($in: ApportionGroupInput!) { createApportionGroup(input: $in) { id } }`, {
    in: {
      siteId,
      name: `公摊组${tag}`,
      method: 'area',
      tariffId: tariff,
      sources: [{ meterId: common, role: 'common' }],
      members: [
        { accountId: a, areaM2x100: 5000 },
        { accountId: b, areaM2x100: 15000 },
      ],
    },
  })).createApportionGroup.id;
  await gql(`mutation($g: ID!, $m: String!) { runApportionment(groupId: $g, month: $m) { id } }`, { g: group, m: lastMonth() });
});

afterAll(async () => {
  await s?.browser.close();
  expect(s?.problems ?? []).toEqual([]);
  expect(s?.external ?? []).toEqual([]);
});

/** Downloads the page's export (its href, with the session cookie) and checks it is a workbook. */
async function exportWorks() {
  const href = await page.getByTestId('export').first().getAttribute('href');
  expect(href).toBeTruthy();
  const resp = await page.request.get(new URL(href!, baseURL).toString());
  expect(resp.status()).toBe(200);
  expect(resp.headers()['content-type']).toContain('spreadsheetml');
}

describe('reports', () => {
  it('lists the reports under 报表 in the menu', async () => {
    await page.goto(`/reports/arrears?site=${siteId}`);
    const menu = page.locator('.ant-pro-sider, .ant-layout-sider').first();
    for (const label of ['欠费', '抄表', '失联', '告警统计']) await menu.getByText(label, { exact: true }).first().waitFor();
  });

  it('shows the arrears list with its totals and chart, and exports it', async () => {
    await page.locator('.ant-page-header-heading-title', { hasText: '欠费报表' }).waitFor();
    const table = page.getByTestId('arrears-table');
    await table.getByText(owing).waitFor();
    expect(await table.getByText(paid).count()).toBe(0);
    await page.getByTestId('arrears-count').getByText('1').waitFor();
    await page.getByTestId('arrears-chart').locator('canvas').waitFor();
    await screenshot(page, 'reports-01-arrears');
    await exportWorks();
  });

  it('shows every meter in the snapshot', async () => {
    await page.goto(`/reports/snapshot?site=${siteId}`);
    const table = page.getByTestId('snapshot-table');
    await table.getByText(owing).waitFor();
    await table.getByText('共 3 条').waitFor();
    await screenshot(page, 'reports-02-snapshot');
    await exportWorks();
  });

  it('counts the offline meters by building', async () => {
    await page.goto(`/reports/offline?site=${siteId}`);
    await page.getByTestId('offline-count').getByText('3').first().waitFor();
    await page.getByTestId('offline-chart').locator('canvas').waitFor();
    await page.getByText('通讯管理机全部在线').waitFor();
    await screenshot(page, 'reports-03-offline');
    await exportWorks();
  });

  it('shows the month by kind, empty or charted', async () => {
    await page.goto(`/reports/alarms?site=${siteId}`);
    // Empty, unless the poller has meanwhile marked the site's meters (never answering) offline.
    await page.getByTestId('alarms-empty').or(page.getByTestId('alarms-chart')).first().waitFor();
    await page.getByTestId('alarms-by-kind').getByText('电表失联').waitFor();
    await screenshot(page, 'reports-04-alarms');
    await exportWorks();
  });

  it('shows the shared-cost statement reconciled with the ledger', async () => {
    await page.goto(`/reports/apportion?site=${siteId}`);
    await page.getByTestId('statement-reconciled').getByText(/已与流水核对一致/).waitFor();
    const lines = page.getByTestId('statement-lines');
    await lines.getByText(owing).waitFor();
    await lines.getByText('25.00%', { exact: true }).waitFor();
    await lines.getByText('75.00%', { exact: true }).waitFor();
    await screenshot(page, 'reports-05-apportion');
    await exportWorks();
  });
});
