import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { antdLocale } from '../i18n';
import { cspNonce, nonceScriptStyles } from './nonce';
import { queryClient } from './queryClient';

const csp = { nonce: cspNonce() };
nonceScriptStyles(csp.nonce);

const theme = {
  token: { colorPrimary: '#1677ff', borderRadius: 6 },
};

/**
 * What every page runs inside: antd in the console's language with the page's CSP nonce
 * (its CSS-in-JS styles are refused without it), antd's App (message, modal and notification
 * in that context), and the query cache.
 */
export function Providers({ children }: { children: ReactNode }) {
  useTranslation(); // re-render with the language
  return (
    <ConfigProvider locale={antdLocale()} csp={csp} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
