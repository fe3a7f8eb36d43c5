import { describe, expect, it } from 'vitest';
import { formatTime } from './time';

describe('formatTime', () => {
  it('shows a time in Asia/Shanghai whatever its offset', () => {
    expect(formatTime('2026-12-07T16:30:05Z')).toBe('2026-12-08 00:30:05');
    expect(formatTime('2026-12-07T08:00:00+08:00', 'HH:mm')).toBe('08:00');
    expect(formatTime(null)).toBe('—');
  });
});
