import type { FormInstance } from 'antd';

/**
 * The form's values when every rule passes; undefined when it does not (the form then shows
 * the errors under its fields, so there is nothing else to report).
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | undefined> {
  try {
    return await form.validateFields();
  } catch {
    return undefined;
  }
}
