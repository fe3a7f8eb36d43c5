import { describe, expect, it } from 'vitest';
import { exportHref, meterFilter, pageArgs, readListState, withFilter, writeListState } from './listState';

describe('the meters list state in the URL', () => {
  it('reads what it writes', () => {
    const s = readListState(new URLSearchParams('site=1&building=2&status=tripped&q=%20A1%20&assigned=yes&size=500&after=c1'));
    expect(s).toEqual({ site: '1', building: '2', status: 'tripped', q: 'A1', assigned: 'yes', size: 500, after: 'c1', before: undefined });
    expect(readListState(writeListState(s))).toEqual(s);
  });

  it('ignores what it does not know', () => {
    const s = readListState(new URLSearchParams('status=nonsense&size=7&assigned=maybe'));
    expect(s).toEqual({ size: 100 });
    expect(writeListState(s).toString()).toBe('');
  });

  it('turns filters into the GraphQL filter and a status into the fields that select it', () => {
    expect(meterFilter(readListState(new URLSearchParams('status=offline&assigned=no&q=x')))).toEqual({
      status: 'active',
      search: 'x',
      unassigned: true,
      online: false,
    });
    expect(meterFilter(readListState(new URLSearchParams('status=tripped')))).toEqual({ status: 'active', relay: 'open' });
  });

  it('pages forward with first/after and backward with last/before', () => {
    expect(pageArgs(readListState(new URLSearchParams('after=a')))).toEqual({ first: 100, after: 'a' });
    expect(pageArgs(readListState(new URLSearchParams('before=b&size=50')))).toEqual({ last: 50, before: 'b' });
  });

  it('starts again on the first page when a filter changes', () => {
    const s = readListState(new URLSearchParams('after=a&size=50'));
    expect(withFilter(s, { q: 'x' })).toEqual({ size: 50, q: 'x', after: undefined, before: undefined });
  });

  it('links the export to the same filter and the language', () => {
    const href = exportHref(readListState(new URLSearchParams('building=3')), 'en-US');
    const u = new URL(href, 'http://x');
    expect(u.pathname).toBe('/export/meters.xlsx');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ status: 'active', buildingId: '3' });
    expect(u.searchParams.get('lang')).toBe('en-US');
  });
});
