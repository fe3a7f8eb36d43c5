// Settings and credential of both scripts: flags, or the same variables the Go example reads.
// The password and an API key come from the environment only, since a command line shows in ps.
import { parseArgs } from 'node:util';
import { GraphQLClient } from 'graphql-request';
import { LoginDocument } from './gql/graphql.js';

export interface Config {
  url: string;
  username: string;
  password: string;
  apiKey: string;
  account: string;
  pageSize: number;
  amountFen: number;
}

export function config(): Config {
  const env = process.env;
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: env.VOLTPAY_URL || 'http://127.0.0.1:8080/graphql' },
      username: { type: 'string', default: env.VOLTPAY_USERNAME || 'cashier' },
      account: { type: 'string', default: env.VOLTPAY_ACCOUNT_ID || '1' },
      'page-size': { type: 'string', default: env.VOLTPAY_PAGE_SIZE || '50' },
      amount: { type: 'string', default: '100' },
    },
  });
  return {
    url: values.url,
    username: values.username,
    password: env.VOLTPAY_PASSWORD || 'voltpay-demo',
    apiKey: env.VOLTPAY_API_KEY || '',
    account: values.account,
    pageSize: Number(values['page-size']),
    amountFen: Number(values.amount),
  };
}

/** The websocket endpoint beside an HTTP one: the same path. */
export function wsURL(url: string): string {
  return url.replace(/^http/, 'ws');
}

/**
 * The credential to send as `Authorization: Bearer …`: the API key when there is one, otherwise
 * a session token from login.
 */
export async function credential(cfg: Config): Promise<string> {
  if (cfg.apiKey) {
    console.log('using the API key from VOLTPAY_API_KEY');
    return cfg.apiKey;
  }
  const { login } = await new GraphQLClient(cfg.url).request(LoginDocument, { username: cfg.username, password: cfg.password });
  console.log(`login: ${cfg.username} got a session until ${login.expiresAt}`);
  return login.token;
}
