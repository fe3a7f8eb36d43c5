import type { AccountFilter } from '../../gql/graphql';

/** The account list's filter from the page's URL (search, status, site, arrears). */
export function accountFilter(params: URLSearchParams): AccountFilter {
  const f: AccountFilter = {};
  const search = params.get('search')?.trim();
  if (search) f.search = search.slice(0, 100);
  const status = params.get('status');
  if (status === 'open' || status === 'closed') f.status = status;
  const site = params.get('site');
  if (site) f.siteId = site;
  if (params.get('arrears') === '1') f.balanceMaxFen = 0;
  return f;
}

export { exportHref } from '../../lib/exportLink';
