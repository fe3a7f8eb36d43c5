import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

function watch(page: Page, problems: string[]) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${page.url()}: console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
}

/** Saves a screenshot of the whole page as <name>.png in VOLTPAY_E2E_SCREENSHOTS (var/screenshots/admin or tenant). */
export async function shot(page: Page, name: string) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}
