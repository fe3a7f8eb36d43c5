import { describe, expect, it } from 'vitest';
import { exportHref, meterFilter, readFilters } from './listState';

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

  it('turns them into the GraphQL filter, a status into the fields that select it', () => {
    expect(meterFilter(readFilters(q('status=offline&assigned=no&q=x')))).toEqual({
      status: 'active',
      search: 'x',
      unassigned: true,
      online: false,
    });
    expect(meterFilter(readFilters(q('status=tripped')))).toEqual({ status: 'active', relay: 'open' });
    expect(meterFilter(readFilters(q('status=not_opened')))).toEqual({ status: 'active', unassigned: true });
  });

  it('links the export to the same filter and the language', () => {
    const u = new URL(exportHref(readFilters(q('building=3&after=x')), 'en-US'), 'http://x');
    expect(u.pathname).toBe('/export/meters.xlsx');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ status: 'active', buildingId: '3' });
    expect(u.searchParams.get('lang')).toBe('en-US');
  });
});
