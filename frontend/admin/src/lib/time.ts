import { formatShanghai } from './shanghai';

// Times shown and filtered by day in Beijing time (lib/shanghai.ts), whatever the browser's zone.

/** An API time as "2026-12-07 20:15" (minute) or with seconds; "" for none. */
export function formatTime(at: string | null | undefined, precision: 'second' | 'minute' = 'second'): string {
  const s = formatShanghai(at);
  return precision === 'minute' ? s.slice(0, 16) : s;
}

/** A day picked in the console (YYYY-MM-DD, Beijing) as the API time of its midnight. */
export function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The API time of the Beijing midnight after day: an exclusive upper bound for "to". */
export function dayEnd(day: string): string {
  return new Date(Date.parse(dayStart(day)) + 24 * 3600_000).toISOString();
}

/** The Beijing month (YYYY-MM) holding at. */
export function shanghaiMonth(at: Date = new Date()): string {
  return formatShanghai(at).slice(0, 7);
}
