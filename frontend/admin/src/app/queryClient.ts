import { QueryClient } from '@tanstack/react-query';
import { ApiError, networkErrorCode } from '../graphql/client';

// Errors the server gave on purpose (no session, no permission, bad input) do not get better
// by asking again; a lost connection or an unavailable server may.
function retry(failures: number, err: unknown): boolean {
  if (failures >= 2) return false;
  return !(err instanceof ApiError) || err.code === networkErrorCode || err.code === 'UNAVAILABLE';
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry, refetchOnWindowFocus: false, staleTime: 15_000 },
    mutations: { retry: false },
  },
});
