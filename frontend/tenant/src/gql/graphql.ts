/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Whether an account is in use. */
export const AccountStatus = {
  /** Closed (销户): its balance was refunded and its meters detached. */
  Closed: 'closed',
  /** In use: it can buy and its meters are supplied. */
  Open: 'open'
} as const;

export type AccountStatus = typeof AccountStatus[keyof typeof AccountStatus];
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
/** How an account's money funds its meters: one balance shared by all of them, or one balance per meter. */
export const BalanceMode = {
  /** Each meter has a balance of its own (Meter.balanceFen): every sale, refund and transfer names a meter, and alarms, the automatic trip and close and a meter's status follow the meter's own balance. Switching to it needs every fen of the account on a meter (its balance equal to the sum of its meters' balances); switching back is always allowed. */
  PerMeter: 'per_meter',
  /** One balance funds all the account's meters (the default). */
  Shared: 'shared'
} as const;

export type BalanceMode = typeof BalanceMode[keyof typeof BalanceMode];
/** What proves a tenant may bind an account: exactly one of the two. */
export type BindCheck = {
  /** The 8-character binding code (绑定码) printed on the account's opening receipt; spaces and case do not matter. */
  bindingCode?: string | null | undefined;
  /** The 6-digit code texted to the account's contact phone (requestBindingCode). */
  smsCode?: string | null | undefined;
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
/** A self-service recharge to open. */
export type CreateRechargeOrderInput = {
  /** The account to credit; a tenant's own. */
  accountId: string | number;
  /** 1 to 50,000 yuan. */
  amountFen: number | string;
  /** wechat or alipay. */
  channel: Channel;
  /** Optional (empty: none); the same key returns the same order. */
  idempotencyKey?: string;
  /** The meters it is for (optional; one meter for a meter-billed meter or a per-meter balance). */
  meterIds?: Array<string | number>;
  /** How the payer pays. */
  method: PayMethod;
  /** mini_program: the payer's openid (WeChat) or buyer open id (Alipay). */
  payerId?: string;
  /** h5: where the browser returns to after paying. */
  returnUrl?: string;
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
export type TenantLoginMutationVariables = Exact<{
  phone: string;
  password: string;
}>;


export type TenantLoginMutation = { login: { token: string, principal: { id: string, account: { id: string } | null } } };

export type TenantRequestSignInCodeMutationVariables = Exact<{
  phone: string;
}>;


export type TenantRequestSignInCodeMutation = { requestSignInCode: boolean };

export type TenantSignInWithCodeMutationVariables = Exact<{
  phone: string;
  code: string;
}>;


export type TenantSignInWithCodeMutation = { signInWithCode: { token: string, principal: { id: string, account: { id: string } | null } } };

export type TenantSignInWithWechatMutationVariables = Exact<{
  code: string;
}>;


export type TenantSignInWithWechatMutation = { signInWithWechat: { token: string, principal: { id: string, account: { id: string } | null } } };

export type TenantLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type TenantLogoutMutation = { logout: boolean };

export type TenantAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantAccountsQuery = { tenantAccounts: Array<{ id: string, no: string, tenantName: string, shopNo: string, status: AccountStatus, balanceFen: number, current: boolean }> };

export type TenantSwitchAccountMutationVariables = Exact<{
  id: string | number;
}>;


export type TenantSwitchAccountMutation = { switchAccount: { id: string } };

export type TenantRequestBindingCodeMutationVariables = Exact<{
  no: string;
}>;


export type TenantRequestBindingCodeMutation = { requestBindingCode: boolean };

export type TenantBindAccountMutationVariables = Exact<{
  no: string;
  check: BindCheck;
}>;


export type TenantBindAccountMutation = { bindAccount: { id: string } };

export type TenantUnbindAccountMutationVariables = Exact<{
  id: string | number;
}>;


export type TenantUnbindAccountMutation = { unbindAccount: boolean };

export type TenantCreateRechargeOrderMutationVariables = Exact<{
  input: CreateRechargeOrderInput;
}>;


export type TenantCreateRechargeOrderMutation = { createRechargeOrder: { id: string, outTradeNo: string, amountFen: number, state: RechargeOrderState, pay: { redirectUrl: string | null, requestPayment: { appId: string, timeStamp: string, nonceStr: string, package: string, signType: string, paySign: string } | null } | null } };

export type TenantAlarmsQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantAlarmsQuery = { active: { nodes: Array<{ id: string, kind: AlarmKind, raisedAt: string, meter: { address: string, room: string } | null }> }, history: { nodes: Array<{ id: string, kind: AlarmKind, raisedAt: string, clearedAt: string | null, meter: { address: string, room: string } | null }> } };

export type TenantHelpQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantHelpQuery = { me: { account: { id: string, site: { name: string, officePhone: string } } | null } };

export type TenantHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantHomeQuery = { me: { account: { id: string, no: string, tenantName: string, shopNo: string, balanceFen: number, alarm1Fen: number, alarm2Fen: number, balanceMode: BalanceMode, site: { name: string }, meters: Array<{ id: string, room: string, floor: string, address: string, channel: number, relay: RelayState, online: boolean, balanceFen: number | null }> } | null } };

export type TenantUsageTodayQueryVariables = Exact<{
  id: string | number;
  today: string;
  month: string;
  now: string;
}>;


export type TenantUsageTodayQuery = { today: Array<{ energyWh: number, amountFen: number }> | null, month: Array<{ energyWh: number, amountFen: number }> | null };

export type TenantBalanceSubscriptionVariables = Exact<{
  accountId: string | number;
}>;


export type TenantBalanceSubscription = { balanceChanged: { account: { id: string, balanceFen: number }, order: { id: string, state: RechargeOrderState, amountFen: number } | null, entry: { id: string, amountFen: number } | null } };

export type KioskSignInMutationVariables = Exact<{
  device: string;
  shop: string;
  check: string;
}>;


export type KioskSignInMutation = { kioskSignIn: { expiresAt: string } };

export type KioskAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type KioskAccountQuery = { me: { kiosk: boolean, account: { id: string, no: string, tenantName: string, shopNo: string, balanceFen: number, alarm1Fen: number, alarm2Fen: number, site: { name: string }, meters: Array<{ id: string, room: string, floor: string, address: string, channel: number, relay: RelayState, online: boolean }> } | null }, paymentChannels: Array<{ channel: Channel, available: boolean, methods: Array<PayMethod> }> };

export type KioskUsageQueryVariables = Exact<{
  id: string | number;
  month: string;
  now: string;
}>;


export type KioskUsageQuery = { energyUsage: Array<{ energyWh: number, amountFen: number }> | null };

export type KioskCreateOrderMutationVariables = Exact<{
  input: CreateRechargeOrderInput;
}>;


export type KioskCreateOrderMutation = { createRechargeOrder: { id: string, amountFen: number, state: RechargeOrderState, pay: { codeUrl: string | null } | null } };

export type KioskBalanceSubscriptionVariables = Exact<{
  accountId: string | number;
}>;


export type KioskBalanceSubscription = { balanceChanged: { account: { id: string, balanceFen: number }, order: { id: string, state: RechargeOrderState, amountFen: number } | null } };

export type TenantReceiptFieldsFragment = { id: string, receiptNo: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, createdAt: string, externalRef: string | null, note: string, account: { no: string, tenantName: string }, meter: { address: string, channel: number, room: string } | null };

export type TenantReceiptQueryVariables = Exact<{
  id: string | number;
}>;


export type TenantReceiptQuery = { ledgerEntry: { id: string, receiptNo: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, createdAt: string, externalRef: string | null, note: string, account: { no: string, tenantName: string }, meter: { address: string, channel: number, room: string } | null } | null };

export type TenantReceiptByNoQueryVariables = Exact<{
  no: string;
}>;


export type TenantReceiptByNoQuery = { ledgerEntries: { nodes: Array<{ id: string, receiptNo: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, createdAt: string, externalRef: string | null, note: string, account: { no: string, tenantName: string }, meter: { address: string, channel: number, room: string } | null }> } };

export type TenantRechargeQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantRechargeQuery = { me: { account: { id: string, balanceFen: number } | null }, paymentChannels: Array<{ channel: Channel, available: boolean, methods: Array<PayMethod>, reason: string }> };

export type TenantRechargeOrderQueryVariables = Exact<{
  id: string | number;
}>;


export type TenantRechargeOrderQuery = { rechargeOrder: { id: string, outTradeNo: string, state: RechargeOrderState, amountFen: number } | null };

export type TenantRecordsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TenantRecordsQuery = { me: { account: { id: string, entries: { nodes: Array<{ id: string, type: EntryType, channel: Channel | null, amountFen: number, balanceAfterFen: number, createdAt: string, receiptNo: string, meter: { address: string, channel: number } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null } };

export type TenantNotificationSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantNotificationSettingsQuery = { notificationSettings: { accountId: string, sms: boolean, wechat: boolean, wechatTemplateIds: Array<string> } };

export type TenantSetNotificationSettingsMutationVariables = Exact<{
  sms?: boolean | null | undefined;
  wechat?: boolean | null | undefined;
}>;


export type TenantSetNotificationSettingsMutation = { setNotificationSettings: { accountId: string, sms: boolean, wechat: boolean, wechatTemplateIds: Array<string> } };

export type TenantAccountIdQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantAccountIdQuery = { me: { account: { id: string } | null } };

export type TenantUsageQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
  interval: EnergyInterval;
}>;


export type TenantUsageQuery = { energyUsage: Array<{ start: string, energyWh: number, amountFen: number }> | null };

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
export const TenantReceiptFieldsFragmentDoc = new TypedDocumentString(`
    fragment TenantReceiptFields on LedgerEntry {
  id
  receiptNo
  type
  channel
  amountFen
  balanceAfterFen
  createdAt
  externalRef
  note
  account {
    no
    tenantName
  }
  meter {
    address
    channel
    room
  }
}
    `, {"fragmentName":"TenantReceiptFields"}) as unknown as TypedDocumentString<TenantReceiptFieldsFragment, unknown>;
export const TenantLoginDocument = new TypedDocumentString(`
    mutation TenantLogin($phone: String!, $password: String!) {
  login(username: $phone, password: $password, tenant: true) {
    token
    principal {
      id
      account {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantLoginMutation, TenantLoginMutationVariables>;
export const TenantRequestSignInCodeDocument = new TypedDocumentString(`
    mutation TenantRequestSignInCode($phone: String!) {
  requestSignInCode(phone: $phone)
}
    `) as unknown as TypedDocumentString<TenantRequestSignInCodeMutation, TenantRequestSignInCodeMutationVariables>;
export const TenantSignInWithCodeDocument = new TypedDocumentString(`
    mutation TenantSignInWithCode($phone: String!, $code: String!) {
  signInWithCode(phone: $phone, code: $code) {
    token
    principal {
      id
      account {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantSignInWithCodeMutation, TenantSignInWithCodeMutationVariables>;
export const TenantSignInWithWechatDocument = new TypedDocumentString(`
    mutation TenantSignInWithWechat($code: String!) {
  signInWithWechat(code: $code) {
    token
    principal {
      id
      account {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantSignInWithWechatMutation, TenantSignInWithWechatMutationVariables>;
export const TenantLogoutDocument = new TypedDocumentString(`
    mutation TenantLogout {
  logout
}
    `) as unknown as TypedDocumentString<TenantLogoutMutation, TenantLogoutMutationVariables>;
export const TenantAccountsDocument = new TypedDocumentString(`
    query TenantAccounts {
  tenantAccounts {
    id
    no
    tenantName
    shopNo
    status
    balanceFen
    current
  }
}
    `) as unknown as TypedDocumentString<TenantAccountsQuery, TenantAccountsQueryVariables>;
export const TenantSwitchAccountDocument = new TypedDocumentString(`
    mutation TenantSwitchAccount($id: ID!) {
  switchAccount(accountId: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<TenantSwitchAccountMutation, TenantSwitchAccountMutationVariables>;
export const TenantRequestBindingCodeDocument = new TypedDocumentString(`
    mutation TenantRequestBindingCode($no: String!) {
  requestBindingCode(accountNumber: $no)
}
    `) as unknown as TypedDocumentString<TenantRequestBindingCodeMutation, TenantRequestBindingCodeMutationVariables>;
export const TenantBindAccountDocument = new TypedDocumentString(`
    mutation TenantBindAccount($no: String!, $check: BindCheck!) {
  bindAccount(accountNumber: $no, check: $check) {
    id
  }
}
    `) as unknown as TypedDocumentString<TenantBindAccountMutation, TenantBindAccountMutationVariables>;
export const TenantUnbindAccountDocument = new TypedDocumentString(`
    mutation TenantUnbindAccount($id: ID!) {
  unbindAccount(accountId: $id)
}
    `) as unknown as TypedDocumentString<TenantUnbindAccountMutation, TenantUnbindAccountMutationVariables>;
export const TenantCreateRechargeOrderDocument = new TypedDocumentString(`
    mutation TenantCreateRechargeOrder($input: CreateRechargeOrderInput!) {
  createRechargeOrder(input: $input) {
    id
    outTradeNo
    amountFen
    state
    pay {
      redirectUrl
      requestPayment {
        appId
        timeStamp
        nonceStr
        package
        signType
        paySign
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantCreateRechargeOrderMutation, TenantCreateRechargeOrderMutationVariables>;
export const TenantAlarmsDocument = new TypedDocumentString(`
    query TenantAlarms {
  active: alarms(filter: {active: true}, first: 50) {
    nodes {
      id
      kind
      raisedAt
      meter {
        address
        room
      }
    }
  }
  history: alarms(filter: {active: false}, first: 30) {
    nodes {
      id
      kind
      raisedAt
      clearedAt
      meter {
        address
        room
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantAlarmsQuery, TenantAlarmsQueryVariables>;
export const TenantHelpDocument = new TypedDocumentString(`
    query TenantHelp {
  me {
    account {
      id
      site {
        name
        officePhone
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantHelpQuery, TenantHelpQueryVariables>;
export const TenantHomeDocument = new TypedDocumentString(`
    query TenantHome {
  me {
    account {
      id
      no
      tenantName
      shopNo
      balanceFen
      alarm1Fen
      alarm2Fen
      balanceMode
      site {
        name
      }
      meters {
        id
        room
        floor
        address
        channel
        relay
        online
        balanceFen
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantHomeQuery, TenantHomeQueryVariables>;
export const TenantUsageTodayDocument = new TypedDocumentString(`
    query TenantUsageToday($id: ID!, $today: Time!, $month: Time!, $now: Time!) {
  today: energyUsage(
    scope: account
    id: $id
    from: $today
    to: $now
    interval: day
  ) {
    energyWh
    amountFen
  }
  month: energyUsage(
    scope: account
    id: $id
    from: $month
    to: $now
    interval: month
  ) {
    energyWh
    amountFen
  }
}
    `) as unknown as TypedDocumentString<TenantUsageTodayQuery, TenantUsageTodayQueryVariables>;
export const TenantBalanceDocument = new TypedDocumentString(`
    subscription TenantBalance($accountId: ID!) {
  balanceChanged(accountId: $accountId) {
    account {
      id
      balanceFen
    }
    order {
      id
      state
      amountFen
    }
    entry {
      id
      amountFen
    }
  }
}
    `) as unknown as TypedDocumentString<TenantBalanceSubscription, TenantBalanceSubscriptionVariables>;
export const KioskSignInDocument = new TypedDocumentString(`
    mutation KioskSignIn($device: String!, $shop: String!, $check: String!) {
  kioskSignIn(device: $device, shop: $shop, check: $check) {
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<KioskSignInMutation, KioskSignInMutationVariables>;
export const KioskAccountDocument = new TypedDocumentString(`
    query KioskAccount {
  me {
    kiosk
    account {
      id
      no
      tenantName
      shopNo
      balanceFen
      alarm1Fen
      alarm2Fen
      site {
        name
      }
      meters {
        id
        room
        floor
        address
        channel
        relay
        online
      }
    }
  }
  paymentChannels {
    channel
    available
    methods
  }
}
    `) as unknown as TypedDocumentString<KioskAccountQuery, KioskAccountQueryVariables>;
export const KioskUsageDocument = new TypedDocumentString(`
    query KioskUsage($id: ID!, $month: Time!, $now: Time!) {
  energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) {
    energyWh
    amountFen
  }
}
    `) as unknown as TypedDocumentString<KioskUsageQuery, KioskUsageQueryVariables>;
export const KioskCreateOrderDocument = new TypedDocumentString(`
    mutation KioskCreateOrder($input: CreateRechargeOrderInput!) {
  createRechargeOrder(input: $input) {
    id
    amountFen
    state
    pay {
      codeUrl
    }
  }
}
    `) as unknown as TypedDocumentString<KioskCreateOrderMutation, KioskCreateOrderMutationVariables>;
export const KioskBalanceDocument = new TypedDocumentString(`
    subscription KioskBalance($accountId: ID!) {
  balanceChanged(accountId: $accountId) {
    account {
      id
      balanceFen
    }
    order {
      id
      state
      amountFen
    }
  }
}
    `) as unknown as TypedDocumentString<KioskBalanceSubscription, KioskBalanceSubscriptionVariables>;
export const TenantReceiptDocument = new TypedDocumentString(`
    query TenantReceipt($id: ID!) {
  ledgerEntry(id: $id) {
    ...TenantReceiptFields
  }
}
    fragment TenantReceiptFields on LedgerEntry {
  id
  receiptNo
  type
  channel
  amountFen
  balanceAfterFen
  createdAt
  externalRef
  note
  account {
    no
    tenantName
  }
  meter {
    address
    channel
    room
  }
}`) as unknown as TypedDocumentString<TenantReceiptQuery, TenantReceiptQueryVariables>;
export const TenantReceiptByNoDocument = new TypedDocumentString(`
    query TenantReceiptByNo($no: String!) {
  ledgerEntries(filter: {receiptNo: $no}, first: 1) {
    nodes {
      ...TenantReceiptFields
    }
  }
}
    fragment TenantReceiptFields on LedgerEntry {
  id
  receiptNo
  type
  channel
  amountFen
  balanceAfterFen
  createdAt
  externalRef
  note
  account {
    no
    tenantName
  }
  meter {
    address
    channel
    room
  }
}`) as unknown as TypedDocumentString<TenantReceiptByNoQuery, TenantReceiptByNoQueryVariables>;
export const TenantRechargeDocument = new TypedDocumentString(`
    query TenantRecharge {
  me {
    account {
      id
      balanceFen
    }
  }
  paymentChannels {
    channel
    available
    methods
    reason
  }
}
    `) as unknown as TypedDocumentString<TenantRechargeQuery, TenantRechargeQueryVariables>;
export const TenantRechargeOrderDocument = new TypedDocumentString(`
    query TenantRechargeOrder($id: ID!) {
  rechargeOrder(id: $id) {
    id
    outTradeNo
    state
    amountFen
  }
}
    `) as unknown as TypedDocumentString<TenantRechargeOrderQuery, TenantRechargeOrderQueryVariables>;
export const TenantRecordsDocument = new TypedDocumentString(`
    query TenantRecords($after: String) {
  me {
    account {
      id
      entries(first: 20, after: $after) {
        nodes {
          id
          type
          channel
          amountFen
          balanceAfterFen
          createdAt
          receiptNo
          meter {
            address
            channel
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TenantRecordsQuery, TenantRecordsQueryVariables>;
export const TenantNotificationSettingsDocument = new TypedDocumentString(`
    query TenantNotificationSettings {
  notificationSettings {
    accountId
    sms
    wechat
    wechatTemplateIds
  }
}
    `) as unknown as TypedDocumentString<TenantNotificationSettingsQuery, TenantNotificationSettingsQueryVariables>;
export const TenantSetNotificationSettingsDocument = new TypedDocumentString(`
    mutation TenantSetNotificationSettings($sms: Boolean, $wechat: Boolean) {
  setNotificationSettings(sms: $sms, wechat: $wechat) {
    accountId
    sms
    wechat
    wechatTemplateIds
  }
}
    `) as unknown as TypedDocumentString<TenantSetNotificationSettingsMutation, TenantSetNotificationSettingsMutationVariables>;
export const TenantAccountIdDocument = new TypedDocumentString(`
    query TenantAccountId {
  me {
    account {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TenantAccountIdQuery, TenantAccountIdQueryVariables>;
export const TenantUsageDocument = new TypedDocumentString(`
    query TenantUsage($id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {
  energyUsage(scope: account, id: $id, from: $from, to: $to, interval: $interval) {
    start
    energyWh
    amountFen
  }
}
    `) as unknown as TypedDocumentString<TenantUsageQuery, TenantUsageQueryVariables>;