import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoPassword, screenshot, type Session } from '../../admin/e2e/browser'
import { gql, latestCode, openPhone, settled, sql } from './helpers'

// Texted codes refused, as a tenant sees it (375×812), each worded from the server's
// extensions.reason: asking for a sign-in code again at once (throttled, with the wait the
// server gave), a wrong binding code (tries left), a code whose 5 minutes are up (its expiry
// moved into the past in the database, as time would), and then binding an account by a code
// texted to its contact phone, read from the fake SMS's inbox.

const newPhone = '13900000456'
const demoPhone = '13810000000'

let s: Session
let page: Page

/** Two open demo accounts with contact phones of their own (not the demo tenant's). */
async function twoAccounts(): Promise<{ no: string; phone: string }[]> {
  const { login } = await gql<{ login: { token: string } }>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: 'manager', p: demoPassword })
  const { accounts } = await gql<{ accounts: { nodes: { no: string; phone: string | null }[] } }>(
    `query { accounts(first: 50, filter: { status: open }) { nodes { no phone } } }`,
    {},
    login.token,
  )
  const picked: { no: string; phone: string }[] = []
  for (const a of accounts.nodes) {
    if (a.phone && /^1\d{10}$/.test(a.phone) && a.phone !== demoPhone && !picked.some((p) => p.phone === a.phone)) picked.push({ no: a.no, phone: a.phone })
  }
  expect(picked.length, 'two demo accounts with their own mobile phones').toBeGreaterThanOrEqual(2)
  return picked.slice(-2) // the last: the other specs bind the first ones
}

beforeAll(async () => {
  s = await openPhone()
  page = s.page
})

afterAll(async () => {
  await s?.browser.close()
})

describe('texted codes refused, and binding by a texted code', () => {
  let accounts: { no: string; phone: string }[] = []

  it('refuses a second code asked for at once and counts down the wait the server gave', async () => {
    await page.goto('/m/pages/login/index')
    await page.locator('input[name=phone]').fill(newPhone)
    await page.locator('.login-send').click()
    await page.getByRole('status').getByText(`验证码已发送至 ${newPhone}`).waitFor()
    // A reload forgets the countdown; the server does not.
    await page.reload()
    await page.locator('input[name=phone]').fill(newPhone)
    await page.locator('.login-send').click()
    await page.getByRole('alert').getByText(/获取验证码过于频繁，请 \d+ 秒后再试/).waitFor()
    await page.getByText(/\d+ 秒后重发/).waitFor()
    await settled(page)
    await screenshot(page, 'tenant-40-code-throttled')
    // The first code still works.
    await page.locator('input[name=code]').fill(await latestCode(newPhone))
    await page.locator('.login-submit').click()
    await page.waitForURL(/\/m\/pages\/bind\/index/)
  })

  it('refuses a wrong texted binding code with the tries left', async () => {
    accounts = await twoAccounts()
    await page.locator('input[name=accountNo]').fill(accounts[0].no)
    await page.locator('[data-by=sms]').click()
    await page.locator('.login-send').click()
    await page.getByRole('status').getByText('验证码已发送到该账户登记的手机').waitFor()
    const code = await latestCode(accounts[0].phone)
    await page.locator('input[name=smsCode]').fill(code === '000000' ? '111111' : '000000')
    await page.locator('.bind-submit').click()
    await page.getByRole('alert').getByText('验证码不正确，还可尝试 4 次').waitFor()
    await screenshot(page, 'tenant-41-bind-code-wrong')

    // Five minutes pass for the code.
    sql(`UPDATE tenant_sms_codes SET expires_at = now() - interval '1 second' WHERE phone = '${accounts[0].phone}' AND purpose = 'bind' AND used_at IS NULL`)
    await page.locator('input[name=smsCode]').fill(code)
    await page.locator('.bind-submit').click()
    await page.getByRole('alert').getByText('验证码已过期（5 分钟内有效），请重新获取').waitFor()
    await screenshot(page, 'tenant-42-bind-code-expired')
  })

  it('binds an account by the code texted to its contact phone', async () => {
    await page.reload() // the countdown of the first code is the page's, not this account's
    await page.locator('input[name=accountNo]').fill(accounts[1].no)
    await page.locator('[data-by=sms]').click()
    await page.locator('.login-send').click()
    await page.getByRole('status').getByText('验证码已发送到该账户登记的手机').waitFor()
    await page.getByText(/\d+ 秒后重发/).waitFor()
    await page.locator('input[name=smsCode]').fill(await latestCode(accounts[1].phone))
    await screenshot(page, 'tenant-43-bind-by-sms')
    await page.locator('.bind-submit').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    await page.getByText(`户号 ${accounts[1].no}`).first().waitFor()
    await settled(page)
    await screenshot(page, 'tenant-44-bound-by-sms')
  })

  it('saw no console errors, CSP violations or requests leaving the server', () => {
    expect(s.problems).toEqual([])
    expect(s.external).toEqual([])
  })
})
