import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';

// The error, 404 and 403 pages draw antd's Result with its illustrations: loaded when shown,
// so that the login page does not download them.
const RouteErrorPage = lazy(() => import('../pages/RouteErrorPage'));

const lazyComponent = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

// The signed-in frame's pages come from the page table (app/pages.tsx, with every menu icon):
// the router learns them on the first visit to any path but /login (react-router's
// patchRoutesOnNavigation), so that the login page downloads neither the table nor the icons.
let pagesAdded: Promise<void> | undefined;

export const router = createBrowserRouter(
  [
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
          // The signed-in frame (menu, header), loaded after login; its pages are added below.
          id: 'shell',
          lazy: lazyComponent(() => import('../layout/Shell')),
          children: [],
        },
      ],
    },
  ],
  {
    patchRoutesOnNavigation: ({ patch }) =>
      (pagesAdded ??= import('./pageRoutes').then(
        ({ pageRoutes }) => patch('shell', pageRoutes),
        (err: unknown) => {
          pagesAdded = undefined; // a failed download is tried again on the next navigation
          throw err;
        },
      )),
  },
);
