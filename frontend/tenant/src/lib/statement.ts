import Taro from '@tarojs/taro'
import { apiOrigin, sessionHeaders } from '../api/client'
import { getLanguage } from '../i18n'

// The monthly statement (单户费用清单) of the tenant's account as the server's PDF
// (GET /statements/{accountId}/{yyyy-mm}.pdf, read as the signed-in tenant: their own account only).

/** The month holding now, and the one before it, in Beijing time, as yyyy-mm. */
export function recentMonths(now: Date = new Date()): string[] {
  const local = new Date(now.getTime() + 8 * 3600_000)
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() + 1
  const fmt = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}`
  return [fmt(y, m), m === 1 ? fmt(y - 1, 12) : fmt(y, m - 1)]
}

/** The PDF's address for accountId and month. */
export function statementUrl(accountId: string, month: string): string {
  return `${apiOrigin}/statements/${encodeURIComponent(accountId)}/${month}.pdf?lang=${getLanguage()}`
}

/**
 * Opens the statement: in the browser (H5) in a new tab, with the session cookie the browser
 * sends; in the mini-program downloaded with the kept cookie and shown by the system's viewer.
 */
export async function openStatement(accountId: string, month: string): Promise<void> {
  const url = statementUrl(accountId, month)
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener')
    return
  }
  const r = await Taro.downloadFile({ url, header: sessionHeaders() })
  if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`)
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf' })
}
