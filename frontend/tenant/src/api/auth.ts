import { graphql } from '../gql'
import { request, sessionCookie } from './client'

// Signing in and out: every call the sign-in page makes is here, so that the sign-in methods
// (phone and password now; SMS codes and WeChat later) change in this file alone. login() is
// one of the two places that look at the target (process.env.TARO_ENV); pay() is the other.

const loginMutation = graphql(`
  mutation TenantLogin($phone: String!, $password: String!) {
    login(username: $phone, password: $password, tenant: true) {
      token
      expiresAt
      principal { id name account { id } }
    }
  }
`)

const logoutMutation = graphql(`mutation TenantLogout { logout }`)

/** Signs the tenant in by phone and password; throws ApiError (INVALID_INPUT, UNAUTHENTICATED, …). */
export async function login(phone: string, password: string): Promise<void> {
  const data = await request(loginMutation, { phone, password })
  if (process.env.TARO_ENV === 'weapp' && !sessionCookie.get() && data.login.token) {
    // The mini-program has no cookie jar. The client keeps the cookie from Set-Cookie; a base
    // library that hides that header still gets the token in the answer (the server gives it
    // to clients that are not browsers), which is the cookie's value.
    sessionCookie.set(data.login.token)
  }
}

/** Ends the session on the server and forgets the kept cookie. */
export async function logout(): Promise<void> {
  try {
    await request(logoutMutation)
  } finally {
    sessionCookie.clear()
  }
}

/** "13810000000" and the like: what the sign-in form accepts as a phone number. */
export function isMobile(phone: string): boolean {
  return /^1\d{10}$/.test(phone.trim())
}
