import { execFileSync } from 'node:child_process'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { baseURL, open, type Session } from '../../admin/e2e/browser'

// What the tenant app's specs share: waiting for a page to settle, the fake SMS's inbox, the
// API as a plain client, and the test database (scripts/lib/e2e.sh exports its URLs).

export const inboxURL = process.env.VOLTPAY_E2E_SMS_INBOX_URL ?? ''
export const databaseURL = process.env.VOLTPAY_E2E_DATABASE_URL ?? ''

/** Waits until the page's requests are done and no loading line is left. */
export async function settled(p: Page) {
  await p.waitForLoadState('networkidle')
  await expect.poll(() => p.getByText('加载中…').count()).toBe(0)
}

/** The newest text the fake SMS holds for phone. */
export async function latestText(phone: string): Promise<string> {
  const res = await fetch(`${inboxURL}/sms/inbox?phone=${phone}`)
  expect(res.ok, `GET ${inboxURL}/sms/inbox: ${res.status}`).toBe(true)
  const box = (await res.json()) as { to: string; text: string }[]
  expect(box.length, `no text for ${phone}`).toBeGreaterThan(0)
  return box[0].text
}

/** The 6-digit code of the newest text to phone. */
export async function latestCode(phone: string): Promise<string> {
  const code = /\d{6}/.exec(await latestText(phone))?.[0] ?? ''
  expect(code).toMatch(/^\d{6}$/)
  return code
}

/** Runs a GraphQL operation against the server; with a token as that session. */
export async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] }
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
  return body.data as T
}

/** Runs one SQL statement on the test database (psql), e.g. to let time pass for a code. */
export function sql(statement: string): string {
  expect(databaseURL, 'VOLTPAY_E2E_DATABASE_URL: run with scripts/e2e-tenant.sh').toBeTruthy()
  return execFileSync('psql', [databaseURL, '-X', '-q', '-w', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-c', statement], { encoding: 'utf8' }).trim()
}

/** A phone-sized browser (375×812) for a spec that reads texted codes. */
export async function openPhone(): Promise<Session> {
  expect(inboxURL, 'VOLTPAY_E2E_SMS_INBOX_URL: run with scripts/e2e-tenant.sh').toBeTruthy()
  return open({ viewport: { width: 375, height: 812 } })
}
