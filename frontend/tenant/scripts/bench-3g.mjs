#!/usr/bin/env node
// Measures the tenant app's first screen on a throttled 3G-class phone (scripts/bench-tenant-3g.sh
// starts the server): Chromium's network emulation at "Fast 3G" (1.6 Mbps down, 750 kbps up,
// 150 ms RTT) and 4× CPU throttling, at 375×812, a new browser context (cold cache) per run.
// Two first screens: the sign-in page (/m/, its phone field usable), and the home page of a
// tenant already signed in (its balance shown). Figures only: nothing passes or fails on time
// (docs/BENCHMARKS.md).
//
//   VOLTPAY_E2E_URL=http://127.0.0.1:8080 node scripts/bench-3g.mjs
import { benchRuns, launch, median, serverURL } from '../../admin/scripts/bench-browser.mjs'

const base = serverURL('bench-3g', 'scripts/bench-tenant-3g.sh')
const runs = benchRuns(5)
const fast3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }

/** A session of the demo's tenant, from the API (not timed). */
async function tenantToken() {
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "13810000000", password: "voltpay-demo", tenant: true) { token } }' }),
  })
  const body = await r.json()
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data.login.token
}

const browser = await launch()

/** One cold visit of path under throttling: ms until selector is visible, FCP, JS bytes fetched. */
async function visit(path, selector, token) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  if (token) await context.addCookies([{ name: 'voltpay_session', value: token, url: base }])
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', fast3G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  let js = 0
  cdp.on('Network.loadingFinished', (e) => (js += e.encodedDataLength))
  await page.goto(path, { waitUntil: 'commit' })
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 })
  // Milliseconds since the navigation started, by the page's own clock.
  const ready = await page.evaluate(() => performance.now())
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0)
  await context.close()
  return { ready, fcp, kib: js / 1024 }
}

const token = await tenantToken()
const results = []
for (const [name, path, selector, tok] of [
  ['sign-in page (/m/)', '/m/', 'input[name=phone]', ''],
  ['home, signed in (/m/pages/home/index)', '/m/pages/home/index', '[data-testid=balance]', token],
]) {
  const ready = []
  const fcp = []
  const kib = []
  for (let i = 0; i < runs; i++) {
    const r = await visit(path, selector, tok)
    ready.push(r.ready)
    fcp.push(r.fcp)
    kib.push(r.kib)
  }
  results.push({ name, ready, fcp, kib })
}
await browser.close()

console.log(`bench-3g: Fast 3G (1.6 Mbps / 750 kbps / 150 ms RTT), CPU 4× slower, cold cache, 375×812; ${runs} runs each (medians)`)
console.log('| first screen | usable (ms) | first contentful paint (ms) | transferred (KiB) | runs (usable, ms) |')
console.log('| --- | ---: | ---: | ---: | --- |')
for (const r of results) {
  console.log(`| ${r.name} | ${median(r.ready).toFixed(0)} | ${median(r.fcp).toFixed(0)} | ${median(r.kib).toFixed(0)} | ${r.ready.map((x) => x.toFixed(0)).join(', ')} |`)
}
