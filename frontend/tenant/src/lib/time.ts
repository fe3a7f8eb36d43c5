// The site's clock is Beijing time (UTC+8, no daylight saving), whatever the phone's zone.

const offset = 8 * 3600_000
const day = 24 * 3600_000

/** Start of the Beijing day holding at. */
export function dayStart(at: Date = new Date()): Date {
  const local = at.getTime() + offset
  return new Date(local - (local % day) - offset)
}

/** Start of the Beijing month holding at, shifted by months. */
export function monthStart(at: Date = new Date(), months = 0): Date {
  const local = new Date(at.getTime() + offset)
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1) - offset)
}

function parts(t: string | Date) {
  const d = new Date((typeof t === 'string' ? new Date(t) : t).getTime() + offset)
  const p = (n: number) => String(n).padStart(2, '0')
  return { y: d.getUTCFullYear(), m: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), hh: p(d.getUTCHours()), mm: p(d.getUTCMinutes()) }
}

/** "2026-12-07 20:15" in Beijing time. */
export function dateTime(t: string | Date): string {
  const p = parts(t)
  return `${p.y}-${p.m}-${p.d} ${p.hh}:${p.mm}`
}

/** "12-07" (day) or "2026-12" (month) of a chart point. */
export function label(t: string, by: 'day' | 'month'): string {
  const p = parts(t)
  return by === 'day' ? `${p.m}-${p.d}` : `${p.y}-${p.m}`
}
