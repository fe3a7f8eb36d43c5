// The server's spreadsheet of a list (GET /export/{list}.xlsx, docs/EXPORT_IMPORT.md): the
// same filter as the GraphQL list, as JSON, and the operator's language for the headers. The
// browser sends the session cookie with the download, so the export has the caller's rights.

/** The export URL of list under filter (empty values dropped: absent, as over GraphQL). */
export function exportHref(list: string, filter: Record<string, unknown>, lang: string): string {
  const f = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const q = new URLSearchParams({ filter: JSON.stringify(f), lang });
  return `/export/${list}.xlsx?${q.toString()}`;
}
