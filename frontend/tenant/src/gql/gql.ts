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
    "\n  mutation TenantLogin($phone: String!, $password: String!) {\n    login(username: $phone, password: $password, tenant: true) {\n      token\n      principal { id account { id } }\n    }\n  }\n": typeof types.TenantLoginDocument,
    "mutation TenantRequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) }": typeof types.TenantRequestSignInCodeDocument,
    "\n  mutation TenantSignInWithCode($phone: String!, $code: String!) {\n    signInWithCode(phone: $phone, code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n": typeof types.TenantSignInWithCodeDocument,
    "\n  mutation TenantSignInWithWechat($code: String!) {\n    signInWithWechat(code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n": typeof types.TenantSignInWithWechatDocument,
    "mutation TenantLogout { logout }": typeof types.TenantLogoutDocument,
    "\n  query TenantAccounts {\n    tenantAccounts { id no tenantName shopNo status balanceFen current }\n  }\n": typeof types.TenantAccountsDocument,
    "mutation TenantSwitchAccount($id: ID!) { switchAccount(accountId: $id) { id } }": typeof types.TenantSwitchAccountDocument,
    "mutation TenantRequestBindingCode($no: String!) { requestBindingCode(accountNumber: $no) }": typeof types.TenantRequestBindingCodeDocument,
    "\n  mutation TenantBindAccount($no: String!, $check: BindCheck!) {\n    bindAccount(accountNumber: $no, check: $check) { id }\n  }\n": typeof types.TenantBindAccountDocument,
    "mutation TenantUnbindAccount($id: ID!) { unbindAccount(accountId: $id) }": typeof types.TenantUnbindAccountDocument,
    "\n  mutation TenantCreateRechargeOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) {\n      id\n      outTradeNo\n      amountFen\n      state\n      pay {\n        redirectUrl\n        requestPayment { appId timeStamp nonceStr package signType paySign }\n      }\n    }\n  }\n": typeof types.TenantCreateRechargeOrderDocument,
    "\n  query TenantAlarms {\n    active: alarms(filter: { active: true }, first: 50) { nodes { id kind raisedAt meter { address room } } }\n    history: alarms(filter: { active: false }, first: 30) { nodes { id kind raisedAt clearedAt meter { address room } } }\n  }\n": typeof types.TenantAlarmsDocument,
    "query TenantHelp { me { account { id site { name officePhone } } } }": typeof types.TenantHelpDocument,
    "\n  query TenantHome {\n    me {\n      account {\n        id\n        no\n        tenantName\n        shopNo\n        balanceFen\n        alarm1Fen\n        alarm2Fen\n        balanceMode\n        site { name }\n        meters { id room floor address channel relay online balanceFen }\n      }\n    }\n  }\n": typeof types.TenantHomeDocument,
    "\n  query TenantUsageToday($id: ID!, $today: Time!, $month: Time!, $now: Time!) {\n    today: energyUsage(scope: account, id: $id, from: $today, to: $now, interval: day) { energyWh amountFen }\n    month: energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n": typeof types.TenantUsageTodayDocument,
    "\n  subscription TenantBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n      entry { id amountFen }\n    }\n  }\n": typeof types.TenantBalanceDocument,
    "\n  mutation KioskSignIn($device: String!, $shop: String!, $check: String!) {\n    kioskSignIn(device: $device, shop: $shop, check: $check) { expiresAt }\n  }\n": typeof types.KioskSignInDocument,
    "\n  query KioskAccount {\n    me {\n      kiosk\n      account {\n        id no tenantName shopNo balanceFen alarm1Fen alarm2Fen\n        site { name }\n        meters { id room floor address channel relay online }\n      }\n    }\n    paymentChannels { channel available methods }\n  }\n": typeof types.KioskAccountDocument,
    "\n  query KioskUsage($id: ID!, $month: Time!, $now: Time!) {\n    energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n": typeof types.KioskUsageDocument,
    "\n  mutation KioskCreateOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) { id amountFen state pay { codeUrl } }\n  }\n": typeof types.KioskCreateOrderDocument,
    "\n  subscription KioskBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n    }\n  }\n": typeof types.KioskBalanceDocument,
    "\n  fragment TenantReceiptFields on LedgerEntry {\n    id\n    receiptNo\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    createdAt\n    externalRef\n    note\n    account { no tenantName }\n    meter { address channel room }\n  }\n": typeof types.TenantReceiptFieldsFragmentDoc,
    "\n  query TenantReceipt($id: ID!) {\n    ledgerEntry(id: $id) { ...TenantReceiptFields }\n  }\n": typeof types.TenantReceiptDocument,
    "\n  query TenantReceiptByNo($no: String!) {\n    ledgerEntries(filter: { receiptNo: $no }, first: 1) { nodes { ...TenantReceiptFields } }\n  }\n": typeof types.TenantReceiptByNoDocument,
    "\n  query TenantRecharge {\n    me { account { id balanceFen } }\n    paymentChannels { channel available methods reason }\n  }\n": typeof types.TenantRechargeDocument,
    "\n  query TenantRechargeOrder($id: ID!) {\n    rechargeOrder(id: $id) { id outTradeNo state amountFen }\n  }\n": typeof types.TenantRechargeOrderDocument,
    "\n  query TenantRecords($after: String) {\n    me {\n      account {\n        id\n        entries(first: 20, after: $after) {\n          nodes { id type channel amountFen balanceAfterFen createdAt receiptNo meter { address channel } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": typeof types.TenantRecordsDocument,
    "\n  query TenantNotificationSettings {\n    notificationSettings { accountId sms wechat wechatTemplateIds }\n  }\n": typeof types.TenantNotificationSettingsDocument,
    "\n  mutation TenantSetNotificationSettings($sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(sms: $sms, wechat: $wechat) { accountId sms wechat wechatTemplateIds }\n  }\n": typeof types.TenantSetNotificationSettingsDocument,
    "query TenantAccountId { me { account { id } } }": typeof types.TenantAccountIdDocument,
    "\n  query TenantUsage($id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: account, id: $id, from: $from, to: $to, interval: $interval) { start energyWh amountFen }\n  }\n": typeof types.TenantUsageDocument,
};
const documents: Documents = {
    "\n  mutation TenantLogin($phone: String!, $password: String!) {\n    login(username: $phone, password: $password, tenant: true) {\n      token\n      principal { id account { id } }\n    }\n  }\n": types.TenantLoginDocument,
    "mutation TenantRequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) }": types.TenantRequestSignInCodeDocument,
    "\n  mutation TenantSignInWithCode($phone: String!, $code: String!) {\n    signInWithCode(phone: $phone, code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n": types.TenantSignInWithCodeDocument,
    "\n  mutation TenantSignInWithWechat($code: String!) {\n    signInWithWechat(code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n": types.TenantSignInWithWechatDocument,
    "mutation TenantLogout { logout }": types.TenantLogoutDocument,
    "\n  query TenantAccounts {\n    tenantAccounts { id no tenantName shopNo status balanceFen current }\n  }\n": types.TenantAccountsDocument,
    "mutation TenantSwitchAccount($id: ID!) { switchAccount(accountId: $id) { id } }": types.TenantSwitchAccountDocument,
    "mutation TenantRequestBindingCode($no: String!) { requestBindingCode(accountNumber: $no) }": types.TenantRequestBindingCodeDocument,
    "\n  mutation TenantBindAccount($no: String!, $check: BindCheck!) {\n    bindAccount(accountNumber: $no, check: $check) { id }\n  }\n": types.TenantBindAccountDocument,
    "mutation TenantUnbindAccount($id: ID!) { unbindAccount(accountId: $id) }": types.TenantUnbindAccountDocument,
    "\n  mutation TenantCreateRechargeOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) {\n      id\n      outTradeNo\n      amountFen\n      state\n      pay {\n        redirectUrl\n        requestPayment { appId timeStamp nonceStr package signType paySign }\n      }\n    }\n  }\n": types.TenantCreateRechargeOrderDocument,
    "\n  query TenantAlarms {\n    active: alarms(filter: { active: true }, first: 50) { nodes { id kind raisedAt meter { address room } } }\n    history: alarms(filter: { active: false }, first: 30) { nodes { id kind raisedAt clearedAt meter { address room } } }\n  }\n": types.TenantAlarmsDocument,
    "query TenantHelp { me { account { id site { name officePhone } } } }": types.TenantHelpDocument,
    "\n  query TenantHome {\n    me {\n      account {\n        id\n        no\n        tenantName\n        shopNo\n        balanceFen\n        alarm1Fen\n        alarm2Fen\n        balanceMode\n        site { name }\n        meters { id room floor address channel relay online balanceFen }\n      }\n    }\n  }\n": types.TenantHomeDocument,
    "\n  query TenantUsageToday($id: ID!, $today: Time!, $month: Time!, $now: Time!) {\n    today: energyUsage(scope: account, id: $id, from: $today, to: $now, interval: day) { energyWh amountFen }\n    month: energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n": types.TenantUsageTodayDocument,
    "\n  subscription TenantBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n      entry { id amountFen }\n    }\n  }\n": types.TenantBalanceDocument,
    "\n  mutation KioskSignIn($device: String!, $shop: String!, $check: String!) {\n    kioskSignIn(device: $device, shop: $shop, check: $check) { expiresAt }\n  }\n": types.KioskSignInDocument,
    "\n  query KioskAccount {\n    me {\n      kiosk\n      account {\n        id no tenantName shopNo balanceFen alarm1Fen alarm2Fen\n        site { name }\n        meters { id room floor address channel relay online }\n      }\n    }\n    paymentChannels { channel available methods }\n  }\n": types.KioskAccountDocument,
    "\n  query KioskUsage($id: ID!, $month: Time!, $now: Time!) {\n    energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n": types.KioskUsageDocument,
    "\n  mutation KioskCreateOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) { id amountFen state pay { codeUrl } }\n  }\n": types.KioskCreateOrderDocument,
    "\n  subscription KioskBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n    }\n  }\n": types.KioskBalanceDocument,
    "\n  fragment TenantReceiptFields on LedgerEntry {\n    id\n    receiptNo\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    createdAt\n    externalRef\n    note\n    account { no tenantName }\n    meter { address channel room }\n  }\n": types.TenantReceiptFieldsFragmentDoc,
    "\n  query TenantReceipt($id: ID!) {\n    ledgerEntry(id: $id) { ...TenantReceiptFields }\n  }\n": types.TenantReceiptDocument,
    "\n  query TenantReceiptByNo($no: String!) {\n    ledgerEntries(filter: { receiptNo: $no }, first: 1) { nodes { ...TenantReceiptFields } }\n  }\n": types.TenantReceiptByNoDocument,
    "\n  query TenantRecharge {\n    me { account { id balanceFen } }\n    paymentChannels { channel available methods reason }\n  }\n": types.TenantRechargeDocument,
    "\n  query TenantRechargeOrder($id: ID!) {\n    rechargeOrder(id: $id) { id outTradeNo state amountFen }\n  }\n": types.TenantRechargeOrderDocument,
    "\n  query TenantRecords($after: String) {\n    me {\n      account {\n        id\n        entries(first: 20, after: $after) {\n          nodes { id type channel amountFen balanceAfterFen createdAt receiptNo meter { address channel } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": types.TenantRecordsDocument,
    "\n  query TenantNotificationSettings {\n    notificationSettings { accountId sms wechat wechatTemplateIds }\n  }\n": types.TenantNotificationSettingsDocument,
    "\n  mutation TenantSetNotificationSettings($sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(sms: $sms, wechat: $wechat) { accountId sms wechat wechatTemplateIds }\n  }\n": types.TenantSetNotificationSettingsDocument,
    "query TenantAccountId { me { account { id } } }": types.TenantAccountIdDocument,
    "\n  query TenantUsage($id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: account, id: $id, from: $from, to: $to, interval: $interval) { start energyWh amountFen }\n  }\n": types.TenantUsageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantLogin($phone: String!, $password: String!) {\n    login(username: $phone, password: $password, tenant: true) {\n      token\n      principal { id account { id } }\n    }\n  }\n"): typeof import('./graphql').TenantLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantRequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) }"): typeof import('./graphql').TenantRequestSignInCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantSignInWithCode($phone: String!, $code: String!) {\n    signInWithCode(phone: $phone, code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n"): typeof import('./graphql').TenantSignInWithCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantSignInWithWechat($code: String!) {\n    signInWithWechat(code: $code) {\n      token\n      principal { id account { id } }\n    }\n  }\n"): typeof import('./graphql').TenantSignInWithWechatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantLogout { logout }"): typeof import('./graphql').TenantLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantAccounts {\n    tenantAccounts { id no tenantName shopNo status balanceFen current }\n  }\n"): typeof import('./graphql').TenantAccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantSwitchAccount($id: ID!) { switchAccount(accountId: $id) { id } }"): typeof import('./graphql').TenantSwitchAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantRequestBindingCode($no: String!) { requestBindingCode(accountNumber: $no) }"): typeof import('./graphql').TenantRequestBindingCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantBindAccount($no: String!, $check: BindCheck!) {\n    bindAccount(accountNumber: $no, check: $check) { id }\n  }\n"): typeof import('./graphql').TenantBindAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantUnbindAccount($id: ID!) { unbindAccount(accountId: $id) }"): typeof import('./graphql').TenantUnbindAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantCreateRechargeOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) {\n      id\n      outTradeNo\n      amountFen\n      state\n      pay {\n        redirectUrl\n        requestPayment { appId timeStamp nonceStr package signType paySign }\n      }\n    }\n  }\n"): typeof import('./graphql').TenantCreateRechargeOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantAlarms {\n    active: alarms(filter: { active: true }, first: 50) { nodes { id kind raisedAt meter { address room } } }\n    history: alarms(filter: { active: false }, first: 30) { nodes { id kind raisedAt clearedAt meter { address room } } }\n  }\n"): typeof import('./graphql').TenantAlarmsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantHelp { me { account { id site { name officePhone } } } }"): typeof import('./graphql').TenantHelpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantHome {\n    me {\n      account {\n        id\n        no\n        tenantName\n        shopNo\n        balanceFen\n        alarm1Fen\n        alarm2Fen\n        balanceMode\n        site { name }\n        meters { id room floor address channel relay online balanceFen }\n      }\n    }\n  }\n"): typeof import('./graphql').TenantHomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantUsageToday($id: ID!, $today: Time!, $month: Time!, $now: Time!) {\n    today: energyUsage(scope: account, id: $id, from: $today, to: $now, interval: day) { energyWh amountFen }\n    month: energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n"): typeof import('./graphql').TenantUsageTodayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TenantBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n      entry { id amountFen }\n    }\n  }\n"): typeof import('./graphql').TenantBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KioskSignIn($device: String!, $shop: String!, $check: String!) {\n    kioskSignIn(device: $device, shop: $shop, check: $check) { expiresAt }\n  }\n"): typeof import('./graphql').KioskSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KioskAccount {\n    me {\n      kiosk\n      account {\n        id no tenantName shopNo balanceFen alarm1Fen alarm2Fen\n        site { name }\n        meters { id room floor address channel relay online }\n      }\n    }\n    paymentChannels { channel available methods }\n  }\n"): typeof import('./graphql').KioskAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KioskUsage($id: ID!, $month: Time!, $now: Time!) {\n    energyUsage(scope: account, id: $id, from: $month, to: $now, interval: month) { energyWh amountFen }\n  }\n"): typeof import('./graphql').KioskUsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KioskCreateOrder($input: CreateRechargeOrderInput!) {\n    createRechargeOrder(input: $input) { id amountFen state pay { codeUrl } }\n  }\n"): typeof import('./graphql').KioskCreateOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KioskBalance($accountId: ID!) {\n    balanceChanged(accountId: $accountId) {\n      account { id balanceFen }\n      order { id state amountFen }\n    }\n  }\n"): typeof import('./graphql').KioskBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TenantReceiptFields on LedgerEntry {\n    id\n    receiptNo\n    type\n    channel\n    amountFen\n    balanceAfterFen\n    createdAt\n    externalRef\n    note\n    account { no tenantName }\n    meter { address channel room }\n  }\n"): typeof import('./graphql').TenantReceiptFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantReceipt($id: ID!) {\n    ledgerEntry(id: $id) { ...TenantReceiptFields }\n  }\n"): typeof import('./graphql').TenantReceiptDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantReceiptByNo($no: String!) {\n    ledgerEntries(filter: { receiptNo: $no }, first: 1) { nodes { ...TenantReceiptFields } }\n  }\n"): typeof import('./graphql').TenantReceiptByNoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantRecharge {\n    me { account { id balanceFen } }\n    paymentChannels { channel available methods reason }\n  }\n"): typeof import('./graphql').TenantRechargeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantRechargeOrder($id: ID!) {\n    rechargeOrder(id: $id) { id outTradeNo state amountFen }\n  }\n"): typeof import('./graphql').TenantRechargeOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantRecords($after: String) {\n    me {\n      account {\n        id\n        entries(first: 20, after: $after) {\n          nodes { id type channel amountFen balanceAfterFen createdAt receiptNo meter { address channel } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TenantRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantNotificationSettings {\n    notificationSettings { accountId sms wechat wechatTemplateIds }\n  }\n"): typeof import('./graphql').TenantNotificationSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenantSetNotificationSettings($sms: Boolean, $wechat: Boolean) {\n    setNotificationSettings(sms: $sms, wechat: $wechat) { accountId sms wechat wechatTemplateIds }\n  }\n"): typeof import('./graphql').TenantSetNotificationSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantAccountId { me { account { id } } }"): typeof import('./graphql').TenantAccountIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantUsage($id: ID!, $from: Time!, $to: Time!, $interval: EnergyInterval!) {\n    energyUsage(scope: account, id: $id, from: $from, to: $to, interval: $interval) { start energyWh amountFen }\n  }\n"): typeof import('./graphql').TenantUsageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
