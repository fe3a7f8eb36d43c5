import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { baseURL, open, screenshot, type Session } from '../../admin/e2e/browser'

// The office kiosk (用户查询机) on its 1080×1920 touch screen: staff open /kiosk/?device=<key>
// once; a tenant looks up the demo's first shop by shop number and the last 4 digits of its
// phone, sees the balance, pays ¥50 by the WeChat QR code shown on screen (the payer "scans" it
// on paysim, which opens the trade's payer page), and sees the balance rise without a reload;
// the screen returns to its start after 60 s untouched (page.clock fast-forwards the wait),
// and keeps nothing of the tenant.

const paysimURL = process.env.VOLTPAY_E2E_PAYSIM_URL ?? ''
const kioskKey = process.env.VOLTPAY_E2E_KIOSK_KEY ?? ''
const viewport = { width: 1080, height: 1920 }

let s: Session
let page: Page
let shop = ''

/** Yuan text → fen. */
const fen = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100)

/** The demo tenant's shop number, read with the tenant's own login over the API. */
async function demoShop(): Promise<{ shop: string; balanceFen: number }> {
  const gql = async (query: string, token = '') => {
    const r = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    })
    const body = await r.json()
    if (body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data
  }
  const { login } = await gql(`mutation { login(username: "13810000000", password: "voltpay-demo", tenant: true) { token } }`)
  const { me } = await gql(`{ me { account { shopNo balanceFen } } }`, login.token)
  await gql(`mutation { logout }`, login.token)
  return { shop: me.account.shopNo, balanceFen: me.account.balanceFen }
}

async function lookUp(p: Page, check: string) {
  await p.getByTestId('kiosk-start').click()
  await p.getByTestId('kiosk-shop').fill(shop)
  await p.getByTestId('kiosk-check').fill(check)
  await expect.poll(() => p.getByTestId('kiosk-check').inputValue()).toBe(check)
  await p.getByTestId('kiosk-lookup').click()
}

beforeAll(async () => {
  expect(paysimURL, 'VOLTPAY_E2E_PAYSIM_URL: run with scripts/e2e-tenant.sh').toBeTruthy()
  expect(kioskKey, 'VOLTPAY_E2E_KIOSK_KEY: run with scripts/e2e-tenant.sh').toBeTruthy()
  shop = (await demoShop()).shop
  s = await open({ viewport, allowOrigins: [paysimURL] })
  page = s.page
})

afterAll(async () => {
  await s?.browser.close()
})

describe('office kiosk', () => {
  it('is set up once at /kiosk/?device=…, which it keeps and takes out of the address', async () => {
    await page.goto(`/kiosk/?device=${encodeURIComponent(kioskKey)}`)
    await page.waitForURL(/\/m\/pages\/kiosk\/index/)
    await page.getByTestId('kiosk-start').waitFor()
    expect(page.url()).not.toContain(kioskKey)
    await screenshot(page, 'kiosk-01-start')
  })

  it('refuses a wrong check, with autocomplete off on both fields', async () => {
    await lookUp(page, '9999')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').innerText()).toContain('铺位号与验证信息不符')
    for (const id of ['kiosk-shop', 'kiosk-check']) {
      expect(await page.getByTestId(id).getAttribute('autocomplete')).toBe('off')
    }
    await screenshot(page, 'kiosk-02-lookup-wrong')
  })

  let before = 0
  it('finds the account with the last 4 digits of its phone and shows balance, state, power and usage', async () => {
    // Known problem: typing into the check again after a refusal does not always take (see
    // docs/FRONTEND.md), so the tenant starts over from the start page here.
    await page.getByTestId('kiosk-exit').click()
    await lookUp(page, '0000')
    await page.getByText('本月用电').waitFor()
    before = fen(await page.getByTestId('kiosk-balance').innerText())
    // Big touch targets: every button at least 64 px high.
    for (const id of ['kiosk-pay', 'kiosk-exit', 'kiosk-lang']) {
      const box = await page.getByTestId(id).boundingBox()
      expect(box?.height, id).toBeGreaterThanOrEqual(64)
    }
    await screenshot(page, 'kiosk-03-account')
  })

  it('pays ¥50 by a WeChat QR code scanned on the payer side, and the balance rises live', async () => {
    await page.getByTestId('kiosk-pay').click()
    await page.locator('[data-amount="5000"]').click()
    await page.locator('[data-channel="wechat"]').click()
    await screenshot(page, 'kiosk-04-amount')
    await page.getByTestId('kiosk-show-qr').click()
    const qr = page.locator('img.kiosk-qr')
    await qr.waitFor()
    const code = (await qr.getAttribute('data-qr')) ?? ''
    expect(code).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/)
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
    await screenshot(page, 'kiosk-05-qr')

    // The payer's phone reads the code; paysim's scan opens the trade's payer page.
    const payer = await s.context.newPage()
    await payer.goto(`${paysimURL}/paysim/scan?code=${encodeURIComponent(code)}`)
    await payer.getByRole('button', { name: '支付 Pay' }).click()
    await payer.getByRole('status').waitFor()
    await payer.close()

    await page.getByText('充值成功').waitFor({ timeout: 20_000 })
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    expect(fen(await page.getByTestId('kiosk-balance').innerText())).toBe(before + 5000)
    await screenshot(page, 'kiosk-06-done')
  })

  it('returns to the start on done, and its session is over', async () => {
    await page.getByTestId('kiosk-finish').click()
    await page.getByTestId('kiosk-start').waitFor()
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ me { kind } }' }) })
          const body = await r.json()
          return body.data?.me?.kind ?? body.errors?.[0]?.extensions?.code
        }),
      )
      .toBe('UNAUTHENTICATED')
    await page.getByTestId('kiosk-start').click()
    expect(await page.getByTestId('kiosk-shop').inputValue()).toBe('')
    expect(await page.getByTestId('kiosk-check').inputValue()).toBe('')
    await page.getByTestId('kiosk-exit').click()
  })

  it('shows English on request', async () => {
    await page.getByTestId('kiosk-lang').click()
    await page.getByText('Check / Recharge').waitFor()
    await screenshot(page, 'kiosk-07-start-en')
    await page.getByTestId('kiosk-lang').click()
    await page.getByText('查询 / 充值').waitFor()
  })

  it('counts down in the last 10 s untouched and returns to the start after 60 s', async () => {
    const idle = await s.context.newPage()
    await idle.clock.install()
    await idle.goto('/kiosk/')
    await lookUp(idle, '0000')
    await idle.getByText('本月用电').waitFor()
    await idle.clock.fastForward(40_000)
    expect(await idle.getByTestId('kiosk-idle').count()).toBe(0)
    await idle.clock.fastForward(12_000)
    await idle.getByTestId('kiosk-idle').getByText('秒后返回首页').waitFor()
    await screenshot(idle, 'kiosk-08-idle-countdown')
    await idle.clock.fastForward(10_000)
    await idle.getByTestId('kiosk-start').waitFor()
    expect(await idle.getByText('本月用电').count()).toBe(0)
    await idle.close()
  })

  it('saw no console errors, CSP violations or requests leaving the server', () => {
    const paysim = new URL(paysimURL).origin
    expect(s.problems.filter((p) => !p.startsWith(paysim))).toEqual([])
    expect(s.external).toEqual([])
  })
})
