import { describe, expect, it } from 'vitest';
import { sumTakings } from './takings';

describe('sumTakings', () => {
  it('adds sales and refunds per channel in fen, leaving other entries out', () => {
    const s = sumTakings([
      { type: 'sale', channel: 'cash', amountFen: 10010 },
      { type: 'sale', channel: 'wechat', amountFen: 20 },
      { type: 'refund', channel: 'cash', amountFen: -3000 },
      { type: 'sale', channel: 'cash', amountFen: 10 },
      { type: 'reversal', channel: null, amountFen: -10 },
      { type: 'service_fee', channel: null, amountFen: -1 },
    ]);
    expect(s).toEqual({
      salesFen: 10040,
      refundsFen: 3000,
      count: 4,
      byChannel: [
        { channel: 'cash', salesFen: 10020, refundsFen: 3000 },
        { channel: 'wechat', salesFen: 20, refundsFen: 0 },
      ],
    });
  });
});
