import { describe, expect, it } from 'vitest';
import { compactFilter } from './filter';

describe('a list filter', () => {
  it('leaves out what does not filter, keeps false', () => {
    expect(compactFilter({ siteId: '1', buildingId: undefined, search: '', online: false, x: null })).toEqual({ siteId: '1', online: false });
  });
});
