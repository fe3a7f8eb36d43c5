import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../gql';
import { request } from '../../graphql/client';

// The deployment's sites (at most 100, never paged): the site pickers of the site pages.
const sitesQuery = graphql(`
  query SitePicker {
    sites {
      id
      name
      code
      timezone
    }
  }
`);

export const sitesKey = ['sites'] as const;

export function useSites() {
  return useQuery({ queryKey: sitesKey, queryFn: ({ signal }) => request(sitesQuery, {}, signal), staleTime: 60_000 });
}
