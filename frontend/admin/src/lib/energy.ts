// Energy comes from the API in whole watt-hours (the scalar Wh); the console shows kWh with two
// decimals, computed on the integer so that 1005 Wh is 1.01 kWh (half up), never via a float.

/** Wh (number or integer string) as "1,234.57 kWh" (or without the unit). */
export function formatKwh(wh: number | string | bigint, unit = true): string {
  const v = BigInt(wh);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const hundredths = (abs + 5n) / 10n; // Wh → 1/100 kWh, rounded half up
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  return `${neg && hundredths !== 0n ? '-' : ''}${whole}.${frac}${unit ? ' kWh' : ''}`;
}

/** Wh as a number of kWh for a chart's axis (a display value, not for arithmetic). */
export function kwhValue(wh: number | string): number {
  return Number(wh) / 1000;
}
