import { describe, expect, it } from 'vitest';
import {
  defaultDay,
  formatMinute,
  minutesByRate,
  minutesPerDay,
  moveBoundary,
  parseMinute,
  removePeriod,
  segments,
  setStart,
  splitPeriod,
  validateDay,
  type Period,
} from './tou';

const day: Period[] = [
  { start: 60, rate: 'valley' },
  { start: 8 * 60, rate: 'peak' },
  { start: 18 * 60, rate: 'flat' },
];

/** The bar covers 00:00–24:00 with no gap and no overlap. */
function expectCovers(ps: Period[]) {
  const segs = segments(ps);
  expect(segs[0].from).toBe(0);
  expect(segs.at(-1)?.to).toBe(minutesPerDay);
  segs.slice(1).forEach((s, i) => expect(s.from).toBe(segs[i].to));
  expect(segs.every((s) => s.to > s.from)).toBe(true);
  expect(segs.reduce((n, s) => n + s.to - s.from, 0)).toBe(minutesPerDay);
}

describe('the TOU day', () => {
  it('covers 24 hours, the last period wrapping past midnight', () => {
    const segs = segments(day);
    expect(segs[0]).toEqual({ from: 0, to: 60, rate: 'flat', index: 2 });
    expect(segs.at(-1)).toEqual({ from: 18 * 60, to: minutesPerDay, rate: 'flat', index: 2 });
    expectCovers(day);
    expectCovers(defaultDay());
    expect(minutesByRate(day)).toEqual({ valley: 420, peak: 600, flat: 420 });
  });

  it('drags a boundary on the 15-minute step', () => {
    const moved = moveBoundary(day, 1, 9 * 60 + 8);
    expect(moved[1].start).toBe(9 * 60 + 15);
    expectCovers(moved);
  });

  it('stops a drag short of the neighbouring boundaries: no overlap, no reordering', () => {
    expect(moveBoundary(day, 1, 0)[1].start).toBe(60 + 15);
    expect(moveBoundary(day, 1, 23 * 60)[1].start).toBe(18 * 60 - 15);
    expect(moveBoundary(day, 0, -300)[0].start).toBe(0);
    expect(moveBoundary(day, 2, 5000)[2].start).toBe(minutesPerDay - 15);
    for (const m of [-100, 0, 59, 61, 480, 1079, 1080, 2000]) expectCovers(moveBoundary(day, 1, m));
  });

  it('refuses a typed start that overlaps another or passes a neighbour', () => {
    expect(setStart(day, 1, 60)).toBe('overlap');
    expect(setStart(day, 1, 19 * 60)).toBe('order');
    expect(setStart(day, 1, 30)).toBe('order');
    expect(setStart(day, 1, undefined)).toBe('notTime');
    expect(setStart(day, 0, minutesPerDay)).toBe('notTime');
    const ok = setStart(day, 1, 8 * 60 + 7);
    expect(ok).not.toBeTypeOf('string');
    expect((ok as Period[])[1].start).toBe(487);
  });

  it('splits a period in the middle and removes one, keeping 2 to 14', () => {
    const split = splitPeriod(day, 1, 'sharp') as Period[];
    expect(split.map((p) => p.start)).toEqual([60, 480, 780, 1080]);
    expect(split[2].rate).toBe('sharp');
    expectCovers(split);
    // The last period's stretch wraps: its middle is past midnight.
    const late: Period[] = [
      { start: 120, rate: 'flat' },
      { start: 23 * 60, rate: 'valley' },
    ];
    const wrapped = splitPeriod(late, 1, 'sharp') as Period[];
    expect(wrapped).toEqual([
      { start: 30, rate: 'sharp' },
      { start: 120, rate: 'flat' },
      { start: 23 * 60, rate: 'valley' },
    ]);
    expectCovers(wrapped);
    let full: Period[] = defaultDay();
    while (full.length < 14) full = splitPeriod(full, full.length - 1, 'flat') as Period[];
    expect(splitPeriod(full, 0, 'flat')).toBe('tooMany');
    expect(splitPeriod([{ start: 0, rate: 'flat' }, { start: 15, rate: 'peak' }], 0, 'flat')).toBe('tooShort');
    expect(removePeriod(day.slice(0, 2), 0)).toBe('tooFew');
    expect((removePeriod(day, 1) as Period[]).map((p) => p.start)).toEqual([60, 1080]);
  });

  it('validates a day as the server does', () => {
    const priced = new Set(['valley', 'peak', 'flat'] as const);
    expect(validateDay(day, priced)).toBeNull();
    expect(validateDay(day.slice(0, 1), priced)).toEqual({ error: 'tooFew' });
    expect(validateDay([...day, { start: 60, rate: 'peak' }], priced)).toEqual({ error: 'overlap', index: 1 });
    expect(validateDay(day, new Set(['valley', 'peak'] as const))).toEqual({ error: 'unpriced', index: 2 });
  });

  it('reads and writes HH:MM', () => {
    expect(parseMinute('07:30')).toBe(450);
    expect(parseMinute('7:05')).toBe(425);
    expect(parseMinute('24:00')).toBeUndefined();
    expect(parseMinute('12:60')).toBeUndefined();
    expect(formatMinute(450)).toBe('07:30');
    expect(formatMinute(minutesPerDay)).toBe('24:00');
  });
});
