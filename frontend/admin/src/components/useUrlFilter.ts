import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { currentParams, setFilter } from '../lib/cursorPage';

/**
 * A list's filter kept in the URL's search params: get reads one, set changes some and goes
 * back to the first page (a cursor belongs to its filter). set starts from the address bar as
 * it is when it runs, so a handler kept from an earlier render (ProTable keeps its columns')
 * does not drop what changed since; react-router's functional update would hand it the params
 * of that earlier render.
 */
export function useUrlFilter() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const set = useCallback((updates: Record<string, string | undefined>) => setParams(setFilter(currentParams(), updates)), [setParams]);
  return { get, set, params };
}
