/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Selects accounts; omitted fields do not filter. */
export type AccountFilter = {
  /** Balance at or below, e.g. 0 for accounts in arrears. */
  balanceMaxFen?: number | string | null | undefined;
  /** Tenant name, shop number, phone or account number contains, or the address of a meter the account funds does (the number printed on the meter). */
  search?: string | null | undefined;
  /** Only this site's accounts. */
  siteId?: string | number | null | undefined;
  /** Only open or only closed accounts. */
  status?: AccountStatus | null | undefined;
};

/**
 * An account's editable fields. openAccount needs siteId, tenantName and phone; updateAccount changes
 * only the fields present (siteId is not changed by an update).
 */
export type AccountInput = {
  /** Defaults to 5000 (50 yuan); null restores the default. */
  alarm1Fen?: number | string | null | undefined;
  /** Defaults to 2000 (20 yuan); null restores the default. */
  alarm2Fen?: number | string | null | undefined;
  /** shared (the default for a new account) or per_meter; null keeps the account's mode. */
  balanceMode?: BalanceMode | null | undefined;
  /** Null clears it. */
  note?: string | null | undefined;
  /** How far below zero the balance may fall before the automatic trip, 0 to 100,000,000 (1,000,000 yuan). Defaults to 0 (trip at zero); null restores 0. */
  overdraftLimitFen?: number | string | null | undefined;
  /** Required. Mainland China mobile (13812345678) or landline (021-12345678). */
  phone?: string | null | undefined;
  /** Null or absent on opening: none. */
  shopNo?: string | null | undefined;
  /** Required when opening an account; an update does not move the account to another site. */
  siteId?: string | number | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  tenantName?: string | null | undefined;
};

/** Whether an account is in use. */
export const AccountStatus = {
  /** Closed (销户): its balance was refunded and its meters detached. */
  Closed: 'closed',
  /** In use: it can buy and its meters are supplied. */
  Open: 'open'
} as const;

export type AccountStatus = typeof AccountStatus[keyof typeof AccountStatus];
/** Who caused an audit entry. */
export const ActorKind = {
  /** A caller without a valid credential: a failed sign-in, a refused request. */
  Anonymous: 'anonymous',
  /** An integrator's API key. */
  Apikey: 'apikey',
  /** An operator of the property office, signed in with a session. */
  Operator: 'operator',
  /** The server's background jobs (payment notifications, meter commands, reconciliation). */
  System: 'system',
  /** A tenant signed in to the tenant app. */
  Tenant: 'tenant'
} as const;

export type ActorKind = typeof ActorKind[keyof typeof ActorKind];
/** Selects alarms; omitted fields do not filter. */
export type AlarmFilter = {
  /** Only this account's alarms. */
  accountId?: string | number | null | undefined;
  /** true: only active alarms (not cleared); false: only cleared ones (history). */
  active?: boolean | null | undefined;
  /** Alarms raised at or after this time. */
  from?: string | null | undefined;
  /** Only this gateway's alarms. */
  gatewayId?: string | number | null | undefined;
  /** Only alarms of this kind. */
  kind?: AlarmKind | null | undefined;
  /** Only this meter's alarms. */
  meterId?: string | number | null | undefined;
  /** Alarms whose account, meter or gateway belongs to the site. */
  siteId?: string | number | null | undefined;
  /** Alarms raised before this time. */
  to?: string | null | undefined;
};

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
/** Selects the alarms of an alarm report. */
export type AlarmStatsFilter = {
  /** Alarms raised at or after this time. */
  from: string;
  /** Only these kinds; omitted or empty: every kind. */
  kinds?: Array<AlarmKind> | null | undefined;
  /** Only alarms whose meter, account or gateway belongs to this site; days are counted in its time zone. Omitted: every site, days in Asia/Shanghai. */
  siteId?: string | number | null | undefined;
  /** Alarms raised before this time; at most 92 days after from. */
  to: string;
};

/**
 * A group's settings. createApportionGroup needs all but includeLineLoss; updateApportionGroup changes
 * only the fields present. Sources and members, when sent, are the whole lists: an edit replaces them.
 */
export type ApportionGroupInput = {
  /** true: the line loss under its master meters is shared too. */
  includeLineLoss?: boolean;
  /** Required, the whole list. */
  members?: Array<ApportionMemberInput> | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  method?: ApportionMethod | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** Required when creating; a group cannot move to another site. */
  siteId?: string | number | null | undefined;
  /** Required, the whole list. */
  sources?: Array<ApportionSourceInput> | null | undefined;
  /** Required: the tariff whose flat price the shared energy is charged at. */
  tariffId?: string | number | null | undefined;
};

/** An account sharing a group's energy. */
export type ApportionMemberInput = {
  /** The account, of the group's site. */
  accountId: string | number;
  /** Floor area in 1/100 m² (12050 is 120.50 m²); method area only. */
  areaM2x100?: number | null | undefined;
  /** Share in basis points (2500 is 25%); method fixed only, the members' adding up to 10000. */
  shareBp?: number | null | undefined;
};

/** How a group splits its shared energy over its members. */
export const ApportionMethod = {
  /** By floor area (areaM2x100). */
  Area: 'area',
  /** By fixed shares (shareBp), adding up to 10000 (100%). */
  Fixed: 'fixed',
  /** By each member's own metered energy in the month (the meters of its account). */
  Usage: 'usage'
} as const;

export type ApportionMethod = typeof ApportionMethod[keyof typeof ApportionMethod];
/** What a source meter of a group measures. */
export const ApportionRole = {
  /** A common-area meter (lifts, corridors, lighting): all of its energy is shared. */
  Common: 'common',
  /** A master meter (总表): with includeLineLoss, what it measured beyond the members' and common meters is shared. */
  Master: 'master'
} as const;

export type ApportionRole = typeof ApportionRole[keyof typeof ApportionRole];
/** A meter whose energy a group shares. */
export type ApportionSourceInput = {
  /** The meter, of the group's site. */
  meterId: string | number;
  /** Common or master. */
  role: ApportionRole;
};

/** Selects the open accounts of an arrears list; omitted fields do not filter. */
export type ArrearsFilter = {
  /** Only accounts with a meter in this building. */
  buildingId?: string | number | null | undefined;
  /** How low a balance to list; omitted: arrears (at or below zero). */
  level?: ArrearsLevel | null | undefined;
  /** Only this site's accounts. */
  siteId?: string | number | null | undefined;
};

/** How low a balance an arrears list keeps. */
export const ArrearsLevel = {
  /** At or below the account's alarm 1 threshold (alarm 2 and arrears included). */
  Alarm1: 'alarm1',
  /** At or below the account's alarm 2 threshold (arrears included). */
  Alarm2: 'alarm2',
  /** At or below zero (欠费). */
  Arrears: 'arrears'
} as const;

export type ArrearsLevel = typeof ArrearsLevel[keyof typeof ArrearsLevel];
/** Selects audit entries; omitted fields do not filter. */
export type AuditFilter = {
  /** Only this caller's entries (with actorKind, the id of that kind). */
  actorId?: string | number | null | undefined;
  /** Only this kind of caller. */
  actorKind?: ActorKind | null | undefined;
  /** Only failures (true) or only successes (false). */
  failed?: boolean | null | undefined;
  /** Entries at or after this time. */
  from?: string | null | undefined;
  /** Only this mutation or command, e.g. sell. */
  operation?: string | null | undefined;
  /** Entries before this time. */
  to?: string | null | undefined;
};

/** How an account's money funds its meters: one balance shared by all of them, or one balance per meter. */
export const BalanceMode = {
  /** Each meter has a balance of its own (Meter.balanceFen): every sale, refund and transfer names a meter, and alarms, the automatic trip and close and a meter's status follow the meter's own balance. Switching to it needs every fen of the account on a meter (its balance equal to the sum of its meters' balances); switching back is always allowed. */
  PerMeter: 'per_meter',
  /** One balance funds all the account's meters (the default). */
  Shared: 'shared'
} as const;

export type BalanceMode = typeof BalanceMode[keyof typeof BalanceMode];
/** The period over which tiers count cumulative energy. */
export const BillingPeriod = {
  /** A calendar month, local time. */
  Month: 'month',
  /** A calendar year, local time. */
  Year: 'year'
} as const;

export type BillingPeriod = typeof BillingPeriod[keyof typeof BillingPeriod];
/** How a person came to be bound to an account. */
export const BindingVia = {
  /** They typed the binding code (绑定码) of the account's opening receipt. */
  BindingCode: 'binding_code',
  /** An operator gave them a login for the account (createTenantUser), or the login predates bindings. */
  Operator: 'operator',
  /** They typed a code texted to the account's contact phone. */
  Sms: 'sms'
} as const;

export type BindingVia = typeof BindingVia[keyof typeof BindingVia];
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

/** How money was paid in or out. */
export const Channel = {
  /** Alipay. */
  Alipay: 'alipay',
  /** Bank transfer. */
  Bank: 'bank',
  /** Cash at the desk. */
  Cash: 'cash',
  /** WeChat Pay. */
  Wechat: 'wechat'
} as const;

export type Channel = typeof Channel[keyof typeof Channel];
/** What a charges report covers. */
export type ChargesReportFilter = {
  /** Only the charges of meters in this building; omitted: every building. */
  buildingId?: string | number | null | undefined;
  /** The first local day. */
  from: string;
  /** One row per day or month (year is refused). */
  period: ReportPeriod;
  /** Only this site's accounts; omitted: every site. */
  siteId?: string | number | null | undefined;
  /** The last local day (included): at most 366 days after from by day, 10 years by month. */
  to: string;
  /** How many accounts topAccounts lists, 0 to 100. */
  top?: number | null | undefined;
};

/** An account to close. */
export type CloseAccountInput = {
  /** The account to close. */
  accountId: string | number;
  /** How the remaining balance is paid back. */
  channel: Channel;
  /** Makes the closing safe to retry (8–100 printable ASCII characters, e.g. a UUID). */
  idempotencyKey: string;
  /** Free text on the refund entry, up to 500 characters. */
  note?: string;
};

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
/** A schedule's definition. createControlSchedule needs siteId, name, action and atMinute; updateControlSchedule changes only the fields present (the defaults apply to creation only). */
export type ControlScheduleInput = {
  /** Required; null is refused with INVALID_INPUT. */
  action?: ScheduleAction | null | undefined;
  /** Required: minutes after local midnight, 0 to 1439; null is refused with INVALID_INPUT. */
  atMinute?: number | null | undefined;
  /** Control every active meter of this building of the site. */
  buildingId?: string | number | null | undefined;
  /** false: keep the schedule but do not run it. */
  enabled?: boolean;
  /** Control these meters of the site (as well as the building's). */
  meterIds?: Array<string | number>;
  /** Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  siteId?: string | number | null | undefined;
  /** 0 = Sunday … 6 = Saturday; empty: every day. */
  weekdays?: Array<number>;
};

/** The length of one point of an energy chart, in the local time of the site. */
export const EnergyInterval = {
  /** One point per day, from local midnight. */
  Day: 'day',
  /** One point per hour. */
  Hour: 'hour',
  /** One point per calendar month. */
  Month: 'month'
} as const;

export type EnergyInterval = typeof EnergyInterval[keyof typeof EnergyInterval];
/** How an energy report groups its meters. */
export const EnergyReportGroup = {
  /** A row per account the meters are on now (the meters on none: one row with id null). */
  Account: 'account',
  /** A row per building (the meters in none: one row with id null). */
  Building: 'building',
  /** A row per meter. */
  Meter: 'meter'
} as const;

export type EnergyReportGroup = typeof EnergyReportGroup[keyof typeof EnergyReportGroup];
/** What an energy chart covers. */
export const EnergyScope = {
  /** The meters an account funds now, each from when it was attached (a meter replaced or detached takes its history with it: chart it by scope meter). */
  Account: 'account',
  /** Every meter of a building. */
  Building: 'building',
  /** One meter: its whole history (for a tenant: from when it was attached to their account). */
  Meter: 'meter',
  /** Every meter of a site. */
  Site: 'site'
} as const;

export type EnergyScope = typeof EnergyScope[keyof typeof EnergyScope];
/** What a ledger entry records. */
export const EntryType = {
  /** 公摊: the account's part of a group's shared energy (common-area meters, line loss) for a month (-). */
  Apportionment: 'apportionment',
  /** Consumption charged by billing (-). */
  Charge: 'charge',
  /** 补正: corrects one charge to what it should have cost; the difference (+ gives money back). */
  Correction: 'correction',
  /** 退电: money back to the tenant (-). */
  Refund: 'refund',
  /** 冲正: undoes one earlier entry. */
  Reversal: 'reversal',
  /** 售电: money in (+). */
  Sale: 'sale',
  /** 服务费: the service fee a site adds on a charge (-), an entry of its own beside the charge. */
  ServiceFee: 'service_fee',
  /** Balance moved between accounts or meters (±). */
  Transfer: 'transfer'
} as const;

export type EntryType = typeof EntryType[keyof typeof EntryType];
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
/** The first purchase recorded with an account's opening. */
export type FirstSaleInput = {
  /** The amount paid, in fen; more than 0. */
  amountFen: number | string;
  /** How it was paid. */
  channel: Channel;
  /** Makes the sale safe to retry (8–100 printable ASCII characters, e.g. a UUID). */
  idempotencyKey: string;
  /** The meter the money is for; required when the account keeps one balance per meter. */
  meterId?: string | number | null | undefined;
  /** Free text on the ledger entry, up to 500 characters. */
  note?: string;
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
  /** Only meters showing one of these display statuses (the meters console's status filter; meterStatusCounts counts them); omitted or empty: any. */
  displayStatus?: Array<MeterDisplayStatus> | null | undefined;
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
/** Selects the meters of a snapshot. */
export type MeterSnapshotFilter = {
  /** Only this building's meters. */
  buildingId?: string | number | null | undefined;
  /** The site (required: a snapshot is read per site). */
  siteId: string | number;
};

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
/** How a warning goes. */
export const NotificationChannel = {
  /** A text message to a phone. */
  Sms: 'sms',
  /** A WeChat mini-program subscription message (订阅消息) to a person who signed in with WeChat. */
  Wechat: 'wechat'
} as const;

export type NotificationChannel = typeof NotificationChannel[keyof typeof NotificationChannel];
/** Selects outbox rows; omitted fields do not filter. */
export type NotificationFilter = {
  /** Only this account's. */
  accountId?: string | number | null | undefined;
  /** Only this channel. */
  channel?: NotificationChannel | null | undefined;
  /** Only this kind. */
  kind?: NotificationKind | null | undefined;
  /** Only accounts of this site. */
  siteId?: string | number | null | undefined;
  /** Only rows in this state. */
  state?: NotificationState | null | undefined;
};

/** A kind of warning texted to tenants (docs/NOTIFICATIONS.md). */
export const NotificationKind = {
  /** The balance fell to alarm 1 (提醒线). */
  Alarm1: 'alarm1',
  /** The balance fell to alarm 2. */
  Alarm2: 'alarm2',
  /** The balance is at or below zero (欠费). */
  Arrears: 'arrears',
  /** A meter's relay was closed (power back), as the meter confirmed. */
  Close: 'close',
  /** A meter's relay was opened (power off), as the meter confirmed. */
  Trip: 'trip'
} as const;

export type NotificationKind = typeof NotificationKind[keyof typeof NotificationKind];
/** Where an outbox message stands. */
export const NotificationState = {
  /** The carrier reported it delivered. */
  Delivered: 'delivered',
  /** It will not be tried again (refused, undelivered, or out of attempts); retryNotification tries it again. */
  Failed: 'failed',
  /** Waiting for its next attempt (nextAttemptAt; inside quiet hours, their end). */
  Pending: 'pending',
  /** A worker is sending it now. */
  Sending: 'sending',
  /** Handed to the carrier or WeChat. */
  Sent: 'sent',
  /** Never sent: the account turned the channel off, or this server cannot send by it. */
  Suppressed: 'suppressed'
} as const;

export type NotificationState = typeof NotificationState[keyof typeof NotificationState];
/** Selects the meters and gateways of the offline report. */
export type OfflineFilter = {
  /** Only this building's meters and gateways. */
  buildingId?: string | number | null | undefined;
  /** Only the meters behind this gateway, and it. */
  gatewayId?: string | number | null | undefined;
  /** The site (required). */
  siteId: string | number;
};

/** An account to open. */
export type OpenAccountInput = {
  /** The new account's settings. */
  account: AccountInput;
  /** Record a first purchase with the opening (开户售电). */
  firstSale?: FirstSaleInput | null | undefined;
  /** Makes the opening safe to retry: the same key returns the account it opened (8–100 printable ASCII characters, e.g. a UUID). */
  idempotencyKey?: string | null | undefined;
  /** Meters of the same site, not held by another account, to attach at opening (at most 100). */
  meterIds?: Array<string | number>;
};

/** An operator's editable fields. createOperator needs all but disabled; updateOperator changes only the fields present. */
export type OperatorInput = {
  /** true: they cannot sign in. */
  disabled?: boolean;
  /** Null or empty: none. */
  displayName?: string | null | undefined;
  /** At least 10 characters and not a common password. Required on creation; on update, absent, null or empty keeps the current password. */
  password?: string | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  role?: Role | null | undefined;
  /** Required; null is refused with INVALID_INPUT. */
  username?: string | null | undefined;
};

/** How a self-service payer pays. */
export const PayMethod = {
  /** A phone browser outside the provider's app, redirected to the provider (WeChat H5, Alipay wap). */
  H5: 'h5',
  /** Inside the WeChat or Alipay mini-program (wx.requestPayment / my.tradePay); needs payerId. */
  MiniProgram: 'mini_program',
  /** A QR code shown at the sales desk or a kiosk (WeChat Native, Alipay precreate). */
  Qr: 'qr'
} as const;

export type PayMethod = typeof PayMethod[keyof typeof PayMethod];
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
/** A TOU rate. */
export const Rate = {
  /** 平: flat (shoulder). */
  Flat: 'flat',
  /** 峰: peak. */
  Peak: 'peak',
  /** 尖: the sharp peak. */
  Sharp: 'sharp',
  /** 谷: valley (off-peak). */
  Valley: 'valley'
} as const;

export type Rate = typeof Rate[keyof typeof Rate];
/** The price of one rate. */
export type RatePriceInput = {
  /** Its price in yuan per kWh, above 0, at most 4 decimals. */
  price: string;
  /** The rate. */
  rate: Rate;
};

/** A field a receipt may print besides those it always prints (its number and kind, the amount in figures and in capitals, the copy). */
export const ReceiptField = {
  /** 户号: the account number. */
  Account: 'account',
  /** 变动前余额 / 变动后余额: the balance before and after. */
  Balance: 'balance',
  /** 支付方式: how it was paid. */
  Channel: 'channel',
  /** 电表: the entry's meter, or the account's meters. */
  Meters: 'meters',
  /** 备注: the entry's note. */
  Note: 'note',
  /** 操作员: who recorded it. */
  Operator: 'operator',
  /** A QR code that opens the receipt in the tenant app. */
  Qr: 'qr',
  /** 铺位: the shop. */
  Shop: 'shop',
  /** Lines for the operator's and the tenant's signatures. */
  Signature: 'signature',
  /** 商户: the tenant's name. */
  Tenant: 'tenant',
  /** 时间: when, in the site's time zone. */
  Time: 'time'
} as const;

export type ReceiptField = typeof ReceiptField[keyof typeof ReceiptField];
/** A site's receipt layout but its logo (setReceiptLayout replaces it and keeps the logo, which is uploaded with PUT /receipts/logo/{siteId}). */
export type ReceiptLayoutInput = {
  /** The optional fields to print; null: all of them. */
  fields?: Array<ReceiptField> | null | undefined;
  /** At most 3 lines of at most 80 characters printed small at the foot of every part (a service phone, a note on refunds). */
  footer?: Array<string>;
  /** The tenant app's public address (http or https, no query), e.g. https://pay.example.com; empty: the address the printing request came to. */
  publicUrl?: string;
  /** The title heading every part, one line of at most 40 characters; empty: the site's name. */
  title?: string;
};

/** Selects recharge orders; omitted fields do not filter. */
export type RechargeOrderFilter = {
  /** Only this account's orders. */
  accountId?: string | number | null | undefined;
  /** Only orders on this channel. */
  channel?: Channel | null | undefined;
  /** Only orders flagged for finance. */
  flagged?: boolean;
  /** Orders opened at or after this time. */
  from?: string | null | undefined;
  /** Only orders in this state. */
  state?: RechargeOrderState | null | undefined;
  /** Orders opened before this time. */
  to?: string | null | undefined;
};

/** pending → paid (credited once) or closed (never paid); paid → refunded when refunds add up to the amount. */
export const RechargeOrderState = {
  /** Closed unpaid: it can no longer be paid. */
  Closed: 'closed',
  /** Paid and credited to the account (once). */
  Paid: 'paid',
  /** Waiting for the payer. */
  Pending: 'pending',
  /** Refunds add up to the whole amount. */
  Refunded: 'refunded'
} as const;

export type RechargeOrderState = typeof RechargeOrderState[keyof typeof RechargeOrderState];
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

/** A refund of a paid recharge order. */
export type RefundRechargeOrderInput = {
  /** The amount to refund, in fen; at most what is not yet refunded. */
  amountFen: number | string;
  /** Makes it safe to retry: the same key returns the first result (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). */
  idempotencyKey: string;
  /** The paid order. */
  orderId: string | number;
  /** Why, up to 500 characters. */
  reason: string;
};

/** Where a refund through a payment channel stands. */
export const RefundState = {
  /** The provider refused or gave up; the balance is unchanged. */
  Failed: 'failed',
  /** Asked of the provider, not settled yet; the ledger has not moved. */
  Processing: 'processing',
  /** The provider refunded the payer; the refund ledger entry is written. */
  Succeeded: 'succeeded'
} as const;

export type RefundState = typeof RefundState[keyof typeof RefundState];
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
/** A meter replacement (换表). */
export type ReplaceMeterInput = {
  /** The old meter's final reading. */
  finalEnergyWh: number | string;
  /** Makes it safe to retry: the same key returns the first result (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). */
  idempotencyKey: string;
  /** Balance left on the old meter (meter-balance mode only), carried to the new one. */
  meterBalanceFen?: number | string;
  /** The meter put in. */
  newMeterId: string | number;
  /** The new meter's register at installation. */
  newStartEnergyWh?: number | string;
  /** Free text printed on the receipt, up to 500 characters. */
  note?: string;
  /** The meter taken out. */
  oldMeterId: string | number;
};

/** How a report groups its days: one row per local day, calendar month or calendar year of the site. */
export const ReportPeriod = {
  /** One row per local day. */
  Day: 'day',
  /** One row per calendar month (its first day names it). */
  Month: 'month',
  /** One row per calendar year (its 1 January names it). */
  Year: 'year'
} as const;

export type ReportPeriod = typeof ReportPeriod[keyof typeof ReportPeriod];
/** A new password for a tenant's login, set by an operator when the tenant forgot theirs. */
export type ResetTenantPasswordInput = {
  /** Makes the reset safe to retry: the same key with the same login and password answers the login and changes nothing more; with another login or password it is a CONFLICT (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). Omitted: a retry resets again. */
  idempotencyKey?: string | null | undefined;
  /** The new password, to tell the tenant: at least 10 characters and not a common password. */
  newPassword: string;
  /** The tenant login (TenantUser.id). */
  userId: string | number;
};

/** A reversal (冲正) of one entry. */
export type ReverseInput = {
  /** The entry to reverse. */
  entryId: string | number;
  /** Makes it safe to retry: the same key returns the first result (8–100 printable ASCII characters without spaces, ':' or '/'; a UUID is ideal). */
  idempotencyKey: string;
  /** Why; printed on the receipt and kept in the audit log. */
  reason: string;
};

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

/** What a sales report covers. */
export type SalesReportFilter = {
  /** The first local day. */
  from: string;
  /** Only this operator's entries (needs read_audit unless it is the caller). */
  operatorId?: string | number | null | undefined;
  /** One row per day, month or year. */
  period: ReportPeriod;
  /** Only this site's accounts; omitted: every site, each day in its own site's time zone. */
  siteId?: string | number | null | undefined;
  /** The last local day (included): at most 366 days after from by day, 10 years by month or year. */
  to: string;
};

/** What a control schedule does at its time. */
export const ScheduleAction = {
  /** Close the relays (合闸), back to automatic prepaid control. */
  Close: 'close',
  /** Open the relays (拉闸): an operator's trip, which a sale does not undo. */
  Trip: 'trip'
} as const;

export type ScheduleAction = typeof ScheduleAction[keyof typeof ScheduleAction];
/** What a site's service fee is taken on. */
export const ServiceFeeOn = {
  /** Each charge: a service_fee entry beside each charge. */
  Charge: 'charge',
  /** Each sale: a service_fee entry beside each sale (LedgerEntry.fee), so the balance rises by the sale minus the fee; charges bear none. */
  Sale: 'sale'
} as const;

export type ServiceFeeOn = typeof ServiceFeeOn[keyof typeof ServiceFeeOn];
/** What a daily settlement covers. */
export type SettlementFilter = {
  /** The local day. */
  day: string;
  /** Only this operator's takings (needs read_audit unless it is the caller). */
  operatorId?: string | number | null | undefined;
  /** Only this site's accounts; omitted: every site. */
  siteId?: string | number | null | undefined;
};

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
  /** The property office's phone for tenants: a mainland China mobile (13812345678) or landline (021-12345678) number; empty for none. */
  officePhone?: string;
  /** 0 to 10000 basis points (150 = 1.5%). */
  serviceFeeBp?: number;
  /** charge (the default for a new site) or sale; null keeps the site's. */
  serviceFeeOn?: ServiceFeeOn | null | undefined;
  /** IANA time zone of local time, e.g. Asia/Shanghai. */
  timezone?: string;
};

/** Selects tariffs; omitted fields do not filter. */
export type TariffFilter = {
  /** Only tariffs of this kind. */
  kind?: TariffKind | null | undefined;
  /** Name contains. */
  search?: string | null | undefined;
  /** Only this site's tariffs. */
  siteId?: string | number | null | undefined;
};

/**
 * A tariff's settings. createTariff needs siteId, name and kind; updateTariff changes only the fields
 * present (the defaults apply to creation only). Prices, periods, variants and tiers, when sent, are the
 * whole lists: an edit replaces them.
 */
export type TariffInput = {
  /** Required with tiers, empty without; null clears it. */
  billingPeriod?: BillingPeriod | null | undefined;
  /** How it prices energy. Required; null is refused with INVALID_INPUT. */
  kind?: TariffKind | null | undefined;
  /** Its name, up to 100 characters. Required; null is refused with INVALID_INPUT. */
  name?: string | null | undefined;
  /** tou: the default day's periods. */
  periods?: Array<TariffPeriodInput>;
  /**
   * flat: one price for rate flat; tou: a price for each rate its periods (and variants) use; tiered:
   * none. With a site grid price, no price a tenant may pay (with the highest tier surcharge, for tou
   * with tiers) may exceed it by more than the site's markup cap.
   */
  prices?: Array<RatePriceInput>;
  /** Required when creating; a tariff cannot move to another site. */
  siteId?: string | number | null | undefined;
  /** tiered: 2 to 8 tiers; tou: none, or 2 to 8 tiers of surcharges (then billingPeriod is required). */
  tiers?: Array<TariffTierInput>;
  /** tou only: up to 8 season or weekday variants, first match wins. */
  variants?: Array<TariffVariantInput>;
};

/** How a tariff prices energy. */
export const TariffKind = {
  /** One price. */
  Flat: 'flat',
  /** Tiered by cumulative kWh in a billing period (阶梯). */
  Tiered: 'tiered',
  /**
   * Time of use: up to 4 rates over the day's periods (尖峰平谷), optionally other periods in some
   * months or on some weekdays (variants), optionally with tiers on top (阶梯 on top of 峰谷).
   */
  Tou: 'tou'
} as const;

export type TariffKind = typeof TariffKind[keyof typeof TariffKind];
/** A period of a tou day. */
export type TariffPeriodInput = {
  /** The rate from start on. */
  rate: Rate;
  /** HH:MM local time, 00:00 to 23:59. */
  start: string;
};

/** One tier of a tariff. */
export type TariffTierInput = {
  /** tiered: the tier's price, above 0; tou: the surcharge on the rate's price, 0 or more. */
  price: string;
  /** Omit for the last tier. */
  upToWh?: number | string | null | undefined;
};

/** Other periods of a tou tariff on some days. */
export type TariffVariantInput = {
  /** 1..12; omit for every month. Give months, weekdays or both. */
  months?: Array<number>;
  /** 2 to 14 periods, each using a rate priced in the tariff's prices. */
  periods: Array<TariffPeriodInput>;
  /** 0 (Sunday)..6 (Saturday); omit for every day of the week. */
  weekdays?: Array<number>;
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

export type AccountStatementCardQueryVariables = Exact<{
  accountId: string | number;
  month: string;
}>;


export type AccountStatementCardQuery = { accountStatement: { month: string, openingFen: number, closingFen: number, unsplitChargeFen: number, pdfUrl: string, byType: Array<{ type: EntryType, amountFen: number, count: number }>, purchases: Array<{ channel: Channel, amountFen: number, count: number }>, charges: Array<{ meterId: string, address: string, rate: Rate, tier: number, energyWh: number, amountFen: number }> } | null };

export type AccountsListQueryVariables = Exact<{
  filter?: AccountFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AccountsListQuery = { accounts: { totalCount: number, pageInfo: { startCursor: string | null, endCursor: string | null, hasNextPage: boolean, hasPreviousPage: boolean }, nodes: Array<{ id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, openedAt: string, site: { id: string, name: string }, meters: Array<{ id: string }> }> } };

export type AccountSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountSitesQuery = { sites: Array<{ id: string, name: string }> };

export type FreeMetersQueryVariables = Exact<{
  siteId: string | number;
  search?: string | null | undefined;
}>;


export type FreeMetersQuery = { meters: { nodes: Array<{ id: string, address: string, room: string, floor: string }> } };

export type OpenAccountMutationVariables = Exact<{
  input: OpenAccountInput;
}>;


export type OpenAccountMutation = { openAccount: { account: { id: string, tenantName: string, balanceFen: number }, sale: { id: string, receiptNo: string } | null } };

export type AccountDetailQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AccountDetailQuery = { account: { id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, balanceMode: BalanceMode, alarm1Fen: number, alarm2Fen: number, overdraftLimitFen: number, note: string, openedAt: string, closedAt: string | null, site: { id: string, name: string }, meters: Array<{ id: string, address: string, room: string, relay: RelayState, online: boolean, balanceFen: number | null, lastEnergyWh: number | null }>, entries: { totalCount: number, pageInfo: { startCursor: string | null, endCursor: string | null, hasNextPage: boolean, hasPreviousPage: boolean }, nodes: Array<{ id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string }> } } | null, alarms: { totalCount: number, nodes: Array<{ id: string, kind: AlarmKind, message: string, raisedAt: string, clearedAt: string | null, meter: { id: string, address: string } | null }> } };

export type AccountBalanceSubscriptionVariables = Exact<{
  accountId?: string | number | null | undefined;
}>;


export type AccountBalanceSubscription = { balanceChanged: { account: { id: string, balanceFen: number }, entry: { id: string } | null } };

export type CloseAccountMutationVariables = Exact<{
  input: CloseAccountInput;
}>;


export type CloseAccountMutation = { closeAccount: { account: { id: string, status: AccountStatus }, refund: { id: string, receiptNo: string } | null } };

export type AttachMeterMutationVariables = Exact<{
  accountId: string | number;
  meterId: string | number;
}>;


export type AttachMeterMutation = { attachMeter: { id: string } };

export type DetachMeterMutationVariables = Exact<{
  accountId: string | number;
  meterId: string | number;
}>;


export type DetachMeterMutation = { detachMeter: { id: string } };

export type ReplaceMeterMutationVariables = Exact<{
  input: ReplaceMeterInput;
}>;


export type ReplaceMeterMutation = { replaceMeter: { meter: { id: string, address: string } } };

export type CreateTenantUserMutationVariables = Exact<{
  accountId: string | number;
  phone: string;
  password: string;
}>;


export type CreateTenantUserMutation = { createTenantUser: { id: string } };

export type TenantUserRowFragment = { id: string, phone: string, disabled: boolean, createdAt: string, lastLoginAt: string | null };

export type AccountTenantUsersQueryVariables = Exact<{
  id: string | number;
}>;


export type AccountTenantUsersQuery = { account: { id: string, tenantUsers: Array<{ id: string, phone: string, disabled: boolean, createdAt: string, lastLoginAt: string | null }> | null } | null };

export type AccountBindingsQueryVariables = Exact<{
  id: string | number;
}>;


export type AccountBindingsQuery = { account: { id: string, bindingCode: string | null, bindings: Array<{ id: string, phone: string | null, wechat: boolean, via: BindingVia, createdAt: string }> | null } | null };

export type ResetTenantPasswordMutationVariables = Exact<{
  input: ResetTenantPasswordInput;
}>;


export type ResetTenantPasswordMutation = { resetTenantPassword: { id: string, phone: string, disabled: boolean, createdAt: string, lastLoginAt: string | null } };

export type SetTenantUserDisabledMutationVariables = Exact<{
  id: string | number;
  disabled: boolean;
}>;


export type SetTenantUserDisabledMutation = { setTenantUserDisabled: { id: string, phone: string, disabled: boolean, createdAt: string, lastLoginAt: string | null } };

export type RevokeBindingMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeBindingMutation = { revokeBinding: { id: string } };

export type AlarmsPageQueryVariables = Exact<{
  filter?: AlarmFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AlarmsPageQuery = { alarms: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, kind: AlarmKind, message: string, raisedAt: string, clearedAt: string | null, meter: { id: string, address: string, room: string } | null, gateway: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string } | null }> } };

export type AlarmsPageLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlarmsPageLiveSubscription = { alarmRaised: { id: string, clearedAt: string | null } };

export type ApiKeysPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ApiKeysPageQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, prefix: string, scopes: Array<Permission>, createdBy: string, createdAt: string, revokedAt: string | null, lastUsedAt: string | null }> } };

export type CreateApiKeyMutationVariables = Exact<{
  name: string;
  scopes: Array<Permission> | Permission;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type ApportionGroupsQueryVariables = Exact<{ [key: string]: never; }>;


export type ApportionGroupsQuery = { apportionGroups: Array<{ id: string, name: string, method: ApportionMethod, site: { id: string, name: string } }> };

export type ApportionGroupQueryVariables = Exact<{
  id: string | number;
}>;


export type ApportionGroupQuery = { apportionGroup: { id: string, name: string, method: ApportionMethod, includeLineLoss: boolean, updatedAt: string, site: { id: string, name: string }, tariff: { id: string, name: string }, sources: Array<{ role: ApportionRole, meter: { id: string, address: string, channel: number, room: string } }>, members: Array<{ areaM2x100: number | null, shareBp: number | null, account: { id: string, no: string, tenantName: string, shopNo: string } }> } | null };

export type ApportionRunsQueryVariables = Exact<{
  groupId: string | number;
}>;


export type ApportionRunsQuery = { apportionRuns: Array<{ id: string, month: string, commonWh: number, lineLossWh: number, totalWh: number, price: string, totalFen: number, note: string, createdAt: string }> };

export type ApportionRunQueryVariables = Exact<{
  id: string | number;
}>;


export type ApportionRunQuery = { apportionRun: { id: string, groupId: string, month: string, periodStart: string, periodEnd: string, commonWh: number, lineLossWh: number, totalWh: number, price: string, totalFen: number, note: string, createdAt: string } | null };

export type ApportionGroupMethodQueryVariables = Exact<{
  id: string | number;
}>;


export type ApportionGroupMethodQuery = { apportionGroup: { id: string, name: string, method: ApportionMethod } | null };

export type ApportionSharesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ApportionSharesQuery = { apportionRun: { id: string, shares: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ weight: number, energyWh: number, amountFen: number, note: string, account: { id: string, no: string, tenantName: string, shopNo: string } }> } } | null };

export type RunApportionmentMutationVariables = Exact<{
  groupId: string | number;
  month: string;
}>;


export type RunApportionmentMutation = { runApportionment: { id: string, month: string, totalFen: number } };

export type CreateApportionGroupMutationVariables = Exact<{
  input: ApportionGroupInput;
}>;


export type CreateApportionGroupMutation = { createApportionGroup: { id: string } };

export type UpdateApportionGroupMutationVariables = Exact<{
  id: string | number;
  input: ApportionGroupInput;
}>;


export type UpdateApportionGroupMutation = { updateApportionGroup: { id: string } };

export type ApportionAccountChoicesQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
  search?: string | null | undefined;
}>;


export type ApportionAccountChoicesQuery = { accounts: { nodes: Array<{ id: string, no: string, tenantName: string, shopNo: string }> } };

export type ApportionMeterChoicesQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
  search?: string | null | undefined;
}>;


export type ApportionMeterChoicesQuery = { meters: { nodes: Array<{ id: string, address: string, channel: number, room: string }> } };

export type AuditPageQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AuditPageQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, at: string, actorKind: ActorKind, actorName: string, operation: string, args: string, ip: string, result: string, message: string, durationMs: number }> } };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { meterStatusCounts: Array<{ status: MeterDisplayStatus, count: number, online: number }>, gateways: { totalCount: number }, gatewaysOffline: { totalCount: number }, alarms: { totalCount: number, nodes: Array<{ id: string, kind: AlarmKind, message: string, raisedAt: string, meter: { id: string, address: string, room: string } | null, gateway: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string } | null }> } };

export type DashboardAlarmsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardAlarmsSubscription = { alarmRaised: { id: string } };

export type DashboardSalesQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type DashboardSalesQuery = { sites: Array<{ id: string, name: string }>, salesSummary: { totalFen: number, count: number, byChannel: Array<{ channel: Channel, amountFen: number, count: number }>, byOperator: Array<{ operatorId: string | null, name: string, amountFen: number, count: number }> } };

export type DashboardSalesLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardSalesLiveSubscription = { balanceChanged: { entry: { id: string } | null } };

export type DeskAccountFragment = { id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, balanceMode: BalanceMode, site: { id: string, name: string }, meters: Array<{ id: string, address: string, room: string, balanceFen: number | null }> };

export type DeskSearchQueryVariables = Exact<{
  search: string;
}>;


export type DeskSearchQuery = { accounts: { nodes: Array<{ id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, balanceMode: BalanceMode, site: { id: string, name: string }, meters: Array<{ id: string, address: string, room: string, balanceFen: number | null }> }> }, meters: { nodes: Array<{ id: string, account: { id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, balanceMode: BalanceMode, site: { id: string, name: string }, meters: Array<{ id: string, address: string, room: string, balanceFen: number | null }> } | null }> } };

export type DeskEntryFragment = { id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string, meter: { id: string, address: string } | null, fee: { id: string, amountFen: number } | null };

export type DeskAccountDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type DeskAccountDetailQuery = { account: { id: string, no: string, tenantName: string, shopNo: string, phone: string, status: AccountStatus, balanceFen: number, balanceMode: BalanceMode, entries: { nodes: Array<{ id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string, reverses: { id: string } | null, meter: { id: string, address: string } | null, fee: { id: string, amountFen: number } | null }> }, site: { id: string, name: string }, meters: Array<{ id: string, address: string, room: string, balanceFen: number | null }> } | null, reversals: { nodes: Array<{ id: string, reverses: { id: string } | null }> } };

export type DeskBalanceSubscriptionVariables = Exact<{
  accountId?: string | number | null | undefined;
}>;


export type DeskBalanceSubscription = { balanceChanged: { account: { id: string, balanceFen: number } } };

export type DeskSellMutationVariables = Exact<{
  input: SaleInput;
}>;


export type DeskSellMutation = { sell: { id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string, meter: { id: string, address: string } | null, fee: { id: string, amountFen: number } | null } };

export type DeskRefundMutationVariables = Exact<{
  input: RefundInput;
}>;


export type DeskRefundMutation = { refund: { id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string, meter: { id: string, address: string } | null, fee: { id: string, amountFen: number } | null } };

export type DeskReverseMutationVariables = Exact<{
  input: ReverseInput;
}>;


export type DeskReverseMutation = { reverseEntry: { id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, receiptNo: string, actor: string, note: string, createdAt: string, meter: { id: string, address: string } | null, fee: { id: string, amountFen: number } | null } };

export type DeskTakingsQueryVariables = Exact<{
  operatorId: string | number;
  from: string;
  to: string;
}>;


export type DeskTakingsQuery = { salesSummary: { totalFen: number, count: number, byChannel: Array<{ channel: Channel, amountFen: number, count: number }>, byType: Array<{ type: EntryType, amountFen: number, count: number }> } };

export type EnergyBuildingsQueryVariables = Exact<{ [key: string]: never; }>;


export type EnergyBuildingsQuery = { sites: Array<{ id: string, name: string }>, buildings: { nodes: Array<{ id: string, name: string, site: { name: string } }> } };

export type EnergyMetersQueryVariables = Exact<{
  filter?: MeterFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type EnergyMetersQuery = { meters: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, address: string, channel: number, room: string, floor: string, ctRatio: number, lastEnergyWh: number | null, lastReadAt: string | null, building: { id: string, name: string } | null, account: { id: string, tenantName: string, shopNo: string } | null, latestReading: { readAt: string, energyWh: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, powerW: number | null } | null }> } };

export type EnergyTrendQueryVariables = Exact<{
  scope: EnergyScope;
  id: string | number;
  from: string;
  to: string;
  interval: EnergyInterval;
}>;


export type EnergyTrendQuery = { energyUsage: Array<{ start: string, energyWh: number, amountFen: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null }> | null };

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

export type BatchCommandsQueryVariables = Exact<{
  kind: CommandKind;
  first: number;
}>;


export type BatchCommandsQuery = { commands: { nodes: Array<{ id: string, state: CommandState, lastError: string }> } };

export type NotificationsPageQueryVariables = Exact<{
  filter?: NotificationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type NotificationsPageQuery = { notifications: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, accountId: string, kind: NotificationKind, channel: NotificationChannel, recipient: string, text: string, state: NotificationState, attempts: number, nextAttemptAt: string, lastError: string, createdAt: string, sentAt: string | null, deliveredAt: string | null }> } };

export type NotificationRowFragment = { id: string, accountId: string, kind: NotificationKind, channel: NotificationChannel, recipient: string, text: string, state: NotificationState, attempts: number, nextAttemptAt: string, lastError: string, createdAt: string, sentAt: string | null, deliveredAt: string | null };

export type RetryNotificationMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryNotificationMutation = { retryNotification: { id: string, accountId: string, kind: NotificationKind, channel: NotificationChannel, recipient: string, text: string, state: NotificationState, attempts: number, nextAttemptAt: string, lastError: string, createdAt: string, sentAt: string | null, deliveredAt: string | null } };

export type SmsStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type SmsStatusQuery = { smsStatus: { driver: string, state: string, registration: string, signal: number | null, signalDbm: number | null, lastError: string, errorAt: string | null, sent: number | null } };

export type NotificationTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationTemplatesQuery = { sites: Array<{ id: string, name: string, notificationTemplates: Array<{ kind: NotificationKind, text: string, custom: boolean, updatedBy: string, updatedAt: string | null }>, quietHours: { start: string, end: string } }> };

export type SetNotificationTemplateMutationVariables = Exact<{
  siteId: string | number;
  kind: NotificationKind;
  text: string;
}>;


export type SetNotificationTemplateMutation = { setNotificationTemplate: { kind: NotificationKind, text: string, custom: boolean } };

export type PreviewNotificationTemplateQueryVariables = Exact<{
  kind: NotificationKind;
  text: string;
}>;


export type PreviewNotificationTemplateQuery = { previewNotificationTemplate: string };

export type SetQuietHoursMutationVariables = Exact<{
  siteId: string | number;
  start: string;
  end: string;
}>;


export type SetQuietHoursMutation = { setQuietHours: { start: string, end: string } };

export type AccountNotificationsQueryVariables = Exact<{
  id: string | number;
}>;


export type AccountNotificationsQuery = { account: { id: string, notificationSettings: { sms: boolean, wechat: boolean }, notifications: { totalCount: number, nodes: Array<{ id: string, accountId: string, kind: NotificationKind, channel: NotificationChannel, recipient: string, text: string, state: NotificationState, attempts: number, nextAttemptAt: string, lastError: string, createdAt: string, sentAt: string | null, deliveredAt: string | null }> } } | null };

export type SetAccountNotificationSettingsMutationVariables = Exact<{
  accountId: string | number;
  sms?: boolean | null | undefined;
  wechat?: boolean | null | undefined;
}>;


export type SetAccountNotificationSettingsMutation = { setNotificationSettings: { sms: boolean, wechat: boolean } };

export type OperatorsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type OperatorsPageQuery = { operators: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, username: string, displayName: string, role: Role, disabled: boolean, createdAt: string, lastLoginAt: string | null }> } };

export type CreateOperatorMutationVariables = Exact<{
  input: OperatorInput;
}>;


export type CreateOperatorMutation = { createOperator: { id: string } };

export type UpdateOperatorMutationVariables = Exact<{
  id: string | number;
  input: OperatorInput;
}>;


export type UpdateOperatorMutation = { updateOperator: { id: string, role: Role, disabled: boolean, displayName: string } };

export type OperatorRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type OperatorRolesQuery = { roles: Array<{ role: Role, permissions: Array<Permission> }> };

export type OrdersPageQueryVariables = Exact<{
  filter?: RechargeOrderFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type OrdersPageQuery = { rechargeOrders: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, outTradeNo: string, channel: Channel, method: PayMethod, amountFen: number, state: RechargeOrderState, transactionId: string | null, refundedFen: number, flag: string, createdAt: string, paidAt: string | null, account: { id: string, no: string, tenantName: string, shopNo: string, balanceFen: number }, refunds: Array<{ id: string, outRefundNo: string, amountFen: number, reason: string, state: RefundState, actor: string, flag: string, createdAt: string, settledAt: string | null }> }> } };

export type RefundRechargeOrderMutationVariables = Exact<{
  input: RefundRechargeOrderInput;
}>;


export type RefundRechargeOrderMutation = { refundRechargeOrder: { id: string, state: RefundState, amountFen: number } };

export type OrdersPageLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OrdersPageLiveSubscription = { balanceChanged: { order: { id: string } | null } };

export type AlarmStatsPageQueryVariables = Exact<{
  filter: AlarmStatsFilter;
}>;


export type AlarmStatsPageQuery = { alarmStats: { byKind: Array<{ kind: AlarmKind, raised: number, stillOpen: number, meanSeconds: number, longestSeconds: number, openNow: number }>, days: Array<{ day: string, kind: AlarmKind, raised: number }>, topMeters: Array<{ id: string, label: string, count: number, totalSeconds: number }>, topAccounts: Array<{ id: string, label: string, count: number, totalSeconds: number }> } };

export type ArrearsReportPageQueryVariables = Exact<{
  filter?: ArrearsFilter | null | undefined;
}>;


export type ArrearsReportPageQuery = { arrearsReport: { count: number, debtFen: number, balanceFen: number, byBuilding: Array<{ buildingId: string | null, buildingName: string, count: number, debtFen: number }>, rows: Array<{ accountId: string, accountNo: string, tenantName: string, shopNo: string, phone: string, balanceFen: number, debtFen: number, level: ArrearsLevel, since: string | null, buildingName: string, lastPaymentAt: string | null, lastPaymentFen: number | null, meters: Array<{ meterId: string, address: string, room: string, relay: RelayState, online: boolean }> }> } };

export type ChargesReportQueryVariables = Exact<{
  filter: ChargesReportFilter;
}>;


export type ChargesReportQuery = { chargesReport: { periods: Array<{ start: string, chargesFen: number, chargeCount: number, feesFen: number, feeCount: number, correctionsFen: number, correctionCount: number, reversalsFen: number, reversalCount: number, netFen: number }>, total: { chargesFen: number, chargeCount: number, feesFen: number, feeCount: number, correctionsFen: number, correctionCount: number, reversalsFen: number, reversalCount: number, netFen: number }, topAccounts: Array<{ accountId: string, accountNo: string, tenantName: string, chargesFen: number, chargeCount: number, feesFen: number, feeCount: number, correctionsFen: number, correctionCount: number, reversalsFen: number, reversalCount: number, netFen: number }> }, buildings: { nodes: Array<{ id: string, name: string }> } };

export type EnergyReportSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type EnergyReportSitesQuery = { sites: Array<{ id: string, name: string }>, buildings: { nodes: Array<{ id: string, name: string, site: { id: string } }> } };

export type EnergyReportQueryVariables = Exact<{
  siteId: string | number;
  buildingId?: string | number | null | undefined;
  groupBy: EnergyReportGroup;
  from: string;
  to: string;
  offset?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type EnergyReportQuery = { energyReport: { totalRows: number, rows: Array<{ id: string | null, name: string, meters: number, energyWh: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, chargedWh: number, amountFen: number }>, total: { id: string | null, name: string, meters: number, energyWh: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, chargedWh: number, amountFen: number } } };

export type EnergyReportRowFieldsFragment = { id: string | null, name: string, meters: number, energyWh: number, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, chargedWh: number, amountFen: number };

export type OfflineSummaryPageQueryVariables = Exact<{
  filter: OfflineFilter;
}>;


export type OfflineSummaryPageQuery = { offlineSummary: { meters: number, offline: number, gateways: number, byBuilding: Array<{ buildingId: string | null, buildingName: string, meters: number, offline: number }>, offlineGateways: Array<{ gatewayId: string, name: string, buildingName: string, host: string, port: number, since: string | null, lastSeenAt: string | null, offlineSeconds: number | null, meters: number }> } };

export type OfflineMetersPageQueryVariables = Exact<{
  filter: OfflineFilter;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type OfflineMetersPageQuery = { offlineMeters: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ meterId: string, address: string, channel: number, buildingName: string, floor: string, room: string, gatewayId: string | null, gatewayName: string | null, gatewayOnline: boolean | null, since: string | null, lastReadAt: string | null, offlineSeconds: number | null }> } };

export type SalesReportQueryVariables = Exact<{
  filter: SalesReportFilter;
}>;


export type SalesReportQuery = { salesReport: { periods: Array<{ start: string, byChannel: Array<{ channel: Channel, netFen: number }>, total: { salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number } }>, byChannel: Array<{ channel: Channel, salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number }>, byOperator: Array<{ operatorId: string | null, name: string, salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number }>, total: { salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number } } };

export type DailySettlementQueryVariables = Exact<{
  filter: SettlementFilter;
}>;


export type DailySettlementQuery = { dailySettlement: { day: string, cashiers: Array<{ operatorId: string | null, name: string, byChannel: Array<{ channel: Channel, salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number }>, total: { salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number } }>, byChannel: Array<{ channel: Channel, salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number }>, total: { salesFen: number, salesCount: number, refundsFen: number, refundCount: number, reversalsFen: number, reversalCount: number, netFen: number } } };

export type MeterSnapshotPageQueryVariables = Exact<{
  filter: MeterSnapshotFilter;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MeterSnapshotPageQuery = { meterSnapshot: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ meterId: string, address: string, channel: number, buildingName: string, floor: string, room: string, accountNo: string | null, tenantName: string | null, energyWh: number | null, sharpWh: number | null, peakWh: number | null, flatWh: number | null, valleyWh: number | null, reverseWh: number | null, balanceFen: number | null, meterBalanceFen: number | null, relay: RelayState, displayStatus: MeterDisplayStatus, online: boolean, lastReadAt: string | null }> } };

export type StatementGroupsQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
}>;


export type StatementGroupsQuery = { apportionGroups: Array<{ id: string, name: string }> };

export type StatementRunsQueryVariables = Exact<{
  groupId: string | number;
}>;


export type StatementRunsQuery = { apportionRuns: Array<{ id: string, month: string }> };

export type ApportionStatementPageQueryVariables = Exact<{
  runId: string | number;
}>;


export type ApportionStatementPageQuery = { apportionStatement: { groupName: string, method: ApportionMethod, weightTotal: number, ledgerFen: number, reversedFen: number, reconciled: boolean, run: { id: string, month: string, commonWh: number, lineLossWh: number, totalWh: number, price: string, totalFen: number, note: string }, sources: Array<{ meterId: string, address: string, room: string, role: ApportionRole, energyWh: number }>, lines: Array<{ accountId: string, accountNo: string, tenantName: string, weight: number, shareBp: number, energyWh: number, amountFen: number, entryId: string | null, entryFen: number, reversedFen: number, note: string, reconciled: boolean }> } | null };

export type ReportSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportSitesQuery = { sites: Array<{ id: string, name: string }> };

export type ScheduleFieldsFragment = { id: string, name: string, action: ScheduleAction, atMinute: number, weekdays: Array<number>, enabled: boolean, meterIds: Array<string>, createdAt: string, site: { id: string, name: string }, building: { id: string, name: string } | null };

export type ControlSchedulesQueryVariables = Exact<{
  siteId?: string | number | null | undefined;
}>;


export type ControlSchedulesQuery = { controlSchedules: Array<{ id: string, name: string, action: ScheduleAction, atMinute: number, weekdays: Array<number>, enabled: boolean, meterIds: Array<string>, createdAt: string, site: { id: string, name: string }, building: { id: string, name: string } | null }>, sites: Array<{ id: string, name: string }> };

export type ScheduleBuildingsQueryVariables = Exact<{
  siteId: string | number;
}>;


export type ScheduleBuildingsQuery = { buildings: { nodes: Array<{ id: string, name: string }> } };

export type ScheduleMetersQueryVariables = Exact<{
  filter?: MeterFilter | null | undefined;
}>;


export type ScheduleMetersQuery = { meters: { nodes: Array<{ id: string, address: string, room: string }> } };

export type CreateControlScheduleMutationVariables = Exact<{
  input: ControlScheduleInput;
}>;


export type CreateControlScheduleMutation = { createControlSchedule: { id: string, name: string, action: ScheduleAction, atMinute: number, weekdays: Array<number>, enabled: boolean, meterIds: Array<string>, createdAt: string, site: { id: string, name: string }, building: { id: string, name: string } | null } };

export type UpdateControlScheduleMutationVariables = Exact<{
  id: string | number;
  input: ControlScheduleInput;
}>;


export type UpdateControlScheduleMutation = { updateControlSchedule: { id: string, name: string, action: ScheduleAction, atMinute: number, weekdays: Array<number>, enabled: boolean, meterIds: Array<string>, createdAt: string, site: { id: string, name: string }, building: { id: string, name: string } | null } };

export type DeleteControlScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteControlScheduleMutation = { deleteControlSchedule: boolean };

export type ReceiptLayoutsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReceiptLayoutsQuery = { sites: Array<{ id: string, receiptLayout: { title: string, footer: Array<string>, fields: Array<ReceiptField>, logoPng: string | null, publicUrl: string } }> };

export type SetReceiptLayoutMutationVariables = Exact<{
  siteId: string | number;
  layout: ReceiptLayoutInput;
}>;


export type SetReceiptLayoutMutation = { setReceiptLayout: { id: string } };

export type SettingsSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsSitesQuery = { sites: Array<{ id: string, name: string, code: string, timezone: string, gridPrice: string | null, markupCapPct: number, serviceFeeBp: number, serviceFeeOn: ServiceFeeOn, graceFen: number, graceMinutes: number, friendlyNightFrom: number | null, friendlyNightTo: number | null, friendlyWeekends: boolean, friendlyHolidays: Array<string>, officePhone: string }> };

export type UpdateSiteSettingsMutationVariables = Exact<{
  id: string | number;
  input: SiteInput;
}>;


export type UpdateSiteSettingsMutation = { updateSite: { id: string } };

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

export type TariffSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type TariffSitesQuery = { sites: Array<{ id: string, name: string, gridPrice: string | null, markupCapPct: number, serviceFeeBp: number, serviceFeeOn: ServiceFeeOn }> };

export type TariffFieldsFragment = { id: string, name: string, kind: TariffKind, billingPeriod: BillingPeriod | null, updatedAt: string, site: { id: string, name: string }, prices: Array<{ rate: Rate, price: string }>, periods: Array<{ start: string, rate: Rate }>, variants: Array<{ months: Array<number>, weekdays: Array<number>, periods: Array<{ start: string, rate: Rate }> }>, tiers: Array<{ upToWh: number | null, price: string }> };

export type TariffsQueryVariables = Exact<{
  filter?: TariffFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type TariffsQuery = { tariffs: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, kind: TariffKind, billingPeriod: BillingPeriod | null, updatedAt: string, site: { id: string, name: string }, prices: Array<{ rate: Rate, price: string }>, periods: Array<{ start: string, rate: Rate }>, variants: Array<{ months: Array<number>, weekdays: Array<number>, periods: Array<{ start: string, rate: Rate }> }>, tiers: Array<{ upToWh: number | null, price: string }> }> } };

export type TariffQueryVariables = Exact<{
  id: string | number;
}>;


export type TariffQuery = { tariff: { id: string, name: string, kind: TariffKind, billingPeriod: BillingPeriod | null, updatedAt: string, site: { id: string, name: string }, prices: Array<{ rate: Rate, price: string }>, periods: Array<{ start: string, rate: Rate }>, variants: Array<{ months: Array<number>, weekdays: Array<number>, periods: Array<{ start: string, rate: Rate }> }>, tiers: Array<{ upToWh: number | null, price: string }> } | null };

export type CreateTariffMutationVariables = Exact<{
  input: TariffInput;
}>;


export type CreateTariffMutation = { createTariff: { id: string, name: string, kind: TariffKind, billingPeriod: BillingPeriod | null, updatedAt: string, site: { id: string, name: string }, prices: Array<{ rate: Rate, price: string }>, periods: Array<{ start: string, rate: Rate }>, variants: Array<{ months: Array<number>, weekdays: Array<number>, periods: Array<{ start: string, rate: Rate }> }>, tiers: Array<{ upToWh: number | null, price: string }> } };

export type UpdateTariffMutationVariables = Exact<{
  id: string | number;
  input: TariffInput;
}>;


export type UpdateTariffMutation = { updateTariff: { id: string, name: string, kind: TariffKind, billingPeriod: BillingPeriod | null, updatedAt: string, site: { id: string, name: string }, prices: Array<{ rate: Rate, price: string }>, periods: Array<{ start: string, rate: Rate }>, variants: Array<{ months: Array<number>, weekdays: Array<number>, periods: Array<{ start: string, rate: Rate }> }>, tiers: Array<{ upToWh: number | null, price: string }> } };

export type AssignBuildingsQueryVariables = Exact<{
  siteId: string | number;
}>;


export type AssignBuildingsQuery = { buildings: { nodes: Array<{ id: string, name: string }> } };

export type AssignMetersQueryVariables = Exact<{
  filter?: MeterFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AssignMetersQuery = { meters: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, address: string, room: string, floor: string, building: { id: string, name: string } | null, tariff: { id: string, name: string } | null }> } };

export type SetMetersTariffMutationVariables = Exact<{
  meterIds: Array<string | number> | string | number;
  tariffId: string | number;
}>;


export type SetMetersTariffMutation = { setMetersTariff: Array<{ id: string, tariff: { id: string, name: string } | null }> };

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
export const TenantUserRowFragmentDoc = new TypedDocumentString(`
    fragment TenantUserRow on TenantUser {
  id
  phone
  disabled
  createdAt
  lastLoginAt
}
    `, {"fragmentName":"TenantUserRow"}) as unknown as TypedDocumentString<TenantUserRowFragment, unknown>;
export const DeskAccountFragmentDoc = new TypedDocumentString(`
    fragment DeskAccount on Account {
  id
  no
  tenantName
  shopNo
  phone
  status
  balanceFen
  balanceMode
  site {
    id
    name
  }
  meters {
    id
    address
    room
    balanceFen
  }
}
    `, {"fragmentName":"DeskAccount"}) as unknown as TypedDocumentString<DeskAccountFragment, unknown>;
export const DeskEntryFragmentDoc = new TypedDocumentString(`
    fragment DeskEntry on LedgerEntry {
  id
  type
  channel
  amountFen
  balanceAfterFen
  receiptNo
  actor
  note
  createdAt
  meter {
    id
    address
  }
  fee {
    id
    amountFen
  }
}
    `, {"fragmentName":"DeskEntry"}) as unknown as TypedDocumentString<DeskEntryFragment, unknown>;
export const NotificationRowFragmentDoc = new TypedDocumentString(`
    fragment NotificationRow on Notification {
  id
  accountId
  kind
  channel
  recipient
  text
  state
  attempts
  nextAttemptAt
  lastError
  createdAt
  sentAt
  deliveredAt
}
    `, {"fragmentName":"NotificationRow"}) as unknown as TypedDocumentString<NotificationRowFragment, unknown>;
export const EnergyReportRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment EnergyReportRowFields on EnergyReportRow {
  id
  name
  meters
  energyWh
  sharpWh
  peakWh
  flatWh
  valleyWh
  chargedWh
  amountFen
}
    `, {"fragmentName":"EnergyReportRowFields"}) as unknown as TypedDocumentString<EnergyReportRowFieldsFragment, unknown>;
export const ScheduleFieldsFragmentDoc = new TypedDocumentString(`
    fragment ScheduleFields on ControlSchedule {
  id
  name
  action
  atMinute
  weekdays
  enabled
  meterIds
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
    `, {"fragmentName":"ScheduleFields"}) as unknown as TypedDocumentString<ScheduleFieldsFragment, unknown>;
export const TariffFieldsFragmentDoc = new TypedDocumentString(`
    fragment TariffFields on Tariff {
  id
  name
  kind
  site {
    id
    name
  }
  prices {
    rate
    price
  }
  periods {
    start
    rate
  }
  variants {
    months
    weekdays
    periods {
      start
      rate
    }
  }
  tiers {
    upToWh
    price
  }
  billingPeriod
  updatedAt
}
    `, {"fragmentName":"TariffFields"}) as unknown as TypedDocumentString<TariffFieldsFragment, unknown>;
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
export const AccountStatementCardDocument = new TypedDocumentString(`
    query AccountStatementCard($accountId: ID!, $month: String!) {
  accountStatement(accountId: $accountId, month: $month) {
    month
    openingFen
    closingFen
    byType {
      type
      amountFen
      count
    }
    purchases {
      channel
      amountFen
      count
    }
    charges {
      meterId
      address
      rate
      tier
      energyWh
      amountFen
    }
    unsplitChargeFen
    pdfUrl
  }
}
    `) as unknown as TypedDocumentString<AccountStatementCardQuery, AccountStatementCardQueryVariables>;
export const AccountsListDocument = new TypedDocumentString(`
    query AccountsList($filter: AccountFilter, $first: Int, $after: String, $last: Int, $before: String) {
  accounts(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    pageInfo {
      startCursor
      endCursor
      hasNextPage
      hasPreviousPage
    }
    nodes {
      id
      no
      tenantName
      shopNo
      phone
      status
      balanceFen
      openedAt
      site {
        id
        name
      }
      meters {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccountsListQuery, AccountsListQueryVariables>;
export const AccountSitesDocument = new TypedDocumentString(`
    query AccountSites {
  sites {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AccountSitesQuery, AccountSitesQueryVariables>;
export const FreeMetersDocument = new TypedDocumentString(`
    query FreeMeters($siteId: ID!, $search: String) {
  meters(filter: {siteId: $siteId, unassigned: true, search: $search}, first: 50) {
    nodes {
      id
      address
      room
      floor
    }
  }
}
    `) as unknown as TypedDocumentString<FreeMetersQuery, FreeMetersQueryVariables>;
export const OpenAccountDocument = new TypedDocumentString(`
    mutation OpenAccount($input: OpenAccountInput!) {
  openAccount(input: $input) {
    account {
      id
      tenantName
      balanceFen
    }
    sale {
      id
      receiptNo
    }
  }
}
    `) as unknown as TypedDocumentString<OpenAccountMutation, OpenAccountMutationVariables>;
export const AccountDetailDocument = new TypedDocumentString(`
    query AccountDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  account(id: $id) {
    id
    no
    tenantName
    shopNo
    phone
    status
    balanceFen
    balanceMode
    alarm1Fen
    alarm2Fen
    overdraftLimitFen
    note
    openedAt
    closedAt
    site {
      id
      name
    }
    meters {
      id
      address
      room
      relay
      online
      balanceFen
      lastEnergyWh
    }
    entries(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        startCursor
        endCursor
        hasNextPage
        hasPreviousPage
      }
      nodes {
        id
        type
        channel
        amountFen
        balanceAfterFen
        receiptNo
        actor
        note
        createdAt
      }
    }
  }
  alarms(filter: {accountId: $id}, first: 20) {
    totalCount
    nodes {
      id
      kind
      message
      raisedAt
      clearedAt
      meter {
        id
        address
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccountDetailQuery, AccountDetailQueryVariables>;
export const AccountBalanceDocument = new TypedDocumentString(`
    subscription AccountBalance($accountId: ID) {
  balanceChanged(accountId: $accountId) {
    account {
      id
      balanceFen
    }
    entry {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AccountBalanceSubscription, AccountBalanceSubscriptionVariables>;
export const CloseAccountDocument = new TypedDocumentString(`
    mutation CloseAccount($input: CloseAccountInput!) {
  closeAccount(input: $input) {
    account {
      id
      status
    }
    refund {
      id
      receiptNo
    }
  }
}
    `) as unknown as TypedDocumentString<CloseAccountMutation, CloseAccountMutationVariables>;
export const AttachMeterDocument = new TypedDocumentString(`
    mutation AttachMeter($accountId: ID!, $meterId: ID!) {
  attachMeter(accountId: $accountId, meterId: $meterId) {
    id
  }
}
    `) as unknown as TypedDocumentString<AttachMeterMutation, AttachMeterMutationVariables>;
export const DetachMeterDocument = new TypedDocumentString(`
    mutation DetachMeter($accountId: ID!, $meterId: ID!) {
  detachMeter(accountId: $accountId, meterId: $meterId) {
    id
  }
}
    `) as unknown as TypedDocumentString<DetachMeterMutation, DetachMeterMutationVariables>;
export const ReplaceMeterDocument = new TypedDocumentString(`
    mutation ReplaceMeter($input: ReplaceMeterInput!) {
  replaceMeter(input: $input) {
    meter {
      id
      address
    }
  }
}
    `) as unknown as TypedDocumentString<ReplaceMeterMutation, ReplaceMeterMutationVariables>;
export const CreateTenantUserDocument = new TypedDocumentString(`
    mutation CreateTenantUser($accountId: ID!, $phone: String!, $password: String!) {
  createTenantUser(accountId: $accountId, phone: $phone, password: $password) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateTenantUserMutation, CreateTenantUserMutationVariables>;
export const AccountTenantUsersDocument = new TypedDocumentString(`
    query AccountTenantUsers($id: ID!) {
  account(id: $id) {
    id
    tenantUsers {
      ...TenantUserRow
    }
  }
}
    fragment TenantUserRow on TenantUser {
  id
  phone
  disabled
  createdAt
  lastLoginAt
}`) as unknown as TypedDocumentString<AccountTenantUsersQuery, AccountTenantUsersQueryVariables>;
export const AccountBindingsDocument = new TypedDocumentString(`
    query AccountBindings($id: ID!) {
  account(id: $id) {
    id
    bindingCode
    bindings {
      id
      phone
      wechat
      via
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<AccountBindingsQuery, AccountBindingsQueryVariables>;
export const ResetTenantPasswordDocument = new TypedDocumentString(`
    mutation ResetTenantPassword($input: ResetTenantPasswordInput!) {
  resetTenantPassword(input: $input) {
    ...TenantUserRow
  }
}
    fragment TenantUserRow on TenantUser {
  id
  phone
  disabled
  createdAt
  lastLoginAt
}`) as unknown as TypedDocumentString<ResetTenantPasswordMutation, ResetTenantPasswordMutationVariables>;
export const SetTenantUserDisabledDocument = new TypedDocumentString(`
    mutation SetTenantUserDisabled($id: ID!, $disabled: Boolean!) {
  setTenantUserDisabled(id: $id, disabled: $disabled) {
    ...TenantUserRow
  }
}
    fragment TenantUserRow on TenantUser {
  id
  phone
  disabled
  createdAt
  lastLoginAt
}`) as unknown as TypedDocumentString<SetTenantUserDisabledMutation, SetTenantUserDisabledMutationVariables>;
export const RevokeBindingDocument = new TypedDocumentString(`
    mutation RevokeBinding($id: ID!) {
  revokeBinding(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RevokeBindingMutation, RevokeBindingMutationVariables>;
export const AlarmsPageDocument = new TypedDocumentString(`
    query AlarmsPage($filter: AlarmFilter, $first: Int, $after: String, $last: Int, $before: String) {
  alarms(
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
      kind
      message
      raisedAt
      clearedAt
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
    `) as unknown as TypedDocumentString<AlarmsPageQuery, AlarmsPageQueryVariables>;
export const AlarmsPageLiveDocument = new TypedDocumentString(`
    subscription AlarmsPageLive {
  alarmRaised {
    id
    clearedAt
  }
}
    `) as unknown as TypedDocumentString<AlarmsPageLiveSubscription, AlarmsPageLiveSubscriptionVariables>;
export const ApiKeysPageDocument = new TypedDocumentString(`
    query ApiKeysPage($first: Int, $after: String, $last: Int, $before: String) {
  apiKeys(first: $first, after: $after, last: $last, before: $before) {
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
      prefix
      scopes
      createdBy
      createdAt
      revokedAt
      lastUsedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ApiKeysPageQuery, ApiKeysPageQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($name: String!, $scopes: [Permission!]!) {
  createApiKey(name: $name, scopes: $scopes) {
    apiKey {
      id
      name
    }
    secret
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const ApportionGroupsDocument = new TypedDocumentString(`
    query ApportionGroups {
  apportionGroups {
    id
    name
    method
    site {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionGroupsQuery, ApportionGroupsQueryVariables>;
export const ApportionGroupDocument = new TypedDocumentString(`
    query ApportionGroup($id: ID!) {
  apportionGroup(id: $id) {
    id
    name
    method
    includeLineLoss
    updatedAt
    site {
      id
      name
    }
    tariff {
      id
      name
    }
    sources {
      role
      meter {
        id
        address
        channel
        room
      }
    }
    members {
      areaM2x100
      shareBp
      account {
        id
        no
        tenantName
        shopNo
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionGroupQuery, ApportionGroupQueryVariables>;
export const ApportionRunsDocument = new TypedDocumentString(`
    query ApportionRuns($groupId: ID!) {
  apportionRuns(groupId: $groupId) {
    id
    month
    commonWh
    lineLossWh
    totalWh
    price
    totalFen
    note
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ApportionRunsQuery, ApportionRunsQueryVariables>;
export const ApportionRunDocument = new TypedDocumentString(`
    query ApportionRun($id: ID!) {
  apportionRun(id: $id) {
    id
    groupId
    month
    periodStart
    periodEnd
    commonWh
    lineLossWh
    totalWh
    price
    totalFen
    note
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ApportionRunQuery, ApportionRunQueryVariables>;
export const ApportionGroupMethodDocument = new TypedDocumentString(`
    query ApportionGroupMethod($id: ID!) {
  apportionGroup(id: $id) {
    id
    name
    method
  }
}
    `) as unknown as TypedDocumentString<ApportionGroupMethodQuery, ApportionGroupMethodQueryVariables>;
export const ApportionSharesDocument = new TypedDocumentString(`
    query ApportionShares($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  apportionRun(id: $id) {
    id
    shares(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        weight
        energyWh
        amountFen
        note
        account {
          id
          no
          tenantName
          shopNo
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionSharesQuery, ApportionSharesQueryVariables>;
export const RunApportionmentDocument = new TypedDocumentString(`
    mutation RunApportionment($groupId: ID!, $month: String!) {
  runApportionment(groupId: $groupId, month: $month) {
    id
    month
    totalFen
  }
}
    `) as unknown as TypedDocumentString<RunApportionmentMutation, RunApportionmentMutationVariables>;
export const CreateApportionGroupDocument = new TypedDocumentString(`
    mutation CreateApportionGroup($input: ApportionGroupInput!) {
  createApportionGroup(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateApportionGroupMutation, CreateApportionGroupMutationVariables>;
export const UpdateApportionGroupDocument = new TypedDocumentString(`
    mutation UpdateApportionGroup($id: ID!, $input: ApportionGroupInput!) {
  updateApportionGroup(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateApportionGroupMutation, UpdateApportionGroupMutationVariables>;
export const ApportionAccountChoicesDocument = new TypedDocumentString(`
    query ApportionAccountChoices($siteId: ID, $search: String) {
  accounts(filter: {siteId: $siteId, search: $search, status: open}, first: 20) {
    nodes {
      id
      no
      tenantName
      shopNo
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionAccountChoicesQuery, ApportionAccountChoicesQueryVariables>;
export const ApportionMeterChoicesDocument = new TypedDocumentString(`
    query ApportionMeterChoices($siteId: ID, $search: String) {
  meters(filter: {siteId: $siteId, search: $search}, first: 20) {
    nodes {
      id
      address
      channel
      room
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionMeterChoicesQuery, ApportionMeterChoicesQueryVariables>;
export const AuditPageDocument = new TypedDocumentString(`
    query AuditPage($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditLog(
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
      at
      actorKind
      actorName
      operation
      args
      ip
      result
      message
      durationMs
    }
  }
}
    `) as unknown as TypedDocumentString<AuditPageQuery, AuditPageQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard {
  meterStatusCounts {
    status
    count
    online
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
export const DashboardSalesDocument = new TypedDocumentString(`
    query DashboardSales($from: Time!, $to: Time!) {
  sites {
    id
    name
  }
  salesSummary(from: $from, to: $to) {
    totalFen
    count
    byChannel {
      channel
      amountFen
      count
    }
    byOperator {
      operatorId
      name
      amountFen
      count
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSalesQuery, DashboardSalesQueryVariables>;
export const DashboardSalesLiveDocument = new TypedDocumentString(`
    subscription DashboardSalesLive {
  balanceChanged {
    entry {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSalesLiveSubscription, DashboardSalesLiveSubscriptionVariables>;
export const DeskSearchDocument = new TypedDocumentString(`
    query DeskSearch($search: String!) {
  accounts(filter: {search: $search, status: open}, first: 8) {
    nodes {
      ...DeskAccount
    }
  }
  meters(filter: {search: $search, unassigned: false}, first: 8) {
    nodes {
      id
      account {
        ...DeskAccount
      }
    }
  }
}
    fragment DeskAccount on Account {
  id
  no
  tenantName
  shopNo
  phone
  status
  balanceFen
  balanceMode
  site {
    id
    name
  }
  meters {
    id
    address
    room
    balanceFen
  }
}`) as unknown as TypedDocumentString<DeskSearchQuery, DeskSearchQueryVariables>;
export const DeskAccountDetailDocument = new TypedDocumentString(`
    query DeskAccountDetail($id: ID!) {
  account(id: $id) {
    ...DeskAccount
    entries(first: 8) {
      nodes {
        ...DeskEntry
        reverses {
          id
        }
      }
    }
  }
  reversals: ledgerEntries(filter: {accountId: $id, type: reversal}, first: 100) {
    nodes {
      id
      reverses {
        id
      }
    }
  }
}
    fragment DeskAccount on Account {
  id
  no
  tenantName
  shopNo
  phone
  status
  balanceFen
  balanceMode
  site {
    id
    name
  }
  meters {
    id
    address
    room
    balanceFen
  }
}
fragment DeskEntry on LedgerEntry {
  id
  type
  channel
  amountFen
  balanceAfterFen
  receiptNo
  actor
  note
  createdAt
  meter {
    id
    address
  }
  fee {
    id
    amountFen
  }
}`) as unknown as TypedDocumentString<DeskAccountDetailQuery, DeskAccountDetailQueryVariables>;
export const DeskBalanceDocument = new TypedDocumentString(`
    subscription DeskBalance($accountId: ID) {
  balanceChanged(accountId: $accountId) {
    account {
      id
      balanceFen
    }
  }
}
    `) as unknown as TypedDocumentString<DeskBalanceSubscription, DeskBalanceSubscriptionVariables>;
export const DeskSellDocument = new TypedDocumentString(`
    mutation DeskSell($input: SaleInput!) {
  sell(input: $input) {
    ...DeskEntry
  }
}
    fragment DeskEntry on LedgerEntry {
  id
  type
  channel
  amountFen
  balanceAfterFen
  receiptNo
  actor
  note
  createdAt
  meter {
    id
    address
  }
  fee {
    id
    amountFen
  }
}`) as unknown as TypedDocumentString<DeskSellMutation, DeskSellMutationVariables>;
export const DeskRefundDocument = new TypedDocumentString(`
    mutation DeskRefund($input: RefundInput!) {
  refund(input: $input) {
    ...DeskEntry
  }
}
    fragment DeskEntry on LedgerEntry {
  id
  type
  channel
  amountFen
  balanceAfterFen
  receiptNo
  actor
  note
  createdAt
  meter {
    id
    address
  }
  fee {
    id
    amountFen
  }
}`) as unknown as TypedDocumentString<DeskRefundMutation, DeskRefundMutationVariables>;
export const DeskReverseDocument = new TypedDocumentString(`
    mutation DeskReverse($input: ReverseInput!) {
  reverseEntry(input: $input) {
    ...DeskEntry
  }
}
    fragment DeskEntry on LedgerEntry {
  id
  type
  channel
  amountFen
  balanceAfterFen
  receiptNo
  actor
  note
  createdAt
  meter {
    id
    address
  }
  fee {
    id
    amountFen
  }
}`) as unknown as TypedDocumentString<DeskReverseMutation, DeskReverseMutationVariables>;
export const DeskTakingsDocument = new TypedDocumentString(`
    query DeskTakings($operatorId: ID!, $from: Time!, $to: Time!) {
  salesSummary(operatorId: $operatorId, from: $from, to: $to) {
    totalFen
    count
    byChannel {
      channel
      amountFen
      count
    }
    byType {
      type
      amountFen
      count
    }
  }
}
    `) as unknown as TypedDocumentString<DeskTakingsQuery, DeskTakingsQueryVariables>;
export const EnergyBuildingsDocument = new TypedDocumentString(`
    query EnergyBuildings {
  sites {
    id
    name
  }
  buildings(first: 100) {
    nodes {
      id
      name
      site {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EnergyBuildingsQuery, EnergyBuildingsQueryVariables>;
export const EnergyMetersDocument = new TypedDocumentString(`
    query EnergyMeters($filter: MeterFilter, $first: Int, $after: String, $last: Int, $before: String) {
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
      room
      floor
      ctRatio
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
      latestReading {
        readAt
        energyWh
        sharpWh
        peakWh
        flatWh
        valleyWh
        powerW
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EnergyMetersQuery, EnergyMetersQueryVariables>;
export const EnergyTrendDocument = new TypedDocumentString(`
    query EnergyTrend($scope: EnergyScope!, $id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {
  energyUsage(scope: $scope, id: $id, from: $from, to: $to, interval: $interval) {
    start
    energyWh
    amountFen
    sharpWh
    peakWh
    flatWh
    valleyWh
  }
}
    `) as unknown as TypedDocumentString<EnergyTrendQuery, EnergyTrendQueryVariables>;
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
export const BatchCommandsDocument = new TypedDocumentString(`
    query BatchCommands($kind: CommandKind!, $first: Int!) {
  commands(filter: {kind: $kind}, first: $first) {
    nodes {
      id
      state
      lastError
    }
  }
}
    `) as unknown as TypedDocumentString<BatchCommandsQuery, BatchCommandsQueryVariables>;
export const NotificationsPageDocument = new TypedDocumentString(`
    query NotificationsPage($filter: NotificationFilter, $first: Int, $after: String, $last: Int, $before: String) {
  notifications(
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
      ...NotificationRow
    }
  }
}
    fragment NotificationRow on Notification {
  id
  accountId
  kind
  channel
  recipient
  text
  state
  attempts
  nextAttemptAt
  lastError
  createdAt
  sentAt
  deliveredAt
}`) as unknown as TypedDocumentString<NotificationsPageQuery, NotificationsPageQueryVariables>;
export const RetryNotificationDocument = new TypedDocumentString(`
    mutation RetryNotification($id: ID!) {
  retryNotification(id: $id) {
    ...NotificationRow
  }
}
    fragment NotificationRow on Notification {
  id
  accountId
  kind
  channel
  recipient
  text
  state
  attempts
  nextAttemptAt
  lastError
  createdAt
  sentAt
  deliveredAt
}`) as unknown as TypedDocumentString<RetryNotificationMutation, RetryNotificationMutationVariables>;
export const SmsStatusDocument = new TypedDocumentString(`
    query SmsStatus {
  smsStatus {
    driver
    state
    registration
    signal
    signalDbm
    lastError
    errorAt
    sent
  }
}
    `) as unknown as TypedDocumentString<SmsStatusQuery, SmsStatusQueryVariables>;
export const NotificationTemplatesDocument = new TypedDocumentString(`
    query NotificationTemplates {
  sites {
    id
    name
    notificationTemplates {
      kind
      text
      custom
      updatedBy
      updatedAt
    }
    quietHours {
      start
      end
    }
  }
}
    `) as unknown as TypedDocumentString<NotificationTemplatesQuery, NotificationTemplatesQueryVariables>;
export const SetNotificationTemplateDocument = new TypedDocumentString(`
    mutation SetNotificationTemplate($siteId: ID!, $kind: NotificationKind!, $text: String!) {
  setNotificationTemplate(siteId: $siteId, kind: $kind, text: $text) {
    kind
    text
    custom
  }
}
    `) as unknown as TypedDocumentString<SetNotificationTemplateMutation, SetNotificationTemplateMutationVariables>;
export const PreviewNotificationTemplateDocument = new TypedDocumentString(`
    query PreviewNotificationTemplate($kind: NotificationKind!, $text: String!) {
  previewNotificationTemplate(kind: $kind, text: $text)
}
    `) as unknown as TypedDocumentString<PreviewNotificationTemplateQuery, PreviewNotificationTemplateQueryVariables>;
export const SetQuietHoursDocument = new TypedDocumentString(`
    mutation SetQuietHours($siteId: ID!, $start: String!, $end: String!) {
  setQuietHours(siteId: $siteId, start: $start, end: $end) {
    start
    end
  }
}
    `) as unknown as TypedDocumentString<SetQuietHoursMutation, SetQuietHoursMutationVariables>;
export const AccountNotificationsDocument = new TypedDocumentString(`
    query AccountNotifications($id: ID!) {
  account(id: $id) {
    id
    notificationSettings {
      sms
      wechat
    }
    notifications(first: 20) {
      totalCount
      nodes {
        ...NotificationRow
      }
    }
  }
}
    fragment NotificationRow on Notification {
  id
  accountId
  kind
  channel
  recipient
  text
  state
  attempts
  nextAttemptAt
  lastError
  createdAt
  sentAt
  deliveredAt
}`) as unknown as TypedDocumentString<AccountNotificationsQuery, AccountNotificationsQueryVariables>;
export const SetAccountNotificationSettingsDocument = new TypedDocumentString(`
    mutation SetAccountNotificationSettings($accountId: ID!, $sms: Boolean, $wechat: Boolean) {
  setNotificationSettings(accountId: $accountId, sms: $sms, wechat: $wechat) {
    sms
    wechat
  }
}
    `) as unknown as TypedDocumentString<SetAccountNotificationSettingsMutation, SetAccountNotificationSettingsMutationVariables>;
export const OperatorsPageDocument = new TypedDocumentString(`
    query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {
  operators(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    nodes {
      id
      username
      displayName
      role
      disabled
      createdAt
      lastLoginAt
    }
  }
}
    `) as unknown as TypedDocumentString<OperatorsPageQuery, OperatorsPageQueryVariables>;
export const CreateOperatorDocument = new TypedDocumentString(`
    mutation CreateOperator($input: OperatorInput!) {
  createOperator(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateOperatorMutation, CreateOperatorMutationVariables>;
export const UpdateOperatorDocument = new TypedDocumentString(`
    mutation UpdateOperator($id: ID!, $input: OperatorInput!) {
  updateOperator(id: $id, input: $input) {
    id
    role
    disabled
    displayName
  }
}
    `) as unknown as TypedDocumentString<UpdateOperatorMutation, UpdateOperatorMutationVariables>;
export const OperatorRolesDocument = new TypedDocumentString(`
    query OperatorRoles {
  roles {
    role
    permissions
  }
}
    `) as unknown as TypedDocumentString<OperatorRolesQuery, OperatorRolesQueryVariables>;
export const OrdersPageDocument = new TypedDocumentString(`
    query OrdersPage($filter: RechargeOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {
  rechargeOrders(
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
      outTradeNo
      account {
        id
        no
        tenantName
        shopNo
        balanceFen
      }
      channel
      method
      amountFen
      state
      transactionId
      refundedFen
      flag
      createdAt
      paidAt
      refunds {
        id
        outRefundNo
        amountFen
        reason
        state
        actor
        flag
        createdAt
        settledAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersPageQuery, OrdersPageQueryVariables>;
export const RefundRechargeOrderDocument = new TypedDocumentString(`
    mutation RefundRechargeOrder($input: RefundRechargeOrderInput!) {
  refundRechargeOrder(input: $input) {
    id
    state
    amountFen
  }
}
    `) as unknown as TypedDocumentString<RefundRechargeOrderMutation, RefundRechargeOrderMutationVariables>;
export const OrdersPageLiveDocument = new TypedDocumentString(`
    subscription OrdersPageLive {
  balanceChanged {
    order {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersPageLiveSubscription, OrdersPageLiveSubscriptionVariables>;
export const AlarmStatsPageDocument = new TypedDocumentString(`
    query AlarmStatsPage($filter: AlarmStatsFilter!) {
  alarmStats(filter: $filter) {
    byKind {
      kind
      raised
      stillOpen
      meanSeconds
      longestSeconds
      openNow
    }
    days {
      day
      kind
      raised
    }
    topMeters {
      id
      label
      count
      totalSeconds
    }
    topAccounts {
      id
      label
      count
      totalSeconds
    }
  }
}
    `) as unknown as TypedDocumentString<AlarmStatsPageQuery, AlarmStatsPageQueryVariables>;
export const ArrearsReportPageDocument = new TypedDocumentString(`
    query ArrearsReportPage($filter: ArrearsFilter) {
  arrearsReport(filter: $filter) {
    count
    debtFen
    balanceFen
    byBuilding {
      buildingId
      buildingName
      count
      debtFen
    }
    rows {
      accountId
      accountNo
      tenantName
      shopNo
      phone
      balanceFen
      debtFen
      level
      since
      buildingName
      lastPaymentAt
      lastPaymentFen
      meters {
        meterId
        address
        room
        relay
        online
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ArrearsReportPageQuery, ArrearsReportPageQueryVariables>;
export const ChargesReportDocument = new TypedDocumentString(`
    query ChargesReport($filter: ChargesReportFilter!) {
  chargesReport(filter: $filter) {
    periods {
      start
      chargesFen
      chargeCount
      feesFen
      feeCount
      correctionsFen
      correctionCount
      reversalsFen
      reversalCount
      netFen
    }
    total {
      chargesFen
      chargeCount
      feesFen
      feeCount
      correctionsFen
      correctionCount
      reversalsFen
      reversalCount
      netFen
    }
    topAccounts {
      accountId
      accountNo
      tenantName
      chargesFen
      chargeCount
      feesFen
      feeCount
      correctionsFen
      correctionCount
      reversalsFen
      reversalCount
      netFen
    }
  }
  buildings(first: 100) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ChargesReportQuery, ChargesReportQueryVariables>;
export const EnergyReportSitesDocument = new TypedDocumentString(`
    query EnergyReportSites {
  sites {
    id
    name
  }
  buildings(first: 100) {
    nodes {
      id
      name
      site {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EnergyReportSitesQuery, EnergyReportSitesQueryVariables>;
export const EnergyReportDocument = new TypedDocumentString(`
    query EnergyReport($siteId: ID!, $buildingId: ID, $groupBy: EnergyReportGroup!, $from: Date!, $to: Date!, $offset: Int, $first: Int) {
  energyReport(
    siteId: $siteId
    buildingId: $buildingId
    groupBy: $groupBy
    from: $from
    to: $to
    offset: $offset
    first: $first
  ) {
    totalRows
    rows {
      ...EnergyReportRowFields
    }
    total {
      ...EnergyReportRowFields
    }
  }
}
    fragment EnergyReportRowFields on EnergyReportRow {
  id
  name
  meters
  energyWh
  sharpWh
  peakWh
  flatWh
  valleyWh
  chargedWh
  amountFen
}`) as unknown as TypedDocumentString<EnergyReportQuery, EnergyReportQueryVariables>;
export const OfflineSummaryPageDocument = new TypedDocumentString(`
    query OfflineSummaryPage($filter: OfflineFilter!) {
  offlineSummary(filter: $filter) {
    meters
    offline
    gateways
    byBuilding {
      buildingId
      buildingName
      meters
      offline
    }
    offlineGateways {
      gatewayId
      name
      buildingName
      host
      port
      since
      lastSeenAt
      offlineSeconds
      meters
    }
  }
}
    `) as unknown as TypedDocumentString<OfflineSummaryPageQuery, OfflineSummaryPageQueryVariables>;
export const OfflineMetersPageDocument = new TypedDocumentString(`
    query OfflineMetersPage($filter: OfflineFilter!, $first: Int, $after: String, $last: Int, $before: String) {
  offlineMeters(
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
      meterId
      address
      channel
      buildingName
      floor
      room
      gatewayId
      gatewayName
      gatewayOnline
      since
      lastReadAt
      offlineSeconds
    }
  }
}
    `) as unknown as TypedDocumentString<OfflineMetersPageQuery, OfflineMetersPageQueryVariables>;
export const SalesReportDocument = new TypedDocumentString(`
    query SalesReport($filter: SalesReportFilter!) {
  salesReport(filter: $filter) {
    periods {
      start
      byChannel {
        channel
        netFen
      }
      total {
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
    }
    byChannel {
      channel
      salesFen
      salesCount
      refundsFen
      refundCount
      reversalsFen
      reversalCount
      netFen
    }
    byOperator {
      operatorId
      name
      salesFen
      salesCount
      refundsFen
      refundCount
      reversalsFen
      reversalCount
      netFen
    }
    total {
      salesFen
      salesCount
      refundsFen
      refundCount
      reversalsFen
      reversalCount
      netFen
    }
  }
}
    `) as unknown as TypedDocumentString<SalesReportQuery, SalesReportQueryVariables>;
export const DailySettlementDocument = new TypedDocumentString(`
    query DailySettlement($filter: SettlementFilter!) {
  dailySettlement(filter: $filter) {
    day
    cashiers {
      operatorId
      name
      byChannel {
        channel
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
      total {
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
    }
    byChannel {
      channel
      salesFen
      salesCount
      refundsFen
      refundCount
      reversalsFen
      reversalCount
      netFen
    }
    total {
      salesFen
      salesCount
      refundsFen
      refundCount
      reversalsFen
      reversalCount
      netFen
    }
  }
}
    `) as unknown as TypedDocumentString<DailySettlementQuery, DailySettlementQueryVariables>;
export const MeterSnapshotPageDocument = new TypedDocumentString(`
    query MeterSnapshotPage($filter: MeterSnapshotFilter!, $first: Int, $after: String, $last: Int, $before: String) {
  meterSnapshot(
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
      meterId
      address
      channel
      buildingName
      floor
      room
      accountNo
      tenantName
      energyWh
      sharpWh
      peakWh
      flatWh
      valleyWh
      reverseWh
      balanceFen
      meterBalanceFen
      relay
      displayStatus
      online
      lastReadAt
    }
  }
}
    `) as unknown as TypedDocumentString<MeterSnapshotPageQuery, MeterSnapshotPageQueryVariables>;
export const StatementGroupsDocument = new TypedDocumentString(`
    query StatementGroups($siteId: ID) {
  apportionGroups(siteId: $siteId) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<StatementGroupsQuery, StatementGroupsQueryVariables>;
export const StatementRunsDocument = new TypedDocumentString(`
    query StatementRuns($groupId: ID!) {
  apportionRuns(groupId: $groupId) {
    id
    month
  }
}
    `) as unknown as TypedDocumentString<StatementRunsQuery, StatementRunsQueryVariables>;
export const ApportionStatementPageDocument = new TypedDocumentString(`
    query ApportionStatementPage($runId: ID!) {
  apportionStatement(runId: $runId) {
    groupName
    method
    weightTotal
    ledgerFen
    reversedFen
    reconciled
    run {
      id
      month
      commonWh
      lineLossWh
      totalWh
      price
      totalFen
      note
    }
    sources {
      meterId
      address
      room
      role
      energyWh
    }
    lines {
      accountId
      accountNo
      tenantName
      weight
      shareBp
      energyWh
      amountFen
      entryId
      entryFen
      reversedFen
      note
      reconciled
    }
  }
}
    `) as unknown as TypedDocumentString<ApportionStatementPageQuery, ApportionStatementPageQueryVariables>;
export const ReportSitesDocument = new TypedDocumentString(`
    query ReportSites {
  sites {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ReportSitesQuery, ReportSitesQueryVariables>;
export const ControlSchedulesDocument = new TypedDocumentString(`
    query ControlSchedules($siteId: ID) {
  controlSchedules(siteId: $siteId) {
    ...ScheduleFields
  }
  sites {
    id
    name
  }
}
    fragment ScheduleFields on ControlSchedule {
  id
  name
  action
  atMinute
  weekdays
  enabled
  meterIds
  createdAt
  site {
    id
    name
  }
  building {
    id
    name
  }
}`) as unknown as TypedDocumentString<ControlSchedulesQuery, ControlSchedulesQueryVariables>;
export const ScheduleBuildingsDocument = new TypedDocumentString(`
    query ScheduleBuildings($siteId: ID!) {
  buildings(filter: {siteId: $siteId}, first: 1000) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ScheduleBuildingsQuery, ScheduleBuildingsQueryVariables>;
export const ScheduleMetersDocument = new TypedDocumentString(`
    query ScheduleMeters($filter: MeterFilter) {
  meters(filter: $filter, first: 30) {
    nodes {
      id
      address
      room
    }
  }
}
    `) as unknown as TypedDocumentString<ScheduleMetersQuery, ScheduleMetersQueryVariables>;
export const CreateControlScheduleDocument = new TypedDocumentString(`
    mutation CreateControlSchedule($input: ControlScheduleInput!) {
  createControlSchedule(input: $input) {
    ...ScheduleFields
  }
}
    fragment ScheduleFields on ControlSchedule {
  id
  name
  action
  atMinute
  weekdays
  enabled
  meterIds
  createdAt
  site {
    id
    name
  }
  building {
    id
    name
  }
}`) as unknown as TypedDocumentString<CreateControlScheduleMutation, CreateControlScheduleMutationVariables>;
export const UpdateControlScheduleDocument = new TypedDocumentString(`
    mutation UpdateControlSchedule($id: ID!, $input: ControlScheduleInput!) {
  updateControlSchedule(id: $id, input: $input) {
    ...ScheduleFields
  }
}
    fragment ScheduleFields on ControlSchedule {
  id
  name
  action
  atMinute
  weekdays
  enabled
  meterIds
  createdAt
  site {
    id
    name
  }
  building {
    id
    name
  }
}`) as unknown as TypedDocumentString<UpdateControlScheduleMutation, UpdateControlScheduleMutationVariables>;
export const DeleteControlScheduleDocument = new TypedDocumentString(`
    mutation DeleteControlSchedule($id: ID!) {
  deleteControlSchedule(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteControlScheduleMutation, DeleteControlScheduleMutationVariables>;
export const ReceiptLayoutsDocument = new TypedDocumentString(`
    query ReceiptLayouts {
  sites {
    id
    receiptLayout {
      title
      footer
      fields
      logoPng
      publicUrl
    }
  }
}
    `) as unknown as TypedDocumentString<ReceiptLayoutsQuery, ReceiptLayoutsQueryVariables>;
export const SetReceiptLayoutDocument = new TypedDocumentString(`
    mutation SetReceiptLayout($siteId: ID!, $layout: ReceiptLayoutInput!) {
  setReceiptLayout(siteId: $siteId, layout: $layout) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetReceiptLayoutMutation, SetReceiptLayoutMutationVariables>;
export const SettingsSitesDocument = new TypedDocumentString(`
    query SettingsSites {
  sites {
    id
    name
    code
    timezone
    gridPrice
    markupCapPct
    serviceFeeBp
    serviceFeeOn
    graceFen
    graceMinutes
    friendlyNightFrom
    friendlyNightTo
    friendlyWeekends
    friendlyHolidays
    officePhone
  }
}
    `) as unknown as TypedDocumentString<SettingsSitesQuery, SettingsSitesQueryVariables>;
export const UpdateSiteSettingsDocument = new TypedDocumentString(`
    mutation UpdateSiteSettings($id: ID!, $input: SiteInput!) {
  updateSite(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateSiteSettingsMutation, UpdateSiteSettingsMutationVariables>;
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
export const TariffSitesDocument = new TypedDocumentString(`
    query TariffSites {
  sites {
    id
    name
    gridPrice
    markupCapPct
    serviceFeeBp
    serviceFeeOn
  }
}
    `) as unknown as TypedDocumentString<TariffSitesQuery, TariffSitesQueryVariables>;
export const TariffsDocument = new TypedDocumentString(`
    query Tariffs($filter: TariffFilter, $first: Int, $after: String, $last: Int, $before: String) {
  tariffs(
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
      ...TariffFields
    }
  }
}
    fragment TariffFields on Tariff {
  id
  name
  kind
  site {
    id
    name
  }
  prices {
    rate
    price
  }
  periods {
    start
    rate
  }
  variants {
    months
    weekdays
    periods {
      start
      rate
    }
  }
  tiers {
    upToWh
    price
  }
  billingPeriod
  updatedAt
}`) as unknown as TypedDocumentString<TariffsQuery, TariffsQueryVariables>;
export const TariffDocument = new TypedDocumentString(`
    query Tariff($id: ID!) {
  tariff(id: $id) {
    ...TariffFields
  }
}
    fragment TariffFields on Tariff {
  id
  name
  kind
  site {
    id
    name
  }
  prices {
    rate
    price
  }
  periods {
    start
    rate
  }
  variants {
    months
    weekdays
    periods {
      start
      rate
    }
  }
  tiers {
    upToWh
    price
  }
  billingPeriod
  updatedAt
}`) as unknown as TypedDocumentString<TariffQuery, TariffQueryVariables>;
export const CreateTariffDocument = new TypedDocumentString(`
    mutation CreateTariff($input: TariffInput!) {
  createTariff(input: $input) {
    ...TariffFields
  }
}
    fragment TariffFields on Tariff {
  id
  name
  kind
  site {
    id
    name
  }
  prices {
    rate
    price
  }
  periods {
    start
    rate
  }
  variants {
    months
    weekdays
    periods {
      start
      rate
    }
  }
  tiers {
    upToWh
    price
  }
  billingPeriod
  updatedAt
}`) as unknown as TypedDocumentString<CreateTariffMutation, CreateTariffMutationVariables>;
export const UpdateTariffDocument = new TypedDocumentString(`
    mutation UpdateTariff($id: ID!, $input: TariffInput!) {
  updateTariff(id: $id, input: $input) {
    ...TariffFields
  }
}
    fragment TariffFields on Tariff {
  id
  name
  kind
  site {
    id
    name
  }
  prices {
    rate
    price
  }
  periods {
    start
    rate
  }
  variants {
    months
    weekdays
    periods {
      start
      rate
    }
  }
  tiers {
    upToWh
    price
  }
  billingPeriod
  updatedAt
}`) as unknown as TypedDocumentString<UpdateTariffMutation, UpdateTariffMutationVariables>;
export const AssignBuildingsDocument = new TypedDocumentString(`
    query AssignBuildings($siteId: ID!) {
  buildings(filter: {siteId: $siteId}, first: 1000) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AssignBuildingsQuery, AssignBuildingsQueryVariables>;
export const AssignMetersDocument = new TypedDocumentString(`
    query AssignMeters($filter: MeterFilter, $first: Int, $after: String) {
  meters(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      address
      room
      floor
      building {
        id
        name
      }
      tariff {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AssignMetersQuery, AssignMetersQueryVariables>;
export const SetMetersTariffDocument = new TypedDocumentString(`
    mutation SetMetersTariff($meterIds: [ID!]!, $tariffId: ID!) {
  setMetersTariff(meterIds: $meterIds, tariffId: $tariffId) {
    id
    tariff {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SetMetersTariffMutation, SetMetersTariffMutationVariables>;