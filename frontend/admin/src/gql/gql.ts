/* eslint-disable */
import * as types from './graphql';



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
    "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n": typeof types.GraphiQlSessionDocument,
    "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n": typeof types.DashboardAlarmsDocument,
    "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n": typeof types.SitePickerDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n": types.GraphiQlSessionDocument,
    "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n": types.DashboardAlarmsDocument,
    "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n": types.SitePickerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      kind\n      id\n      name\n      role\n      permissions\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      expiresAt\n      principal {\n        kind\n        id\n        name\n        role\n        permissions\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GraphiQLSession {\n    me {\n      name\n    }\n  }\n"): typeof import('./graphql').GraphiQlSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    meters: meters(filter: { status: active }, first: 0) {\n      totalCount\n    }\n    metersOnline: meters(filter: { status: active, online: true }, first: 0) {\n      totalCount\n    }\n    metersTripped: meters(filter: { status: active, relay: open }, first: 0) {\n      totalCount\n    }\n    metersUnassigned: meters(filter: { status: active, unassigned: true }, first: 0) {\n      totalCount\n    }\n    gateways(first: 0) {\n      totalCount\n    }\n    gatewaysOffline: gateways(filter: { online: false }, first: 0) {\n      totalCount\n    }\n    alarms(filter: { active: true }, first: 8) {\n      totalCount\n      nodes {\n        id\n        kind\n        message\n        raisedAt\n        meter {\n          id\n          address\n          room\n        }\n        gateway {\n          id\n          name\n        }\n        account {\n          id\n          tenantName\n          shopNo\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardAlarms {\n    alarmRaised {\n      id\n    }\n  }\n"): typeof import('./graphql').DashboardAlarmsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SitePicker {\n    sites {\n      id\n      name\n      code\n      timezone\n    }\n  }\n"): typeof import('./graphql').SitePickerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
