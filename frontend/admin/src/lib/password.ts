import type { TFunction } from 'i18next';

// The server's rule for a new password (an operator's or a tenant's), checked in the browser
// first so that the operator hears it before sending: at least 10 characters, at most 128
// bytes of UTF-8. Whether it is one of the common passwords only the server knows; its refusal
// is shown under the same field.

export const minPasswordChars = 10;
export const maxPasswordBytes = 128;

/** What is wrong with pw by the length rule, or undefined when it passes. */
export function passwordProblem(pw: string): 'short' | 'long' | undefined {
  if ([...pw].length < minPasswordChars) return 'short';
  if (new TextEncoder().encode(pw).length > maxPasswordBytes) return 'long';
  return undefined;
}

/** The antd form rule for a new password: the length rule, in the operator's language. */
export function passwordRule(t: TFunction) {
  return {
    validator: (_: unknown, v: string | undefined) => {
      const problem = passwordProblem(v ?? '');
      if (!problem) return Promise.resolve();
      return Promise.reject(new Error(problem === 'short' ? t('password.short', { min: minPasswordChars }) : t('password.long', { max: maxPasswordBytes })));
    },
  };
}

/** The rule of a "type it again" field: the same text as the field named field. */
export function sameAsRule(t: TFunction, field: string) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, v: unknown) => (v === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
  });
}
