import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

// The console's GraphQL client: a POST per operation to /graphql on this origin. The session
// is the HTTP-only cookie the server set at login (the page never holds a token), so the
// browser sends it with credentials 'same-origin'.

/** An operation made with graphql(`…`) from src/gql: its text, typed with its result and variables. */
export type Operation<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };

/** One entry of a GraphQL answer's errors, as the server writes it. */
export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: {
    /** UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_INPUT, CONFLICT, … */
    code?: string;
    /** The input field at fault, when there is one. */
    field?: string;
    /** The id the server logged the request under. */
    requestId?: string;
    [key: string]: unknown;
  };
}

/** The code of an error that never reached the server, or got no GraphQL answer. */
export const networkErrorCode = 'NETWORK';

/** A request that failed: the server's GraphQL errors, or one made up for a transport failure. */
export class ApiError extends Error {
  readonly errors: GraphQLErrorItem[];
  /** HTTP status; 0 when the server was not reached. */
  readonly status: number;
  /** The server's request id (from the first error or the X-Request-Id header). */
  readonly requestId?: string;

  constructor(errors: GraphQLErrorItem[], status: number, requestId?: string) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
    this.errors = errors;
    this.status = status;
    this.requestId = errors.find((e) => e.extensions?.requestId)?.extensions?.requestId ?? requestId;
  }

  /** The first error's code. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  /** Whether any of the errors has this code. */
  has(code: string): boolean {
    return this.errors.some((e) => e.extensions?.code === code);
  }
}

let sessionLost: (() => void) | undefined;

/**
 * Sets what happens when the server says the caller is not signed in (UNAUTHENTICATED, or a
 * subscription socket closed for its credential): the app goes back to the login page.
 */
export function onSessionLost(fn: () => void) {
  sessionLost = fn;
}

/** Tells the app the session is gone. */
export function reportSessionLost() {
  sessionLost?.();
}

/** The endpoint; the same origin as the page (the dev server proxies it). */
export const endpoint = '/graphql';

/** Runs one query or mutation and returns its data, or throws an ApiError. */
export async function request<R, V>(op: Operation<R, V>, variables?: V, signal?: AbortSignal): Promise<R> {
  let resp: Response;
  try {
    resp = await fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: op.toString(), variables: variables ?? {} }),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError([{ message: String(err), extensions: { code: networkErrorCode } }], 0);
  }
  const requestId = resp.headers.get('X-Request-Id') ?? undefined;
  let body: { data?: R | null; errors?: GraphQLErrorItem[] };
  try {
    body = await resp.json();
  } catch {
    throw new ApiError([{ message: `HTTP ${resp.status} ${resp.statusText}`, extensions: { code: networkErrorCode } }], resp.status, requestId);
  }
  if (body.errors?.length) {
    const err = new ApiError(body.errors, resp.status, requestId);
    if (err.has('UNAUTHENTICATED')) reportSessionLost();
    throw err;
  }
  if (body.data == null) {
    throw new ApiError([{ message: `HTTP ${resp.status}: no data`, extensions: { code: networkErrorCode } }], resp.status, requestId);
  }
  return body.data;
}
