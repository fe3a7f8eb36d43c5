import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, screenshot, signIn, type Session } from './browser';
import { xlsx } from './xlsx';

// A manager sets up a new site from one sheet (快速配置): 2 buildings, 3 gateways, 40 meters.
// The first upload has bad rows: every error is shown against its row and cell and nothing
// is written; the fixed sheet imports, and the server's counts match the sheet. The site is
// made by this test, so other spec files' data is neither touched nor counted.

let s: Session;
let page: Page;

const run = Date.now() % 1_000_000; // addresses and ports of this run only
const code = `E${String(run).padStart(6, '0')}`;
let siteId = '';

beforeAll(async () => {
  s = await open();
  page = s.page;
});

afterAll(async () => {
  await s?.browser.close();
});

/** What the server says, asked with the page's own session cookie. */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ([q, v]) => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: q, variables: v }) });
      return r.json();
    },
    [query, variables] as const,
  );
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

const header = ['建筑名称', '楼层', '房间', '网关名称', '网关协议', '网关IP', '网关端口', '电表地址'];

/** The sheet's meter rows: 40 meters, A座 with two gateways and B座 with one. */
function meterRows(): string[][] {
  const gateways = [
    { building: 'A座', name: `A1-${code}`, port: String(20000 + (run % 20000)) },
    { building: 'A座', name: `A2-${code}`, port: String(20000 + ((run + 1) % 20000)) },
    { building: 'B座', name: `B1-${code}`, port: String(20000 + ((run + 2) % 20000)) },
  ];
  const rows: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const g = gateways[i % 3];
    const first = i < 3; // a gateway's protocol, host and port on its first row
    rows.push([
      g.building,
      `${1 + (i % 4)}F`,
      `${100 + i}`,
      g.name,
      first ? 'DL/T 645' : '',
      first ? '127.0.0.1' : '',
      first ? g.port : '',
      `${String(run).padStart(6, '0')}${String(i + 1).padStart(6, '0')}`,
    ]);
  }
  return rows;
}

async function counts() {
  return api<{ buildings: { totalCount: number }; gateways: { totalCount: number }; meters: { totalCount: number } }>(
    `query ($s: ID!) { buildings(filter: {siteId: $s}, first: 0) { totalCount } gateways(filter: {siteId: $s}, first: 0) { totalCount }
       meters(filter: {siteId: $s}, first: 0) { totalCount } }`,
    { s: siteId },
  );
}

async function upload(name: string, rows: string[][]) {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx('快速配置', [header, ...rows]),
  });
}

describe('quick setup of a site from one sheet', () => {
  it('signs the manager in and makes an empty site', async () => {
    await signIn(page, 'manager');
    const made = await api<{ createSite: { id: string } }>('mutation ($c: String!) { createSite(input: {name: $c, code: $c}) { id } }', {
      c: code,
    });
    siteId = made.createSite.id;
  });

  it('offers the template and checks a sheet with bad rows without writing anything', async () => {
    await page.goto(`/site/import?siteId=${siteId}`);
    await page.getByText('快速配置').first().waitFor();
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe(`/import/site-template.xlsx?siteId=${siteId}`);
    const tpl = await page.evaluate(async (u) => (await fetch(u)).status, `/import/site-template.xlsx?siteId=${siteId}`);
    expect(tpl).toBe(200);

    const rows = meterRows();
    rows[4][7] = '12AB'; // row 6: not a DL/T 645 address
    rows[11][7] = rows[8][7]; // row 13: the address of row 10, on the same gateway
    rows[19][0] = ''; // row 21: no building
    await upload('bad.xlsx', rows);

    await page.getByTestId('import-errors-alert').waitFor();
    expect(await page.getByTestId('import-errors-alert').innerText()).toContain('未写入任何数据');
    const table = page.getByTestId('import-errors');
    const cells = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['H6', 'H13', 'A21']));
    const lines = await table.locator('tbody tr').allInnerTexts();
    expect(lines.find((l) => l.includes('H6'))).toMatch(/^6\s+H6\s+电表地址\s+\S/);
    expect(lines.find((l) => l.includes('A21'))).toMatch(/^21\s+A21\s+建筑名称\s+\S/);
    await screenshot(page, 'site-import-errors');

    // Nothing was written.
    expect(await counts()).toEqual({ buildings: { totalCount: 0 }, gateways: { totalCount: 0 }, meters: { totalCount: 0 } });
  });

  it('imports the fixed sheet, and the server holds what it said', async () => {
    await upload('fixed.xlsx', meterRows());
    const ready = page.getByTestId('import-ready');
    await ready.waitFor();
    const summary = await page.getByTestId('import-summary').innerText();
    expect(summary).toMatch(/建筑\s+新建 2，沿用 0/);
    expect(summary).toMatch(/网关\s+新建 3，沿用 0/);
    expect(summary).toMatch(/电表\s+40/);
    expect(await counts()).toEqual({ buildings: { totalCount: 0 }, gateways: { totalCount: 0 }, meters: { totalCount: 0 } });
    await screenshot(page, 'site-import-ready');

    await page.getByTestId('import-commit').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /导\s*入/ }).click();
    await page.getByTestId('import-done').getByText('导入完成').waitFor();
    await screenshot(page, 'site-import-done');
    expect(await counts()).toEqual({ buildings: { totalCount: 2 }, gateways: { totalCount: 3 }, meters: { totalCount: 40 } });
  });

  it('lists the imported buildings, and an edit sends only what changed', async () => {
    await page.goto(`/site/buildings?siteId=${siteId}`);
    const table = page.getByTestId('buildings');
    await table.getByText('共 2 条').waitFor();
    await screenshot(page, 'site-buildings');
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.postData()?.includes('UpdateBuilding')) sent.push(r.postDataJSON().variables.input);
    });
    await table.locator('tr', { hasText: 'A座' }).getByRole('button', { name: /编\s*辑/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('建筑名称').fill('A座商场');
    await screenshot(page, 'site-building-edit');
    await dialog.getByRole('button', { name: /确\s*认|确\s*定/ }).click();
    await table.getByText('A座商场').waitFor();
    expect(sent).toEqual([{ name: 'A座商场' }]);
  });

  it('lists the gateways of the site, filters kept in the URL', async () => {
    await page.goto(`/site/gateways?siteId=${siteId}&online=false`);
    const table = page.getByTestId('gateways');
    await table.getByText('共 3 条').waitFor();
    const href = await table.getByTestId('export').getAttribute('href');
    expect(decodeURIComponent(href ?? '')).toBe(`/export/gateways.xlsx?filter={"siteId":"${siteId}","online":false}&lang=zh-CN`);
    await screenshot(page, 'site-gateways');
  });

  it('pages through the meter registry on the server, the page in the URL', async () => {
    await page.goto(`/site/meters?siteId=${siteId}`);
    const table = page.getByTestId('meters');
    await table.getByText('共 40 条').waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(20);
    await screenshot(page, 'site-meters');
    await table.getByRole('button', { name: /下一页/ }).click();
    await page.waitForURL(/after=/);
    await page.reload();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(20);
    expect(await table.getByRole('button', { name: /下一页/ }).isDisabled()).toBe(true);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('after'), { timeout: 15_000 }).toBe(false);
    // A new meter's form checks before sending: the address is required and numeric.
    await page.getByTestId('new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('电表地址').fill('12AB');
    await dialog.getByRole('button', { name: /确\s*认|确\s*定/ }).click();
    await dialog.getByText('请输入数字地址').waitFor();
    await screenshot(page, 'site-meter-new');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('lists the sites', async () => {
    await page.goto('/site/sites');
    await page.getByTestId('sites').getByText(code).first().waitFor();
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
    await screenshot(page, 'site-sites');
  });

  it('met no error but the sheet’s own 422, and made no request elsewhere', () => {
    expect(s.problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    expect(s.external).toEqual([]);
  });
});
