// A list's GraphQL filter and the server's spreadsheet of the list under it.

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

/**
 * The server's spreadsheet of a list under the same filter, in the operator's language
 * (docs/EXPORT_IMPORT.md). Lists without a filter (operators, API keys) pass none.
 */
export function exportHref(list: string, filter: object | undefined, lang: string): string {
  const f = filter === undefined ? '' : `filter=${encodeURIComponent(JSON.stringify(filter))}&`;
  return `/export/${list}.xlsx?${f}lang=${encodeURIComponent(lang)}`;
}
