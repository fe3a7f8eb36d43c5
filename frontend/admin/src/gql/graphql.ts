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
/** A remote control meterlink sends to a meter. */
export const CommandKind = {
  /** Close the relay (合闸). */
  Close: 'close',
  /** Let the tenant close the relay at the meter (合闸允许). */
  CloseAllowed: 'close_allowed',
  /** Push credit into a meter that keeps its balance itself (prepaidMode meter). */
  Credit: 'credit',
  /** Leave guarantee. */
  GuaranteeOff: 'guarantee_off',
  /** Keep the power on whatever the balance (保电). */
  GuaranteeOn: 'guarantee_on',
  /** Send alarm and overload thresholds (设置下发). */
  PushSettings: 'push_settings',
  /** Send the meter's tariff (电价下发). */
  PushTariff: 'push_tariff',
  /** Back to automatic prepaid control (恢复预付费). */
  RestorePrepaid: 'restore_prepaid',
  /** Set the meter's clock. */
  TimeSync: 'time_sync',
  /** Open the relay (拉闸). */
  Trip: 'trip'
} as const;

export type CommandKind = typeof CommandKind[keyof typeof CommandKind];
/** Where a command is: pending → sent → confirmed, or failed, expired or cancelled; sent goes back to pending for a retry. */
export const CommandState = {
  /** Cancelled while pending (cancelCommand). */
  Cancelled: 'cancelled',
  /** The meter was read back as the command asked: done. */
  Confirmed: 'confirmed',
  /** It did not take effect before expiresAt. */
  Expired: 'expired',
  /** Given up; lastError says why. */
  Failed: 'failed',
  /** Waiting to be sent (first time or retry). */
  Pending: 'pending',
  /** Sent; waiting for the meter's read-back to confirm it. */
  Sent: 'sent'
} as const;

export type CommandState = typeof CommandState[keyof typeof CommandState];
/**
 * A batch of commands, one for each meter selected: meterIds and buildingId together select the
 * union of both (at least one is needed, at most 2000 meters).
 */
export type ControlMetersInput = {
  /** The credit to push: required for kind credit, refused for other kinds. */
  amountFen?: number | string | null | undefined;
  /** Every active meter in this building. */
  buildingId?: string | number | null | undefined;
  /**
   * 8 to 100 printable ASCII characters without spaces, ':' or '/', new for each batch. Each meter's command is enqueued under
   * `<idempotencyKey>:<meterId>`, so retrying the batch returns the same commands instead of new ones.
   */
  idempotencyKey: string;
  /** The command to send to each. */
  kind: CommandKind;
  /** These meters. */
  meterIds?: Array<string | number> | null | undefined;
  /**
   * Keep only the selected meters whose display status is one of these, e.g. [arrears] with a
   * building to trip every meter of the building in arrears. Meters left out get no result.
   */
  statuses?: Array<MeterDisplayStatus> | null | undefined;
  /** How long each command may wait to take effect before it expires: 1 to 604800 (7 days), default 1800. */
  ttlSeconds?: number | null | undefined;
};

/** How the platform drives a meter's relay: automatically by its balance, held closed (保电) or held open; operators' commands set it. */
export const ControlMode = {
  /** An operator's trip: no sale or payment closes it; restore_prepaid or an operator's close releases it. */
  ForcedTrip: 'forced_trip',
  /** 保电: never tripped automatically; set by guarantee_on, left by guarantee_off or restore_prepaid. */
  Guarantee: 'guarantee',
  /** Automatic: tripped on arrears (after the site's grace, outside friendly periods), closed when the balance is above zero again. */
  Prepaid: 'prepaid'
} as const;

export type ControlMode = typeof ControlMode[keyof typeof ControlMode];
/**
 * The codes of errors, as extensions.code carries them and as fields that report an error per item
 * (ControlResult.code) give them. Upper case, unlike the API's other enums, so that a value reads
 * exactly as the extensions.code of the same error.
 */
export const ErrorCode = {
  /** The request contradicts the current state (a closed account, a name taken). */
  Conflict: 'CONFLICT',
  /** Signed in, but without the permission needed, or not for this account. */
  Forbidden: 'FORBIDDEN',
  /** More money out than the balance holds; extensions.availableFen is what there was. */
  InsufficientBalance: 'INSUFFICIENT_BALANCE',
  /** A bug or unexpected failure; the server's log has the details under the request id. */
  Internal: 'INTERNAL',
  /** The request is malformed or out of range; extensions.field names the input at fault. */
  InvalidInput: 'INVALID_INPUT',
  /** The thing named does not exist (or is not visible to the caller). */
  NotFound: 'NOT_FOUND',
  /** No or a bad credential: sign in, or send a valid API key. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** A dependency (the database, a meter, a payment provider) is down: retry later. */
  Unavailable: 'UNAVAILABLE'
} as const;

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];
/**
 * A meter's status for display, one word for lists and badges. A meter shows the first that applies, in this
 * order of precedence: not_opened, offline, guarantee, tripped, arrears, alarm2, alarm1, normal.
 * Why: an unopened meter bills nobody, so nothing else about it matters; offline comes next
 * because every later fact may be stale; guarantee explains why a meter in arrears still has
 * power; a tripped relay is what the tenant feels; then the balance, worst level first.
 */
export const MeterDisplayStatus = {
  /** The account's balance is at or below its alarm 1 threshold. */
  Alarm1: 'alarm1',
  /** The account's balance is at or below its alarm 2 threshold. */
  Alarm2: 'alarm2',
  /** 欠费: the account's balance is at or below zero. */
  Arrears: 'arrears',
  /** 保电: kept on whatever the balance (controlMode guarantee). */
  Guarantee: 'guarantee',
  /** None of the above. */
  Normal: 'normal',
  /** No open account holds the meter. */
  NotOpened: 'not_opened',
  /** The meter stopped answering (失联): what is shown of it may be stale. */
  Offline: 'offline',
  /** The relay is open: the shop has no power. */
  Tripped: 'tripped'
} as const;

export type MeterDisplayStatus = typeof MeterDisplayStatus[keyof typeof MeterDisplayStatus];
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

export type MetersConsoleQueryVariables = Exact<{
  filter?: MeterFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MetersConsoleQuery = { meters: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, address: string, channel: number, floor: string, room: string, model: string, online: boolean, relay: RelayState, controlMode: ControlMode, displayStatus: MeterDisplayStatus, lastEnergyWh: number | null, lastReadAt: string | null, building: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string } | null }> } };

export type MeterPlacesQueryVariables = Exact<{ [key: string]: never; }>;


export type MeterPlacesQuery = { sites: Array<{ id: string, name: string }>, buildings: { nodes: Array<{ id: string, name: string, site: { id: string } }> } };

export type BuildingMeterCountQueryVariables = Exact<{
  buildingId: string | number;
}>;


export type BuildingMeterCountQuery = { meters: { totalCount: number } };

export type ControlMetersBatchMutationVariables = Exact<{
  input: ControlMetersInput;
}>;


export type ControlMetersBatchMutation = { controlMeters: { batchKey: string, results: Array<{ meterId: string, error: string | null, code: ErrorCode | null, meter: { id: string, address: string, room: string } | null, command: { id: string, state: CommandState, lastError: string } | null }> } };

export type ReadMetersNowMutationVariables = Exact<{
  meterIds?: Array<string | number> | string | number | null | undefined;
  buildingId?: string | number | null | undefined;
}>;


export type ReadMetersNowMutation = { readMeters: { errors: Array<string>, readings: Array<{ meter: { id: string } }> } };

export type MetersCommandProgressSubscriptionVariables = Exact<{
  batchKey?: string | null | undefined;
}>;


export type MetersCommandProgressSubscription = { commandProgress: { id: string, state: CommandState, lastError: string, attempts: number, meter: { id: string } } };

export type MeterDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type MeterDetailQuery = { meter: { id: string, address: string, channel: number, model: string, phases: number, protocol: MeterProtocol, floor: string, room: string, ctRatio: number, prepaidMode: PrepaidMode, relay: RelayState, controlMode: ControlMode, online: boolean, displayStatus: MeterDisplayStatus, lastEnergyWh: number | null, lastReadAt: string | null, balanceFen: number | null, building: { id: string, name: string } | null, gateway: { id: string, name: string } | null, tariff: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string, balanceFen: number } | null, latestReading: { readAt: string, energyWh: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, reverseWh: number | null, voltageDv: number | null, currentMa: number | null, powerW: number | null, powerFactorMilli: number | null, frequencyChz: number | null, relay: RelayState | null } | null, commands: { totalCount: number, nodes: Array<{ id: string, kind: CommandKind, state: CommandState, attempts: number, lastError: string, createdBy: string, createdAt: string, doneAt: string | null }> } | null, activeAlarms: Array<{ id: string, kind: AlarmKind, message: string, raisedAt: string }> } | null };

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
export const MetersConsoleDocument = new TypedDocumentString(`
    query MetersConsole($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
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
      floor
      room
      model
      online
      relay
      controlMode
      displayStatus
      lastEnergyWh
      lastReadAt
      building {
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
    `) as unknown as TypedDocumentString<MetersConsoleQuery, MetersConsoleQueryVariables>;
export const MeterPlacesDocument = new TypedDocumentString(`
    query MeterPlaces {
  sites {
    id
    name
  }
  buildings(first: 1000) {
    nodes {
      id
      name
      site {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeterPlacesQuery, MeterPlacesQueryVariables>;
export const BuildingMeterCountDocument = new TypedDocumentString(`
    query BuildingMeterCount($buildingId: ID!) {
  meters(filter: {buildingId: $buildingId, status: active}, first: 0) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<BuildingMeterCountQuery, BuildingMeterCountQueryVariables>;
export const ControlMetersBatchDocument = new TypedDocumentString(`
    mutation ControlMetersBatch($input: ControlMetersInput!) {
  controlMeters(input: $input) {
    batchKey
    results {
      meterId
      meter {
        id
        address
        room
      }
      command {
        id
        state
        lastError
      }
      error
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ControlMetersBatchMutation, ControlMetersBatchMutationVariables>;
export const ReadMetersNowDocument = new TypedDocumentString(`
    mutation ReadMetersNow($meterIds: [ID!], $buildingId: ID) {
  readMeters(meterIds: $meterIds, buildingId: $buildingId) {
    readings {
      meter {
        id
      }
    }
    errors
  }
}
    `) as unknown as TypedDocumentString<ReadMetersNowMutation, ReadMetersNowMutationVariables>;
export const MetersCommandProgressDocument = new TypedDocumentString(`
    subscription MetersCommandProgress($batchKey: String) {
  commandProgress(batchKey: $batchKey) {
    id
    state
    lastError
    attempts
    meter {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<MetersCommandProgressSubscription, MetersCommandProgressSubscriptionVariables>;
export const MeterDetailDocument = new TypedDocumentString(`
    query MeterDetail($id: ID!) {
  meter(id: $id) {
    id
    address
    channel
    model
    phases
    protocol
    floor
    room
    ctRatio
    prepaidMode
    relay
    controlMode
    online
    displayStatus
    lastEnergyWh
    lastReadAt
    balanceFen
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
      tenantName
      shopNo
      balanceFen
    }
    latestReading {
      readAt
      energyWh
      sharpWh
      peakWh
      flatWh
      valleyWh
      reverseWh
      voltageDv
      currentMa
      powerW
      powerFactorMilli
      frequencyChz
      relay
    }
    commands(first: 10) {
      totalCount
      nodes {
        id
        kind
        state
        attempts
        lastError
        createdBy
        createdAt
        doneAt
      }
    }
    activeAlarms {
      id
      kind
      message
      raisedAt
    }
  }
}
    `) as unknown as TypedDocumentString<MeterDetailQuery, MeterDetailQueryVariables>;