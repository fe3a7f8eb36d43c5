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
/** Selects meters; omitted fields do not filter. */
export type MeterFilter = {
  /** Only this account's meters. */
  accountId?: string | number | null | undefined;
  /** Only this building's meters. */
  buildingId?: string | number | null | undefined;
  /** Only meters on this floor. */
  floor?: string | null | undefined;
  /** Only meters behind this gateway. */
  gatewayId?: string | number | null | undefined;
  /** Only meters online (true) or offline (false). */
  online?: boolean | null | undefined;
  /** Only meters whose relay is in this state. */
  relay?: RelayState | null | undefined;
  /** Address, room or model contains. */
  search?: string | null | undefined;
  /** Only this site's meters. */
  siteId?: string | number | null | undefined;
  /** Only meters in this life-cycle state. */
  status?: MeterStatus | null | undefined;
  /**
   * true: only meters on no account (free to attach); false: only meters on an account; omitted or
   * null: both.
   */
  unassigned?: boolean | null | undefined;
};

/**
 * A meter's editable fields. createMeter needs siteId, address and protocol, and the other fields take
 * the defaults shown; updateMeter changes only the fields present (the defaults apply to creation only).
 */
export type MeterInput = {
  /** Required; null is refused with INVALID_INPUT. */
  address?: string | null | undefined;
  /** Meter-billed meters: the on-meter alarm 1 threshold, in fen. */
  alarm1Fen?: number | string | null | undefined;
  /** Meter-billed meters: the on-meter alarm 2 threshold, in fen. */
  alarm2Fen?: number | string | null | undefined;
  /** Null takes the meter out of its building. */
  buildingId?: string | number | null | undefined;
  /**
   * 0 (the default) for a meter of its own; 1..36 for that channel of the multi-user device at
   * address. Modbus only: DL/T 645 multi-user devices give each user an address of its own.
   */
  channel?: number;
  /** Meter-billed meters: the stored-credit cap (囤积上限); null for none. */
  creditCapFen?: number | string | null | undefined;
  /** Current transformer ratio, 1 (none) to 10000; for a 200/5 A transformer 40. */
  ctRatio?: number;
  /** Its floor, up to 20 characters. */
  floor?: string;
  /** Omit (or null) for a direct (4G) meter. */
  gatewayId?: string | number | null | undefined;
  /** Direct (4G) meters only: the serial (Acrel 4G meter) or registration id (DTU) it dials in with, 1 to 32 letters or digits. */
  linkId?: string | null | undefined;
  /** Its model, e.g. DDSY1352, up to 50 characters. */
  model?: string;
  /** Active power in watts above which it raises an overload alarm; null: none. */
  overloadW?: number | null | undefined;
  /** 1 (single phase) or 3 (three phase). */
  phases?: number;
  /** Where its prepaid balance lives. */
  prepaidMode?: PrepaidMode;
  /** Required; null is refused with INVALID_INPUT. */
  protocol?: MeterProtocol | null | undefined;
  /** Its room or shop, up to 50 characters. */
  room?: string;
  /** Required when creating; an update cannot move a meter to another site. */
  siteId?: string | number | null | undefined;
  /**
   * Re-prices the readings not yet charged; once the meter has a tariff history (setMeterTariff), a
   * new tariff here takes effect now and cannot be removed.
   */
  tariffId?: string | number | null | undefined;
};

/** The protocol a meter speaks. */
export const MeterProtocol = {
  /** DL/T 645-2007, addressed by a 12-digit address. */
  Dlt645: 'dlt645',
  /** Modbus RTU, addressed by a unit id. */
  Modbus: 'modbus'
} as const;

export type MeterProtocol = typeof MeterProtocol[keyof typeof MeterProtocol];
/** A meter's life cycle. */
export const MeterStatus = {
  /** In service. */
  Active: 'active',
  /** Superseded by another meter (replacedBy); keeps its history. */
  Replaced: 'replaced',
  /** Taken out of service. */
  Retired: 'retired'
} as const;

export type MeterStatus = typeof MeterStatus[keyof typeof MeterStatus];
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
/** Where the prepaid balance lives. */
export const PrepaidMode = {
  /** Credit is pushed into the meter, which deducts and trips itself. */
  Meter: 'meter',
  /** The platform keeps the balance and trips the relay on arrears. */
  Platform: 'platform'
} as const;

export type PrepaidMode = typeof PrepaidMode[keyof typeof PrepaidMode];
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
/** A meter's relay as last read back. */
export const RelayState = {
  /** Closed: the shop has power. */
  Closed: 'closed',
  /** Open (tripped): the shop has no power. */
  Open: 'open',
  /** Not read back yet. */
  Unknown: 'unknown'
} as const;

export type RelayState = typeof RelayState[keyof typeof RelayState];
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
/** What a site's service fee is taken on. */
export const ServiceFeeOn = {
  /** Each charge: a service_fee entry beside each charge. */
  Charge: 'charge',
  /** Each sale: a service_fee entry beside each sale (LedgerEntry.fee), so the balance rises by the sale minus the fee; charges bear none. */
  Sale: 'sale'
} as const;

export type ServiceFeeOn = typeof ServiceFeeOn[keyof typeof ServiceFeeOn];
/**
 * A site's editable fields. createSite needs name and code, and the other fields take the defaults
 * shown; updateSite changes only the fields present (the defaults apply to creation only).
 */
export type SiteInput = {
  /** Required; null is refused with INVALID_INPUT. */
  code?: string | null | undefined;
  /** At most 60 local dates. */
  friendlyHolidays?: Array<string>;
  /** Friendly night in minutes after local midnight, 0 to 1439 (e.g. 1320 to 480 for 22:00-08:00): both or neither, not equal; null for none. */
  friendlyNightFrom?: number | null | undefined;
  /** End of the friendly night in minutes after local midnight, 0 to 1439; set with friendlyNightFrom. */
  friendlyNightTo?: number | null | undefined;
  /** true: no automatic trip on Saturdays and Sundays. */
  friendlyWeekends?: boolean;
  /** 0 or more fen below the overdraft limit before the automatic trip. */
  graceFen?: number | string;
  /** 0 to 10080 minutes (a week) in arrears before the automatic trip. */
  graceMinutes?: number;
  /** Omit (or null) when unknown: tariffs are then not checked against the markup cap. */
  gridPrice?: string | null | undefined;
  /** 0 to 100; omit on creation, or null, for the regulated default, 15. */
  markupCapPct?: number | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** 0 to 10000 basis points (150 = 1.5%). */
  serviceFeeBp?: number;
  /** charge (the default for a new site) or sale; null keeps the site's. */
  serviceFeeOn?: ServiceFeeOn | null | undefined;
  /** IANA time zone of local time, e.g. Asia/Shanghai. */
  timezone?: string;
};

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

export type MeterRegistryQueryVariables = Exact<{
  filter?: MeterFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MeterRegistryQuery = { meters: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, address: string, channel: number, protocol: MeterProtocol, model: string, phases: number, ctRatio: number, floor: string, room: string, direct: boolean, site: { id: string, name: string }, building: { id: string, name: string } | null, gateway: { id: string, name: string } | null, tariff: { id: string, name: string } | null, account: { id: string, no: string, tenantName: string } | null }> } };

export type CreateMeterMutationVariables = Exact<{
  input: MeterInput;
}>;


export type CreateMeterMutation = { createMeter: { id: string } };

export type UpdateMeterMutationVariables = Exact<{
  id: string | number;
  input: MeterInput;
}>;


export type UpdateMeterMutation = { updateMeter: { id: string } };

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

export type SitesQueryVariables = Exact<{ [key: string]: never; }>;


export type SitesQuery = { sites: Array<{ id: string, name: string, code: string, timezone: string, markupCapPct: number, serviceFeeBp: number, createdAt: string }> };

export type CreateSiteMutationVariables = Exact<{
  input: SiteInput;
}>;


export type CreateSiteMutation = { createSite: { id: string } };

export type UpdateSiteMutationVariables = Exact<{
  id: string | number;
  input: SiteInput;
}>;


export type UpdateSiteMutation = { updateSite: { id: string } };

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
export const MeterRegistryDocument = new TypedDocumentString(`
    query MeterRegistry($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
  meters(
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
      address
      channel
      protocol
      model
      phases
      ctRatio
      floor
      room
      direct
      site {
        id
        name
      }
      building {
        id
        name
      }
      gateway {
        id
        name
      }
      tariff {
        id
        name
      }
      account {
        id
        no
        tenantName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeterRegistryQuery, MeterRegistryQueryVariables>;
export const CreateMeterDocument = new TypedDocumentString(`
    mutation CreateMeter($input: MeterInput!) {
  createMeter(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateMeterMutation, CreateMeterMutationVariables>;
export const UpdateMeterDocument = new TypedDocumentString(`
    mutation UpdateMeter($id: ID!, $input: MeterInput!) {
  updateMeter(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateMeterMutation, UpdateMeterMutationVariables>;
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
export const SitesDocument = new TypedDocumentString(`
    query Sites {
  sites {
    id
    name
    code
    timezone
    markupCapPct
    serviceFeeBp
    createdAt
  }
}
    `) as unknown as TypedDocumentString<SitesQuery, SitesQueryVariables>;
export const CreateSiteDocument = new TypedDocumentString(`
    mutation CreateSite($input: SiteInput!) {
  createSite(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateSiteMutation, CreateSiteMutationVariables>;
export const UpdateSiteDocument = new TypedDocumentString(`
    mutation UpdateSite($id: ID!, $input: SiteInput!) {
  updateSite(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateSiteMutation, UpdateSiteMutationVariables>;
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