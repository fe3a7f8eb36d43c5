// The markup cap (封顶加价) as the server checks it (voltpay.TariffInput.CheckMarkup), so the
// editor can warn while the operator types. The server stays the authority: it checks again
// when the tariff is saved, and its error is shown at the field. Prices here are integers of
// 1/10000 yuan per kWh (the server's Price unit), compared exactly, never through a float.

/** A price in 1/10000 yuan per kWh. */
export type PriceUnits = number;

/** The highest price the server accepts: 100 yuan per kWh. */
export const maxPrice: PriceUnits = 1_000_000;

/** The rates in the order the server checks them (and meters number their registers). */
export const touRates = ['sharp', 'peak', 'flat', 'valley'] as const;
export type TouRate = (typeof touRates)[number];

/**
 * Reads a price as the API and an operator write it ("0.65", "1.0350", "2") into units;
 * undefined for anything else (more than four decimals, a sign, letters, above 100 yuan).
 */
export function parsePrice(text: string): PriceUnits | undefined {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,4}))?\s*$/.exec(text);
  if (!m) return undefined;
  const units = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  return units > maxPrice ? undefined : units;
}

/** 10350 → "1.0350", as the server writes prices. */
export function formatPrice(p: PriceUnits): string {
  return `${Math.trunc(p / 10_000)}.${String(p % 10_000).padStart(4, '0')}`;
}

/** The cap at capPct percent over grid, rounded down to the price unit (voltpay.MarkupCap). */
export function markupCap(grid: PriceUnits, capPct: number): PriceUnits {
  return Math.floor((grid * (100 + capPct)) / 100);
}

/** What the cap is checked against: the tariff's kind and its prices, already parsed. */
export interface MarkupInput {
  kind: 'flat' | 'tou' | 'tiered';
  /** Price by rate (flat tariffs: rate flat). */
  prices: Partial<Record<TouRate, PriceUnits>>;
  /** Tier prices: a tiered tariff's prices, a TOU tariff's surcharges. */
  tiers: PriceUnits[];
}

/** A site's grid price (null: unknown, nothing is checked) and cap in percent. */
export interface MarkupSite {
  grid: PriceUnits | null;
  capPct: number;
}

/** The first price over the cap, named as the server names it; null when all are within. */
export type MarkupBreach =
  | { field: 'prices'; rate: TouRate; price: PriceUnits; surcharge: PriceUnits; total: PriceUnits; cap: PriceUnits; grid: PriceUnits; capPct: number }
  | { field: 'tiers'; tier: number; price: PriceUnits; cap: PriceUnits; grid: PriceUnits; capPct: number };

/**
 * The server's rule: no price a tenant may pay per kWh is above grid × (100 + cap)/100,
 * compared exactly. Checked: the flat price, each TOU rate's price plus the highest tier
 * surcharge when there are tiers, each tier of a tiered tariff (tier is 1-based).
 */
export function checkMarkup(input: MarkupInput, site: MarkupSite): MarkupBreach | null {
  const { grid, capPct } = site;
  if (grid == null) return null;
  const over = (p: PriceUnits) => p * 100 > grid * (100 + capPct);
  const cap = markupCap(grid, capPct);
  if (input.kind === 'tiered') {
    const i = input.tiers.findIndex(over);
    return i < 0 ? null : { field: 'tiers', tier: i + 1, price: input.tiers[i], cap, grid, capPct };
  }
  const surcharge = Math.max(0, ...input.tiers);
  for (const rate of touRates) {
    const price = input.prices[rate];
    if (price === undefined) continue;
    const total = price + surcharge;
    if ((surcharge > 0 && over(total)) || over(price)) {
      return { field: 'prices', rate, price, surcharge, total, cap, grid, capPct };
    }
  }
  return null;
}
