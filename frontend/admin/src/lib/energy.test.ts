import { describe, expect, it } from 'vitest';
import { formatKwh } from './energy';

describe('formatKwh', () => {
  it('shows Wh as kWh with two decimals, rounding half up', () => {
    expect(formatKwh(1005)).toBe('1.01 kWh');
    expect(formatKwh(1004)).toBe('1.00 kWh');
    expect(formatKwh('123456789')).toBe('123,456.79 kWh');
    expect(formatKwh(0, false)).toBe('0.00');
    expect(formatKwh(-2500)).toBe('-2.50 kWh');
  });
});
