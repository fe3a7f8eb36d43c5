import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { i18nReady } from './i18n';
import { Providers } from './app/Providers';
import { router } from './app/router';
import { installSessionLost } from './app/sessionLost';
import './styles.css';

installSessionLost(router);

// The first paint waits for the language's strings (a chunk of their own, fetched in parallel
// with the first route's code).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
  (err: unknown) => {
    // Only a failed download gets here (a server upgraded since the page loaded, or the network).
    console.error(err);
    document.getElementById('root')!.textContent = '控制台未能加载，请刷新页面。 The console failed to load: reload the page.';
  },
);
