import { describe, expect, it } from 'vitest';
import { IntentKeys } from './intent';

describe('IntentKeys', () => {
  it('reuses the key for a retry of the same operation, and only until it succeeds', () => {
    let n = 0;
    const keys = new IntentKeys(() => `key-${++n}`);
    const sale = JSON.stringify({ accountId: '1', amountFen: 10000 });
    expect(keys.keyFor(sale)).toBe('key-1');
    expect(keys.keyFor(sale)).toBe('key-1'); // retried after a failure
    expect(keys.keyFor(JSON.stringify({ accountId: '1', amountFen: 20000 }))).toBe('key-2'); // changed
    keys.done();
    expect(keys.keyFor(JSON.stringify({ accountId: '1', amountFen: 20000 }))).toBe('key-3'); // a second sale
  });

  it('makes UUIDs by default', () => {
    expect(new IntentKeys().keyFor('x')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
