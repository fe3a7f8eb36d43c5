import { describe, expect, it } from 'vitest';
import { meterFilter, metersExportHref, readFilters } from './listState';

const q = (s: string) => new URLSearchParams(s);

describe('the meters list filters in the URL', () => {
  it('reads the filters it knows and ignores the rest', () => {
    expect(readFilters(q('site=1&building=2&status=tripped&q=%20A1%20&assigned=yes&after=c1'))).toEqual({
      site: '1',
      building: '2',
      status: 'tripped',
      q: 'A1',
      assigned: 'yes',
    });
    expect(readFilters(q('status=nonsense&assigned=maybe&q=%20'))).toEqual({});
  });

  it('turns them into the GraphQL filter', () => {
    expect(meterFilter(readFilters(q('status=arrears&assigned=no&q=x&site=1')))).toEqual({
      status: 'active',
      siteId: '1',
      search: 'x',
      unassigned: true,
      displayStatus: ['arrears'],
    });
  });

  it('links the export to the same filter and the language', () => {
    const u = new URL(metersExportHref(readFilters(q('building=3&after=x')), 'en-US'), 'http://x');
    expect(u.pathname).toBe('/export/meters.xlsx');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ status: 'active', buildingId: '3' });
    expect(u.searchParams.get('lang')).toBe('en-US');
  });
});
