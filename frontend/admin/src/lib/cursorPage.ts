// Paging a Relay connection from the page's URL: the cursor and page size live in the search
// params (after= or before=, size=), so a reload or back/forward shows the same page, and the
// filter params beside them reset the cursor when they change (a cursor is bound to its filter).

/** The page sizes a list offers, the first its default; a list may offer its own. */
export const pageSizes: readonly number[] = [20, 50, 100];

/** The connection arguments the URL asks for. */
export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export function pageSize(params: URLSearchParams, sizes: readonly number[] = pageSizes): number {
  const n = Number(params.get('size'));
  return sizes.includes(n) ? n : sizes[0];
}

/** first/after forward, or last/before when the operator paged back. */
export function pageArgs(params: URLSearchParams, sizes: readonly number[] = pageSizes): PageArgs {
  const size = pageSize(params, sizes);
  const before = params.get('before');
  if (before) return { last: size, before };
  const after = params.get('after');
  return after ? { first: size, after } : { first: size };
}

interface PageInfo {
  startCursor?: string | null;
  endCursor?: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Whether there is a page before and after this one (the server tells only the direction paged). */
export function pageLinks(params: URLSearchParams, info: PageInfo | undefined): { prev: boolean; next: boolean } {
  if (!info) return { prev: false, next: false };
  return {
    prev: info.hasPreviousPage || !!params.get('after'),
    next: info.hasNextPage || !!params.get('before'),
  };
}

/** The params of the next (or previous) page. */
export function turnPage(params: URLSearchParams, info: PageInfo, dir: 'next' | 'prev'): URLSearchParams {
  const p = new URLSearchParams(params);
  p.delete('after');
  p.delete('before');
  if (dir === 'next' && info.endCursor) p.set('after', info.endCursor);
  if (dir === 'prev' && info.startCursor) p.set('before', info.startCursor);
  return p;
}

/** The params with one filter changed (empty removes it), back on the first page. */
export function setFilter(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  p.delete('after');
  p.delete('before');
  return p;
}

/**
 * The address bar's search params as they are now. Handlers that change a list's filter start
 * from these, not from their render's params: ProTable keeps handlers (header, columns) from an
 * earlier render, and such a handler would drop what changed since (and react-router's
 * functional update hands it that render's params too).
 */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
