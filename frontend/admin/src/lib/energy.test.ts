import { describe, expect, it } from 'vitest';
import { formatKWh } from './energy';

describe('formatKWh', () => {
  it('shows kWh with two decimals, rounding the integer half away from zero', () => {
    expect(formatKWh(0)).toBe('0.00');
    expect(formatKWh(4)).toBe('0.00');
    expect(formatKWh(5)).toBe('0.01');
    expect(formatKWh(123456)).toBe('123.46');
    expect(formatKWh(1234567890)).toBe('1,234,567.89');
    expect(formatKWh(-1005)).toBe('-1.01');
    expect(formatKWh(-4)).toBe('0.00');
  });
  it('shows a dash for no value', () => {
    expect(formatKWh(null)).toBe('—');
    expect(formatKWh(undefined)).toBe('—');
  });
});
