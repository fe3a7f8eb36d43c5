// Paging a Relay connection from the URL: the page size and the cursor live in the search
// params (size, after or before), so a reload or back/forward shows the same page. A page
// forward is first/after, a page back last/before (docs/API.md); a changed filter starts again
// from the first page because a cursor is bound to its list and filter.

/** The page sizes offered; the first is the default. */
export const pageSizes = [20, 50, 100] as const;

/** The connection arguments of one page. */
export interface PageVars {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

/** The URL params that say which page is shown; a filter change removes them. */
export const pageParams = ['after', 'before'] as const;

/** The page size in params, or the default when absent or not one of pageSizes. */
export function pageSize(params: URLSearchParams): number {
  const n = Number(params.get('size'));
  return (pageSizes as readonly number[]).includes(n) ? n : pageSizes[0];
}

/** The connection arguments of the page params name. */
export function pageVars(params: URLSearchParams): PageVars {
  const size = pageSize(params);
  const before = params.get('before');
  if (before) return { last: size, before };
  const after = params.get('after');
  return after ? { first: size, after } : { first: size };
}

/** params with updates applied (an empty or undefined value removes the key). */
export function withParams(params: URLSearchParams, updates: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(updates)) {
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, v);
  }
  return next;
}

/** params after a filter change: the new values, back on the first page. */
export function withFilter(params: URLSearchParams, updates: Record<string, string | undefined>): URLSearchParams {
  return withParams(params, { ...updates, after: undefined, before: undefined });
}

/**
 * The filter object of a list from an object of optional fields: empty strings and undefined
 * are left out, so the server sees only what filters.
 */
export function compactFilter<T extends Record<string, unknown>>(f: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v !== undefined && v !== '' && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The server's spreadsheet of a list under a filter (docs/EXPORT_IMPORT.md), in lang. */
export function exportHref(list: string, filter: Record<string, unknown> | undefined, lang: string): string {
  const q = new URLSearchParams();
  if (filter && Object.keys(filter).length > 0) q.set('filter', JSON.stringify(filter));
  q.set('lang', lang);
  return `/export/${list}.xlsx?${q.toString()}`;
}
