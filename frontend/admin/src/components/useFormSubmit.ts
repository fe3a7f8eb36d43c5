import type { FormInstance } from 'antd';
import { useState } from 'react';
import { validated } from '../lib/forms';
import { useReportError } from './useReportError';

/**
 * A dialog's OK: validates form, then runs act with its values, busy meanwhile; a failure is
 * reported under the fields it names (the rest in a message), and the dialog stays open.
 */
export function useFormSubmit<T>(form: FormInstance<T>, act: (values: T) => Promise<void>): { busy: boolean; submit: () => Promise<void> } {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await act(v);
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
