import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlInPage, open, screenshot, signIn, type Session } from './browser';

// 通知: the demo's accounts that opened at their alarm 1 threshold were warned through the
// outbox (the fake SMS reports each message delivered); a manager sees the SMS channel, the
// outbox and its filters, then edits a site's alarm 1 template: an unknown placeholder is
// refused and shown, a good one previews and saves, and is put back to the built-in text.

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
});

afterAll(async () => {
  await s?.browser.close();
});

describe('notifications', () => {
  it('shows the SMS channel and the outbox', async () => {
    await signIn(page, 'manager', { from: '/notifications' });
    await expect.poll(() => page.getByTestId('sms-status').innerText(), { timeout: 20_000 }).toContain('模拟');
    // The worker looks every few seconds: wait for the demo's warnings to be delivered.
    await expect
      .poll(
        async () => {
          await page.goto('/notifications?state=delivered');
          await page.getByTestId('notifications-table').locator('tr.ant-table-row, .ant-empty').first().waitFor();
          return page.getByTestId('notifications-table').locator('tbody tr.ant-table-row').count();
        },
        { timeout: 90_000, interval: 3000 },
      )
      .toBeGreaterThan(0);
    const states = await page.getByTestId('notifications-table').locator('tbody tr.ant-table-row .ant-badge-status-text').allInnerTexts();
    expect(states.every((t) => t.startsWith('已送达'))).toBe(true);
    await screenshot(page, 'notifications-outbox');
  }, 150_000);

  it('edits a template with a preview, refusing an unknown placeholder', async () => {
    if (!page.url().includes('/notifications')) await signIn(page, 'manager', { from: '/notifications' });
    await page.goto('/notifications?tab=templates');
    const card = page.getByTestId('template-alarm1');
    const text = card.getByTestId('text-alarm1');
    await text.fill('{tenant}余额{money}元');
    await card.getByTestId('preview-alarm1').click();
    await expect.poll(() => card.getByTestId('preview-error-alarm1').innerText()).toContain('{money}');
    await card.getByTestId('save-alarm1').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('{money}');

    await text.fill('【{site}】{tenant}（户号{account}）余额{balance}元，低于{threshold}元，请充值。');
    await card.getByTestId('preview-alarm1').click();
    await expect.poll(() => card.getByTestId('preview-text-alarm1').innerText()).toContain('张记小吃（户号A0001）余额18.50元');
    await card.getByTestId('save-alarm1').click();
    await expect.poll(() => card.innerText()).toContain('自定义');
    await screenshot(page, 'notifications-templates');

    // Leave the demo site's text as it was.
    const sites = await gqlInPage<{ sites: { id: string }[] }>(page, '{ sites { id } }');
    for (const site of sites.sites) {
      await gqlInPage(page, 'mutation($s: ID!) { setNotificationTemplate(siteId: $s, kind: alarm1, text: "") { custom } }', { s: site.id });
    }
  }, 90_000);
});
