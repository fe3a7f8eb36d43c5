// A meter's time-of-use split from its registers: sharp (尖), peak (峰), flat (平), valley (谷).
// The registers are the meter's own, so they are multiplied by its CT ratio to give the
// energy the tenant used, in integer Wh.

export const touPeriods = ['sharp', 'peak', 'flat', 'valley'] as const;
export type TouPeriod = (typeof touPeriods)[number];

/** The colour of each period, as on Chinese TOU tariff sheets: sharp red to valley green. */
export const touColour: Record<TouPeriod, string> = { sharp: '#cf1322', peak: '#fa8c16', flat: '#1677ff', valley: '#52c41a' };

type Registers = { [K in `${TouPeriod}Wh`]?: number | string | null };

/** The energy of each period in Wh (0 for a register not read), CT ratio applied. */
export function touSplit(r: Registers | null | undefined, ctRatio: number): Record<TouPeriod, number> {
  const out = { sharp: 0, peak: 0, flat: 0, valley: 0 };
  if (!r) return out;
  for (const p of touPeriods) {
    const v = r[`${p}Wh`];
    if (v != null) out[p] = Number(BigInt(v) * BigInt(ctRatio));
  }
  return out;
}

/** The sum of each period over many meters, in Wh. */
export function touTotals(splits: Record<TouPeriod, number>[]): Record<TouPeriod, number> {
  const out = { sharp: 0, peak: 0, flat: 0, valley: 0 };
  for (const s of splits) for (const p of touPeriods) out[p] += s[p];
  return out;
}

/** Wh as a number of kWh for a chart's axis (a display value, never summed or stored). */
export function kwhValue(wh: number | string): number {
  return Number(wh) / 1000;
}
