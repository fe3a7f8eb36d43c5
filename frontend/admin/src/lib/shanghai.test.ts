import { describe, expect, it } from 'vitest';
import { formatShanghai, shanghaiDayStart } from './shanghai';

describe('shanghaiDayStart', () => {
  it('starts the Beijing day at 16:00 UTC the day before', () => {
    expect(shanghaiDayStart(new Date('2026-12-07T20:15:00Z')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-12-07T15:59:59Z')).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-12-07T16:00:00Z')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
  });
});

describe('formatShanghai', () => {
  it('shows Beijing time whatever the browser zone', () => {
    expect(formatShanghai('2026-12-07T20:15:04Z')).toBe('2026-12-08 04:15:04');
    expect(formatShanghai(null)).toBe('');
    expect(formatShanghai('not a time')).toBe('');
  });
});
