import { describe, expect, it } from 'vitest';
import { can, loginPath, safeFrom } from './session';

describe('safeFrom', () => {
  it.each([
    ['/meters?page=2', '/meters?page=2'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login', '/'],
    ['/login?from=/x', '/'],
  ])('%s → %s', (from, want) => {
    expect(safeFrom(from)).toBe(want);
  });
});

describe('loginPath', () => {
  it('carries the page to come back to', () => {
    expect(loginPath('/meters?status=offline')).toBe('/login?from=%2Fmeters%3Fstatus%3Doffline');
    expect(safeFrom(new URLSearchParams(loginPath('/a?b=c').split('?')[1]).get('from'))).toBe('/a?b=c');
  });
  it('leaves the dashboard out', () => {
    expect(loginPath('/')).toBe('/login');
  });
});

describe('can', () => {
  const me = { kind: 'operator', id: '1', name: 'cashier', role: 'cashier', permissions: ['READ_SITE'] } as never;
  it('needs every permission', () => {
    expect(can(me, [])).toBe(true);
    expect(can(me, ['READ_SITE' as never])).toBe(true);
    expect(can(me, ['READ_SITE' as never, 'CONTROL' as never])).toBe(false);
    expect(can(undefined, [])).toBe(false);
  });
});
