import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, networkErrorCode, type GraphQLErrorItem } from './client';

// Turning the server's errors into what an operator sees: an error naming an input field
// (extensions.field) goes under that field of the form, any other into a message with the
// request id, so that support can find it in the server's log.

/** The ApiError in err, or one wrapping whatever else was thrown. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError([{ message: err instanceof Error ? err.message : String(err) }], 0);
}

/** The path antd uses for a server field name: "input.rates[0].price" → ["input", "rates", 0, "price"]. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function samePath(a: (string | number)[], b: (string | number)[]) {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The names of the fields registered in form (its Form.Items with a name). */
function registeredFields(form: FormInstance): (string | number)[][] {
  const names: (string | number)[][] = [];
  form.getFieldsValue(true, (meta) => {
    if (meta) names.push(meta.name);
    return false;
  });
  return names;
}

/**
 * Puts each error that names a field of form under that field, matching the whole path, or
 * else its last name ("input.address" → address). Returns the errors it could not place.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): GraphQLErrorItem[] {
  const api = asApiError(err);
  const fields = registeredFields(form);
  const rest: GraphQLErrorItem[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of api.errors) {
    const field = e.extensions?.field;
    const path = field ? fieldPath(field) : [];
    const last = path.filter((s) => typeof s === 'string').pop();
    const name =
      fields.find((f) => samePath(f, path)) ?? (last === undefined ? undefined : fields.find((f) => samePath(f, [last])));
    if (!name) {
      rest.push(e);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return rest;
}

/** What to tell the operator about errors: a sentence in their language, the server's words, the request id. */
export interface ErrorDescription {
  summary: string;
  detail?: string;
  requestId?: string;
}

/** Describes err (or the errors left after the form took its own) for an operator. */
export function describeError(t: TFunction, err: unknown, errors?: GraphQLErrorItem[]): ErrorDescription {
  const api = asApiError(err);
  const list = errors ?? api.errors;
  const code = list[0]?.extensions?.code;
  const detail = list.map((e) => e.message).join('; ') || undefined;
  const requestId = api.requestId;
  switch (code) {
    case networkErrorCode:
      return { summary: t('error.network'), requestId };
    case 'FORBIDDEN':
      return { summary: t('error.forbidden'), detail, requestId };
    case 'UNAVAILABLE':
      return { summary: t('error.unavailable'), detail, requestId };
    case 'INTERNAL':
      return { summary: t('error.internal'), requestId };
    default:
      return { summary: detail ?? t('error.failed'), requestId };
  }
}

/** One line for a message toast: summary, server detail, request id. */
export function errorLine(t: TFunction, d: ErrorDescription): string {
  return [d.summary, d.detail, d.requestId && t('error.requestId', { id: d.requestId })].filter(Boolean).join(' · ');
}
