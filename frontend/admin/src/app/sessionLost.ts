import type { QueryClient } from '@tanstack/react-query';
import { loginPath } from '../auth/session';
import { onSessionLost } from '../graphql/client';
import { closeSocket } from '../graphql/ws';

interface Navigator {
  state: { location: { pathname: string; search: string; hash: string } };
  navigate: (to: string, opts?: { replace?: boolean }) => Promise<void>;
}

/**
 * When the server stops knowing the caller (session expired, logged out elsewhere, cookie
 * gone), every page goes back to the login page, which returns here once signed in. What
 * was cached for the old session is dropped so that no screen shows it to the next person.
 */
export function installSessionLost(router: Navigator, queries: QueryClient) {
  onSessionLost(() => {
    const { pathname, search, hash } = router.state.location;
    if (pathname === '/login') return; // the login form shows its own errors
    closeSocket();
    void router.navigate(loginPath(pathname + search + hash), { replace: true }).then(() => queries.removeQueries());
  });
}
