// The server's PDF of a receipt (GET /receipts/{number}.pdf, docs/RECEIPTS.md): the three parts
// (客户联, 财务联, 存根联) on A4, in the operator's language, marked 重打 on a reprint. The
// browser sends the session cookie with it, so the PDF has the caller's rights.

/** Entry types that print a receipt (an account opening's first sale is a sale). */
export const printableTypes = ['sale', 'refund', 'reversal'];

/** The PDF of receipt `no`; `reprint` marks a copy printed again later. */
export function receiptHref(no: string, lang: string, reprint = false): string {
  return `/receipts/${encodeURIComponent(no)}.pdf?lang=${encodeURIComponent(lang)}${reprint ? '&reprint=1' : ''}`;
}
