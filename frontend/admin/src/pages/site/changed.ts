// Partial updates (docs/API.md): an update mutation changes only the fields present in its
// input, so an edit form sends the fields the operator changed and nothing else — an edit
// never overwrites what another operator changed meanwhile in another field.

/** Whether two form values are the same (arrays element by element; "" and null alike). */
function same(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  return a === b;
}

/**
 * The fields of values that differ from initial, with a cleared field as null (the server
 * clears it, or refuses it naming the field when it may not be empty), or as "" for the
 * fields in emptyText (non-null text the schema clears with ""). Without initial (a creation)
 * every field that has a value.
 */
export function changedFields<T extends Record<string, unknown>>(
  values: T,
  initial?: Partial<T>,
  emptyText: readonly (keyof T)[] = [],
): Partial<{ [K in keyof T]: T[K] | null }> {
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const k of Object.keys(values) as (keyof T)[]) {
    const v = values[k];
    if (initial === undefined) {
      if (v !== undefined && v !== null && v !== '') out[k] = v;
    } else if (!same(v, initial[k])) {
      out[k] = v === undefined || v === null || v === '' ? (emptyText.includes(k) ? '' : null) : v;
    }
  }
  return out as Partial<{ [K in keyof T]: T[K] | null }>;
}
