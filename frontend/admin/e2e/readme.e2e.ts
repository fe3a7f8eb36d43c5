import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, signIn, type Session } from './browser';

// The README's "First steps" screenshots: what a cashier, a manager and finance see first, on
// the demo as `make run` seeds it. Skipped unless VOLTPAY_README_SHOTS=1; scripts/readme-shots.sh
// runs it and compresses the PNGs it writes to docs/img/. It changes nothing: the sale is
// cancelled at its confirmation.

const enabled = process.env.VOLTPAY_README_SHOTS === '1';
const out = join(process.cwd(), '../../docs/img');

let s: Session;
let page: Page;

beforeAll(async () => {
  if (!enabled) return;
  s = await open();
  page = s.page;
  mkdirSync(out, { recursive: true });
});

afterAll(async () => {
  await s?.browser.close();
});

/** Signs in afresh as username (the demo password), landing on from. */
async function signInAs(username: string, from: string) {
  await s.context.clearCookies();
  await signIn(page, username, { from });
}

/** The viewport (1440×900) once nothing on the page is loading. */
async function take(name: string) {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton, .ant-card-loading-content').count(), { timeout: 20_000 }).toBe(0);
  // antd fades a table back in from loading: wait until it is opaque.
  await expect
    .poll(() => page.evaluate(() => Array.from(document.querySelectorAll('.ant-spin-container')).every((e) => getComputedStyle(e).opacity === '1')), { timeout: 15_000 })
    .toBe(true);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(out, `${name}.png`) });
}

describe.skipIf(!enabled)('README screenshots', () => {
  it('the cashier: a sale at the desk, at its confirmation', async () => {
    await signInAs('cashier', '/desk');
    await page.getByTestId('desk-search').waitFor();
    await page.keyboard.type('面馆');
    await page.locator('.vp-desk-result-active').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('desk-amount').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('200');
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-confirm-details').waitFor();
    await take('first-steps-cashier');
    await page.keyboard.press('Escape');
    await page.getByTestId('desk-confirm-details').waitFor({ state: 'hidden' });
  });

  it('the manager: the site’s tariffs', async () => {
    await signInAs('manager', '/tariffs');
    await page.locator('.ant-table-row').first().waitFor();
    await take('first-steps-manager');
  });

  it('finance: today’s takings on the dashboard', async () => {
    await signInAs('finance', '/');
    // The poller reads the simulated meters from its second status cycle, about two minutes
    // after the server starts: until then the dashboard shows them offline, as no reader would.
    const offline = () =>
      page.evaluate(async () => {
        const r = await fetch('/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: '{ gateways(filter: {online: false}, first: 0) { totalCount } }' }),
        });
        return (await r.json()).data.gateways.totalCount as number;
      });
    await expect.poll(offline, { timeout: 200_000, interval: 5_000 }).toBe(0);
    await page.reload();
    await page.getByTestId('today-sales').getByText('今日售电').waitFor();
    await take('first-steps-finance');
  }, 240_000);

  it('met no console error and no request off the server', () => {
    expect(s.problems).toEqual([]);
    expect(s.external).toEqual([]);
  });
});
