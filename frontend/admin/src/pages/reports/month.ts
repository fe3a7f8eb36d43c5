// A report's month, written yyyy-mm as the API and the URL take it, and its days [from, to) as
// the energy report asks for them (to is the first day of the next month).

/** The month holding now in Beijing time, as yyyy-mm. */
export function currentMonth(now: Date = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Whether s is a month written yyyy-mm. */
export function isMonth(s: string | undefined): s is string {
  return !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** The days of month (yyyy-mm): its first day and the first day of the next, YYYY-MM-DD. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const next =
    m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}
