import { describe, expect, it } from 'vitest';
import { columnIndex, errorRows, importUrl, readOutcome, rowsWithErrors, stageOf, type CellError, type ImportAnswer } from './siteImport';

const summary = { buildings: 2, gateways: 3, meters: 38, accounts: 0, openingBalanceFen: 0, buildingsExisting: 0, gatewaysExisting: 0 };

const err = (row: number, column: string, field: string, zh: string, en?: string): CellError => ({
  row,
  column,
  cell: column ? `${column}${row}` : '',
  field,
  message: en === undefined ? { 'zh-CN': zh } : { 'zh-CN': zh, 'en-US': en },
});

const label = (f: string) => ({ address: '电表地址', gatewayPort: '网关端口' })[f] ?? f;

describe('the import error table', () => {
  it('lists errors by row, then by column, with the cell, the column name and the message in the language', () => {
    const rows = errorRows(
      [
        err(9, 'H', 'address', '「电表地址」重复', 'address repeated'),
        err(4, 'AA', 'note', '备注', 'note'),
        err(4, 'G', 'gatewayPort', '端口超出范围', 'port out of range'),
        err(4, 'H', 'address', '地址有误', 'bad address'),
      ],
      'en-US',
      label,
    );
    expect(rows.map((r) => [r.row, r.cell, r.field, r.message])).toEqual([
      [4, 'G4', '网关端口', 'port out of range'],
      [4, 'H4', '电表地址', 'bad address'],
      [4, 'AA4', 'note', 'note'],
      [9, 'H9', '电表地址', 'address repeated'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(4);
  });

  it('falls back to the language the server wrote, and to the row when the sheet lacks the column', () => {
    const [r] = errorRows([err(7, '', 'tariff', '没有这个电价')], 'en-US', label);
    expect(r).toMatchObject({ row: 7, cell: '7', field: 'tariff', message: '没有这个电价' });
  });

  it('keeps the server’s order for errors of the same cell', () => {
    const rows = errorRows([err(5, 'H', 'address', 'first'), err(5, 'H', 'address', 'second')], 'zh-CN', label);
    expect(rows.map((r) => r.message)).toEqual(['first', 'second']);
  });

  it('counts the rows at fault, not the errors', () => {
    expect(rowsWithErrors([err(4, 'G', 'gatewayPort', 'a'), err(4, 'H', 'address', 'b'), err(6, 'H', 'address', 'c')])).toBe(2);
  });

  it('reads column letters as Excel does', () => {
    expect([columnIndex('A'), columnIndex('Z'), columnIndex('AA'), columnIndex('az'), columnIndex(''), columnIndex('A1')]).toEqual([
      1, 26, 27, 52, 0, 0,
    ]);
  });
});

describe('the server’s answer', () => {
  it('reads a sheet with errors, a clean dry run, a write and a repeat', () => {
    const base: ImportAnswer = { ok: false, dryRun: true, errors: [err(4, 'H', 'address', 'x')], summary, requestId: 'r1' };
    const read = (a: object, status = 200) => {
      const o = readOutcome(status, a);
      if (o.kind !== 'answer') throw new Error('not an answer');
      return o.answer;
    };
    expect(stageOf(read(base, 422))).toBe('errors');
    expect(stageOf(read({ ...base, ok: true, errors: null }))).toBe('ready');
    expect(read({ ...base, ok: true, errors: null }).errors).toEqual([]);
    expect(stageOf(read({ ...base, ok: true, dryRun: false, errors: [] }))).toBe('written');
    expect(stageOf(read({ ...base, ok: true, dryRun: false, errors: [], alreadyImported: true }))).toBe('already');
  });

  it('reads a refusal with its code, field and request id, or the bare status', () => {
    expect(readOutcome(400, { error: 'save the file as .xlsx', code: 'INVALID_INPUT', field: 'file', requestId: 'q' })).toEqual({
      kind: 'refused',
      refusal: { error: 'save the file as .xlsx', code: 'INVALID_INPUT', field: 'file', requestId: 'q', status: 400 },
    });
    expect(readOutcome(413, null)).toEqual({
      kind: 'refused',
      refusal: { error: 'HTTP 413', code: 'TOO_LARGE', field: undefined, requestId: undefined, status: 413 },
    });
  });

  it('asks for a dry run unless told to write', () => {
    expect(importUrl('12', true)).toBe('/import/site?siteId=12&dryRun=true');
    expect(importUrl('12', false)).toBe('/import/site?siteId=12&dryRun=false');
  });
});
