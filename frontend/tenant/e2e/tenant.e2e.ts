import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, screenshot, type Session } from '../../admin/e2e/browser'

// The tenant's day on a phone (375×812): sign in as the demo's tenant, see the balance,
// recharge ¥50 with WeChat H5 and ¥50 with Alipay wap, each paid on the fake provider's payer
// page (voltpay paysim) in another tab while the app waits on the server, and see the balance
// change without a reload; then the records, a receipt, usage, alarms, help and English.

const paysimURL = process.env.VOLTPAY_E2E_PAYSIM_URL ?? ''
const phone = '13810000000'
const password = 'voltpay-demo'

let s: Session
let page: Page

beforeAll(async () => {
  expect(paysimURL, 'VOLTPAY_E2E_PAYSIM_URL: run with scripts/e2e-tenant.sh').toBeTruthy()
  s = await open({ viewport: { width: 375, height: 812 }, allowOrigins: [paysimURL] })
  page = s.page
})

afterAll(async () => {
  await s?.browser.close()
})

/** The balance on the home page, as shown ("1,234.56"). */
const homeBalance = () => page.getByTestId('balance').innerText()

/** Yuan text → fen. */
const fen = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100)

/** Waits until the page has no pending request and no "加载中" left, for a fair screenshot. */
async function settled(p: Page = page) {
  await p.waitForLoadState('networkidle')
  await expect.poll(() => p.getByText('加载中…').count()).toBe(0)
}

describe('tenant app', () => {
  it('sends a visitor who is not signed in to sign in, and serves /m/ with its headers', async () => {
    const resp = await page.goto('/m/')
    const csp = resp?.headers()['content-security-policy'] ?? ''
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+';/)
    expect(csp).not.toContain('unsafe')
    await page.waitForURL(/\/m\/pages\/login\/index/)
    await page.locator('input[name=phone]').waitFor()
    await settled()
    await screenshot(page, 'tenant-01-login')
  })

  it('refuses a wrong password with a clear message', async () => {
    // Texted codes come first (e2e/signin.e2e.ts); the password is the other way.
    await page.getByText('使用密码登录').click()
    await page.locator('input[name=phone]').fill(phone)
    await page.locator('input[name=password]').fill('not-the-password')
    await page.locator('.login-submit').click()
    await page.getByRole('alert').getByText('手机号或密码不正确').waitFor()
    await screenshot(page, 'tenant-02-login-failed')
  })

  it('signs in and shows the balance, its status, today and this month, and the meters', async () => {
    await page.locator('input[name=password]').fill(password)
    await page.locator('.login-submit').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    await page.getByTestId('balance').waitFor()
    await page.getByText('我的电表').waitFor()
    await page.getByText('今日用电').waitFor()
    await settled()
    await screenshot(page, 'tenant-03-home')
  })

  for (const [channel, label] of [
    ['wechat', '微信支付'],
    ['alipay', '支付宝'],
  ] as const) {
    it(`recharges ¥50 with ${channel} and sees the balance move without reloading`, async () => {
      await page.goto('/m/pages/home/index')
      await page.getByTestId('balance').waitFor()
      await settled()
      const before = fen(await homeBalance())
      await page.locator('.balance-recharge').click()
      await page.waitForURL(/\/m\/pages\/recharge\/index/)
      await page.locator('[data-amount="50"]').click()
      await page.locator(`[data-channel="${channel}"]`).click()
      await settled()
      if (channel === 'wechat') await screenshot(page, 'tenant-04-recharge')
      // Paying sends the browser to the provider's page.
      await page.locator('.pay-button').click()
      await page.waitForURL((u) => u.origin === new URL(paysimURL).origin && u.pathname.startsWith('/paysim/'))
      const payerPage = page.url()
      await page.getByText(label === '微信支付' ? 'wechat' : 'alipay', { exact: false }).first().waitFor()
      // The provider sends the payer back to the app (here by hand: the fake's page does not),
      // which waits on the server for the result.
      await page.goto('/m/pages/recharge/index?paid=1')
      await page.getByText('等待支付结果…').waitFor()
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
      await settled()
      await screenshot(page, `tenant-05-pending-${channel}`)

      // The payer pays on the provider's page in another tab.
      const payer = await s.context.newPage()
      await payer.goto(payerPage)
      await payer.getByRole('button', { name: '支付 Pay' }).click()
      await payer.getByRole('status').waitFor()
      await payer.close()

      // No reload: balanceChanged brings the result and the new balance.
      await page.getByText('充值成功，已到账 ¥50.00').waitFor({ timeout: 20_000 })
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
      const shown = await page.getByTestId('recharge-balance').innerText()
      expect(fen(shown)).toBe(before + 5000)
      await screenshot(page, `tenant-06-paid-${channel}`)
    })
  }

  it('shows the home balance after both recharges', async () => {
    await page.goto('/m/pages/home/index')
    await page.getByTestId('balance').waitFor()
    await settled()
  })

  it('lists the records, with both recharges, and opens a receipt', async () => {
    await page.locator('[data-nav="records"]').click()
    await page.waitForURL(/\/m\/pages\/records\/index/)
    await page.getByText('充值 · 微信支付').first().waitFor()
    await page.getByText('充值 · 支付宝').first().waitFor()
    await settled()
    await screenshot(page, 'tenant-07-records')
    await page.getByText('充值 · 支付宝').first().click()
    await page.waitForURL(/\/m\/pages\/receipt\/index\?id=\d+/)
    // The records page stays in the DOM, hidden, under the receipt (Taro's page stack).
    const receipt = page.locator('.receipt')
    await receipt.getByText('交易后余额').waitFor()
    await receipt.getByText('¥50.00', { exact: true }).waitFor()
    await receipt.getByText('支付宝').waitFor()
    await settled()
    await screenshot(page, 'tenant-08-receipt')
  })

  it('says so for a receipt that is not the tenant\'s', async () => {
    await page.goto('/m/pages/receipt/index?id=999999999')
    await page.getByText('没有这条记录').waitFor()
  })

  it('charts usage by day and month', async () => {
    await page.goto('/m/pages/usage/index')
    await page.locator('[data-chart="day"]').waitFor()
    await settled()
    await screenshot(page, 'tenant-09-usage-daily')
    await page.getByText('近 12 个月').click()
    await page.locator('[data-chart="month"]').waitFor()
    await settled()
    await screenshot(page, 'tenant-10-usage-monthly')
  })

  it('lists alarms and the help page', async () => {
    await page.goto('/m/pages/alarms/index')
    await page.locator('[data-section="history"]').waitFor()
    await settled()
    await screenshot(page, 'tenant-11-alarms')
    await page.goto('/m/pages/help/index')
    await page.getByText('如何充值？').waitFor()
    // The demo's site has the office's phone (Site.officePhone).
    await page.getByText('拨打 021-55550100').waitFor()
    await settled()
    await screenshot(page, 'tenant-12-help')
  })

  it('loads the home page with at most 160 KiB of gzipped JavaScript', async () => {
    // A first visit (empty cache) of a signed-in tenant: every script the page fetches, as
    // sent (gzip). The budget and the figures are in docs/BENCHMARKS.md.
    const fresh = await s.context.newPage()
    await fresh.route('**/*', (route) => route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } }))
    const scripts: Promise<{ url: string; bytes: number }>[] = []
    fresh.on('requestfinished', (req) => {
      if (req.resourceType() === 'script') scripts.push(req.sizes().then((z) => ({ url: new URL(req.url()).pathname, bytes: z.responseBodySize })))
    })
    await fresh.goto('/m/pages/home/index')
    await fresh.getByTestId('balance').waitFor()
    await settled(fresh)
    const got = await Promise.all(scripts)
    const kib = got.reduce((n, x) => n + x.bytes, 0) / 1024
    console.log(`tenant app: the home page loaded ${got.length} scripts, ${kib.toFixed(1)} KiB gzipped: ${got.map((x) => `${x.url} ${(x.bytes / 1024).toFixed(1)}`).join(', ')}`)
    await fresh.close()
    expect(got.length).toBeGreaterThan(1)
    expect(kib).toBeLessThan(160)
  })

  it('switches to English', async () => {
    await page.goto('/m/pages/home/index')
    await page.getByTestId('balance').waitFor()
    await page.getByText('English').click()
    await page.getByText('My meters').waitFor()
    await settled()
    await screenshot(page, 'tenant-13-home-en')
    await page.getByText('中文').click()
    await page.getByText('我的电表').waitFor()
  })

  it('saw no console errors, CSP violations or requests leaving the server', () => {
    const paysim = new URL(paysimURL).origin
    // The fake provider's page is not ours (it has no favicon); only our pages count.
    expect(s.problems.filter((p) => !p.startsWith(paysim))).toEqual([])
    expect(s.external).toEqual([])
  })
})
