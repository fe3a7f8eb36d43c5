/**
 * Energy for display: integer Wh as kWh with two decimals (123456 → "123.46"), rounded half
 * away from zero on the integer, never through a float division.
 */
export function formatKWh(wh: number | null | undefined): string {
  if (wh == null) return '—';
  const neg = wh < 0;
  const tens = Math.floor((Math.abs(wh) + 5) / 10); // hundredths of a kWh
  const whole = Math.floor(tens / 100);
  const frac = String(tens % 100).padStart(2, '0');
  return `${neg && tens ? '-' : ''}${whole.toLocaleString('en-US')}.${frac}`;
}
