import { describe, expect, it } from 'vitest';
import { receiptHref } from './receiptLink';

describe('receiptHref', () => {
  it('names the receipt, the language and a reprint', () => {
    expect(receiptHref('R2026120800000001', 'zh-CN')).toBe('/receipts/R2026120800000001.pdf?lang=zh-CN');
    expect(receiptHref('R1', 'en-US', true)).toBe('/receipts/R1.pdf?lang=en-US&reprint=1');
    expect(receiptHref('a/b', 'zh-CN')).toBe('/receipts/a%2Fb.pdf?lang=zh-CN');
  });
});
