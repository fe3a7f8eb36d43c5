import { describe, expect, it } from 'vitest';
import { fenToCapitals, formatFen, parseYuan } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [10, '¥0.10'],
    [100, '¥1.00'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-5, '-¥0.05'],
    [-123456, '-¥1,234.56'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
    [-Number.MAX_SAFE_INTEGER, '-¥90,071,992,547,409.91'],
  ])('%s fen is %s', (fen, want) => {
    expect(formatFen(fen)).toBe(want);
  });

  it('formats beyond 2^53 exactly as bigint or string', () => {
    expect(formatFen(123456789012345678901n)).toBe('¥1,234,567,890,123,456,789.01');
    expect(formatFen('-900719925474099199')).toBe('-¥9,007,199,254,740,991.99');
  });

  it('sums without float error', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in fen it is 30.
    expect(formatFen(10 + 20)).toBe('¥0.30');
  });

  it('leaves the symbol out and signs movements when asked', () => {
    expect(formatFen(123456, { symbol: false })).toBe('1,234.56');
    expect(formatFen(500, { plusSign: true })).toBe('+¥5.00');
    expect(formatFen(-500, { plusSign: true })).toBe('-¥5.00');
    expect(formatFen(0, { plusSign: true })).toBe('¥0.00');
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 53, '1.5', '1e3', '', 'abc'])('refuses %s', (bad) => {
    expect(() => formatFen(bad)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it.each([
    ['0', 0],
    ['20', 2000],
    ['20.5', 2050],
    ['20.05', 2005],
    ['¥1,234.56', 123456],
    [' 1234.56 ', 123456],
    ['-3.05', -305],
    ['-0', 0],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%s yuan is %s fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it('round-trips with formatFen', () => {
    for (const fen of [0, 1, 99, 100, 123456, -77, 987654321]) {
      expect(parseYuan(formatFen(fen))).toBe(fen);
    }
  });

  it.each(['', '.5', '1.234', '1,23.00', '12,34', 'abc', '1e3', '¥', '90071992547409.92'])('refuses "%s"', (bad) => {
    expect(() => parseYuan(bad)).toThrow(RangeError);
  });
});

describe('fenToCapitals', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [100500, '壹仟零伍元整'],
    [105000, '壹仟零伍拾元整'],
    [1000500, '壹万零伍元整'],
    [10100000, '壹拾万壹仟元整'],
    [100000000, '壹佰万元整'],
    [10000000100, '壹亿零壹元整'],
    [1000010000000, '壹佰亿零壹拾万元整'],
    [-100, '负壹元整'],
    ['20000', '贰佰元整'],
  ])('%s fen → %s', (fen, want) => {
    expect(fenToCapitals(fen)).toBe(want);
  });
});
