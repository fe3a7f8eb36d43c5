// What an integrator's TypeScript program does with Voltpay's GraphQL API, with types that
// graphql-codegen generates from the schema snapshot (api/schema.graphql) and the operations in
// ../operations.graphql: sign in (or use an API
// key), page through every meter, sell twice with one idempotency key and get the same receipt,
// see that sale on balanceChanged over graphql-ws, refund, and read an error's extensions.code
// and extensions.field. It prints each step and exits 1 at the first surprise.
//
// Against `make run`: cd examples/ts && npm ci && npm run example (then the audit, src/audit.ts).
// Flags, after `npx tsx src/main.ts`: --url, --username, --account, --page-size, or their
// variables VOLTPAY_URL, VOLTPAY_USERNAME, VOLTPAY_ACCOUNT_ID, VOLTPAY_PAGE_SIZE;
// VOLTPAY_PASSWORD, and VOLTPAY_API_KEY to use a key instead of signing in.
import { randomBytes } from 'node:crypto';
import { ClientError, GraphQLClient } from 'graphql-request';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { config, credential, wsURL, type Config } from './config.js';
import {
  BalanceChangedDocument,
  MeDocument,
  MetersDocument,
  RefundDocument,
  SellDocument,
  type BalanceChangedSubscription,
  type MetersQuery,
} from './gql/graphql.js';

/** graphql-transport-ws does not acknowledge a subscribe: give the server a moment to start it. */
const subscribeSettleMs = 1000;

type Event = NonNullable<BalanceChangedSubscription['balanceChanged']['entry']>;

async function main(cfg: Config): Promise<void> {
  const token = await credential(cfg);
  const gql = new GraphQLClient(cfg.url, { headers: { authorization: `Bearer ${token}` } });
  const { me } = await gql.request(MeDocument);
  console.log(`signed in: ${me.kind} ${me.name}, permissions ${me.permissions.join(' ')}`);

  await pageMeters(gql, cfg.pageSize);

  const ws = createClient({
    url: wsURL(cfg.url),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  try {
    const events = follow(ws, cfg.account);
    await new Promise((resolve) => setTimeout(resolve, subscribeSettleMs));

    let sent = Date.now();
    const sale = await sellTwice(gql, cfg);
    await events.await(sale.id, sent);

    sent = Date.now();
    const { refund } = await gql.request(RefundDocument, {
      input: { accountId: cfg.account, amountFen: cfg.amountFen, channel: 'cash', idempotencyKey: newKey() },
    });
    console.log(`refund: receipt ${refund.receiptNo}, entry ${refund.id}, ${refund.amountFen} fen, balance after ${refund.balanceAfterFen} fen`);
    await events.await(refund.id, sent);
  } finally {
    await ws.dispose();
  }
  await provokeError(gql, cfg);
}

/** Reads every meter the caller may see, page after page of Relay edges, each after the last one's end cursor. */
async function pageMeters(gql: GraphQLClient, first: number): Promise<void> {
  if (!(first >= 1)) throw new Error(`page size ${first}: want 1 or more`);
  let after: string | null = null;
  let seen = 0;
  let pages = 0;
  let total = 0;
  for (;;) {
    // Annotated: TypeScript cannot infer a type that depends on itself through the loop (after).
    const { meters }: MetersQuery = await gql.request(MetersDocument, { first, after });
    pages++;
    seen += meters.edges.length;
    total = meters.totalCount;
    if (!meters.pageInfo.hasNextPage) break;
    after = meters.pageInfo.endCursor ?? null;
  }
  if (seen !== total) throw new Error(`meters: paged through ${seen}, but totalCount says ${total}`);
  console.log(`meters: ${seen} edges in ${pages} pages of at most ${first} (totalCount ${total})`);
}

/** Sells with one idempotency key twice, as a retry after a lost answer would: the same sale comes back. */
async function sellTwice(gql: GraphQLClient, cfg: Config) {
  const input = { accountId: cfg.account, amountFen: cfg.amountFen, channel: 'cash' as const, idempotencyKey: newKey() };
  const { sell } = await gql.request(SellDocument, { input });
  console.log(`sale: receipt ${sell.receiptNo}, entry ${sell.id}, ${sell.amountFen} fen, balance after ${sell.balanceAfterFen} fen`);
  const again = (await gql.request(SellDocument, { input })).sell;
  if (again.id !== sell.id || again.receiptNo !== sell.receiptNo) {
    throw new Error(`the same idempotency key sold twice: entries ${sell.id} and ${again.id}`);
  }
  console.log(`sale again with key ${input.idempotencyKey}: receipt ${again.receiptNo}, entry ${again.id}, the same sale`);
  return sell;
}

/** Follows balanceChanged for one account; await(id) resolves when that entry has arrived. */
function follow(ws: Client, accountId: string) {
  const arrived = new Map<string, Event>();
  const waiting = new Map<string, (e: Event) => void>();
  let failed: Error | undefined;
  ws.subscribe<BalanceChangedSubscription>(
    { query: print(BalanceChangedDocument), variables: { accountId } },
    {
      next: ({ data, errors }) => {
        if (errors?.length) console.log(`balanceChanged error: ${JSON.stringify(errors)}`);
        const e = data?.balanceChanged.entry;
        if (!e) return;
        arrived.set(e.id, e);
        waiting.get(e.id)?.(e);
      },
      error: (err) => {
        failed = err instanceof Error ? err : new Error(JSON.stringify(err));
      },
      complete: () => {},
    },
  );
  console.log(`subscribed to balanceChanged(accountId: ${accountId}) over graphql-transport-ws`);
  return {
    async await(id: string, sent: number): Promise<void> {
      const e = arrived.get(id) ?? (await new Promise<Event>((resolve, reject) => {
        waiting.set(id, resolve);
        setTimeout(() => reject(failed ?? new Error(`entry ${id} did not arrive on balanceChanged within 15 s`)), 15_000).unref();
      }));
      console.log(`balanceChanged: entry ${e.id}, ${e.type} ${e.amountFen} fen, balance after ${e.balanceAfterFen} fen (${Date.now() - sent} ms after the request)`);
    },
  };
}

/** Sells 0 fen, which the server refuses, and shows what code branches on: extensions.code and .field. */
async function provokeError(gql: GraphQLClient, cfg: Config): Promise<void> {
  try {
    await gql.request(SellDocument, { input: { accountId: cfg.account, amountFen: 0, channel: 'cash', idempotencyKey: newKey() } });
  } catch (err) {
    if (!(err instanceof ClientError) || !err.response.errors?.length) throw err;
    const e = err.response.errors[0];
    const ext = e.extensions ?? {};
    console.log(`error: code=${ext.code} field=${ext.field} requestId=${ext.requestId} message=${JSON.stringify(e.message)}`);
    if (ext.code !== 'INVALID_INPUT' || ext.field !== 'amountFen') {
      throw new Error(`selling 0 fen: want INVALID_INPUT on amountFen, got ${ext.code} on ${ext.field}`);
    }
    return;
  }
  throw new Error('selling 0 fen was not refused');
}

/** A fresh idempotency key: random, so a rerun is a new sale, and the one a retry reuses. */
function newKey(): string {
  return `example-ts-${randomBytes(12).toString('hex')}`;
}

main(config()).then(
  () => console.log('done'),
  (err) => {
    console.error('example:', err instanceof ClientError ? JSON.stringify(err.response) : err);
    process.exit(1);
  },
);
