/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an alarm is about. */
export const AlarmKind = {
  /** Balance at or below the account's alarm 1 threshold. */
  Alarm1: 'alarm1',
  /** Balance at or below the account's alarm 2 threshold. */
  Alarm2: 'alarm2',
  /** Balance at or below zero (欠费). */
  Arrears: 'arrears',
  /** A meter-billed meter's own balance disagrees with the platform's mirror of it. */
  BalanceMismatch: 'balance_mismatch',
  /** A gateway stopped answering; every meter behind it is unreachable. */
  GatewayOffline: 'gateway_offline',
  /** The meter stopped answering (失联); cleared by its next reading. */
  Offline: 'offline',
  /** The meter's newest power reading is above its overloadW. */
  Overload: 'overload',
  /** Charging of the meter's readings stopped on a fault (a register fell) until an operator corrects it. */
  ReadingFault: 'reading_fault'
} as const;

export type AlarmKind = typeof AlarmKind[keyof typeof AlarmKind];
/** Selects buildings; omitted fields do not filter. */
export type BuildingFilter = {
  /** Only this site's buildings. */
  siteId?: string | number | null | undefined;
};

/** A building's editable fields. createBuilding needs siteId and name; updateBuilding changes only the fields present. */
export type BuildingInput = {
  /** Floor labels in order; null or [] clears them. */
  floors?: Array<string> | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** Required when creating; an update cannot move a building to another site. */
  siteId?: string | number | null | undefined;
};

/** Selects gateways; omitted fields do not filter. */
export type GatewayFilter = {
  /** Only this building's gateways. */
  buildingId?: string | number | null | undefined;
  /** Only gateways online (true) or offline (false). */
  online?: boolean | null | undefined;
  /** Name or host contains. */
  search?: string | null | undefined;
  /** Only this site's gateways. */
  siteId?: string | number | null | undefined;
};

/** A gateway's editable fields. createGateway needs siteId, name, endpoint and protocol; updateGateway changes only the fields present. */
export type GatewayInput = {
  /** Null takes the gateway out of its building. */
  buildingId?: string | number | null | undefined;
  /** Required. host:port of the converter, e.g. 192.168.1.20:4001; null is refused with INVALID_INPUT. */
  endpoint?: string | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** 0 (or omitted on creation): every 30 minutes. */
  pollIntervalSeconds?: number | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  protocol?: GatewayProtocol | null | undefined;
  /** socks5://user:pass@host:port of the site agent; null or empty: none. */
  proxyUrl?: string | null | undefined;
  /** Required when creating; an update cannot move a gateway to another site. */
  siteId?: string | number | null | undefined;
};

/** How a gateway's bus speaks. */
export const GatewayProtocol = {
  /** DL/T 645-2007 over a transparent RS-485 converter. */
  Dlt645: 'dlt645',
  /** Modbus RTU frames over a TCP stream. */
  ModbusRtu: 'modbus_rtu',
  /** Modbus TCP (MBAP header). */
  ModbusTcp: 'modbus_tcp'
} as const;

export type GatewayProtocol = typeof GatewayProtocol[keyof typeof GatewayProtocol];
/** A right checked on every query, mutation and subscription. */
export const Permission = {
  /** Send remote controls to meters (trip, close, guarantee), read meters on demand and manage control schedules. */
  Control: 'control',
  /** Open, close and edit accounts, attach and replace meters. */
  ManageAccounts: 'manage_accounts',
  /** Edit sites, buildings, gateways and meters. */
  ManageMeters: 'manage_meters',
  /** Manage operators and API keys. */
  ManageOperators: 'manage_operators',
  /** Edit tariffs. */
  ManageTariffs: 'manage_tariffs',
  /** Read accounts, their meters, ledger entries and alarms; tenants hold it for their own account. */
  ReadAccounts: 'read_accounts',
  /** Read the audit log. */
  ReadAudit: 'read_audit',
  /** Read sites, buildings, gateways, tariffs, control schedules and commands. */
  ReadSite: 'read_site',
  /** Open self-service recharge orders (WeChat Pay, Alipay) and read them; tenants hold it for their own account. */
  Recharge: 'recharge',
  /** Record refunds (退电). */
  Refund: 'refund',
  /** Reverse ledger entries (冲正). */
  Reverse: 'reverse',
  /** Record sales (售电). */
  Sell: 'sell'
} as const;

export type Permission = typeof Permission[keyof typeof Permission];
/** Who is calling. */
export const PrincipalKind = {
  /** An integrator's API key. */
  Apikey: 'apikey',
  /** An operator of the property office, signed in with a session. */
  Operator: 'operator',
  /** The server's background jobs (appears in audit entries, never as a caller). */
  System: 'system',
  /** A tenant signed in to the tenant app, confined to their account. */
  Tenant: 'tenant'
} as const;

export type PrincipalKind = typeof PrincipalKind[keyof typeof PrincipalKind];
/** An operator's job; it decides their permissions. */
export const Role = {
  /** Everything, including operators and API keys. */
  Admin: 'admin',
  /** The sales desk: open and close accounts, sell, refund. */
  Cashier: 'cashier',
  /** Money checks: reversals, audit. */
  Finance: 'finance',
  /** Runs the site: accounts, meters, tariffs, control, audit. */
  Manager: 'manager',
  /** Reads only. */
  Viewer: 'viewer'
} as const;

export type Role = typeof Role[keyof typeof Role];
export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { kind: PrincipalKind, id: string, name: string, role: Role | null, permissions: Array<Permission> } };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { expiresAt: string, principal: { kind: PrincipalKind, id: string, name: string, role: Role | null, permissions: Array<Permission> } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type GraphiQlSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type GraphiQlSessionQuery = { me: { name: string } };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { meters: { totalCount: number }, metersOnline: { totalCount: number }, metersTripped: { totalCount: number }, metersUnassigned: { totalCount: number }, gateways: { totalCount: number }, gatewaysOffline: { totalCount: number }, alarms: { totalCount: number, nodes: Array<{ id: string, kind: AlarmKind, message: string, raisedAt: string, meter: { id: string, address: string, room: string } | null, gateway: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string } | null }> } };

export type DashboardAlarmsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardAlarmsSubscription = { alarmRaised: { id: string } };

export type BuildingsQueryVariables = Exact<{
  filter?: BuildingFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type BuildingsQuery = { buildings: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, floors: Array<string>, createdAt: string, site: { id: string, name: string } }> } };

export type CreateBuildingMutationVariables = Exact<{
  input: BuildingInput;
}>;


export type CreateBuildingMutation = { createBuilding: { id: string } };

export type UpdateBuildingMutationVariables = Exact<{
  id: string | number;
  input: BuildingInput;
}>;


export type UpdateBuildingMutation = { updateBuilding: { id: string } };

export type GatewaysQueryVariables = Exact<{
  filter?: GatewayFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type GatewaysQuery = { gateways: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, endpoint: string, protocol: GatewayProtocol, pollIntervalSeconds: number, online: boolean, lastSeenAt: string | null, createdAt: string, site: { id: string, name: string }, building: { id: string, name: string } | null }> } };

export type CreateGatewayMutationVariables = Exact<{
  input: GatewayInput;
}>;


export type CreateGatewayMutation = { createGateway: { id: string } };

export type UpdateGatewayMutationVariables = Exact<{
  id: string | number;
  input: GatewayInput;
}>;


export type UpdateGatewayMutation = { updateGateway: { id: string } };

export type BuildingOptionsQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
}>;


export type BuildingOptionsQuery = { buildings: { nodes: Array<{ id: string, name: string }> } };

export type GatewayOptionsQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
  buildingId?: string | number | null | undefined;
}>;


export type GatewayOptionsQuery = { gateways: { nodes: Array<{ id: string, name: string }> } };

export type TariffOptionsQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
}>;


export type TariffOptionsQuery = { tariffs: { nodes: Array<{ id: string, name: string }> } };

export type SitePickerQueryVariables = Exact<{ [key: string]: never; }>;


export type SitePickerQuery = { sites: Array<{ id: string, name: string, code: string, timezone: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    kind
    id
    name
    role
    permissions
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    expiresAt
    principal {
      kind
      id
      name
      role
      permissions
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const GraphiQlSessionDocument = new TypedDocumentString(`
    query GraphiQLSession {
  me {
    name
  }
}
    `) as unknown as TypedDocumentString<GraphiQlSessionQuery, GraphiQlSessionQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard {
  meters: meters(filter: {status: active}, first: 0) {
    totalCount
  }
  metersOnline: meters(filter: {status: active, online: true}, first: 0) {
    totalCount
  }
  metersTripped: meters(filter: {status: active, relay: open}, first: 0) {
    totalCount
  }
  metersUnassigned: meters(filter: {status: active, unassigned: true}, first: 0) {
    totalCount
  }
  gateways(first: 0) {
    totalCount
  }
  gatewaysOffline: gateways(filter: {online: false}, first: 0) {
    totalCount
  }
  alarms(filter: {active: true}, first: 8) {
    totalCount
    nodes {
      id
      kind
      message
      raisedAt
      meter {
        id
        address
        room
      }
      gateway {
        id
        name
      }
      account {
        id
        tenantName
        shopNo
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const DashboardAlarmsDocument = new TypedDocumentString(`
    subscription DashboardAlarms {
  alarmRaised {
    id
  }
}
    `) as unknown as TypedDocumentString<DashboardAlarmsSubscription, DashboardAlarmsSubscriptionVariables>;
export const BuildingsDocument = new TypedDocumentString(`
    query Buildings($filter: BuildingFilter, $first: Int, $after: String, $last: Int, $before: String) {
  buildings(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    nodes {
      id
      name
      floors
      createdAt
      site {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BuildingsQuery, BuildingsQueryVariables>;
export const CreateBuildingDocument = new TypedDocumentString(`
    mutation CreateBuilding($input: BuildingInput!) {
  createBuilding(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateBuildingMutation, CreateBuildingMutationVariables>;
export const UpdateBuildingDocument = new TypedDocumentString(`
    mutation UpdateBuilding($id: ID!, $input: BuildingInput!) {
  updateBuilding(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateBuildingMutation, UpdateBuildingMutationVariables>;
export const GatewaysDocument = new TypedDocumentString(`
    query Gateways($filter: GatewayFilter, $first: Int, $after: String, $last: Int, $before: String) {
  gateways(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    nodes {
      id
      name
      endpoint
      protocol
      pollIntervalSeconds
      online
      lastSeenAt
      createdAt
      site {
        id
        name
      }
      building {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GatewaysQuery, GatewaysQueryVariables>;
export const CreateGatewayDocument = new TypedDocumentString(`
    mutation CreateGateway($input: GatewayInput!) {
  createGateway(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateGatewayMutation, CreateGatewayMutationVariables>;
export const UpdateGatewayDocument = new TypedDocumentString(`
    mutation UpdateGateway($id: ID!, $input: GatewayInput!) {
  updateGateway(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateGatewayMutation, UpdateGatewayMutationVariables>;
export const BuildingOptionsDocument = new TypedDocumentString(`
    query BuildingOptions($siteId: ID) {
  buildings(filter: {siteId: $siteId}, first: 1000) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<BuildingOptionsQuery, BuildingOptionsQueryVariables>;
export const GatewayOptionsDocument = new TypedDocumentString(`
    query GatewayOptions($siteId: ID, $buildingId: ID) {
  gateways(filter: {siteId: $siteId, buildingId: $buildingId}, first: 1000) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<GatewayOptionsQuery, GatewayOptionsQueryVariables>;
export const TariffOptionsDocument = new TypedDocumentString(`
    query TariffOptions($siteId: ID) {
  tariffs(filter: {siteId: $siteId}, first: 1000) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TariffOptionsQuery, TariffOptionsQueryVariables>;
export const SitePickerDocument = new TypedDocumentString(`
    query SitePicker {
  sites {
    id
    name
    code
    timezone
  }
}
    `) as unknown as TypedDocumentString<SitePickerQuery, SitePickerQueryVariables>;