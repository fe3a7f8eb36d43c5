import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, formatTime, shanghaiMonth } from './time';

describe('office time', () => {
  it('shows a time in Beijing time, to the second or the minute', () => {
    expect(formatTime('2026-12-07T16:30:05Z')).toBe('2026-12-08 00:30:05');
    expect(formatTime('2026-12-07T16:30:05Z', 'minute')).toBe('2026-12-08 00:30');
    expect(formatTime(null)).toBe('');
  });
  it('turns a picked day into its Beijing midnights', () => {
    expect(new Date(dayStart('2026-12-08')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(dayEnd('2026-12-08')).toBe('2026-12-08T16:00:00.000Z');
    expect(shanghaiMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
  });
});
