import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { consolePages } from './pages';

export const lazyComponent = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/**
 * The console's own pages (not those the server serves, such as /graphiql), each loaded on
 * its first visit and refused to an operator without its permissions: a link or bookmark
 * must not show a page the menu hides. Then the 404 page for any other path.
 */
export const pageRoutes: RouteObject[] = [
  ...consolePages.flatMap(({ path, perms, load }) =>
    load
      ? [
          {
            path,
            lazy: async () => {
              const [{ default: Page }, { RequirePermissions }] = await Promise.all([load(), import('../auth/RequirePermissions')]);
              return {
                Component: () => (
                  <RequirePermissions perms={perms}>
                    <Page />
                  </RequirePermissions>
                ),
              };
            },
          },
        ]
      : [],
  ),
  { path: '*', lazy: lazyComponent(() => import('../pages/NotFoundPage')) },
];
