// Money in the console is integer fen, as the API sends it (the scalar Fen, docs/SCALARS.md):
// formatting and parsing work on the digits with integer (bigint) arithmetic, never through a
// float, so ¥0.10 + ¥0.20 is always ¥0.30 and amounts beyond 2^53 fen still format exactly.

/** An amount in fen: the API's JSON integer, a bigint, or an integer string. */
export type Fen = number | bigint | string;

function toBigInt(fen: Fen): bigint {
  switch (typeof fen) {
    case 'bigint':
      return fen;
    case 'number':
      if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
      return BigInt(fen);
    default:
      if (!/^-?\d+$/.test(fen)) throw new RangeError(`not a whole number of fen: "${fen}"`);
      return BigInt(fen);
  }
}

const thousands = /\B(?=(\d{3})+(?!\d))/g;

export interface FormatFenOptions {
  /** Prefix "¥" (default true). */
  symbol?: boolean;
  /** "+" before positive amounts, for movements of a balance (default false). */
  plusSign?: boolean;
}

/** 123456 → "¥1,234.56"; -5 → "-¥0.05". */
export function formatFen(fen: Fen, { symbol = true, plusSign = false }: FormatFenOptions = {}): string {
  const v = toBigInt(fen);
  const abs = v < 0n ? -v : v;
  const yuan = (abs / 100n).toString().replace(thousands, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  const sign = v < 0n ? '-' : plusSign && v > 0n ? '+' : '';
  return `${sign}${symbol ? '¥' : ''}${yuan}.${cents}`;
}

/**
 * Reads an amount of yuan as an operator types it ("1,234.5", "¥20", "-3.05") into fen.
 * Refuses (RangeError) anything else: more than two decimals, letters, an empty string, or
 * more fen than a JavaScript number holds exactly.
 */
export function parseYuan(text: string): number {
  const m = /^\s*(-)?\s*¥?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) throw new RangeError(`not an amount of yuan with at most two decimals: "${text}"`);
  const [, minus, whole, decimals = ''] = m;
  const fen = BigInt(whole.replaceAll(',', '')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: "${text}"`);
  return Number(minus && fen !== 0n ? -fen : fen);
}
