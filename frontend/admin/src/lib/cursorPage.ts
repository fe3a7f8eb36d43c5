import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

// Server paging through a Relay connection with the page in the URL: `after` (or `before`) holds
// the cursor and `size` the page size, beside the list's filters, so a reload or back/forward
// shows the same page. A cursor is only valid under the same filter, so changing a filter drops
// it (setFilter) and the list starts over.

export const pageSizes = [20, 50, 100] as const;
const defaultSize = pageSizes[0];

/** The connection arguments of the page in the URL. */
export interface CursorVars {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export function cursorVars(params: URLSearchParams): CursorVars {
  const size = Number(params.get('size'));
  const n = (pageSizes as readonly number[]).includes(size) ? size : defaultSize;
  const before = params.get('before');
  if (before) return { last: n, before };
  const after = params.get('after');
  return after ? { first: n, after } : { first: n };
}

export function useCursorPage() {
  const [params, setParams] = useSearchParams();
  const vars = cursorVars(params);
  const size = vars.first ?? vars.last ?? defaultSize;
  const update = useCallback(
    (edit: (p: URLSearchParams) => void) =>
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        edit(p);
        return p;
      }),
    [setParams],
  );
  return {
    params,
    vars,
    size,
    /** Whether this is the list's first page (no cursor). */
    atStart: !vars.after && !vars.before,
    next: (endCursor: string) =>
      update((p) => {
        p.delete('before');
        p.set('after', endCursor);
      }),
    prev: (startCursor: string) =>
      update((p) => {
        p.delete('after');
        p.set('before', startCursor);
      }),
    setSize: (n: number) =>
      update((p) => {
        p.delete('after');
        p.delete('before');
        p.set('size', String(n));
      }),
    /** Sets (or, with undefined or '', removes) filters and goes back to the first page. */
    setFilter: (filters: Record<string, string | undefined>) =>
      update((p) => {
        p.delete('after');
        p.delete('before');
        for (const [k, v] of Object.entries(filters)) {
          if (v === undefined || v === '') p.delete(k);
          else p.set(k, v);
        }
      }),
  };
}
