// Energy in the console: the API sends whole watt-hours (the scalar Wh); people read and type
// kilowatt-hours. Both ways work on the digits, never through a float.

/** 123456 Wh → "123.46 kWh" (two decimals, rounded half up). */
export function formatWh(wh: number | null | undefined, unit = true): string {
  if (wh === null || wh === undefined) return '—';
  const neg = wh < 0;
  const centi = (BigInt(Math.abs(wh)) + 5n) / 10n; // hundredths of a kWh
  const s = `${neg ? '-' : ''}${(centi / 100n).toString()}.${(centi % 100n).toString().padStart(2, '0')}`;
  return unit ? `${s} kWh` : s;
}

/** "1,234.5" kWh as typed → 1234500 Wh; at most three decimals (one Wh). Throws RangeError otherwise. */
export function parseKwh(text: string): number {
  const m = /^\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) throw new RangeError(`not a reading in kWh with at most three decimals: "${text}"`);
  const wh = BigInt(m[1].replaceAll(',', '')) * 1000n + BigInt((m[2] ?? '').padEnd(3, '0'));
  if (wh > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`reading too large: "${text}"`);
  return Number(wh);
}
