// A balance's state as the tenant sees it, from the account's own alarm thresholds; the colours
// are declared here once (home card, meter list).

export type BalanceLevel = 'ok' | 'alarm1' | 'alarm2' | 'arrears'

export function balanceLevel(a: { balanceFen: number; alarm1Fen: number; alarm2Fen: number }): BalanceLevel {
  if (a.balanceFen <= 0) return 'arrears'
  if (a.balanceFen <= a.alarm2Fen) return 'alarm2'
  if (a.balanceFen <= a.alarm1Fen) return 'alarm1'
  return 'ok'
}

export const levelColour: Record<BalanceLevel, string> = {
  ok: '#1677ff',
  alarm1: '#d48806',
  alarm2: '#d4380d',
  arrears: '#cf1322',
}
