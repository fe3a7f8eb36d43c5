// The group form's values and the API's input: floor area is typed in m² and sent in 1/100 m²
// (areaM2x100), a fixed share typed in % and sent in basis points (shareBp); both are whole
// hundredths, parsed from the digits, never through a float.

export type Method = 'area' | 'usage' | 'fixed';
export type Role = 'common' | 'master';

export interface SourceValue {
  meterId?: string;
  role?: Role;
}

export interface MemberValue {
  accountId?: string;
  /** m² (area) or % (fixed), as typed: up to two decimals. */
  weight?: string;
}

export interface GroupValues extends Record<string, unknown> {
  siteId?: string;
  name?: string;
  method?: Method;
  tariffId?: string;
  includeLineLoss?: boolean;
  sources?: SourceValue[];
  members?: MemberValue[];
}

/** "120.5" → 12050; undefined for anything but digits with at most two decimals. */
export function parseHundredths(s: string | undefined): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(s ?? '');
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 12050 → "120.5"; 10000 → "100". */
export function formatHundredths(n: number): string {
  const whole = Math.floor(n / 100);
  const cents = n % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** The most members a group has (the server's bound). */
export const maxMembers = 1000;

/** What is wrong with the members' weights for method, or undefined (keys of apportion.form). */
export function membersProblem(method: Method | undefined, members: MemberValue[] | undefined):
  | { key: 'noMembers' | 'tooManyMembers' | 'duplicateMember' | 'badArea' | 'badShare' | 'sharesNot100'; n?: number }
  | undefined {
  const list = members ?? [];
  if (list.length === 0) return { key: 'noMembers' };
  if (list.length > maxMembers) return { key: 'tooManyMembers', n: maxMembers };
  const seen = new Set<string>();
  let total = 0;
  for (const [i, m] of list.entries()) {
    if (m.accountId) {
      if (seen.has(m.accountId)) return { key: 'duplicateMember', n: i + 1 };
      seen.add(m.accountId);
    }
    const w = parseHundredths(m.weight);
    if (method === 'area' && (w === undefined || w <= 0 || w > 100_000_000)) return { key: 'badArea', n: i + 1 };
    if (method === 'fixed') {
      if (w === undefined || w <= 0 || w > 10_000) return { key: 'badShare', n: i + 1 };
      total += w;
    }
  }
  if (method === 'fixed' && total !== 10_000) return { key: 'sharesNot100', n: total };
  return undefined;
}

/** What is wrong with the sources, or undefined. */
export function sourcesProblem(sources: SourceValue[] | undefined, includeLineLoss: boolean | undefined):
  | { key: 'duplicateSource' | 'needMaster' | 'sharesNothing'; n?: number }
  | undefined {
  const list = sources ?? [];
  const seen = new Set<string>();
  for (const [i, s] of list.entries()) {
    if (s.meterId && seen.has(s.meterId)) return { key: 'duplicateSource', n: i + 1 };
    if (s.meterId) seen.add(s.meterId);
  }
  if (includeLineLoss && !list.some((s) => s.role === 'master')) return { key: 'needMaster' };
  if (!includeLineLoss && !list.some((s) => s.role === 'common')) return { key: 'sharesNothing' };
  return undefined;
}

/** The API's members for method: the weight in the unit the method takes, none for usage. */
export function memberInputs(method: Method, members: MemberValue[]) {
  return members.map((m) => ({
    accountId: m.accountId ?? '',
    areaM2x100: method === 'area' ? parseHundredths(m.weight) : undefined,
    shareBp: method === 'fixed' ? parseHundredths(m.weight) : undefined,
  }));
}

/** A member's weight for the form, from what the API holds. */
export function memberWeight(m: { areaM2x100?: number | null; shareBp?: number | null }): string | undefined {
  const w = m.areaM2x100 ?? m.shareBp;
  return w == null ? undefined : formatHundredths(w);
}
