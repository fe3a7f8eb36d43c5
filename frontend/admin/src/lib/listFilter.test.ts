import { describe, expect, it } from 'vitest';
import { exportHref } from './exportLink';
import { compactFilter } from './listFilter';

describe('list filters and export', () => {
  it('leaves out empty fields', () => {
    expect(compactFilter({ a: '', b: undefined, c: null, d: false, e: 'x' })).toEqual({ d: false, e: 'x' });
  });
  it('links the server’s spreadsheet with the filter as JSON', () => {
    const u = new URL(exportHref('alarms', { active: true, kind: 'arrears' }, 'zh-CN'), 'http://x');
    expect(u.pathname).toBe('/export/alarms.xlsx');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ active: true, kind: 'arrears' });
    expect(u.searchParams.get('lang')).toBe('zh-CN');
  });
  it('passes no filter for a list without one', () => {
    expect(exportHref('operators', undefined, 'en-US')).toBe('/export/operators.xlsx?lang=en-US');
  });
});
