import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequirePermissions } from '../auth/RequirePermissions';
import { NotFoundPage } from '../pages/NotFoundPage';
import { RouteErrorPage } from '../pages/RouteErrorPage';
import { consolePages } from './pages';

const lazyComponent = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

// The console's own pages (not those the server serves, such as /graphiql), each loaded on
// its first visit and refused to an operator without its permissions: a link or bookmark
// must not show a page the menu hides.
const pageRoutes: RouteObject[] = consolePages.flatMap(({ path, perms, load }) =>
  load
    ? [
        {
          path,
          lazy: async () => {
            const { default: Page } = await load();
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
);

export const router = createBrowserRouter([
  {
    // Lazy routes render nothing while their code loads on the first visit.
    HydrateFallback: () => null,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', lazy: lazyComponent(() => import('../pages/login/LoginPage')) },
      {
        // The signed-in frame (menu, header), loaded after login.
        lazy: lazyComponent(() => import('../layout/Shell')),
        children: [...pageRoutes, { path: '*', Component: NotFoundPage }],
      },
    ],
  },
]);
