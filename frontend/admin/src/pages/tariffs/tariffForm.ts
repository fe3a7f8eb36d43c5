import type { TariffFieldsFragment, TariffInput } from '../../gql/graphql';
import { checkMarkup, parsePrice, touRates, type MarkupBreach, type MarkupSite, type TouRate } from './markup';
import { formatMinute, parseMinute, sortPeriods, type Period } from './tou';

// The editor's values and their conversion to and from the API: prices stay the decimal
// strings the operator typed (the API's Price), energy bounds are typed in kWh and sent in Wh,
// times of day are minutes in the editor and "HH:MM" on the wire.

export type Kind = 'flat' | 'tou' | 'tiered';

export interface TierValue {
  /** kWh as typed; empty for the last tier. */
  upToKWh: string;
  price: string;
}

export interface VariantValue {
  months: number[];
  weekdays: number[];
  periods: Period[];
}

export interface TariffFormValues {
  siteId?: string;
  name: string;
  kind: Kind;
  /** Price by rate as typed; flat tariffs use flat. */
  prices: Partial<Record<TouRate, string>>;
  periods: Period[];
  variants: VariantValue[];
  tiers: TierValue[];
  billingPeriod?: 'month' | 'year';
}

/** "200" or "12.5" kWh → Wh; undefined when it is not a positive amount with at most 3 decimals. */
export function parseKWh(text: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) return undefined;
  const wh = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return wh > 0 ? wh : undefined;
}

/** Wh → kWh as text, exactly ("200000" → "200", 12500 → "12.5"). */
export function formatKWh(wh: number): string {
  const frac = String(wh % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${Math.floor(wh / 1000)}.${frac}` : String(Math.floor(wh / 1000));
}

/** 150 basis points → "1.5" (percent), exactly. */
export function formatBasisPoints(bp: number): string {
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.floor(bp / 100)}.${frac}` : String(Math.floor(bp / 100));
}

const toPeriods = (ps: readonly { start: string; rate: string }[]): Period[] =>
  sortPeriods(ps.map((p) => ({ start: parseMinute(p.start) ?? 0, rate: p.rate as TouRate })));

export function fromTariff(t: TariffFieldsFragment): TariffFormValues {
  return {
    siteId: t.site.id,
    name: t.name,
    kind: t.kind as Kind,
    prices: Object.fromEntries(t.prices.map((p) => [p.rate, p.price])),
    periods: toPeriods(t.periods),
    variants: t.variants.map((v) => ({ months: v.months, weekdays: v.weekdays, periods: toPeriods(v.periods) })),
    tiers: t.tiers.map((x) => ({ upToKWh: x.upToWh == null ? '' : formatKWh(x.upToWh), price: x.price })),
    billingPeriod: t.billingPeriod ?? undefined,
  };
}

/** The rates a TOU day (and its variants) use. */
export function usedRates(v: Pick<TariffFormValues, 'periods' | 'variants'>): Set<TouRate> {
  return new Set([...v.periods, ...v.variants.flatMap((x) => x.periods)].map((p) => p.rate));
}

/** The input the API takes for the values; only what the kind uses is sent. */
export function toInput(v: TariffFormValues): TariffInput {
  const wirePeriods = (ps: Period[]) => sortPeriods(ps).map((p) => ({ start: formatMinute(p.start), rate: p.rate }));
  const tiers = v.tiers.map((x, i) => ({
    ...(i < v.tiers.length - 1 ? { upToWh: parseKWh(x.upToKWh) ?? x.upToKWh } : {}),
    price: x.price.trim(),
  }));
  const base = { name: v.name.trim(), kind: v.kind, ...(v.siteId ? { siteId: v.siteId } : {}) };
  switch (v.kind) {
    case 'flat':
      return { ...base, prices: [{ rate: 'flat', price: (v.prices.flat ?? '').trim() }], periods: [], variants: [], tiers: [], billingPeriod: null };
    case 'tiered':
      return { ...base, prices: [], periods: [], variants: [], tiers, billingPeriod: v.billingPeriod ?? null };
    default: {
      const used = usedRates(v);
      return {
        ...base,
        prices: touRates.filter((r) => used.has(r)).map((rate) => ({ rate, price: (v.prices[rate] ?? '').trim() })),
        periods: wirePeriods(v.periods),
        variants: v.variants.map((x) => ({ months: x.months, weekdays: x.weekdays, periods: wirePeriods(x.periods) })),
        tiers: v.tiers.length ? tiers : [],
        billingPeriod: v.tiers.length ? (v.billingPeriod ?? null) : null,
      };
    }
  }
}

/** The markup check of the values as typed; prices not yet readable are left out. */
export function markupOf(v: TariffFormValues, site: MarkupSite): MarkupBreach | null {
  const rates: TouRate[] = v.kind === 'flat' ? ['flat'] : v.kind === 'tou' ? [...usedRates(v)] : [];
  const prices: Partial<Record<TouRate, number>> = {};
  for (const r of rates) {
    const p = parsePrice(v.prices[r] ?? '');
    if (p !== undefined) prices[r] = p;
  }
  const tiers = v.kind === 'flat' ? [] : v.tiers.map((x) => parsePrice(x.price)).filter((p): p is number => p !== undefined);
  return checkMarkup({ kind: v.kind, prices, tiers }, site);
}
