import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, screenshot, signIn, type Session } from './browser';
import { readXlsx } from './xlsx';

// The meters console with the meter simulator behind the server (scripts/e2e-admin.sh): the
// manager finds meters, trips three of them in one batch and watches their relays open, closes
// them again, opens a meter's details and exports the list. Its meters are three unopened ones
// of the demo's second gateway (the simulator answers for the demo's gateways), which no other
// spec file touches: the others make sites, meters and accounts of their own.

const manager = { username: 'manager', password: 'voltpay-demo' };
// The demo's second gateway: meter 40 has an account, 41–49 have none.
const prefix = '02000000004';
const chosen = ['020000000047', '020000000048', '020000000049'];

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
  await signIn(page, manager.username, { password: manager.password });
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

const row = (address: string): Locator => page.locator('.ant-table-row', { has: page.getByText(address, { exact: true }) });
const relayOf = (address: string) => row(address).getByTestId('meter-relay').getAttribute('data-relay');

/** Runs a batch action on the meters selected, through its confirmation. */
async function runBatch(action: string, confirm: RegExp, shotName?: string) {
  await page.getByTestId(`batch-${action}`).click();
  // The confirmation open now (an earlier one stays in the page, hidden).
  const popover = page.locator('.ant-popover:not(.ant-popover-hidden)');
  const question = popover.getByTestId('batch-confirm');
  await question.waitFor();
  expect(await question.innerText()).toMatch(confirm);
  if (shotName) await screenshot(page, shotName);
  await popover.getByTestId('batch-ok').click();
  await popover.waitFor({ state: 'hidden' });
}

describe('the meters console', () => {
  it('lists meters with their status in colour, filtered in the URL', async () => {
    await page.getByRole('menuitem', { name: '电表监控' }).click();
    await page.waitForURL('**/meters');
    await page.getByTestId('meter-legend').getByText('保电').waitFor();
    const total = await api<{ meters: { totalCount: number } }>('{ meters(filter: {status: active}, first: 0) { totalCount } }');
    await expect.poll(() => page.getByTestId('pager-total').innerText()).toBe(`共 ${total.meters.totalCount} 块电表`);
    await screenshot(page, 'meters-01-list');

    const search = page.getByPlaceholder('搜索表地址、房间、型号');
    await search.fill(prefix);
    await search.press('Enter');
    await page.waitForURL(`**/meters?q=${prefix}`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(10);
    for (const a of chosen) expect(await row(a).getByText('未开户').count()).toBe(1);
    // The filter survives a reload.
    await page.reload();
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(10);
    expect(await search.inputValue()).toBe(prefix);
    // The status filter: meter 40 has an account, so 未开户 leaves the other nine.
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '未开户' }).click();
    await page.waitForURL(`**/meters?q=${prefix}&status=not_opened`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(9);
    await page.goBack();
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(10);
  });

  it('batch-trips three meters and shows their relays open, then closes them', async () => {
    // The simulator's meters are read once the server starts: wait for their relays.
    for (const a of chosen) await expect.poll(() => relayOf(a), { timeout: 60_000, interval: 1000 }).toBe('closed');
    for (const a of chosen) await row(a).locator('.ant-checkbox-input').check();
    await expect.poll(() => page.getByTestId('batch-selected').innerText()).toBe('已选 3 块');

    await runBatch('trip', /确定对 3 块电表执行「跳闸（拉闸）」？[\s\S]*立即停电/, 'meters-02-confirm-trip');
    const progress = page.getByTestId('batch-progress');
    await progress.waitFor();
    await expect.poll(() => progress.locator('[data-state=confirmed]').count(), { timeout: 60_000 }).toBe(3);
    expect(await page.getByTestId('batch-summary').innerText()).toBe('已确认 3 / 3，失败 0');
    for (const a of chosen) await expect.poll(() => relayOf(a), { timeout: 15_000 }).toBe('open');
    for (const a of chosen) expect(await row(a).getByText('强制跳闸').count()).toBe(1);
    // The others of the page were left alone.
    expect(await relayOf('020000000046')).not.toBe('open');
    await screenshot(page, 'meters-03-tripped');

    await runBatch('close', /确定对 3 块电表执行「合闸」？/);
    await expect.poll(() => progress.locator('[data-state=confirmed]').count(), { timeout: 60_000 }).toBe(3);
    for (const a of chosen) await expect.poll(() => relayOf(a), { timeout: 15_000 }).toBe('closed');
    // Two round trips through the executor's read-back, after the first poll: more than the
    // default 45 s on a loaded machine.
  }, 180_000);

  it('opens a meter’s details: reading, registers, relay, commands', async () => {
    await row(chosen[0]).getByTestId('meter-open').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText(`电表 ${chosen[0]}`).waitFor();
    await drawer.getByText('最新读数').waitFor();
    await drawer.getByText('电能寄存器 (kWh)').waitFor();
    expect(await drawer.getByTestId('drawer-relay').innerText()).toBe('合闸');
    // Newest first: the close, then the trip, both confirmed.
    const commands = drawer.locator('.ant-table-row');
    await expect.poll(() => commands.count()).toBeGreaterThanOrEqual(2);
    expect(await commands.nth(0).innerText()).toMatch(/合闸[\s\S]*已确认[\s\S]*manager/);
    expect(await commands.nth(1).innerText()).toMatch(/跳闸（拉闸）[\s\S]*已确认/);
    await screenshot(page, 'meters-04-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('exports what the list shows as .xlsx', async () => {
    const shown = Number((await page.getByTestId('pager-total').innerText()).replace(/\D/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meter-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^电表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = readXlsx(readFileSync((await download.path())!));
    expect(book.sheet).toBe('电表');
    // Row 1: the title (the list, its filter, when); row 2: the header; then the data and the totals (合计).
    expect(book.rows[0][0]).toMatch(/^电表 \| 筛选：.* \| 时间：不限 \| 导出于 \d{4}-\d{2}-\d{2} /);
    expect(book.rows[1]).toContain('电表地址');
    expect(book.rows[1]).toContain('余额(元)');
    const address = book.rows[1].indexOf('电表地址');
    const data = book.rows.slice(2).filter((r) => r[0] !== '合计');
    expect(book.rows.at(-1)?.[0]).toBe('合计');
    const addresses = data.map((r) => r[address]);
    expect(addresses).toHaveLength(shown);
    expect(addresses).toEqual(expect.arrayContaining(chosen));
  });

  it('loaded nothing from outside and broke no policy', () => {
    expect(s.external).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
