import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlInPage, pickOption as pickOptionIn, open, screenshot, signIn, type Session } from './browser';

// Shared costs (公摊) from the console: on a site of its own (made here, so that no other spec
// file's data is touched or counted), the administrator creates a group over a common-area
// meter and three accounts, is stopped by the form on a bad floor area, saves, renames it,
// runs last month and opens the run's shares. With no readings the run charges 0 fen and
// writes no ledger entry.

const admin = { username: 'admin', password: 'voltpay-admin' };
const tag = Date.now().toString(36).slice(-6).toUpperCase();

let s: Session;
let page: Page;
let siteName = '';
let meterAddress = '';
const accounts: { id: string; tenantName: string }[] = [];

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlInPage<T>(page, query, variables);

const pickOption = (label: string) => pickOptionIn(page, label);

beforeAll(async () => {
  s = await open();
  page = s.page;
  await signIn(page, admin.username, { password: admin.password });
  siteName = `公摊测试${tag}`;
  const site = (await gql<{ createSite: { id: string } }>(`mutation($n: String!, $c: String!) { createSite(input: {name: $n, code: $c}) { id } }`, { n: siteName, c: tag }))
    .createSite;
  await gql(`mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, {
    in: { siteId: site.id, name: `公摊电价${tag}`, kind: 'flat', prices: [{ rate: 'flat', price: '0.8500' }] },
  });
  meterAddress = `66${String(Date.now()).slice(-10)}`;
  await gql(`mutation($in: MeterInput!) { createMeter(input: $in) { id } }`, { in: { siteId: site.id, address: meterAddress, protocol: 'dlt645', room: '电梯间' } });
  for (const [i, name] of ['甲商户', '乙商户', '丙商户'].entries()) {
    const tenantName = `${name}${tag}`;
    const a = await gql<{ openAccount: { account: { id: string } } }>(`mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }`, {
      in: { account: { siteId: site.id, tenantName, shopNo: `S-${name.slice(0, 1)}`, phone: `139${String(Date.now()).slice(-7)}${i}` } },
    });
    accounts.push({ id: a.openAccount.account.id, tenantName });
  }
});

afterAll(async () => {
  await s?.browser.close();
  expect(s?.problems ?? []).toEqual([]);
  expect(s?.external ?? []).toEqual([]);
});

describe('shared costs', () => {
  const groupName = `e2e 公区${tag}`;

  it('creates a group, refusing a bad floor area next to its field', async () => {
    await page.goto('/apportion');
    await page.locator('.ant-page-header-heading-title', { hasText: '公摊' }).waitFor();
    await page.getByTestId('new-group').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('新建公摊组').waitFor();
    await dialog.getByTestId('group-site').click();
    await pickOption(siteName);
    await dialog.getByTestId('group-name').fill(groupName);
    await dialog.getByTestId('group-tariff').click();
    await pickOption(`公摊电价${tag}`);
    await dialog.getByTestId('source-meter-0').click();
    await page.keyboard.type(meterAddress.slice(-6));
    await pickOption(meterAddress);
    for (const [i, a] of accounts.entries()) {
      if (i > 0) await dialog.getByTestId('add-member').click();
      await dialog.getByTestId(`member-account-${i}`).click();
      await page.keyboard.type(a.tenantName);
      await pickOption(a.tenantName);
    }
    await dialog.getByTestId('member-weight-0').locator('xpath=self::input | .//input').fill('120.5');
    await dialog.getByTestId('member-weight-1').locator('xpath=self::input | .//input').fill('80');
    await dialog.getByTestId('member-weight-2').locator('xpath=self::input | .//input').fill('1.234');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('第 3 户的面积应为大于 0 的数字，最多两位小数').waitFor();
    await screenshot(page, 'apportion-01-form-error');
    await dialog.getByTestId('member-weight-2').locator('xpath=self::input | .//input').fill('60');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const detail = page.getByTestId('group-detail');
    await detail.locator('.ant-descriptions-title', { hasText: groupName }).waitFor();
    await detail.getByText('120.5 m²').waitFor();
    await detail.getByText('3 户').waitFor();
    expect(new URL(page.url()).searchParams.get('group')).toBeTruthy();
  });

  it('renames the group, sending what changed', async () => {
    await page.getByTestId('edit-group').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('group-name').fill(`${groupName}改`);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('group-detail').locator('.ant-descriptions-title', { hasText: `${groupName}改` }).waitFor();
    await page.getByTestId('groups').getByText(`${groupName}改`).waitFor();
  });

  it('runs last month and opens the run with its shares', async () => {
    await page.getByText('还没有分摊记录').waitFor();
    await page.getByTestId('run-apportionment').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('每个月只能执行一次').waitFor();
    await dialog.getByRole('button', { name: /确认执行/ }).click();
    await page.getByText(/已分摊，共 ¥0\.00/).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row', { hasText: '¥0.00' }).first();
    await row.waitFor();
    await screenshot(page, 'apportion-02-group');
    await row.locator('a[data-testid^="open-run-"]').click();
    await page.waitForURL((u) => /^\/apportion\/runs\/\d+$/.test(u.pathname));
    await page.getByTestId('run-summary').waitFor();
    const shares = page.getByTestId('shares');
    for (const a of accounts) await shares.getByText(a.tenantName).waitFor();
    expect(await shares.locator('.ant-table-row').count()).toBe(3);
    await shares.getByText('共 3 条').waitFor();
    await screenshot(page, 'apportion-03-run');
  });

  it('says so when a run cannot be seen', async () => {
    await page.goto('/apportion/runs/999999999');
    await page.getByText('找不到这张公摊单').waitFor();
  });
});
