// A list's GraphQL filter from the page's optional fields.

/**
 * The filter object of a list from an object of optional fields: empty strings, null and
 * undefined are left out, so the server sees only what filters.
 */
export function compactFilter<T extends Record<string, unknown>>(f: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v !== undefined && v !== '' && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

