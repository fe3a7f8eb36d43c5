import { describe, expect, it } from 'vitest';
import { trendWindow } from './trend';

// 2026-12-07 20:30 UTC is 2026-12-08 04:30 in Beijing.
const now = new Date('2026-12-07T20:30:00Z');

describe('trend windows', () => {
  it('ends with today in Beijing time', () => {
    expect(trendWindow('hour', now)).toEqual({ from: '2026-12-08T00:00:00+08:00', to: '2026-12-08T16:00:00.000Z' });
    expect(trendWindow('day', now)).toEqual({ from: '2026-11-09T00:00:00+08:00', to: '2026-12-08T16:00:00.000Z' });
    expect(trendWindow('month', now)).toEqual({ from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
  });
});
