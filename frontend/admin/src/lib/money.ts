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

const capitalDigits = '零壹贰叁肆伍陆柒捌玖';
const capitalUnits = ['', '拾', '佰', '仟'];
const capitalGroups = ['', '万', '亿', '万亿'];

/** One group of four digits (1..9999) in capitals, without its leading zeros. */
function capitalGroup(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += capitalDigits[d] + capitalUnits[pos];
  }
  return out;
}

/**
 * An amount in Chinese capitals (大写), as written on a receipt so that it cannot be altered:
 * 123456 → "壹仟贰佰叁拾肆元伍角陆分", 100 → "壹元整", 5 → "伍分", -100 → "负壹元整".
 */
export function fenToCapitals(fen: Fen): string {
  const v = toBigInt(fen);
  const abs = v < 0n ? -v : v;
  const sign = v < 0n ? '负' : '';
  const yuan = abs / 100n;
  const jiao = Number((abs / 10n) % 10n);
  const cents = Number(abs % 10n);
  if (abs === 0n) return '零元整';
  let whole = '';
  if (yuan > 0n) {
    const groups: number[] = [];
    for (let y = yuan; y > 0n; y /= 10000n) groups.unshift(Number(y % 10000n));
    if (groups.length > capitalGroups.length) throw new RangeError(`amount too large for capitals: ${fen}`);
    let zero = false;
    groups.forEach((g, i) => {
      if (g === 0) {
        zero = true;
        return;
      }
      if (whole !== '' && (zero || g < 1000)) whole += '零';
      zero = false;
      whole += capitalGroup(g) + capitalGroups[groups.length - 1 - i];
    });
    whole += '元';
  }
  let part = '';
  if (jiao > 0) part += capitalDigits[jiao] + '角';
  if (cents > 0) part += (jiao === 0 && whole !== '' ? '零' : '') + capitalDigits[cents] + '分';
  return sign + whole + (part || '整');
}
