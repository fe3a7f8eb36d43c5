import { expect, it } from 'vitest';
import { formatDateTime } from './time';

it('shows times in China time whatever the zone they were written in', () => {
  expect(formatDateTime('2026-12-07T16:30:00Z')).toBe('2026-12-08 00:30');
  expect(formatDateTime('2026-12-07T08:05:00+08:00')).toBe('2026-12-07 08:05');
});
