import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { setFilter } from '../lib/cursorPage';

/**
 * A list's filter kept in the URL's search params: get reads one, set changes some and goes
 * back to the first page (a cursor belongs to its filter).
 */
export function useUrlFilter() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const set = useCallback((updates: Record<string, string | undefined>) => setParams(setFilter(params, updates)), [params, setParams]);
  return { get, set, params };
}
