import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, screenshot, type Session } from '../../admin/e2e/browser'

// 通知设置 on a phone (375×812): the demo's tenant opens it from the home page, turns SMS
// warnings off, sees the choice kept after a reload (the server keeps it per account), and
// turns them back on.

const phone = '13810000000'
const password = 'voltpay-demo'

let s: Session
let page: Page

beforeAll(async () => {
  s = await open({ viewport: { width: 375, height: 812 } })
  page = s.page
})

afterAll(async () => {
  await s?.browser.close()
})

async function settled() {
  await page.waitForLoadState('networkidle')
  await expect.poll(() => page.getByText('加载中…').count()).toBe(0)
}

const smsSwitch = () => page.locator('[data-setting=sms] .nut-switch')

describe('tenant notification settings', () => {
  it('opens from the home page with both channels on', async () => {
    await page.goto('/m/pages/login/index')
    await page.getByText('使用密码登录').click()
    await page.locator('input[name=phone]').fill(phone)
    await page.locator('input[name=password]').fill(password)
    await page.locator('.login-submit').click()
    await page.waitForURL(/\/m\/pages\/home\/index/)
    await page.locator('[data-nav=settings]').click()
    await page.waitForURL(/\/m\/pages\/settings\/index/)
    await page.getByText('短信提醒').waitFor()
    await settled()
    expect(await smsSwitch().getAttribute('class')).not.toContain('nut-switch-close')
  })

  it('turns SMS off and keeps it across a reload', async () => {
    await smsSwitch().click()
    await expect.poll(() => smsSwitch().getAttribute('class')).toContain('nut-switch-close')
    await page.reload()
    await page.getByText('短信提醒').waitFor()
    await settled()
    expect(await smsSwitch().getAttribute('class')).toContain('nut-switch-close')
    await screenshot(page, 'tenant-settings')
    await smsSwitch().click()
    await expect.poll(() => smsSwitch().getAttribute('class')).not.toContain('nut-switch-close')
  })
})
