import type { Channel, EntryType } from '../../gql/graphql';

/** What a cashier took in and paid out, per channel. */
export interface Takings {
  salesFen: number;
  refundsFen: number;
  count: number;
  byChannel: { channel: Channel; salesFen: number; refundsFen: number }[];
}

/**
 * Sums a cashier's entries: sales in, refunds out (as positive amounts), each per channel.
 * Other entries (reversals, fees, charges) carry no channel and are not money at the desk:
 * they are left out; a reversal is counted by whoever made it, not here.
 */
export function sumTakings(entries: { type: EntryType; channel?: Channel | null; amountFen: number }[]): Takings {
  const by = new Map<Channel, { channel: Channel; salesFen: number; refundsFen: number }>();
  let salesFen = 0;
  let refundsFen = 0;
  let count = 0;
  for (const e of entries) {
    if ((e.type !== 'sale' && e.type !== 'refund') || !e.channel) continue;
    const row = by.get(e.channel) ?? { channel: e.channel, salesFen: 0, refundsFen: 0 };
    if (e.type === 'sale') {
      row.salesFen += e.amountFen;
      salesFen += e.amountFen;
    } else {
      row.refundsFen -= e.amountFen;
      refundsFen -= e.amountFen;
    }
    count++;
    by.set(e.channel, row);
  }
  return { salesFen, refundsFen, count, byChannel: [...by.values()] };
}
