import { MeterDisplayStatus, type MeterFilter } from '../../gql/graphql';
import { exportHref } from '../../lib/exportLink';

/**
 * The meters list's filters, kept in the URL's search params beside the page's cursor and
 * size (lib/cursorPage.ts), so that a reload, a shared link and back/forward show the same
 * meters. Change them with setFilter, which goes back to the first page.
 */
export interface MeterListFilters {
  site?: string;
  building?: string;
  status?: MeterDisplayStatus;
  q?: string;
  /** yes: meters on an account; no: meters on none. */
  assigned?: 'yes' | 'no';
}

/** The console pages through up to 1,000 meters at a time: rows are drawn virtually. */
export const meterPageSizes: readonly number[] = [50, 100, 200, 500, 1000];

export function readFilters(p: URLSearchParams): MeterListFilters {
  const status = p.get('status') as MeterDisplayStatus | null;
  const assigned = p.get('assigned');
  return {
    site: p.get('site') || undefined,
    building: p.get('building') || undefined,
    status: status && (Object.values(MeterDisplayStatus) as string[]).includes(status) ? status : undefined,
    q: p.get('q')?.trim() || undefined,
    assigned: assigned === 'yes' || assigned === 'no' ? assigned : undefined,
  };
}

/** The GraphQL filter of the list: also what the export is given. Only meters in service. */
export function meterFilter(s: MeterListFilters): MeterFilter {
  const f: MeterFilter = { status: 'active' };
  if (s.site) f.siteId = s.site;
  if (s.building) f.buildingId = s.building;
  if (s.q) f.search = s.q;
  if (s.assigned) f.unassigned = s.assigned === 'no';
  if (s.status) f.displayStatus = [s.status];
  return f;
}

/** The export link of what the list shows, in the operator's language. */
export function metersExportHref(s: MeterListFilters, lang: string): string {
  return exportHref('meters', meterFilter(s), lang);
}
