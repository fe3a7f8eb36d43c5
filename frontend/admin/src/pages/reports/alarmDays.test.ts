import { describe, expect, it } from 'vitest';
import { countsByKind, daysBetween } from './alarmDays';

describe('alarm days', () => {
  it('lists every day of the range, both ends included, across a month end', () => {
    expect(daysBetween('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(daysBetween('2026-11-02', '2026-11-01')).toEqual([]);
  });
  it('fills the days without alarms with zeros, per kind', () => {
    const days = daysBetween('2026-11-01', '2026-11-03');
    const m = countsByKind(days, [
      { day: '2026-11-01', kind: 'offline', raised: 2 },
      { day: '2026-11-03', kind: 'offline', raised: 1 },
      { day: '2026-11-02', kind: 'arrears', raised: 4 },
      { day: '2026-12-01', kind: 'arrears', raised: 9 },
    ]);
    expect(m.get('offline')).toEqual([2, 0, 1]);
    expect(m.get('arrears')).toEqual([0, 4, 0]);
  });
});
