import { describe, expect, it } from 'vitest';
import { touSplit, touTotals } from './tou';

describe('time-of-use split', () => {
  it('applies the CT ratio and treats unread registers as 0', () => {
    expect(touSplit({ sharpWh: 10, peakWh: '20', flatWh: null }, 40)).toEqual({ sharp: 400, peak: 800, flat: 0, valley: 0 });
    expect(touSplit(null, 1)).toEqual({ sharp: 0, peak: 0, flat: 0, valley: 0 });
  });
  it('adds up meters period by period', () => {
    const a = { sharp: 1, peak: 2, flat: 3, valley: 4 };
    expect(touTotals([a, a])).toEqual({ sharp: 2, peak: 4, flat: 6, valley: 8 });
  });
});
