import { asApiError } from '../../graphql/errors';

// Putting many meters on a tariff with setMetersTariff: one call per batch of up to 2000
// meters (the server's bound), each batch all-or-nothing. When a batch is refused for one of
// its meters (INVALID_INPUT, NOT_FOUND, CONFLICT: a meter charged past now, one gone or moved
// to another site), the batch is halved and each half sent again, down to the meters that are
// refused, so that the rest still change and each refused meter is reported with the server's
// own reason. Isolating costs about log2(batch) calls per refused meter; past maxCalls the rest
// of a refused batch is reported as not changed, with the refusal. Any other error (network,
// FORBIDDEN, session lost) stops the run: nothing more is sent.

/** The server's bound on meters per setMetersTariff call. */
export const maxBatch = 2000;

/** Codes a refusal caused by one meter of the batch comes with. */
const meterCodes = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']);

export interface AssignResult {
  /** How many meters changed. */
  changed: number;
  /** The meters refused one by one, each with the server's error. */
  failed: { id: string; error: unknown }[];
  /** Meters not changed without a verdict of their own (isolation cut short, or the run stopped), with the error. */
  notTried: { ids: string[]; error: unknown }[];
}

export interface AssignOptions {
  /** Meters per call, at most maxBatch. */
  batch?: number;
  /** At most this many calls in all (batches, then halves). */
  maxCalls?: number;
  /** Called after each call with how many meters have their outcome. */
  onProgress?: (settled: number) => void;
}

/** Sends ids (each once) through send in batches, isolating refused meters; never throws what send throws. */
export async function assignInBatches(ids: string[], send: (ids: string[]) => Promise<unknown>, opts: AssignOptions = {}): Promise<AssignResult> {
  const batch = Math.min(opts.batch ?? maxBatch, maxBatch);
  const unique = [...new Set(ids)];
  const queue: string[][] = [];
  for (let i = 0; i < unique.length; i += batch) queue.push(unique.slice(i, i + batch));
  const maxCalls = Math.max(opts.maxCalls ?? queue.length + 64, queue.length);
  const out: AssignResult = { changed: 0, failed: [], notTried: [] };
  let settled = 0;
  let calls = 0;
  const settle = (n: number) => {
    settled += n;
    opts.onProgress?.(settled);
  };
  for (let group = queue.shift(); group; group = queue.shift()) {
    calls++;
    try {
      await send(group);
      out.changed += group.length;
      settle(group.length);
      continue;
    } catch (err) {
      const code = asApiError(err).code;
      if (!code || !meterCodes.has(code)) {
        // Not about one meter: stop, and report everything not sent.
        out.notTried.push({ ids: [...group, ...queue.flat()], error: err });
        settle(group.length + queue.flat().length);
        break;
      }
      if (group.length === 1) {
        out.failed.push({ id: group[0], error: err });
        settle(1);
      } else if (calls + 2 + queue.length > maxCalls) {
        out.notTried.push({ ids: group, error: err });
        settle(group.length);
      } else {
        const half = Math.ceil(group.length / 2);
        queue.unshift(group.slice(0, half), group.slice(half));
      }
    }
  }
  return out;
}
