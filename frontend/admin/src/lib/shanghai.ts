// The property office works in Beijing time (Asia/Shanghai, UTC+8 all year, no daylight
// saving), whatever the browser's own zone: receipts, "today" and lists show that time.

const offsetMs = 8 * 3600_000;
const dayMs = 24 * 3600_000;

/** The start of the Beijing day holding at, as an instant. */
export function shanghaiDayStart(at: Date = new Date()): Date {
  const local = at.getTime() + offsetMs;
  return new Date(local - (((local % dayMs) + dayMs) % dayMs) - offsetMs);
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An RFC 3339 time (or Date) as "2026-12-07 20:15:04" in Beijing time; "" for none. */
export function formatShanghai(time: string | Date | null | undefined): string {
  if (!time) return '';
  const d = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(d.getTime())) return '';
  return dateTime.format(d);
}
