// The server's spreadsheet of a list (GET /export/{list}.xlsx, docs/EXPORT_IMPORT.md): the
// same filter as the GraphQL list, as JSON (undefined fields left out, as absent over GraphQL),
// and the operator's language for the headers. The browser sends the session cookie with the
// download, so the export has the caller's rights.

/** The server's spreadsheet of a list under the same filter, in the operator's language. */
export function exportHref(list: string, filter: object, lang: string): string {
  return `/export/${list}.xlsx?filter=${encodeURIComponent(JSON.stringify(filter))}&lang=${encodeURIComponent(lang)}`;
}
