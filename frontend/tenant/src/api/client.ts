import Taro from '@tarojs/taro'
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core'

// The app's GraphQL client: one POST per operation to /graphql over Taro.request, which is
// fetch in H5 and wx.request in the mini-program.
//
// The session is the server's HTTP-only cookie voltpay_session. In H5 the browser keeps and
// sends it (the page never sees it). The mini-program has no cookie jar: sessionCookie keeps
// the cookie from each answer's Set-Cookie (the server refreshes it as the session slides) in
// storage and sends it back in a Cookie header, on requests and on the websocket. In H5 the
// browser hides Set-Cookie from scripts, so the jar stays empty there and nothing is sent by hand.

/** An operation made with graphql(`…`) from src/gql: its text, typed with its result and variables. */
export type Operation<R, V> = DocumentTypeDecoration<R, V> & { toString(): string }

/** One entry of a GraphQL answer's errors, as the server writes it. */
export interface GraphQLErrorItem {
  message: string
  extensions?: {
    code?: string
    field?: string
    requestId?: string
    /** With UNAUTHENTICATED: why a texted code or a request was refused (docs/API.md). */
    reason?: 'CODE_WRONG' | 'CODE_EXPIRED' | 'CODE_USED_UP' | 'THROTTLED'
    /** With THROTTLED: seconds to wait. */
    retryAfterSeconds?: number
    /** With CODE_WRONG: guesses the code still takes. */
    attemptsLeft?: number
  }
}

/** A request that failed: the server's GraphQL errors, or NETWORK when it was not reached. */
export class ApiError extends Error {
  readonly errors: GraphQLErrorItem[]
  constructor(errors: GraphQLErrorItem[]) {
    super(errors.map((e) => e.message).join('; '))
    this.name = 'ApiError'
    this.errors = errors
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code
  }
  get requestId(): string | undefined {
    return this.errors.find((e) => e.extensions?.requestId)?.extensions?.requestId
  }
}

/** Where the API is: empty in H5 (this origin), the server's https origin in the mini-program. */
export const apiOrigin = process.env.TARO_APP_API_ORIGIN || ''

const cookieKey = 'voltpay.cookie'
const cookieName = 'voltpay_session'

/** The session cookie the mini-program keeps by hand ("" in H5, where the browser keeps it). */
export const sessionCookie = {
  get(): string {
    return (Taro.getStorageSync(cookieKey) as string) || ''
  },
  /** Keeps voltpay_session from an answer's Set-Cookie header(s); an expired one clears it. */
  keep(header: Record<string, unknown> | undefined) {
    if (!header) return
    const raw = Object.entries(header)
      .filter(([k]) => k.toLowerCase() === 'set-cookie')
      .map(([, v]) => (Array.isArray(v) ? v.join(',') : String(v)))
      .join(',')
    const m = new RegExp(`(?:^|[,\\s])${cookieName}=([^;,]*)([^,]*)`).exec(raw)
    if (!m) return
    const expired = m[1] === '' || /max-age=(-|0\b)/i.test(m[2])
    if (expired) Taro.removeStorageSync(cookieKey)
    else Taro.setStorageSync(cookieKey, `${cookieName}=${m[1]}`)
  },
  /** Keeps a session token the answer carried (for a client the server does not take for a browser). */
  set(token: string) {
    Taro.setStorageSync(cookieKey, `${cookieName}=${token}`)
  },
  clear() {
    Taro.removeStorageSync(cookieKey)
  },
}

/** The headers a request needs besides its body: the kept cookie, if any. */
export function sessionHeaders(): Record<string, string> {
  const c = sessionCookie.get()
  return c ? { Cookie: c } : {}
}

let sessionLost: (() => void) | undefined

/** What happens when the server says the caller is not signed in: back to sign-in. */
export function onSessionLost(fn: () => void) {
  sessionLost = fn
}

export function reportSessionLost() {
  sessionCookie.clear()
  sessionLost?.()
}

/** How request() treats an answer. */
export interface RequestOptions {
  /**
   * UNAUTHENTICATED is this operation's answer (a wrong password or code), not a lost session:
   * the caller shows it, and the tenant stays where they are.
   */
  authErrorsAreAnswers?: boolean
}

/** Runs one query or mutation and returns its data, or throws an ApiError. */
export async function request<R, V>(op: Operation<R, V>, variables?: V, opts: RequestOptions = {}): Promise<R> {
  let res: Taro.request.SuccessCallbackResult<{ data?: R; errors?: GraphQLErrorItem[] }>
  try {
    res = await Taro.request({
      url: `${apiOrigin}/graphql`,
      method: 'POST',
      data: { query: op.toString(), variables: variables ?? {} },
      header: { 'Content-Type': 'application/json', Accept: 'application/json', ...sessionHeaders() },
      credentials: 'same-origin',
      dataType: 'json',
      timeout: 20_000,
    })
  } catch (e) {
    throw new ApiError([{ message: String((e as { errMsg?: string })?.errMsg ?? e), extensions: { code: 'NETWORK' } }])
  }
  sessionCookie.keep(res.header)
  const body = typeof res.data === 'object' && res.data !== null ? res.data : {}
  if (body.errors?.length) {
    const err = new ApiError(body.errors)
    if (!opts.authErrorsAreAnswers && err.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) reportSessionLost()
    throw err
  }
  if (res.statusCode >= 400 || body.data === undefined) {
    throw new ApiError([{ message: `HTTP ${res.statusCode}`, extensions: { code: res.statusCode >= 500 ? 'INTERNAL' : 'NETWORK' } }])
  }
  return body.data as R
}
