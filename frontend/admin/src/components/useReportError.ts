import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, asApiError, describeError, errorLine } from '../graphql/errors';

/**
 * Reports a failed mutation: errors naming a field of form go under that field, the rest in
 * a message with the request id. A lost session needs no message: the page goes to login.
 */
export function useReportError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      const api = asApiError(err);
      if (api.has('UNAUTHENTICATED')) return;
      const rest = form ? applyFieldErrors(form, api) : api.errors;
      if (rest.length === 0) return;
      void message.error(errorLine(t, describeError(t, api, rest)), 6);
    },
    [message, t],
  );
}
