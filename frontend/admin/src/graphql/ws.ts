import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { ApiError, endpoint, reportSessionLost, type GraphQLErrorItem, type Operation } from './client';

// Subscriptions over graphql-transport-ws on /graphql. The socket authenticates with the
// session cookie of its upgrade request, so connection_init carries no payload (the server
// refuses any payload but {"authorization": …}).

// Close codes the server uses when the socket's credential stops working (4401) or is
// refused (4403): check the session, which goes back to login if it is gone.
const credentialClosed = new Set([4401, 4403]);

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
    shouldRetry: (e) => !(e instanceof CloseEvent && credentialClosed.has(e.code)),
    on: {
      closed: (e) => {
        if (e instanceof CloseEvent && credentialClosed.has(e.code)) reportSessionLost();
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
