import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, open, screenshot, signIn, type Session } from './browser';

// The cashier's work at the console: open an account with a first sale, sell at the desk
// with the keyboard only, and watch the balance move on screen when the tenant pays by
// WeChat through the fake provider (voltpay paysim, started by scripts/e2e-admin.sh). The site
// and accounts are this file's own (made in beforeAll by the administrator over the API), so it
// passes alone or after any other spec file, and disturbs none.

const paysimURL = process.env.VOLTPAY_E2E_PAYSIM_URL;
const run = Date.now().toString().slice(-6);
const shop = `E2E-${run}`;
const tenantName = `测试鲜花店${run}`;
const phone = `139${run}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
const tenantPassword = `Desk-e2e-${run}-pw`;
const siteName = `售电测试${run}`;
// The accounts the list's filter finds: this file's, whatever else the server holds.
const noodles = `面馆${run}`;

let s: Session;
let page: Page;
let accountId = '';

beforeAll(async () => {
  s = await open();
  page = s.page;
  const { login } = await gql<{ login: { token: string } }>('mutation { login(username: "admin", password: "voltpay-admin") { token } }', {});
  const { createSite } = await gql<{ createSite: { id: string } }>(
    'mutation($n: String!, $c: String!) { createSite(input: {name: $n, code: $c}) { id } }',
    { n: siteName, c: `D${run}` },
    login.token,
  );
  for (const [i, name] of [`兰州${noodles}`, `重庆${noodles}`].entries()) {
    await gql(
      'mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }',
      { in: { account: { siteId: createSite.id, tenantName: name, shopNo: `M${run}-${i}`, phone: `137${run}${i}0` } } },
      login.token,
    );
  }
});

afterAll(async () => {
  await s?.browser.close();
});

/** A GraphQL request from the test itself (not the page), as an app or integrator would send it. */
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

const balanceText = (testId: string) => page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();

describe('the sales desk and accounts', () => {
  it('signs the cashier in', async () => {
    await signIn(page, 'cashier', { from: '/accounts' });
    await page.getByTestId('accounts-open').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'desk-01-accounts');
  });

  it('keeps the account list’s filter in the URL', async () => {
    const box = page.getByPlaceholder('户名、铺位号、电话或户号');
    await box.fill(noodles);
    await box.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('search') === noodles);
    await expect
      .poll(async () => (await page.locator('.ant-table-row').allInnerTexts()).map((r) => r.includes(noodles)))
      .toEqual([true, true]);
    await page.reload();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await box.inputValue()).toBe(noodles);
    const exportLink = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    expect(exportLink).toBe(`/export/accounts.xlsx?filter=${encodeURIComponent(JSON.stringify({ search: noodles }))}&lang=zh-CN`);
    // The server's spreadsheet of the same accounts, on the session cookie.
    const xlsx = await page.request.get(exportLink!);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('opens an account with a first sale', async () => {
    await page.goto('/accounts');
    await page.getByTestId('accounts-open').click();
    const form = page.getByTestId('open-account-form');
    await form.waitFor();
    // The site this file made (other spec files make sites of their own too).
    await form.locator('.ant-form-item').filter({ hasText: '项目' }).locator('.ant-select-selector').first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: siteName }).click();
    await form.getByLabel('户名').fill(tenantName);
    await form.getByLabel('铺位号').fill(shop);
    await form.getByLabel('电话').fill('12345');
    await form.getByLabel('首次售电金额（元）').fill('100');
    await page.getByRole('button', { name: '开 户' }).click();
    // Checked before sending: the phone number is refused on the form.
    await form.getByText('请输入手机号').waitFor();
    await form.getByLabel('电话').fill(phone);
    await screenshot(page, 'desk-02-open-account');
    await page.getByRole('button', { name: '开 户' }).click();
    await page.waitForURL(/\/accounts\/\d+$/);
    accountId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => balanceText('account-balance')).toBe('¥100.00');
    await page.getByRole('cell', { name: '售电' }).first().waitFor();
    await screenshot(page, 'desk-03-account-detail');
    // From the account to the desk, the tenant already chosen.
    await page.getByRole('button', { name: '去售电' }).click();
    await expect.poll(() => page.getByTestId('desk-tenant').innerText()).toBe(tenantName);
  });

  it('sells at the desk with the keyboard only', async () => {
    await page.goto('/desk');
    const search = page.getByTestId('desk-search');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(shop);
    await page.locator('.vp-desk-result-active').getByText(tenantName).waitFor();
    await screenshot(page, 'desk-04-search');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('desk-tenant').innerText()).toBe(tenantName);
    await expect.poll(() => page.getByTestId('desk-amount').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('88.8');
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('desk-confirm-details');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/办理前余额\s*¥100\.00[\s\S]*办理后余额\s*¥188\.80/);
    await screenshot(page, 'desk-05-confirm');
    await expect.poll(() => page.locator('#desk-confirm').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const text = await receipt.innerText();
    expect(text).toContain('¥88.80');
    expect(text).toContain('人民币捌拾捌元捌角');
    expect(text).toMatch(/收款人\s*cashier/);
    expect(text).toMatch(/办理后余额\s*¥188\.80/);
    await expect.poll(() => balanceText('desk-balance')).toBe('¥188.80');
    // The cashier's takings today count both sales.
    await expect.poll(async () => (await page.getByTestId('desk-takings').innerText()).includes('¥')).toBe(true);
    await screenshot(page, 'desk-06-receipt');
    // The PDF button opens the server's three-part receipt of this sale, with the cashier's rights.
    const pdfHref = await page.getByTestId('desk-print-pdf').getAttribute('href');
    expect(pdfHref).toMatch(/^\/receipts\/R\d+\.pdf\?lang=zh-CN$/);
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Each printable entry of the recent list reprints, marked as such.
    expect(await page.getByTestId('desk-reprint').first().getAttribute('href')).toMatch(/\.pdf\?lang=zh-CN&reprint=1$/);
    // F2 brings the search back, whatever has the focus.
    await page.keyboard.press('F2');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    // Printing shows only the receipt.
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'desk-07-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the balance change live when the tenant pays by WeChat', async () => {
    expect(paysimURL, 'VOLTPAY_E2E_PAYSIM_URL: run with scripts/e2e-admin.sh').toBeTruthy();
    await page.goto(`/accounts/${accountId}`);
    await expect.poll(() => balanceText('account-balance')).toBe('¥188.80');
    // The cashier gives the tenant a login to the tenant app.
    await page.getByRole('button', { name: '租户登录' }).click();
    await page.getByLabel('初始密码').fill(tenantPassword);
    await page.getByRole('button', { name: '创 建' }).click();
    await page.getByText(`已创建租户登录 ${phone}`).waitFor();

    // The tenant, in their app, opens a recharge of ¥50 and pays it at the provider.
    const { login } = await gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p, tenant: true) { token } }',
      { u: phone, p: tenantPassword },
    );
    const { createRechargeOrder } = await gql<{ createRechargeOrder: { outTradeNo: string } }>(
      'mutation($id: ID!) { createRechargeOrder(input: {accountId: $id, amountFen: 5000, channel: wechat, method: qr}) { outTradeNo } }',
      { id: accountId },
      login.token,
    );
    const paid = await fetch(`${paysimURL}/paysim/pay`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider: 'wechat', out_trade_no: createRechargeOrder.outTradeNo }),
    });
    expect(paid.status).toBe(204);

    // No reload: the balanceChanged subscription moves it.
    await expect.poll(() => balanceText('account-balance'), { timeout: 20_000 }).toBe('¥238.80');
    await page.getByRole('cell', { name: '微信支付' }).first().waitFor();
    await screenshot(page, 'desk-08-paid-live');
  });

  it('shows the binding code, and revokes a binding a WeChat person made with it', async () => {
    // The login made above is the first binding.
    const card = page.getByTestId('account-bindings');
    await card.getByRole('cell', { name: phone }).waitFor();
    await card.getByText('在小程序/手机端输入户号').waitFor();
    const code = (await page.getByTestId('account-binding-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{8}$/);

    // A person signs in from the mini-program (wx.login played by paysim) and binds the
    // account with the account number and the code, as the tenant app does.
    const wx = await fetch(`${paysimURL}/paysim/wxlogin`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    const { code: wxCode } = (await wx.json()) as { code: string };
    const { signInWithWechat } = await gql<{ signInWithWechat: { token: string } }>('mutation($c: String!) { signInWithWechat(code: $c) { token } }', { c: wxCode });
    const no = (await page.locator('.ant-page-header-heading-sub-title').innerText()).trim();
    await gql('mutation($no: String!, $c: String!) { bindAccount(accountNumber: $no, check: {bindingCode: $c}) { id } }', { no, c: code }, signInWithWechat.token);
    const bound = await gql<{ tenantAccounts: { id: string }[] }>('{ tenantAccounts { id } }', {}, signInWithWechat.token);
    expect(bound.tenantAccounts.map((x) => x.id)).toEqual([accountId]);

    await page.reload();
    const wechatRow = card.locator('tr.ant-table-row', { hasText: '输入绑定码' });
    await wechatRow.waitFor();
    expect(await wechatRow.innerText()).toContain('已用微信登录');
    expect(await card.locator('tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'desk-085-bindings');

    // Revoking asks first, then the person loses the account.
    await wechatRow.getByRole('button', { name: '解除绑定' }).click();
    await page.getByText('解除 微信用户 与本户的绑定？').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '解除绑定' }).click();
    await page.getByText('已解除 微信用户 的绑定').waitFor();
    await expect.poll(() => card.locator('tr.ant-table-row').count()).toBe(1);
    await card.getByRole('cell', { name: phone }).waitFor();
    const after = await gql<{ tenantAccounts: { id: string }[] }>('{ tenantAccounts { id } }', {}, signInWithWechat.token);
    expect(after.tenantAccounts).toEqual([]);
  });

  it('shows a viewer the account without its binding code or bindings', async () => {
    const v = await open();
    try {
      const asked: string[] = [];
      v.page.on('request', (r) => void (r.url().endsWith('/graphql') && asked.push(r.postData() ?? '')));
      await signIn(v.page, 'viewer', { from: `/accounts/${accountId}` });
      await v.page.getByTestId('account-balance').waitFor();
      await v.page.getByText('流水').first().waitFor();
      expect(await v.page.getByTestId('account-bindings').count()).toBe(0);
      expect(await v.page.getByText('已绑定的租户').count()).toBe(0);
      expect(asked.some((b) => b.includes('bindingCode'))).toBe(false);
      expect(v.problems).toEqual([]);
    } finally {
      await v.browser.close();
    }
  });

  it('closes the account with its final settlement', async () => {
    await page.getByTestId('account-close').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toMatch(/退还余额\s*¥238\.80/);
    await screenshot(page, 'desk-09-close');
    await dialog.getByRole('button', { name: '确认销户' }).click();
    await page.getByText('已销户').first().waitFor();
    await expect.poll(() => balanceText('account-balance')).toBe('¥0.00');
  });

  it('saw no console errors, CSP violations or requests leaving the server', () => {
    expect(s.problems).toEqual([]);
    expect(s.external).toEqual([]);
  });
});
