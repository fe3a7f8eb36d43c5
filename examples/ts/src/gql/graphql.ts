/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How money was paid in or out. */
export type Channel =
  /** Alipay. */
  | 'alipay'
  /** Bank transfer. */
  | 'bank'
  /** Cash at the desk. */
  | 'cash'
  /** WeChat Pay. */
  | 'wechat';

/** What a ledger entry records. */
export type EntryType =
  /** 公摊: the account's part of a group's shared energy (common-area meters, line loss) for a month (-). */
  | 'apportionment'
  /** Consumption charged by billing (-). */
  | 'charge'
  /** 补正: corrects one charge to what it should have cost; the difference (+ gives money back). */
  | 'correction'
  /** 退电: money back to the tenant (-). */
  | 'refund'
  /** 冲正: undoes one earlier entry. */
  | 'reversal'
  /** 售电: money in (+). */
  | 'sale'
  /** 服务费: the service fee a site adds on a charge (-), an entry of its own beside the charge. */
  | 'service_fee'
  /** Balance moved between accounts or meters (±). */
  | 'transfer';

/** A right checked on every query, mutation and subscription. */
export type Permission =
  /** Send remote controls to meters (trip, close, guarantee), read meters on demand and manage control schedules. */
  | 'control'
  /** Open, close and edit accounts, attach and replace meters. */
  | 'manage_accounts'
  /** Edit sites, buildings, gateways and meters. */
  | 'manage_meters'
  /** Manage operators and API keys. */
  | 'manage_operators'
  /** Edit tariffs. */
  | 'manage_tariffs'
  /** Read accounts, their meters, ledger entries and alarms; tenants hold it for their own account. */
  | 'read_accounts'
  /** Read the audit log. */
  | 'read_audit'
  /** Read sites, buildings, gateways, tariffs, control schedules and commands. */
  | 'read_site'
  /** Open self-service recharge orders (WeChat Pay, Alipay) and read them; tenants hold it for their own account. */
  | 'recharge'
  /** Record refunds (退电). */
  | 'refund'
  /** Reverse ledger entries (冲正). */
  | 'reverse'
  /** Record sales (售电). */
  | 'sell';

/** Who is calling. */
export type PrincipalKind =
  /** An integrator's API key. */
  | 'apikey'
  /** An operator of the property office, signed in with a session. */
  | 'operator'
  /** The server's background jobs (appears in audit entries, never as a caller). */
  | 'system'
  /** A tenant signed in to the tenant app, confined to their account. */
  | 'tenant';

/** A refund (退电) from an account's balance. */
export type RefundInput = {
  /** The account refunded. */
  accountId: string | number;
  /** The amount paid back, in fen; more than 0 and at most the balance. */
  amountFen: number | string;
  /** How it is paid back. */
  channel: Channel;
  /** Makes it safe to retry: the same key returns the first result (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). */
  idempotencyKey: string;
  /** The meter whose balance is refunded: required when the account keeps one balance per meter (the refund is then at most that meter's balance). */
  meterId?: string | number | null | undefined;
  /** Free text printed on the receipt, up to 500 characters. */
  note?: string;
};

/** Every write takes an idempotencyKey (8 to 100 printable ASCII characters without spaces, ':' or '/' (they separate the keys derived from it); a UUID is ideal): retrying with the same key returns the first result. */
export type SaleInput = {
  /** The account that buys. */
  accountId: string | number;
  /** The amount paid, in fen; more than 0. */
  amountFen: number | string;
  /** How it was paid. */
  channel: Channel;
  /** Makes it safe to retry: the same key returns the first result (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). */
  idempotencyKey: string;
  /** The meter the tenant asked for; required when the account keeps one balance per meter. */
  meterId?: string | number | null | undefined;
  /** Free text printed on the receipt, up to 500 characters. */
  note?: string;
};

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { kind: PrincipalKind, name: string, permissions: Array<Permission> } };

export type MetersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MetersQuery = { meters: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, address: string, room: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SellMutationVariables = Exact<{
  input: SaleInput;
}>;


export type SellMutation = { sell: { id: string, type: EntryType, receiptNo: string, amountFen: number, balanceAfterFen: number } };

export type RefundMutationVariables = Exact<{
  input: RefundInput;
}>;


export type RefundMutation = { refund: { id: string, type: EntryType, receiptNo: string, amountFen: number, balanceAfterFen: number } };

export type EntryFragment = { id: string, type: EntryType, receiptNo: string, amountFen: number, balanceAfterFen: number };

export type BalanceChangedSubscriptionVariables = Exact<{
  accountId?: string | number | null | undefined;
}>;


export type BalanceChangedSubscription = { balanceChanged: { account: { id: string, balanceFen: number }, entry: { id: string, type: EntryType, receiptNo: string, amountFen: number, balanceAfterFen: number } | null } };

export const EntryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Entry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterFen"}}]}}]} as unknown as DocumentNode<EntryFragment, unknown>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const MetersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Meters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"room"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<MetersQuery, MetersQueryVariables>;
export const SellDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Sell"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sell"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Entry"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Entry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterFen"}}]}}]} as unknown as DocumentNode<SellMutation, SellMutationVariables>;
export const RefundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Refund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Entry"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Entry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterFen"}}]}}]} as unknown as DocumentNode<RefundMutation, RefundMutationVariables>;
export const BalanceChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BalanceChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Entry"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Entry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNo"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterFen"}}]}}]} as unknown as DocumentNode<BalanceChangedSubscription, BalanceChangedSubscriptionVariables>;