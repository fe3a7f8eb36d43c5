import { describe, expect, it } from 'vitest';
import { checkMarkup, formatPrice, markupCap, parsePrice, type MarkupInput } from './markup';

// The cases of the server's TestTariff_MarkupCap (server/postgres/tariff_markup_test.go): a site
// buying at 0.9000 with the default 15 % cap, so the cap is 1.0350.
const site = { grid: 9000, capPct: 15 };
const flatAt = (p: number): MarkupInput => ({ kind: 'flat', prices: { flat: p }, tiers: [] });
const touAt = (peak: number, ...surcharges: number[]): MarkupInput => ({
  kind: 'tou',
  prices: { peak, flat: 8000, valley: 4000 },
  tiers: surcharges,
});
const tieredAt = (top: number): MarkupInput => ({ kind: 'tiered', prices: {}, tiers: [5000, 6000, top] });

describe('checkMarkup, as the server', () => {
  it.each([
    ['flat at the cap', flatAt(10350), null],
    ['flat above the cap', flatAt(10351), { field: 'prices', rate: 'flat', price: 10351, total: 10351 }],
    ['a TOU rate above the cap', touAt(12000), { field: 'prices', rate: 'peak', price: 12000 }],
    ['TOU at the cap', touAt(10350), null],
    ['TOU with tiers: rate and highest surcharge within', touAt(9800, 0, 500), null],
    ['TOU with tiers: rate plus highest surcharge above', touAt(10000, 0, 500), { field: 'prices', rate: 'peak', price: 10000, surcharge: 500, total: 10500 }],
    ['tiered: the top tier above', tieredAt(11000), { field: 'tiers', tier: 3, price: 11000 }],
    ['tiered within', tieredAt(10000), null],
  ] as const)('%s', (_, input, want) => {
    const got = checkMarkup(input, site);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject({ ...want, cap: 10350, grid: 9000, capPct: 15 });
  });

  it('checks nothing for a site without a grid price', () => {
    expect(checkMarkup(flatAt(999_999), { grid: null, capPct: 15 })).toBeNull();
  });

  it('names the first rate over the cap in the server’s order (sharp, peak, flat, valley)', () => {
    expect(checkMarkup({ kind: 'tou', prices: { valley: 20000, sharp: 20000 }, tiers: [] }, site)).toMatchObject({ rate: 'sharp' });
  });

  it('compares exactly where the rounded cap would not', () => {
    // 0.6512 + 10 % = 0.71632: the cap shown is 0.7163, 0.7164 is over, 0.7163 is not.
    const s = { grid: 6512, capPct: 10 };
    expect(markupCap(6512, 10)).toBe(7163);
    expect(checkMarkup(flatAt(7163), s)).toBeNull();
    expect(checkMarkup(flatAt(7164), s)).not.toBeNull();
  });
});

describe('prices', () => {
  it('parses what the API and operators write, exactly', () => {
    expect(parsePrice('1.035')).toBe(10350);
    expect(parsePrice(' 0.0001 ')).toBe(1);
    expect(parsePrice('2')).toBe(20000);
    expect(parsePrice('100')).toBe(1_000_000);
    for (const bad of ['', '1.23456', '-1', '1e2', 'abc', '100.0001', '.5']) expect(parsePrice(bad)).toBeUndefined();
  });

  it('formats as the server writes', () => {
    expect(formatPrice(10350)).toBe('1.0350');
    expect(formatPrice(1)).toBe('0.0001');
    expect(formatPrice(1_000_000)).toBe('100.0000');
  });
});
