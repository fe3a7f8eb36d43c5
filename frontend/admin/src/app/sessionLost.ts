import { loginPath, rememberSignedIn, wasSignedIn } from '../auth/session';
import { onSessionLost } from '../graphql/client';

interface Navigator {
  state: { location: { pathname: string; search: string; hash: string } };
  navigate: (to: string, opts?: { replace?: boolean; state?: unknown }) => Promise<void>;
}

/** The state the login page gets when a session ended under the operator. */
export interface LoginState {
  sessionEnded?: boolean;
}

/**
 * When the server stops knowing the caller (session expired, logged out elsewhere, cookie
 * gone), every page goes back to the login page, which returns here once signed in.
 */
export function installSessionLost(router: Navigator) {
  onSessionLost(() => {
    const { pathname, search, hash } = router.state.location;
    if (pathname === '/login') return; // the login form shows its own errors
    // A visitor who never signed in in this tab is asked to sign in, not told a session ended.
    const sessionEnded = wasSignedIn();
    rememberSignedIn(false);
    void router.navigate(loginPath(pathname + search + hash), { replace: true, state: { sessionEnded } satisfies LoginState });
  });
}
