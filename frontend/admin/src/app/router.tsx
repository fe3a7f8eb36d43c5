import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { consolePages } from './pages';

// The error, 404 and 403 pages draw antd's Result with its illustrations: loaded when shown,
// so that the login page does not download them.
const RouteErrorPage = lazy(() => import('../pages/RouteErrorPage'));

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
);

export const router = createBrowserRouter([
  {
    // Lazy routes render nothing while their code loads on the first visit.
    HydrateFallback: () => null,
    errorElement: (
      <Suspense fallback={null}>
        <RouteErrorPage />
      </Suspense>
    ),
    children: [
      { path: '/login', lazy: lazyComponent(() => import('../pages/login/LoginPage')) },
      {
        // The signed-in frame (menu, header), loaded after login.
        lazy: lazyComponent(() => import('../layout/Shell')),
        children: [...pageRoutes, { path: '*', lazy: lazyComponent(() => import('../pages/NotFoundPage')) }],
      },
    ],
  },
]);
