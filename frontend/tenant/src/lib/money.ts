// Money is integer fen from the API to the screen (the scalar Fen): shown by splitting digits,
// read from what the tenant types by a pattern, never through a float.

/** 123456 → "1,234.56"; -5 → "-0.05" (no currency sign: the pages put ¥ where they want it). */
export function yuan(fen: number): string {
  const neg = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** "50", "12.5", "0.01" → fen; null for anything else or beyond 50,000 yuan. */
export function fenOf(text: string): number | null {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return fen > 0 && fen <= 5_000_000 ? fen : null
}

/** Wh → kWh with two decimals: 12345 → "12.35". */
export function kwh(wh: number): string {
  return (Math.round(wh / 10) / 100).toFixed(2)
}
