import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoPassword, screenshot, type Session } from '../../admin/e2e/browser'
import { gql, latestText, openPhone, settled as settledOn } from './helpers'

// A person new to the tenant app (375×812): signs in with a code texted to their phone (read
// from the fake SMS's inbox), is refused a wrong code, lands on the bind page, is refused a
// wrong binding code, binds the demo tenant's account with the binding code of its opening
// receipt (read here through the API as the demo's manager), sees home; binds a second
// account, switches to it on home, and unbinds it in help.

const newPhone = '13900000123'
const demoPhone = '13810000000'

let s: Session
let page: Page

/** Two demo accounts, the demo tenant's first: their numbers and binding codes, as an operator with manage_accounts sees them. */
async function demoAccounts(): Promise<{ no: string; phone: string; bindingCode: string }[]> {
  const { login } = await gql<{ login: { token: string } }>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: 'manager', p: demoPassword })
  const { accounts } = await gql<{ accounts: { nodes: { no: string; phone: string; bindingCode: string; status: string }[] } }>(
    `query { accounts(first: 20, filter: { status: open }) { nodes { no phone bindingCode status } } }`,
    {},
    login.token,
  )
  const demo = accounts.nodes.find((a) => a.phone === demoPhone)
  const other = accounts.nodes.find((a) => a.phone !== demoPhone)
  expect(demo, 'the demo tenant account').toBeTruthy()
  expect(other, 'a second demo account').toBeTruthy()
  return [demo!, other!]
}

const settled = (p: Page = page) => settledOn(p)

beforeAll(async () => {
  s = await openPhone()
  page = s.page
})

afterAll(async () => {
  await s?.browser.close()
})

describe('tenant sign-in by texted code and binding', () => {
  let code = ''
  let accounts: { no: string; bindingCode: string }[] = []

  it('texts a code and counts down before another may be asked for', async () => {
    await page.goto('/m/pages/login/index')
    await page.locator('input[name=phone]').waitFor()
    await settled()
    await screenshot(page, 'tenant-20-login-code')
    await page.locator('input[name=phone]').fill(newPhone)
    await page.locator('.login-send').click()
    await page.getByRole('status').getByText(`验证码已发送至 ${newPhone}`).waitFor()
    code = /\d{6}/.exec(await latestText(newPhone))?.[0] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    await page.getByText(/\d+ 秒后重发/).waitFor()
    // NutUI's disabled button is a <button> with its class, which takes no clicks.
    await expect.poll(() => page.locator('.login-send').getAttribute('class')).toContain('nut-button-disabled')
    await screenshot(page, 'tenant-21-login-code-sent')
  })

  it('refuses a wrong code and says how many tries are left', async () => {
    await page.locator('input[name=code]').fill(code === '000000' ? '111111' : '000000')
    await page.locator('.login-submit').click()
    await page.getByRole('alert').getByText('验证码不正确，还可尝试 4 次').waitFor()
    await screenshot(page, 'tenant-22-login-code-wrong')
  })

  it('signs in with the texted code and, bound to no account, lands on the bind page', async () => {
    await page.locator('input[name=code]').fill(code)
    await page.locator('.login-submit').click()
    await page.waitForURL(/\/m\/pages\/bind\/index/)
    await page.getByText('户号和绑定码印在开户回执上').waitFor()
    await settled()
    await screenshot(page, 'tenant-23-bind')
  })

  it('refuses a wrong binding code, then binds the demo account with its receipt code and sees home', async () => {
    accounts = await demoAccounts()
    const [demo] = accounts
    await page.locator('input[name=accountNo]').fill(demo.no)
    await page.locator('input[name=bindingCode]').fill('WRONG123')
    await page.locator('.bind-submit').click()
    await page.getByRole('alert').getByText('户号或绑定码不正确').waitFor()
    await screenshot(page, 'tenant-24-bind-wrong')
    // Spaces and case do not matter.
    await page.locator('input[name=bindingCode]').fill(demo.bindingCode.toLowerCase())
    await page.locator('.bind-submit').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    await page.getByTestId('balance').waitFor()
    await page.getByText(`户号 ${demo.no}`).first().waitFor()
    // Bound to one account: no switcher.
    expect(await page.locator('[data-section=switcher]').count()).toBe(0)
    await settled()
    await screenshot(page, 'tenant-25-home-bound')
  })

  it('binds a second account from help, switches between them on home, and unbinds one', async () => {
    const [demo, other] = accounts
    await page.goto('/m/pages/help/index')
    await page.locator('[data-section=accounts]').getByText(`户号 ${demo.no}`, { exact: false }).waitFor()
    await page.locator('.account-add').click()
    await page.waitForURL(/\/m\/pages\/bind\/index/)
    await page.locator('input[name=accountNo]').fill(other.no)
    await page.locator('input[name=bindingCode]').fill(other.bindingCode)
    await page.locator('.bind-submit').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    // The account just bound is the current one; the switcher lists both.
    const switcher = page.locator('[data-section=switcher]')
    await switcher.locator(`[data-account="${other.no}"]`).getByText('当前').waitFor()
    await page.locator('.balance-who').getByText(`户号 ${other.no}`).waitFor()
    await settled()
    await screenshot(page, 'tenant-26-home-switcher')
    await switcher.locator(`[data-account="${demo.no}"]`).click()
    await page.locator('.balance-who').getByText(`户号 ${demo.no}`).waitFor()
    await page.locator(`[data-section=switcher] [data-account="${demo.no}"]`).getByText('当前').waitFor()

    await page.goto('/m/pages/help/index')
    const list = page.locator('[data-section=accounts]')
    await list.locator(`[data-account="${other.no}"]`).waitFor()
    await settled()
    await screenshot(page, 'tenant-27-help-accounts')
    await list.locator(`[data-account="${other.no}"] .account-unbind`).click()
    await page.getByText(`确定解除吗`, { exact: false }).waitFor()
    await screenshot(page, 'tenant-28-unbind-confirm')
    await page.locator('.account-unbind-confirm').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    await page.locator('.balance-who').getByText(`户号 ${demo.no}`).waitFor()
    await settled()
    expect(await page.locator('[data-section=switcher]').count()).toBe(0)
  })

  it('saw no console errors, CSP violations or requests leaving the server', () => {
    expect(s.problems).toEqual([])
    expect(s.external).toEqual([])
  })
})
