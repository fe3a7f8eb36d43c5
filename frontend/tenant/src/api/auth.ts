import Taro from '@tarojs/taro'
import { graphql } from '../gql'
import { ApiError, request, sessionCookie } from './client'

// Signing in and out and the person's bound accounts: every call the sign-in, binding and
// account pages make is here. login() is one of the two places that look at the target
// (process.env.TARO_ENV); pay() is the other. H5 signs in by phone and a texted code (or a
// password); the mini-program by wx.login's code, which the server trades for the openid.

const loginMutation = graphql(`
  mutation TenantLogin($phone: String!, $password: String!) {
    login(username: $phone, password: $password, tenant: true) {
      token
      principal { id account { id } }
    }
  }
`)

const requestCodeMutation = graphql(`mutation TenantRequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) }`)

const codeMutation = graphql(`
  mutation TenantSignInWithCode($phone: String!, $code: String!) {
    signInWithCode(phone: $phone, code: $code) {
      token
      principal { id account { id } }
    }
  }
`)

const wechatMutation = graphql(`
  mutation TenantSignInWithWechat($code: String!) {
    signInWithWechat(code: $code) {
      token
      principal { id account { id } }
    }
  }
`)

const logoutMutation = graphql(`mutation TenantLogout { logout }`)

export const accountsQuery = graphql(`
  query TenantAccounts {
    tenantAccounts { id no tenantName shopNo status balanceFen current }
  }
`)

const switchMutation = graphql(`mutation TenantSwitchAccount($id: ID!) { switchAccount(accountId: $id) { id } }`)

const requestBindingMutation = graphql(`mutation TenantRequestBindingCode($no: String!) { requestBindingCode(accountNumber: $no) }`)

const bindMutation = graphql(`
  mutation TenantBindAccount($no: String!, $check: BindCheck!) {
    bindAccount(accountNumber: $no, check: $check) { id }
  }
`)

const unbindMutation = graphql(`mutation TenantUnbindAccount($id: ID!) { unbindAccount(accountId: $id) }`)

/** How the tenant proves who they are: a texted code or a password; none in the mini-program (WeChat). */
export type Credentials = { phone: string; code: string } | { phone: string; password: string }

/** The answer of a sign-in: bound is false for a person bound to no account yet (the bind page). */
export interface SignedIn {
  bound: boolean
}

/**
 * Signs the tenant in: with credentials by phone and code or password; without, in the
 * mini-program, by wx.login. Throws ApiError (INVALID_INPUT, UNAUTHENTICATED, …).
 */
export async function login(creds?: Credentials): Promise<SignedIn> {
  let result: { token: string; principal: { account?: { id: string } | null } }
  if (!creds) {
    if (process.env.TARO_ENV !== 'weapp') throw new ApiError([{ message: 'WeChat sign-in works in the mini-program only', extensions: { code: 'INVALID_INPUT' } }])
    const { code } = await Taro.login()
    if (!code) throw new ApiError([{ message: 'wx.login gave no code; try again', extensions: { code: 'NETWORK' } }])
    result = (await request(wechatMutation, { code })).signInWithWechat
  } else if ('code' in creds) {
    result = (await request(codeMutation, creds, { authErrorsAreAnswers: true })).signInWithCode
  } else {
    result = (await request(loginMutation, creds, { authErrorsAreAnswers: true })).login
  }
  if (process.env.TARO_ENV === 'weapp' && !sessionCookie.get() && result.token) {
    // The mini-program has no cookie jar. The client keeps the cookie from Set-Cookie; a base
    // library that hides that header still gets the token in the answer (the server gives it
    // to clients that are not browsers), which is the cookie's value.
    sessionCookie.set(result.token)
  }
  return { bound: !!result.principal.account }
}

/** Texts a sign-in code to the phone (at most one a minute). */
export async function requestSignInCode(phone: string): Promise<void> {
  await request(requestCodeMutation, { phone }, { authErrorsAreAnswers: true })
}

/** Ends the session on the server and forgets the kept cookie. */
export async function logout(): Promise<void> {
  try {
    await request(logoutMutation)
  } finally {
    sessionCookie.clear()
  }
}

/** The signed-in person's bound accounts, oldest binding first (at most 20). */
export async function boundAccounts() {
  return (await request(accountsQuery)).tenantAccounts
}

/** Makes one of the bound accounts the session's current account. */
export async function switchAccount(id: string): Promise<void> {
  await request(switchMutation, { id })
}

/** Texts a binding code to the contact phone of the account with this number. */
export async function requestBindingCode(accountNumber: string): Promise<void> {
  await request(requestBindingMutation, { no: accountNumber.trim() }, { authErrorsAreAnswers: true })
}

/** Binds the account with the receipt's binding code or a texted code; it becomes the current account. */
export async function bindAccount(accountNumber: string, check: { bindingCode: string } | { smsCode: string }): Promise<void> {
  await request(bindMutation, { no: accountNumber.trim(), check }, { authErrorsAreAnswers: true })
}

/** Unbinds one of the person's accounts. */
export async function unbindAccount(id: string): Promise<void> {
  await request(unbindMutation, { id })
}

/** "13810000000" and the like: what the sign-in form accepts as a phone number. */
export function isMobile(phone: string): boolean {
  return /^1\d{10}$/.test(phone.trim())
}

/** A 6-digit texted code. */
export function isSMSCode(code: string): boolean {
  return /^\d{6}$/.test(code.trim())
}

/** Why a code, a sign-in or a binding was refused, from the server's extensions.reason. */
export type CodeProblem =
  | { kind: 'throttled'; seconds: number }
  | { kind: 'expired' }
  | { kind: 'usedUp' }
  | { kind: 'wrong'; left?: number }
  | { kind: 'other' }

/**
 * Sorts an UNAUTHENTICATED answer of requestSignInCode, signInWithCode, requestBindingCode or
 * bindAccount by its extensions.reason (never by the message, which is for people).
 */
export function codeProblem(e: unknown): CodeProblem {
  const x = (e as Partial<ApiError>)?.errors?.[0]?.extensions
  if (x?.code !== 'UNAUTHENTICATED') return { kind: 'other' }
  switch (x.reason) {
    case 'THROTTLED':
      return { kind: 'throttled', seconds: x.retryAfterSeconds ?? 60 }
    case 'CODE_EXPIRED':
      return { kind: 'expired' }
    case 'CODE_USED_UP':
      return { kind: 'usedUp' }
    case 'CODE_WRONG':
      return { kind: 'wrong', left: x.attemptsLeft }
  }
  return { kind: 'other' }
}
