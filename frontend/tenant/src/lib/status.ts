import { RelayState } from '../gql/graphql'
import type { Messages } from '../i18n/zh-CN'

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

/** The level in words (home, kiosk). */
export function levelText(m: Messages, level: BalanceLevel): string {
  return { ok: m.home.statusOk, alarm1: m.home.statusAlarm1, alarm2: m.home.statusAlarm2, arrears: m.home.statusArrears }[level]
}

/** A meter's relay in words: power on, cut, or not known yet. */
export function relayText(m: Messages, relay: RelayState): string {
  return relay === RelayState.Closed ? m.home.relayOn : relay === RelayState.Open ? m.home.relayOff : m.home.relayUnknown
}
