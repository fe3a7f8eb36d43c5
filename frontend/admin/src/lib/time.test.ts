import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, formatTime, officeDay } from './time';

describe('office time', () => {
  it('shows a time in Asia/Shanghai whatever its offset', () => {
    expect(formatTime('2026-12-07T16:30:00Z')).toBe('2026-12-08 00:30:00');
    expect(formatTime(null)).toBe('');
  });
  it('turns a picked day into its local midnights', () => {
    expect(new Date(dayStart('2026-12-08')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(new Date(dayEnd('2026-12-08')).toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(officeDay('2026-12-07T16:30:00Z')).toBe('2026-12-08');
  });
});
