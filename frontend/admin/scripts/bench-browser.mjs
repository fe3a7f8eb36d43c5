// What the console's browser benchmarks (meters-bench.mjs, tti-bench.mjs) share: the server
// their shell script started, Debian's Chromium at 1440×900 in Chinese, and the demo manager's
// session.
import { chromium } from 'playwright-core';

/** The server under measurement, from VOLTPAY_E2E_URL; exits saying which script sets it. */
export function serverURL(name, script) {
  const base = process.env.VOLTPAY_E2E_URL;
  if (!base) {
    console.error(`${name}: set VOLTPAY_E2E_URL (${script} does)`);
    process.exit(2);
  }
  return base;
}

/** Runs of each measurement: VOLTPAY_BENCH_RUNS, or the benchmark's default. */
export const benchRuns = (fallback) => Number(process.env.VOLTPAY_BENCH_RUNS ?? fallback);

export const contextOptions = (base) => ({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });

export function launch() {
  return chromium.launch({ executablePath: process.env.VOLTPAY_E2E_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Signs the demo's manager in on page and waits for the dashboard's URL. */
export async function signInManager(page) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('manager');
  await page.getByLabel('密码').fill('voltpay-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
