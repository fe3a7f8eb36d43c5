import { useQuery } from '@tanstack/react-query';
import { graphql } from '../gql';
import { Permission, type MeQuery } from '../gql/graphql';
import { request } from '../graphql/client';

// Who is signed in, and where the login page sends them afterwards.

export const meQuery = graphql(`
  query Me {
    me {
      kind
      id
      name
      role
      permissions
    }
  }
`);

export const loginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      expiresAt
      principal {
        kind
        id
        name
        role
        permissions
      }
    }
  }
`);

export const logoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export type Me = MeQuery['me'];

export const meKey = ['me'] as const;

// Whether this tab has had a session, so that the login page can tell an operator whose session
// ended ("登录已失效") from a visitor who has not signed in yet. Kept per tab, across reloads.
const signedInKey = 'voltpay.signedIn';

/** Remembers (or forgets, on logout or a lost session) that this tab had a session. */
export function rememberSignedIn(on: boolean) {
  try {
    if (on) sessionStorage.setItem(signedInKey, '1');
    else sessionStorage.removeItem(signedInKey);
  } catch {
    // storage refused (privacy mode): the login page just says to sign in
  }
}

/** Whether this tab had a session before. */
export function wasSignedIn(): boolean {
  try {
    return sessionStorage.getItem(signedInKey) === '1';
  } catch {
    return false;
  }
}

/** The signed-in operator; an UNAUTHENTICATED answer sends the page to login (client.ts). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      const me = (await request(meQuery, {}, signal)).me;
      rememberSignedIn(true);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

/** Whether me holds every one of perms. */
export function can(me: Me | undefined, perms: readonly Permission[] = []): boolean {
  return !!me && perms.every((p) => me.permissions.includes(p));
}

/** The login page, asked to come back to from afterwards. */
export function loginPath(from?: string): string {
  return from && from !== '/' ? `/login?from=${encodeURIComponent(from)}` : '/login';
}

/**
 * Where to go after login: from when it is a path of this console, else the dashboard. A
 * link such as /login?from=//evil.example must not send a fresh session elsewhere.
 */
export function safeFrom(from: string | null | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  if (from === '/login' || from.startsWith('/login?') || from.startsWith('/login#')) return '/';
  return from;
}

export { Permission };
