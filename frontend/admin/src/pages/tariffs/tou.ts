import type { TouRate } from './markup';

// A time-of-use day as the server holds it (voltpay.TariffPeriod): each period starts a rate at
// a minute of the day and runs to the next period's start, the last wrapping past midnight to
// the first. Coverage of the 24 hours is therefore built in; what can go wrong while editing is
// two periods starting together (an overlap, leaving one with no time) or a start moved past its
// neighbour (reordering the day behind the operator's back). These functions refuse both, so
// the bar and the inputs can only produce days the server accepts (its validatePeriods).

export const minutesPerDay = 24 * 60;
/** How many periods a day may have: DL/T 645 meters hold 14 (voltpay.MaxTOUPeriods). */
export const maxPeriods = 14;
export const minPeriods = 2;
/** Dragging and the arrow keys move a boundary by this many minutes. */
export const dragStep = 15;

export interface Period {
  /** Minutes after local midnight, 0..1439. */
  start: number;
  rate: TouRate;
}

/** A stretch of the bar, from..to in minutes (to ≤ 1440), and the period (index) it belongs to. */
export interface Segment {
  from: number;
  to: number;
  rate: TouRate;
  index: number;
}

/** "HH:MM" → minutes; undefined when it is not a time of day. */
export function parseMinute(text: string): number | undefined {
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes → "HH:MM" (1440 → "24:00", the end of the bar). */
export function formatMinute(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The periods sorted by start, as the server keeps them. */
export function sortPeriods(ps: readonly Period[]): Period[] {
  return [...ps].sort((a, b) => a.start - b.start);
}

/**
 * The bar from 00:00 to 24:00: each period's stretch, the last one's split in two when the day's
 * first period does not start at midnight (the part before it is the last period's, wrapped).
 */
export function segments(ps: readonly Period[]): Segment[] {
  const sorted = sortPeriods(ps);
  if (sorted.length === 0) return [];
  const last = sorted.length - 1;
  const out: Segment[] = [];
  if (sorted[0].start > 0) out.push({ from: 0, to: sorted[0].start, rate: sorted[last].rate, index: last });
  sorted.forEach((p, i) => out.push({ from: p.start, to: i < last ? sorted[i + 1].start : minutesPerDay, rate: p.rate, index: i }));
  return out;
}

/** How many minutes of the day each rate has. */
export function minutesByRate(ps: readonly Period[]): Partial<Record<TouRate, number>> {
  const out: Partial<Record<TouRate, number>> = {};
  for (const s of segments(ps)) out[s.rate] = (out[s.rate] ?? 0) + s.to - s.from;
  return out;
}

/** The range a period's start may take without reaching its neighbours' starts. */
export function startRange(ps: readonly Period[], index: number): { min: number; max: number } {
  const sorted = sortPeriods(ps);
  return {
    min: index > 0 ? sorted[index - 1].start + 1 : 0,
    max: index < sorted.length - 1 ? sorted[index + 1].start - 1 : minutesPerDay - 1,
  };
}

/**
 * Drags the boundary where period index starts to minute, snapped to the step and held between
 * its neighbours (a drag never crosses or lands on another boundary: it stops short).
 */
export function moveBoundary(ps: readonly Period[], index: number, minute: number, step = dragStep): Period[] {
  const sorted = sortPeriods(ps);
  const { min, max } = startRange(sorted, index);
  const lo = Math.ceil(min / step) * step;
  const hi = Math.floor(max / step) * step;
  if (lo > hi) return sorted; // the neighbours are closer than a step: only typing moves it
  const snapped = Math.min(hi, Math.max(lo, Math.round(minute / step) * step));
  return sorted.map((p, i) => (i === index ? { ...p, start: snapped } : p));
}

export type EditError = 'notTime' | 'overlap' | 'order' | 'tooMany' | 'tooFew' | 'tooShort';

/**
 * Sets period index's start to an exact minute as typed, refusing a start another period has
 * (overlap) or one beyond a neighbour's (order): the day must keep its periods in sequence.
 */
export function setStart(ps: readonly Period[], index: number, minute: number | undefined): Period[] | EditError {
  if (minute === undefined || !Number.isInteger(minute) || minute < 0 || minute >= minutesPerDay) return 'notTime';
  const sorted = sortPeriods(ps);
  if (sorted.some((p, i) => i !== index && p.start === minute)) return 'overlap';
  const { min, max } = startRange(sorted, index);
  if (minute < min || minute > max) return 'order';
  return sorted.map((p, i) => (i === index ? { ...p, start: minute } : p));
}

/** Sets period index's rate. */
export function setRate(ps: readonly Period[], index: number, rate: TouRate): Period[] {
  return sortPeriods(ps).map((p, i) => (i === index ? { ...p, rate } : p));
}

/** Splits the stretch of period index in two at its middle (on the step), the new half with rate. */
export function splitPeriod(ps: readonly Period[], index: number, rate: TouRate, step = dragStep): Period[] | EditError {
  const sorted = sortPeriods(ps);
  if (sorted.length >= maxPeriods) return 'tooMany';
  const from = sorted[index].start;
  const to = index < sorted.length - 1 ? sorted[index + 1].start : minutesPerDay + sorted[0].start;
  const mid = Math.round((from + to) / 2 / step) * step;
  if (mid - from < step || to - mid < step) return 'tooShort';
  const start = mid % minutesPerDay;
  return sortPeriods([...sorted, { start, rate }]);
}

/** Removes period index: its time goes to the period before it. */
export function removePeriod(ps: readonly Period[], index: number): Period[] | EditError {
  if (ps.length <= minPeriods) return 'tooFew';
  return sortPeriods(ps).filter((_, i) => i !== index);
}

/** What the server would refuse in a day (voltpay.TariffInput.validatePeriods), or null. */
export function validateDay(ps: readonly Period[], priced: ReadonlySet<TouRate>): { error: EditError | 'unpriced'; index?: number } | null {
  if (ps.length < minPeriods) return { error: 'tooFew' };
  if (ps.length > maxPeriods) return { error: 'tooMany' };
  const sorted = sortPeriods(ps);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    if (!Number.isInteger(p.start) || p.start < 0 || p.start >= minutesPerDay) return { error: 'notTime', index: i };
    if (i > 0 && sorted[i - 1].start === p.start) return { error: 'overlap', index: i };
    if (!priced.has(p.rate)) return { error: 'unpriced', index: i };
  }
  return null;
}

/** The periods of a new TOU tariff: a common commercial day (谷 23–7, 平, 峰 8–11 and 18–22, 尖 19–21). */
export function defaultDay(): Period[] {
  return [
    { start: 0, rate: 'valley' },
    { start: 7 * 60, rate: 'flat' },
    { start: 8 * 60, rate: 'peak' },
    { start: 11 * 60, rate: 'flat' },
    { start: 18 * 60, rate: 'peak' },
    { start: 19 * 60, rate: 'sharp' },
    { start: 21 * 60, rate: 'peak' },
    { start: 22 * 60, rate: 'flat' },
    { start: 23 * 60, rate: 'valley' },
  ];
}
