import { reportSessionLost } from '../../graphql/client';
import type { Language } from '../../i18n';

// The client side of importing a site from one sheet (POST /import/site): sending the workbook,
// and turning the server's answer into what the operator reads — every error against its row
// and cell, in the operator's language, and a summary of what the sheet creates.

/** The column keys the server names in CellError.field, in the template's order. */
export const importFields = [
  'building',
  'floor',
  'room',
  'gateway',
  'gatewayProtocol',
  'gatewayHost',
  'gatewayPort',
  'address',
  'meterProtocol',
  'channel',
  'model',
  'phases',
  'ctRatio',
  'tariff',
  'shopNo',
  'tenantName',
  'phone',
  'openingBalance',
] as const;
export type ImportField = (typeof importFields)[number];

/** One error of the sheet, as the server reports it. */
export interface CellError {
  row: number;
  /** The column's letter; "" when the sheet has no such column. */
  column: string;
  /** e.g. "D7"; "" when the sheet has no such column. */
  cell: string;
  /** The column's key (importFields), or another name (e.g. "file"). */
  field: string;
  message: Partial<Record<Language, string>>;
}

/** What the sheet creates (with errors: from the rows that passed), and what it reuses. */
export interface ImportSummary {
  buildings: number;
  gateways: number;
  meters: number;
  accounts: number;
  openingBalanceFen: number;
  buildingsExisting: number;
  gatewaysExisting: number;
}

/** The server's answer to a sheet it read (200, 422, 409). */
export interface ImportAnswer {
  ok: boolean;
  dryRun: boolean;
  alreadyImported?: boolean;
  importedAt?: string;
  errors: CellError[] | null;
  omittedErrors?: number;
  skippedRows?: number[];
  summary: ImportSummary;
  requestId: string;
}

/** The server's refusal of a request it did not read as a sheet (a bad file, no permission …). */
export interface ImportRefusal {
  error: string;
  code: string;
  field?: string;
  requestId?: string;
  status: number;
}

export type ImportOutcome =
  | { kind: 'answer'; answer: ImportAnswer }
  | { kind: 'refused'; refusal: ImportRefusal };

/** The import endpoint for siteId; a dry run unless dryRun is false. */
export function importUrl(siteId: string, dryRun: boolean): string {
  return `/import/site?${new URLSearchParams({ siteId, dryRun: String(dryRun) })}`;
}

/** The template, listing siteId's tariffs in its drop-down when given. */
export function templateUrl(siteId?: string): string {
  return siteId ? `/import/site-template.xlsx?${new URLSearchParams({ siteId })}` : '/import/site-template.xlsx';
}

/** Reads the server's answer: a sheet it read (with or without errors), or a refusal. */
export function readOutcome(status: number, body: unknown): ImportOutcome {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.ok === 'boolean' && typeof b.summary === 'object' && b.summary !== null) {
    return { kind: 'answer', answer: { ...(b as unknown as ImportAnswer), errors: (b.errors as CellError[] | null) ?? [] } };
  }
  return {
    kind: 'refused',
    refusal: {
      error: typeof b.error === 'string' ? b.error : `HTTP ${status}`,
      code: typeof b.code === 'string' ? b.code : status === 413 ? 'TOO_LARGE' : 'HTTP',
      field: typeof b.field === 'string' ? b.field : undefined,
      requestId: typeof b.requestId === 'string' ? b.requestId : undefined,
      status,
    },
  };
}

/** Sends the workbook to the server, with the session cookie. */
export async function postSheet(siteId: string, file: Blob, dryRun: boolean, signal?: AbortSignal): Promise<ImportOutcome> {
  const res = await fetch(importUrl(siteId, dryRun), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: file,
    signal,
  });
  if (res.status === 401) reportSessionLost();
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's page): readOutcome reports the status
  }
  return readOutcome(res.status, body);
}

/** One line of the error table. */
export interface ErrorRow {
  key: string;
  row: number;
  /** The cell (D7), else the row alone when the sheet has no such column. */
  cell: string;
  field: string;
  message: string;
}

/** The message in lang, else in the other language the server wrote. */
export function messageIn(message: CellError['message'], lang: Language): string {
  return message[lang] ?? message['zh-CN'] ?? message['en-US'] ?? '';
}

/**
 * The error table's lines: in row order, then column order (A before B, Z before AA), each
 * with its message in lang and the column's name from label (the template's header).
 */
export function errorRows(errors: readonly CellError[], lang: Language, label: (field: string) => string): ErrorRow[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.row - b.e.row || columnIndex(a.e.column) - columnIndex(b.e.column) || a.i - b.i)
    .map(({ e, i }) => ({
      key: `${e.row}-${e.cell || e.field}-${i}`,
      row: e.row,
      cell: e.cell || String(e.row),
      field: label(e.field),
      message: messageIn(e.message, lang),
    }));
}

/** A column's number from its letters (A → 1, AA → 27); 0 for none. */
export function columnIndex(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) return 0;
    n = n * 26 + c;
  }
  return n;
}

/** How many distinct rows have an error. */
export function rowsWithErrors(errors: readonly CellError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

/** Whether the field is a column of the template (else it is named as the server wrote it). */
export function isImportField(field: string): field is ImportField {
  return (importFields as readonly string[]).includes(field);
}

/** What the operator may do next with the answer in hand. */
export type ImportStage = 'errors' | 'ready' | 'written' | 'already';

export function stageOf(answer: ImportAnswer): ImportStage {
  if (!answer.ok) return 'errors';
  if (answer.alreadyImported) return 'already';
  return answer.dryRun ? 'ready' : 'written';
}
