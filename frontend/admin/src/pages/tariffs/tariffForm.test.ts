import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatKWh, markupOf, parseKWh, toInput, type TariffFormValues } from './tariffForm';

const tou: TariffFormValues = {
  siteId: '1',
  name: ' 商业峰谷 ',
  kind: 'tou',
  prices: { peak: '1.2', valley: '0.4', sharp: '9' },
  periods: [
    { start: 8 * 60, rate: 'peak' },
    { start: 0, rate: 'valley' },
  ],
  variants: [],
  tiers: [],
};

describe('the tariff form', () => {
  it('sends a TOU tariff with the prices its periods use, periods in order as HH:MM', () => {
    expect(toInput(tou)).toEqual({
      siteId: '1',
      name: '商业峰谷',
      kind: 'tou',
      prices: [
        { rate: 'peak', price: '1.2' },
        { rate: 'valley', price: '0.4' },
      ],
      periods: [
        { start: '00:00', rate: 'valley' },
        { start: '08:00', rate: 'peak' },
      ],
      variants: [],
      tiers: [],
      billingPeriod: null,
    });
  });

  it('sends tiers in Wh, the last without a bound', () => {
    const input = toInput({ ...tou, kind: 'tiered', tiers: [{ upToKWh: '200', price: '0.5' }, { upToKWh: '', price: '0.8' }], billingPeriod: 'month' });
    expect(input.tiers).toEqual([{ upToWh: 200000, price: '0.5' }, { price: '0.8' }]);
    expect(input.prices).toEqual([]);
  });

  it('sends season and weekday variants with their own periods', () => {
    const input = toInput({
      ...tou,
      variants: [{ months: [7, 8], weekdays: [0, 6], periods: [{ start: 600, rate: 'sharp' }, { start: 0, rate: 'valley' }] }],
    });
    expect(input.variants).toEqual([
      { months: [7, 8], weekdays: [0, 6], periods: [{ start: '00:00', rate: 'valley' }, { start: '10:00', rate: 'sharp' }] },
    ]);
    // The sharp rate is used by the variant only: its price is sent too.
    expect(input.prices).toContainEqual({ rate: 'sharp', price: '9' });
  });

  it('reads kWh exactly', () => {
    expect(parseKWh('12.5')).toBe(12500);
    expect(parseKWh('0')).toBeUndefined();
    expect(parseKWh('1.2345')).toBeUndefined();
    expect(formatKWh(12500)).toBe('12.5');
    expect(formatKWh(200000)).toBe('200');
  });

  it('checks the cap on the prices in use only, as typed', () => {
    const site = { grid: 9000, capPct: 15 };
    expect(markupOf(tou, site)).toMatchObject({ rate: 'peak', total: 12000 });
    expect(markupOf({ ...tou, prices: { peak: '1.03', valley: '0.4', sharp: '9' } }, site)).toBeNull();
    expect(markupOf({ ...tou, prices: { peak: '1.0', valley: '0.4' }, tiers: [{ upToKWh: '100', price: '0' }, { upToKWh: '', price: '0.05' }] }, site)).toMatchObject({
      rate: 'peak',
      surcharge: 500,
    });
  });
});

describe('service fee', () => {
  it('shows basis points as a percentage, exactly', () => {
    expect(formatBasisPoints(150)).toBe('1.5');
    expect(formatBasisPoints(200)).toBe('2');
    expect(formatBasisPoints(5)).toBe('0.05');
  });
});
