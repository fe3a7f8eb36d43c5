import { describe, expect, it } from 'vitest';
import { ApiError } from '../../graphql/client';
import { assignInBatches } from './bulkAssign';

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** A fake setMetersTariff: all or nothing, refusing any batch holding a meter of bad. */
function server(bad: Set<string>, code = 'INVALID_INPUT') {
  const calls: string[][] = [];
  const changed = new Set<string>();
  const send = async (batch: string[]) => {
    calls.push(batch);
    const refused = batch.find((id) => bad.has(id));
    if (refused) throw new ApiError([{ message: `meter ${refused} is charged past now`, extensions: { code } }], 200);
    batch.forEach((id) => changed.add(id));
  };
  return { send, calls, changed };
}

describe('assignInBatches', () => {
  it('sends at most 2000 meters a call, each once', async () => {
    const s = server(new Set());
    const progress: number[] = [];
    const r = await assignInBatches([...ids(4500), '1', '2'], s.send, { onProgress: (n) => progress.push(n) });
    expect(r).toEqual({ changed: 4500, failed: [], notTried: [] });
    expect(s.calls.map((c) => c.length)).toEqual([2000, 2000, 500]);
    expect(progress).toEqual([2000, 4000, 4500]);
  });

  it('isolates the refused meters and changes the rest', async () => {
    const s = server(new Set(['7', '700']));
    const r = await assignInBatches(ids(1000), s.send);
    expect(r.changed).toBe(998);
    expect(r.failed.map((f) => f.id)).toEqual(['7', '700']);
    expect((r.failed[0].error as ApiError).message).toBe('meter 7 is charged past now');
    expect(r.notTried).toEqual([]);
    expect(s.changed.size).toBe(998);
    // About log2(1000) calls per refused meter, not one per meter.
    expect(s.calls.length).toBeLessThan(45);
  });

  it('stops isolating past its budget and says which meters were not changed', async () => {
    const s = server(new Set(ids(100)), 'NOT_FOUND');
    const r = await assignInBatches(ids(100), s.send, { maxCalls: 10 });
    expect(s.calls.length).toBeLessThanOrEqual(10);
    expect(r.changed).toBe(0);
    expect(r.failed.length + r.notTried.flatMap((n) => n.ids).length).toBe(100);
  });

  it('stops at an error that is not about a meter, sending nothing more', async () => {
    let n = 0;
    const send = async () => {
      if (++n === 2) throw new ApiError([{ message: 'Failed to fetch', extensions: { code: 'NETWORK' } }], 0);
    };
    const r = await assignInBatches(ids(5000), send);
    expect(n).toBe(2);
    expect(r.changed).toBe(2000);
    expect(r.failed).toEqual([]);
    expect(r.notTried).toHaveLength(1);
    expect(r.notTried[0].ids).toHaveLength(3000);
  });
});
