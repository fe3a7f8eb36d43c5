#!/usr/bin/env node
// Time to interactive of the console's dashboard (scripts/bench-console-tti.sh serves the demo
// for it): from navigation start to the dashboard showing its data with the main thread quiet.
// Figures only: nothing here passes or fails on time (docs/BENCHMARKS.md).
//
// Each run opens / as the demo's manager, signed in already (the session cookie is given to
// the browser context), and records, in ms from navigation start:
//   - first contentful paint (FCP);
//   - data shown: the meters-by-status tiles, today's takings and the alarm list drawn, and no
//     antd spinner or skeleton left in view;
//   - interactive: data shown, and after it no long task (a task of 50 ms or more on the main
//     thread, PerformanceObserver 'longtask') for 1 s; the figure is the end of the last long
//     task before that quiet second, or data shown if none came after it;
//   - total blocking time (TBT): the sum over long tasks from FCP to interactive of their time
//     beyond 50 ms.
// Cold: a fresh browser context each run (empty HTTP cache, nothing compiled). Warm: the same
// context navigating to / again, its hashed assets cached (immutable) and index.html revalidated.
//
//   VOLTPAY_E2E_URL=http://127.0.0.1:8080 node scripts/tti-bench.mjs
import { benchRuns, contextOptions, launch, median, serverURL, signInManager } from './bench-browser.mjs';

const base = serverURL('tti-bench', 'scripts/bench-console-tti.sh');
const runs = benchRuns(9);
const quietMs = 1000;

const browser = await launch();

// Sign in once; every run's context starts with that session cookie.
const login = await browser.newContext(contextOptions(base));
await signInManager(await login.newPage());
const storageState = await login.storageState();
await login.close();

// Long tasks from the very start of each document.
const observe = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function measure(page) {
  await page.goto('/', { waitUntil: 'commit' });
  const shown = await (
    await page.waitForFunction(
      () => {
        const tiles = document.querySelectorAll('[data-testid^=status-tile-]').length === 8;
        const sales = document.querySelector('[data-testid=today-sales] .ant-card-body') && !document.querySelector('[data-testid=today-sales] .ant-skeleton');
        const alarms = document.querySelector('[data-testid=alarm-count]');
        const busy = Array.from(document.querySelectorAll('.ant-spin-spinning, .ant-skeleton')).some((el) => el.getClientRects().length > 0);
        return tiles && sales && alarms && !busy && performance.now();
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
  ).jsonValue();
  // Wait for a quiet second on the main thread after the data is shown.
  for (;;) {
    const { now, lastEnd } = await page.evaluate(() => ({ now: performance.now(), lastEnd: Math.max(0, ...window.__longTasks.map((t) => t.end)) }));
    if (now - Math.max(shown, lastEnd) >= quietMs) break;
    await page.waitForTimeout(200);
  }
  return page.evaluate((shown) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const tasks = window.__longTasks;
    const tti = Math.max(shown, ...tasks.map((t) => t.end));
    const tbt = tasks.filter((t) => t.start >= fcp && t.end <= tti).reduce((n, t) => n + Math.max(0, t.end - t.start - 50), 0);
    const js = performance
      .getEntriesByType('resource')
      .filter((r) => r.name.endsWith('.js'))
      .reduce((n, r) => n + r.transferSize, 0);
    return { fcp, shown, tti, tbt, longTasks: tasks.length, jsTransferKiB: js / 1024 };
  }, shown);
}

const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ ...contextOptions(base), storageState });
  await context.addInitScript(observe);
  const page = await context.newPage();
  cold.push(await measure(page));
  warm.push(await measure(page));
  await context.close();
}
await browser.close();

const f = (x) => Math.round(x);
console.log(`dashboard of the demo as the manager, ${runs} runs each (ms from navigation start; median, min–max)`);
console.log('| cache | FCP | data shown | interactive | TBT | long tasks | JS transferred |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, rs] of [
  ['cold', cold],
  ['warm', warm],
]) {
  const col = (k) => `${f(median(rs.map((r) => r[k])))} (${f(Math.min(...rs.map((r) => r[k])))}–${f(Math.max(...rs.map((r) => r[k])))})`;
  console.log(`| ${name} | ${col('fcp')} | ${col('shown')} | ${col('tti')} | ${col('tbt')} | ${median(rs.map((r) => r.longTasks))} | ${f(median(rs.map((r) => r.jsTransferKiB)))} KiB |`);
}
