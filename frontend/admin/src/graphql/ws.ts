import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { queryClient } from '../app/queryClient';
import { meKey } from '../auth/session';
import { ApiError, endpoint, reportSessionLost, type GraphQLErrorItem, type Operation } from './client';

// Subscriptions over graphql-transport-ws on /graphql. The socket authenticates with the
// session cookie of its upgrade request, so connection_init carries no payload (the server
// refuses any payload but {"authorization": …}).

// Close codes the server uses when the socket's credential stops working (after logout, a
// session's end, an operator disabled: the session is gone) and when it is refused or the
// caller's permissions changed (reconnect: the server authorises the socket again).
const credentialEnded = 4401;
const refusedOrChanged = 4403;

const isClose = (e: unknown): e is CloseEvent => typeof e === 'object' && e !== null && 'code' in e;

let client: Client | undefined;

function socketURL(): string {
  const u = new URL(endpoint, location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/** The page's one websocket client, opened with the first subscription. */
export function wsClient(): Client {
  client ??= createClient({
    url: socketURL(),
    lazy: true,
    retryAttempts: Infinity,
    // Back off to a retry every 30 s at most, so that a dashboard left open reconnects soon
    // after the server comes back.
    retryWait: (retries) => new Promise((done) => setTimeout(done, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000)),
    on: {
      closed: (e) => {
        if (!isClose(e)) return;
        if (e.code === credentialEnded) reportSessionLost();
        // Ask who we are again: a session that is gone goes to login (client.ts), one whose
        // permissions changed gets its menu redrawn, and the socket reconnects.
        if (e.code === refusedOrChanged) void queryClient.invalidateQueries({ queryKey: meKey });
      },
    },
  });
  return client;
}

/** Closes the socket (at logout), so the next subscription opens one with the new cookie. */
export function closeSocket() {
  client?.dispose();
  client = undefined;
}

/**
 * Follows a subscription while the component is mounted (and enabled): onData gets each
 * event, onError an ApiError when the server refuses it.
 */
export function useSubscription<R, V>(
  op: Operation<R, V>,
  variables: V,
  onData: (data: R) => void,
  opts: { enabled?: boolean; onError?: (err: ApiError) => void } = {},
) {
  const handlers = useRef({ onData, onError: opts.onError });
  handlers.current = { onData, onError: opts.onError };
  const key = JSON.stringify(variables ?? {});
  const enabled = opts.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    return wsClient().subscribe<R>(
      { query: op.toString(), variables: JSON.parse(key) },
      {
        next: (msg) => {
          if (msg.errors?.length) handlers.current.onError?.(new ApiError(msg.errors as GraphQLErrorItem[], 200));
          else if (msg.data) handlers.current.onData(msg.data);
        },
        error: (err) => {
          if (Array.isArray(err)) handlers.current.onError?.(new ApiError(err as GraphQLErrorItem[], 200));
        },
        complete: () => {},
      },
    );
  }, [op, key, enabled]);
}
