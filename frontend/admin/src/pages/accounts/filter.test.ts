import { describe, expect, it } from 'vitest';
import { accountFilter, exportHref } from './filter';

describe('accountFilter', () => {
  it('reads the URL into the GraphQL filter, ignoring what it does not know', () => {
    expect(accountFilter(new URLSearchParams('search=%20张%20&status=open&site=3&arrears=1&after=x'))).toEqual({
      search: '张',
      status: 'open',
      siteId: '3',
      balanceMaxFen: 0,
    });
    expect(accountFilter(new URLSearchParams('status=bogus'))).toEqual({});
  });

  it('links the export with the same filter', () => {
    expect(exportHref('accounts', { status: 'open' }, 'zh-CN')).toBe('/export/accounts.xlsx?filter=%7B%22status%22%3A%22open%22%7D&lang=zh-CN');
  });
});
