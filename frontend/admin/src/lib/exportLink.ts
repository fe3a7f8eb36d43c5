// The server's spreadsheet of a list (GET /export/{list}.xlsx, docs/EXPORT_IMPORT.md): the
// same filter as the GraphQL list, as JSON (undefined fields left out, as absent over GraphQL),
// and the operator's language for the headers. The browser sends the session cookie with the
// download, so the export has the caller's rights.

/**
 * The server's spreadsheet of a list under the same filter, in the operator's language. Lists
 * without a filter (operators, API keys) pass none.
 */
export function exportHref(list: string, filter: object | undefined, lang: string): string {
  const f = filter === undefined ? '' : `filter=${encodeURIComponent(JSON.stringify(filter))}&`;
  return `/export/${list}.xlsx?${f}lang=${encodeURIComponent(lang)}`;
}
