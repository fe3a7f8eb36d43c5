import { describe, expect, it } from 'vitest';
import { compactFilter, exportHref, pageSize, pageVars, withFilter, withParams } from './cursorPage';

const p = (s: string) => new URLSearchParams(s);

describe('cursor paging from the URL', () => {
  it('starts on the first page with the default size', () => {
    expect(pageVars(p(''))).toEqual({ first: 20 });
  });
  it('pages forward after a cursor and back before one', () => {
    expect(pageVars(p('size=50&after=abc'))).toEqual({ first: 50, after: 'abc' });
    expect(pageVars(p('size=100&before=xyz'))).toEqual({ last: 100, before: 'xyz' });
  });
  it('refuses a size it does not offer', () => {
    expect(pageSize(p('size=100000'))).toBe(20);
    expect(pageSize(p('size=abc'))).toBe(20);
  });
  it('goes back to the first page when the filter changes', () => {
    const next = withFilter(p('kind=alarm1&after=abc&size=50'), { kind: 'arrears' });
    expect(next.toString()).toBe('kind=arrears&size=50');
    expect(withFilter(p('kind=alarm1&before=x'), { kind: undefined }).toString()).toBe('');
  });
  it('removes keys set to nothing', () => {
    expect(withParams(p('a=1&b=2'), { a: '', c: '3' }).toString()).toBe('b=2&c=3');
  });
});

describe('filters and export', () => {
  it('leaves out empty fields', () => {
    expect(compactFilter({ a: '', b: undefined, c: null, d: false, e: 'x' })).toEqual({ d: false, e: 'x' });
  });
  it('links the server’s spreadsheet with the filter as JSON', () => {
    const href = exportHref('alarms', { active: true, kind: 'arrears' }, 'zh-CN');
    const u = new URL(href, 'http://x');
    expect(u.pathname).toBe('/export/alarms.xlsx');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ active: true, kind: 'arrears' });
    expect(u.searchParams.get('lang')).toBe('zh-CN');
    expect(exportHref('operators', {}, 'en-US')).toBe('/export/operators.xlsx?lang=en-US');
  });
});
