// The alarm report's chart: the days of a range, each with its count per kind, days without
// alarms included as zeros (the API leaves them out).

/** The days (YYYY-MM-DD) from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Per kind, the count raised on each of days (0 where none). */
export function countsByKind(days: string[], rows: { day: string; kind: string; raised: number }[]): Map<string, number[]> {
  const index = new Map(days.map((d, i) => [d, i]));
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    if (!out.has(r.kind)) out.set(r.kind, days.map(() => 0));
    out.get(r.kind)![i] += r.raised;
  }
  return out;
}
