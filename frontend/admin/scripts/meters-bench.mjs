#!/usr/bin/env node
// Measures the meters console over a server holding many meters (scripts/bench-meters-console.sh
// seeds one with 10,000): how long a page of meters takes to show, how long the next page, and
// the frame times while the table of a 1,000-meter page is scrolled from top to bottom. Figures
// only: nothing here passes or fails on time (docs/BENCHMARKS.md).
//
//   VOLTPAY_E2E_URL=http://127.0.0.1:8080 node scripts/meters-bench.mjs
import { benchRuns, contextOptions, launch, median, serverURL, signInManager } from './bench-browser.mjs';

const base = serverURL('meters-bench', 'scripts/bench-meters-console.sh');
const runs = benchRuns(5);

const browser = await launch();
const page = await (await browser.newContext(contextOptions(base))).newPage();
await signInManager(page);

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const firstAddress = () => page.locator('.ant-table-row').first().getByTestId('meter-open').innerText();

const results = [];
for (const size of [100, 1000]) {
  const load = [];
  const next = [];
  for (let i = 0; i < runs; i++) {
    // From navigation to the rows on screen: the page's code (cached after the first run),
    // the query of `size` meters, and drawing the rows in view.
    const t0 = performance.now();
    await page.goto(`/meters?size=${size}`);
    await page.locator('.ant-table-row').first().waitFor();
    load.push(performance.now() - t0);
    const first = await firstAddress();
    const t1 = performance.now();
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.waitForFunction(
      (a) => document.querySelector('.ant-table-row [data-testid=meter-open]')?.textContent !== a,
      first,
    );
    next.push(performance.now() - t1);
  }
  results.push({ what: `open /meters, ${size} a page (ms)`, median: median(load), max: Math.max(...load) });
  results.push({ what: `next page of ${size} (ms)`, median: median(next), max: Math.max(...next) });
}

// Scrolling a page of 1,000 rows: the virtual list's holder is scrolled 40 px every frame
// to the bottom, and every frame's duration recorded.
await page.goto('/meters?size=1000');
await page.locator('.ant-table-row').first().waitFor();
const frames = await page.evaluate(
  () =>
    new Promise((done) => {
      const holder = document.querySelector('.ant-table-tbody-virtual-holder') ?? document.querySelector('.ant-table-body');
      const times = [];
      let last = performance.now();
      const step = (now) => {
        times.push(now - last);
        last = now;
        holder.scrollTop += 40;
        if (holder.scrollTop + holder.clientHeight < holder.scrollHeight - 1) requestAnimationFrame(step);
        else done({ times: times.slice(1), rows: document.querySelectorAll('.ant-table-row').length });
      };
      requestAnimationFrame(step);
    }),
);
results.push({ what: `scroll 1,000 rows: frames (ms), ${frames.times.length} frames`, median: median(frames.times), p95: pct(frames.times, 95), max: Math.max(...frames.times) });
results.push({ what: 'rows in the DOM while scrolling 1,000', median: frames.rows });
const total = await page.getByTestId('pager-total').innerText();
await browser.close();

console.log(`meters console, ${total}, ${runs} runs each`);
for (const r of results) {
  const f = (x) => (x === undefined ? '' : Math.round(x * 10) / 10);
  console.log(`| ${r.what} | ${f(r.median)} | ${f(r.p95)} | ${f(r.max)} |`);
}
