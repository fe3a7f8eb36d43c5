/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    expiresAt\n  }\n}\n\nquery Me {\n  me {\n    kind\n    name\n    permissions\n  }\n}\n\nquery Meters($first: Int, $after: String) {\n  meters(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        address\n        room\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation Sell($input: SaleInput!) {\n  sell(input: $input) {\n    ...Entry\n  }\n}\n\nmutation Refund($input: RefundInput!) {\n  refund(input: $input) {\n    ...Entry\n  }\n}\n\nfragment Entry on LedgerEntry {\n  id\n  type\n  receiptNo\n  amountFen\n  balanceAfterFen\n}\n\nsubscription BalanceChanged($accountId: ID) {\n  balanceChanged(accountId: $accountId) {\n    account {\n      id\n      balanceFen\n    }\n    entry {\n      ...Entry\n    }\n  }\n}": typeof types.LoginDocument,
};
const documents: Documents = {
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    expiresAt\n  }\n}\n\nquery Me {\n  me {\n    kind\n    name\n    permissions\n  }\n}\n\nquery Meters($first: Int, $after: String) {\n  meters(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        address\n        room\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation Sell($input: SaleInput!) {\n  sell(input: $input) {\n    ...Entry\n  }\n}\n\nmutation Refund($input: RefundInput!) {\n  refund(input: $input) {\n    ...Entry\n  }\n}\n\nfragment Entry on LedgerEntry {\n  id\n  type\n  receiptNo\n  amountFen\n  balanceAfterFen\n}\n\nsubscription BalanceChanged($accountId: ID) {\n  balanceChanged(accountId: $accountId) {\n    account {\n      id\n      balanceFen\n    }\n    entry {\n      ...Entry\n    }\n  }\n}": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    expiresAt\n  }\n}\n\nquery Me {\n  me {\n    kind\n    name\n    permissions\n  }\n}\n\nquery Meters($first: Int, $after: String) {\n  meters(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        address\n        room\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation Sell($input: SaleInput!) {\n  sell(input: $input) {\n    ...Entry\n  }\n}\n\nmutation Refund($input: RefundInput!) {\n  refund(input: $input) {\n    ...Entry\n  }\n}\n\nfragment Entry on LedgerEntry {\n  id\n  type\n  receiptNo\n  amountFen\n  balanceAfterFen\n}\n\nsubscription BalanceChanged($accountId: ID) {\n  balanceChanged(accountId: $accountId) {\n    account {\n      id\n      balanceFen\n    }\n    entry {\n      ...Entry\n    }\n  }\n}"): (typeof documents)["mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    expiresAt\n  }\n}\n\nquery Me {\n  me {\n    kind\n    name\n    permissions\n  }\n}\n\nquery Meters($first: Int, $after: String) {\n  meters(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        address\n        room\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation Sell($input: SaleInput!) {\n  sell(input: $input) {\n    ...Entry\n  }\n}\n\nmutation Refund($input: RefundInput!) {\n  refund(input: $input) {\n    ...Entry\n  }\n}\n\nfragment Entry on LedgerEntry {\n  id\n  type\n  receiptNo\n  amountFen\n  balanceAfterFen\n}\n\nsubscription BalanceChanged($accountId: ID) {\n  balanceChanged(accountId: $accountId) {\n    account {\n      id\n      balanceFen\n    }\n    entry {\n      ...Entry\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;