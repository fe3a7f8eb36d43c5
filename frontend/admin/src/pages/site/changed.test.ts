import { describe, expect, it } from 'vitest';
import { changedFields } from './changed';

describe('an edit sends only what changed', () => {
  it('leaves out unchanged fields and sends a cleared one as null', () => {
    expect(
      changedFields(
        { name: 'A座', floors: ['1F', '2F'], note: '', port: 502, gatewayId: undefined as string | undefined },
        { name: 'A座', floors: ['1F'], note: 'x', port: 502, gatewayId: '4' },
      ),
    ).toEqual({ floors: ['1F', '2F'], note: null, gatewayId: null });
  });

  it('takes empty and null as the same, and compares arrays element by element', () => {
    expect(changedFields({ a: '', b: ['x'] }, { a: null as unknown as string, b: ['x'] })).toEqual({});
  });

  it('clears a non-null text with an empty string', () => {
    expect(changedFields({ room: undefined as string | undefined, floor: '2F' }, { room: '101', floor: '1F' }, ['room', 'floor'])).toEqual({ room: '', floor: '2F' });
  });

  it('sends every field with a value on creation', () => {
    expect(changedFields({ name: 'B座', floors: [], note: '', gatewayId: undefined })).toEqual({ name: 'B座', floors: [] });
  });
});
