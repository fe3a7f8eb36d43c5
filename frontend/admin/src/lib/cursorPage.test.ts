import { describe, expect, it } from 'vitest';
import { pageArgs, pageLinks, pageSize, setFilter, turnPage } from './cursorPage';

const q = (s: string) => new URLSearchParams(s);

describe('cursor paging in the URL', () => {
  it('reads the page size, refusing sizes not offered', () => {
    expect(pageSize(q(''))).toBe(20);
    expect(pageSize(q('size=50'))).toBe(50);
    expect(pageSize(q('size=5000'))).toBe(20);
  });

  it('takes a list’s own sizes, the first its default', () => {
    const big = [100, 500, 1000];
    expect(pageSize(q(''), big)).toBe(100);
    expect(pageSize(q('size=20'), big)).toBe(100);
    expect(pageArgs(q('size=1000&before=x'), big)).toEqual({ last: 1000, before: 'x' });
  });

  it('asks forward or backward', () => {
    expect(pageArgs(q('size=50'))).toEqual({ first: 50 });
    expect(pageArgs(q('after=abc'))).toEqual({ first: 20, after: 'abc' });
    expect(pageArgs(q('before=xyz&size=100'))).toEqual({ last: 100, before: 'xyz' });
  });

  it('turns pages and knows where it came from', () => {
    const info = { startCursor: 's', endCursor: 'e', hasNextPage: true, hasPreviousPage: false };
    expect(turnPage(q('search=a&after=old'), info, 'next').toString()).toBe('search=a&after=e');
    expect(turnPage(q('search=a&after=old'), info, 'prev').toString()).toBe('search=a&before=s');
    expect(pageLinks(q('after=old'), info)).toEqual({ prev: true, next: true });
    expect(pageLinks(q(''), { ...info, hasNextPage: false })).toEqual({ prev: false, next: false });
    expect(pageLinks(q('before=x'), { ...info, hasNextPage: false })).toEqual({ prev: false, next: true });
  });

  it('goes back to the first page when a filter changes', () => {
    expect(setFilter(q('status=open&after=e&size=50'), { search: '张', status: undefined }).toString()).toBe('size=50&search=%E5%BC%A0');
  });
});
