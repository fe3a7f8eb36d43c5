import { describe, expect, it } from 'vitest';
import { formatWh, parseKwh } from './energy';

describe('energy', () => {
  it('shows Wh as kWh with two decimals', () => {
    expect(formatWh(123456)).toBe('123.46 kWh');
    expect(formatWh(5)).toBe('0.01 kWh');
    expect(formatWh(4, false)).toBe('0.00');
    expect(formatWh(null)).toBe('—');
  });

  it('reads typed kWh into Wh exactly', () => {
    expect(parseKwh('1,234.5')).toBe(1234500);
    expect(parseKwh('0.001')).toBe(1);
    expect(parseKwh('12')).toBe(12000);
    expect(() => parseKwh('1.2345')).toThrow(RangeError);
    expect(() => parseKwh('-1')).toThrow(RangeError);
  });
});
