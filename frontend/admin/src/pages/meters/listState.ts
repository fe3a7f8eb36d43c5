import type { MeterDisplayStatus, MeterFilter } from '../../gql/graphql';

/**
 * What the meters list shows, as kept in the URL's search params so that a reload, a shared
 * link and back/forward show the same page: the filters, the page size and the page's cursor
 * (after: the page after that item; before: the page before it; neither: the first page).
 */
export interface MeterListState {
  site?: string;
  building?: string;
  status?: MeterDisplayStatus;
  q?: string;
  /** yes: meters on an account; no: meters on none. */
  assigned?: 'yes' | 'no';
  size: number;
  after?: string;
  before?: string;
}

export const pageSizes = [50, 100, 200, 500, 1000] as const;
const defaultSize = 100;

/**
 * The display statuses the list can filter on today, each as the MeterFilter fields that
 * select exactly it. The others (guarantee, arrears, alarms, normal) depend on balances and
 * thresholds the filter cannot express yet; the legend still shows them.
 */
const statusFilters: Partial<Record<MeterDisplayStatus, MeterFilter>> = {
  not_opened: { unassigned: true },
  offline: { online: false },
  tripped: { relay: 'open' },
};

export const filterableStatuses = Object.keys(statusFilters) as MeterDisplayStatus[];

export function readListState(p: URLSearchParams): MeterListState {
  const size = Number(p.get('size'));
  const status = p.get('status') as MeterDisplayStatus | null;
  const assigned = p.get('assigned');
  return {
    site: p.get('site') || undefined,
    building: p.get('building') || undefined,
    status: status && status in statusFilters ? status : undefined,
    q: p.get('q')?.trim() || undefined,
    assigned: assigned === 'yes' || assigned === 'no' ? assigned : undefined,
    size: (pageSizes as readonly number[]).includes(size) ? size : defaultSize,
    after: p.get('after') || undefined,
    before: p.get('before') || undefined,
  };
}

export function writeListState(s: MeterListState): URLSearchParams {
  const p = new URLSearchParams();
  const put = (k: string, v: string | undefined) => v && p.set(k, v);
  put('site', s.site);
  put('building', s.building);
  put('status', s.status);
  put('q', s.q);
  put('assigned', s.assigned);
  if (s.size !== defaultSize) p.set('size', String(s.size));
  put('after', s.after);
  put('before', s.before);
  return p;
}

/** A change of filter starts again on the first page. */
export function withFilter(s: MeterListState, change: Partial<MeterListState>): MeterListState {
  return { ...s, ...change, after: undefined, before: undefined };
}

/** The GraphQL filter of a state: also what the export is given. Only active meters. */
export function meterFilter(s: MeterListState): MeterFilter {
  const f: MeterFilter = { status: 'active' };
  if (s.site) f.siteId = s.site;
  if (s.building) f.buildingId = s.building;
  if (s.q) f.search = s.q;
  if (s.assigned) f.unassigned = s.assigned === 'no';
  if (s.status) Object.assign(f, statusFilters[s.status]);
  return f;
}

/** The page's arguments of a state: first/after forward, last/before backward. */
export function pageArgs(s: MeterListState): { first?: number; after?: string; last?: number; before?: string } {
  return s.before ? { last: s.size, before: s.before } : { first: s.size, after: s.after };
}

/** The export link of what the list shows, in the operator's language. */
export function exportHref(s: MeterListState, lang: string): string {
  const p = new URLSearchParams({ filter: JSON.stringify(meterFilter(s)), lang });
  return `/export/meters.xlsx?${p.toString()}`;
}
