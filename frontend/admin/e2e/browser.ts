import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

// The browser the end-to-end tests drive: Debian's Chromium, offline but for the server under
// test (any other request is refused and recorded, so a CDN dependency fails the test), with
// every console error and CSP violation recorded. The tenant app's tests (frontend/tenant/e2e)
// use it too, at a phone's size.

export const baseURL = mustEnv('VOLTPAY_E2E_URL');
const screenshots = process.env.VOLTPAY_E2E_SCREENSHOTS ?? join(process.cwd(), '../../var/screenshots/admin');

function mustEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the end-to-end tests with scripts/e2e-admin.sh or scripts/e2e-tenant.sh (make test), which start a server`);
  return v;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests to anywhere but the server under test. */
  external: string[];
  /** Console errors, page errors and CSP violations, with the page's URL. */
  problems: string[];
}

export interface OpenOptions {
  /** The window's size: a desktop (1440×900) unless given, e.g. a phone's 375×812. */
  viewport?: { width: number; height: number };
  /** Origins besides the server's that the pages may load (the payment fake's payer page). */
  allowOrigins?: string[];
}

export async function open({ viewport = { width: 1440, height: 900 }, allowOrigins = [] }: OpenOptions = {}): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: process.env.VOLTPAY_E2E_CHROMIUM ?? '/usr/bin/chromium',
    // Root in a container has no user namespace for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  const external: string[] = [];
  const allowed = new Set([new URL(baseURL).origin, ...allowOrigins.map((o) => new URL(o).origin)]);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.has(new URL(url).origin)) return route.continue();
    external.push(url);
    return route.abort('internetdisconnected');
  });
  const problems: string[] = [];
  context.on('page', (p) => watch(p, problems));
  const page = await context.newPage();
  return { browser, context, page, external, problems };
}

// The requests each page has in flight, until answered (websockets are not requests: a
// subscription's socket staying open does not count).
const inflight = new WeakMap<Page, Set<Request>>();

function watch(page: Page, problems: string[]) {
  const pending = new Set<Request>();
  inflight.set(page, pending);
  page.on('request', (r) => pending.add(r));
  // Answered counts as done: a body nobody reads (a test's fetch of an export, a download)
  // never "finishes".
  page.on('response', (r) => pending.delete(r.request()));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${page.url()}: console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
}

/** The demo's password for every operator (scripts/e2e-admin.sh seeds the demo). */
export const demoPassword = 'voltpay-demo';

/** Fills the login form the page shows and submits it; the caller waits for what follows. */
export async function submitLogin(page: Page, username: string, password = demoPassword) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.locator('button[type=submit]').click();
}

/**
 * Signs an operator in from the login page and waits for the console to show the page asked
 * for (from, a path of the console; the dashboard by default).
 */
export async function signIn(page: Page, username: string, opts: { password?: string; from?: string } = {}) {
  const from = opts.from ?? '/';
  await page.goto(from === '/' ? '/login' : `/login?from=${encodeURIComponent(from)}`);
  await submitLogin(page, username, opts.password);
  const want = new URL(from, baseURL).pathname;
  await page.waitForURL((u) => u.pathname === want);
}

// What antd shows while something loads: a spinning Spin (pages, tables, PageLoading) and
// Skeleton (cards with loading).
const loadingSelector = '.ant-spin-spinning, .ant-skeleton';

/**
 * Saves a screenshot of the whole page as <name>.png in VOLTPAY_E2E_SCREENSHOTS
 * (var/screenshots/admin or tenant) once it has
 * settled: no request waiting for its answer for 500 ms and no antd spinner or skeleton in
 * view, so that a picture shows the page as an operator reads it, not half loaded.
 */
export async function screenshot(page: Page, name: string) {
  await networkIdle(page, name);
  try {
    await page.waitForFunction(
      (sel) => Array.from(document.querySelectorAll(sel)).every((el) => el.getClientRects().length === 0),
      loadingSelector,
      { timeout: 15_000 },
    );
  } catch (err) {
    throw new Error(`screenshot ${name}: the page still shows a spinner or skeleton after 15 s (${page.url()}): ${String(err)}`);
  }
  // A request the settled page started (a refetch on focus) finishes before the picture.
  await networkIdle(page, name);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Waits until no request of the page has waited for its answer for 500 ms (Playwright's networkidle counts only a navigation's). */
async function networkIdle(page: Page, name: string) {
  const pending = inflight.get(page);
  if (!pending) return page.waitForLoadState('networkidle');
  const deadline = Date.now() + 15_000;
  let quietSince = Date.now();
  for (;;) {
    if (pending.size) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return;
    if (Date.now() > deadline) {
      throw new Error(`screenshot ${name}: requests still in flight after 15 s: ${[...pending].map((r) => r.url()).join(', ')}`);
    }
    await page.waitForTimeout(50);
  }
}

/**
 * Sends a GraphQL request from the page, so with its session cookie, and returns data; any
 * error fails the test with the errors the server gave.
 */
export async function gqlInPage<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ([q, v]) => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: q, variables: v }) });
      return r.json();
    },
    [query, variables] as const,
  );
  if (body.errors) throw new Error(`GraphQL refused ${query.trim().split('\n')[0]}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Chooses label in the open antd Select dropdown (its role=option items are for screen readers only). */
export async function pickOption(page: Page, label: string) {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first().click();
}
