import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import './i18n';
import { Providers } from './app/Providers';
import { router } from './app/router';
import { installSessionLost } from './app/sessionLost';
import './styles.css';

installSessionLost(router);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
