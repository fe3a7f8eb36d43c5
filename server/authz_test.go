package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// authzUnknownID is an id no fixture has: well-typed, but naming nothing.
const (
	authzUnknownID  = "987654321098"
	authzUnknownID2 = "987654321099"
)

// authzFixtures are the records the sample reads point at. The tenant of
// the matrix owns Account, so its reads succeed too.
type authzFixtures struct {
	Site, Account, Meter, Entry, Tariff, Command int64
}

// authzSample is one small operation that calls a root field.
type authzSample struct {
	query string
	vars  func(fx *authzFixtures) map[string]any
	// read marks a query on existing fixtures: when the caller is allowed,
	// it must succeed without any error.
	read bool
	// tenantOnly marks a field of the tenant app (@authenticated): the
	// service refuses every caller but a tenant with FORBIDDEN.
	tenantOnly bool
	// staffOnly marks an office report: the service refuses a tenant with
	// FORBIDDEN though the tenant holds the field's permission.
	staffOnly bool
	// staffNeeds is a permission staff need beyond the field's own (a
	// tenant's app may change its own account's settings with
	// read_accounts; an operator or key needs this too): FORBIDDEN naming
	// it for staff without it.
	staffNeeds voltpay.Permission
}

func authzNoVars(*authzFixtures) map[string]any { return nil }

func authzAccountInput(site any) map[string]any {
	return map[string]any{"siteId": site, "tenantName": "矩阵商户", "phone": "13800138000"}
}

func authzMeterInput(site any) map[string]any {
	return map[string]any{"siteId": site, "address": "000000000001", "protocol": "dlt645"}
}

func authzScheduleInput() map[string]any {
	return map[string]any{"siteId": authzUnknownID, "name": "矩阵定时", "action": "trip", "atMinute": 1320, "meterIds": []any{authzUnknownID}}
}

func authzTariffInput(site any) map[string]any {
	return map[string]any{"siteId": site, "name": "矩阵电价", "kind": "flat",
		"prices": []any{map[string]any{"rate": "flat", "price": "0.8523"}}}
}

func authzGatewayInput(site any) map[string]any {
	return map[string]any{"siteId": site, "name": "矩阵管理机", "endpoint": "192.0.2.1:4001", "protocol": "dlt645"}
}

func authzApportionInput(site any) map[string]any {
	return map[string]any{"siteId": site, "name": "矩阵公摊", "method": "area", "tariffId": authzUnknownID,
		"sources": []any{map[string]any{"meterId": authzUnknownID, "role": "common"}},
		"members": []any{map[string]any{"accountId": authzUnknownID2, "areaM2x100": 10000}}}
}

// authzSamples holds one sample for every root query and mutation, keyed
// "Type.field". TestAuthz_Matrix fails when the schema has a field that is
// missing here, so that no new field escapes the matrix. Mutations use
// unknown ids or invalid values, so that running them changes nothing.
var authzSamples = map[string]authzSample{
	// Queries.
	"Query.me":        {query: `{ me { kind permissions } }`, vars: authzNoVars, read: true},
	"Query.operators": {query: `{ operators(first: 1) { nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.apiKeys":   {query: `{ apiKeys(first: 1) { nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.account": {query: `query($id: ID!) { account(id: $id) { id balanceFen } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Account} }},
	"Query.accounts": {query: `{ accounts(first: 1) { totalCount nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.auditLog": {query: `{ auditLog(first: 1) { nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.ledgerEntry": {query: `query($id: ID!) { ledgerEntry(id: $id) { id amountFen } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Entry} }},
	"Query.ledgerEntries": {query: `{ ledgerEntries(first: 1) { totalCount nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.alarms": {query: `{ alarms(first: 1, filter: {active: true}) { totalCount nodes { id kind gateway { id } } } }`,
		vars: authzNoVars, read: true},
	"Query.meter": {query: `query($id: ID!) { meter(id: $id) { id address } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Meter} }},
	"Query.meters":    {query: `{ meters(first: 1) { totalCount nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.sites":     {query: `{ sites { id } }`, vars: authzNoVars, read: true},
	"Query.buildings": {query: `{ buildings(first: 1) { totalCount } }`, vars: authzNoVars, read: true},
	"Query.gateways":  {query: `{ gateways(first: 1) { totalCount } }`, vars: authzNoVars, read: true},
	"Query.tariff": {query: `query($id: ID!) { tariff(id: $id) { id name } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Tariff} }},
	"Query.tariffs": {query: `{ tariffs(first: 1) { totalCount } }`, vars: authzNoVars, read: true},
	"Query.command": {query: `query($id: ID!) { command(id: $id) { id state meter { id } } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Command} }},
	"Query.commands":         {query: `{ commands(first: 1) { totalCount nodes { id } } }`, vars: authzNoVars, read: true},
	"Query.controlSchedules": {query: `{ controlSchedules { id } }`, vars: authzNoVars, read: true},
	"Query.apportionGroups":  {query: `{ apportionGroups { id members { shareBp } } }`, vars: authzNoVars, read: true},
	"Query.apportionRuns": {query: `query($g: ID!) { apportionRuns(groupId: $g) { id lines { amountFen } } }`, read: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"g": authzUnknownID} }},
	"Query.apportionGroup": {query: `query($id: ID!) { apportionGroup(id: $id) { id members { shareBp } } }`, read: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Query.apportionRun": {query: `query($id: ID!) { apportionRun(id: $id) { id shares(first: 5) { totalCount nodes { amountFen } } } }`, read: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},

	"Query.salesSummary": {query: `{ salesSummary(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { totalFen count byChannel { channel amountFen } byOperator { operatorId name } } }`,
		vars: authzNoVars, read: true},
	"Query.energyUsage": {query: `query($id: ID!) { energyUsage(scope: meter, id: $id, from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z", interval: day) { start energyWh amountFen } }`,
		read: true, vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Meter} }},
	"Query.energyReport": {query: `query($s: ID!) { energyReport(siteId: $s, groupBy: meter, from: "2026-01-01", to: "2026-02-01") { totalRows total { energyWh amountFen } } }`,
		read: true, vars: func(fx *authzFixtures) map[string]any { return map[string]any{"s": fx.Site} }},
	"Query.accountStatement": {query: `query($id: ID!) { accountStatement(accountId: $id, month: "2026-01") { openingFen closingFen charges { rate } } }`,
		read: true, vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Account} }},
	"Query.roles": {query: `{ roles { role permissions } }`, vars: authzNoVars, read: true},

	// The notification outbox.
	"Query.notifications": {query: `{ notifications(first: 1) { totalCount nodes { id state } } }`, vars: authzNoVars, read: true},
	"Query.notificationSettings": {query: `query($id: ID) { notificationSettings(accountId: $id) { sms wechat } }`, read: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Account} }},
	"Query.previewNotificationTemplate": {query: `{ previewNotificationTemplate(kind: alarm1, text: "{account}") }`, vars: authzNoVars, read: true},
	"Query.smsStatus":                   {query: `{ smsStatus { driver } }`, vars: authzNoVars, read: true},
	// The reports: staff's (a tenant, holding read_accounts, is refused by the service).
	"Query.arrearsReport":   {query: `{ arrearsReport { debtFen } }`, vars: authzNoVars, read: true, staffOnly: true},
	"Query.arrearsAccounts": {query: `{ arrearsAccounts { accountId } }`, vars: authzNoVars, read: true, staffOnly: true},
	"Query.meterSnapshot": {query: `query($s: ID!) { meterSnapshot(first: 1, filter: {siteId: $s}) { totalCount } }`, read: true, staffOnly: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"s": fx.Site} }},
	"Query.offlineMeters": {query: `query($s: ID!) { offlineMeters(first: 1, filter: {siteId: $s}) { totalCount } }`, read: true, staffOnly: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"s": fx.Site} }},
	"Query.offlineSummary": {query: `query($s: ID!) { offlineSummary(filter: {siteId: $s}) { offline } }`, read: true, staffOnly: true,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"s": fx.Site} }},
	"Query.alarmStats": {query: `{ alarmStats(filter: {from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z"}) { byKind { kind } } }`,
		vars: authzNoVars, read: true, staffOnly: true},
	"Query.alarmDailyCounts": {query: `{ alarmDailyCounts(filter: {from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z"}) { day } }`,
		vars: authzNoVars, read: true, staffOnly: true},
	"Query.apportionStatement": {query: `query($id: ID!) { apportionStatement(runId: $id) { groupName } }`, read: true, staffOnly: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Query.apportionStatementLines": {query: `query($id: ID!) { apportionStatementLines(filter: {runId: $id}) { accountId } }`, staffOnly: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Query.salesReport": {query: `{ salesReport(filter: {from: "2026-01-01", to: "2026-02-01", period: day}) { total { netFen } } }`,
		vars: authzNoVars, read: true, staffOnly: true},
	"Query.dailySettlement": {query: `{ dailySettlement(filter: {day: "2026-01-01"}) { day } }`, vars: authzNoVars, read: true, staffOnly: true},
	"Query.chargesReport": {query: `{ chargesReport(filter: {from: "2026-01-01", to: "2026-02-01", period: month}) { total { netFen } } }`,
		vars: authzNoVars, read: true, staffOnly: true},
	"Query.meterStatusCounts": {query: `{ meterStatusCounts { status count online offline } }`, vars: authzNoVars, read: true},

	"Query.rechargeOrder": {query: `query($id: ID) { rechargeOrder(id: $id) { id state } }`, read: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Query.rechargeOrders":  {query: `{ rechargeOrders(first: 1) { totalCount } }`, vars: authzNoVars, read: true},
	"Query.paymentChannels": {query: `{ paymentChannels { channel available } }`, vars: authzNoVars, read: true},
	// No channel is configured in tests: UNAVAILABLE once allowed.
	"Query.rechargeStatement": {query: `{ rechargeStatement(channel: wechat, day: "2026-01-01") { problem } }`,
		vars: authzNoVars},

	// Mutations: the notification outbox (unknown ids, invalid values).
	"Mutation.setNotificationTemplate": {query: `mutation($s: ID!) { setNotificationTemplate(siteId: $s, kind: alarm1, text: "{nosuch}") { kind } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"s": authzUnknownID} }},
	"Mutation.setQuietHours": {query: `mutation($s: ID!) { setQuietHours(siteId: $s, start: "25:00", end: "08:00") { start } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"s": authzUnknownID} }},
	// On the matrix tenant's own account, changing nothing.
	"Mutation.setNotificationSettings": {query: `mutation($id: ID) { setNotificationSettings(accountId: $id) { sms } }`,
		staffNeeds: voltpay.PermManageAccounts,
		vars:       func(fx *authzFixtures) map[string]any { return map[string]any{"id": fx.Account} }},
	"Mutation.retryNotification": {query: `mutation($id: ID!) { retryNotification(id: $id) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	// The kiosk: public; no key is configured in tests (UNAVAILABLE).
	"Mutation.kioskSignIn": {query: `mutation { kioskSignIn(device: "matrix", shop: "A-1", check: "0000") { token } }`, vars: authzNoVars},

	// Mutations: recharge.
	"Mutation.createRechargeOrder": {query: `mutation($in: CreateRechargeOrderInput!) { createRechargeOrder(input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"accountId": fx.Account, "amountFen": 1, "channel": "wechat", "method": "qr"}}
		}},
	"Mutation.refundRechargeOrder": {query: `mutation($in: RefundRechargeOrderInput!) { refundRechargeOrder(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"orderId": authzUnknownID, "amountFen": 100, "reason": "matrix", "idempotencyKey": newKey()}}
		}},

	// The tenant app: malformed input or unknown ids, so nothing changes.
	"Query.tenantAccounts":       {query: `{ tenantAccounts { id no current } }`, vars: authzNoVars, read: true, tenantOnly: true},
	"Mutation.requestSignInCode": {query: `mutation { requestSignInCode(phone: "021-12345678") }`, vars: authzNoVars},
	"Mutation.signInWithCode":    {query: `mutation { signInWithCode(phone: "not-a-phone", code: "000000") { token } }`, vars: authzNoVars},
	// No WeChat is configured in tests: UNAVAILABLE.
	"Mutation.signInWithWechat": {query: `mutation { signInWithWechat(code: "matrix") { token } }`, vars: authzNoVars},
	"Mutation.switchAccount": {query: `mutation($id: ID!) { switchAccount(accountId: $id) { kind } }`, tenantOnly: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.requestBindingCode": {query: `mutation { requestBindingCode(accountNumber: " ") }`, vars: authzNoVars, tenantOnly: true},
	"Mutation.bindAccount":        {query: `mutation { bindAccount(accountNumber: "matrix", check: {}) { id } }`, vars: authzNoVars, tenantOnly: true},
	"Mutation.unbindAccount": {query: `mutation($id: ID!) { unbindAccount(accountId: $id) }`, tenantOnly: true,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.revokeBinding": {query: `mutation($id: ID!) { revokeBinding(id: $id) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},

	// Mutations: auth.
	"Mutation.login":  {query: `mutation { login(username: "", password: "matrix-password") { token } }`, vars: authzNoVars},
	"Mutation.logout": {query: `mutation { logout }`, vars: authzNoVars},
	"Mutation.createOperator": {query: `mutation($in: OperatorInput!) { createOperator(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"username": fmt.Sprintf("matrix%d", next()), "displayName": "矩阵",
				"role": "viewer", "password": "short"}}
		}},
	"Mutation.updateOperator": {query: `mutation($id: ID!, $in: OperatorInput!) { updateOperator(id: $id, input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": map[string]any{"username": "matrix_nobody", "displayName": "矩阵",
				"role": "viewer", "password": ""}}
		}},
	"Mutation.createApiKey": {query: `mutation { createApiKey(name: "matrix", scopes: []) { secret } }`, vars: authzNoVars},
	"Mutation.revokeApiKey": {query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.resetTenantPassword": {query: `mutation($in: ResetTenantPasswordInput!) { resetTenantPassword(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"userId": authzUnknownID, "newPassword": "short"}}
		}},
	"Mutation.setTenantUserDisabled": {query: `mutation($id: ID!) { setTenantUserDisabled(id: $id, disabled: true) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	// A weak new password: refused before the current one is checked, for every caller.
	"Mutation.changePassword": {query: `mutation { changePassword(currentPassword: "matrix-password", newPassword: "short") }`,
		vars: authzNoVars},
	"Mutation.createTenantUser": {query: `mutation($a: ID!) { createTenantUser(accountId: $a, phone: "13900001111", password: "short") { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"a": authzUnknownID} }},

	// Mutations: accounts.
	"Mutation.openAccount": {query: `mutation($in: OpenAccountInput!) { openAccount(input: $in) { account { id } } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"account": authzAccountInput(authzUnknownID)}}
		}},
	"Mutation.updateAccount": {query: `mutation($id: ID!, $in: AccountInput!) { updateAccount(id: $id, input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzAccountInput(fx.Site)}
		}},
	"Mutation.closeAccount": {query: `mutation($in: CloseAccountInput!) { closeAccount(input: $in) { account { id } } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"accountId": authzUnknownID, "channel": "cash", "idempotencyKey": newKey()}}
		}},
	"Mutation.attachMeter": {query: `mutation($a: ID!, $m: ID!) { attachMeter(accountId: $a, meterId: $m) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"a": authzUnknownID, "m": authzUnknownID2} }},
	"Mutation.detachMeter": {query: `mutation($a: ID!, $m: ID!) { detachMeter(accountId: $a, meterId: $m) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"a": authzUnknownID, "m": authzUnknownID2} }},
	"Mutation.replaceMeter": {query: `mutation($in: ReplaceMeterInput!) { replaceMeter(input: $in) { meter { id } } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"oldMeterId": authzUnknownID, "newMeterId": authzUnknownID2,
				"finalEnergyWh": 1000, "idempotencyKey": newKey()}}
		}},

	// Mutations: ledger.
	"Mutation.sell": {query: `mutation($in: SaleInput!) { sell(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"accountId": authzUnknownID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}
		}},
	"Mutation.refund": {query: `mutation($in: RefundInput!) { refund(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"accountId": authzUnknownID, "amountFen": 100, "channel": "cash", "idempotencyKey": newKey()}}
		}},
	"Mutation.reverseEntry": {query: `mutation($in: ReverseInput!) { reverseEntry(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"entryId": authzUnknownID, "idempotencyKey": newKey(), "reason": "矩阵测试"}}
		}},
	"Mutation.correctCharge": {query: `mutation($in: CorrectChargeInput!) { correctCharge(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"entryId": authzUnknownID, "amountFen": 100, "idempotencyKey": newKey(), "reason": "矩阵测试"}}
		}},
	"Mutation.transferBalance": {query: `mutation($in: TransferInput!) { transferBalance(input: $in) { out { id } } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"fromAccountId": authzUnknownID, "toAccountId": authzUnknownID2,
				"amountFen": 100, "idempotencyKey": newKey()}}
		}},

	// Mutations: sites, meters, tariffs.
	"Mutation.createSite": {query: `mutation { createSite(input: {name: "", code: ""}) { id } }`, vars: authzNoVars},
	"Mutation.updateSite": {query: `mutation($id: ID!) { updateSite(id: $id, input: {name: "矩阵", code: "MX1"}) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.setReceiptLayout": {query: `mutation($id: ID!) { setReceiptLayout(siteId: $id, layout: {title: "矩阵"}) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.createBuilding": {query: `mutation($s: ID!) { createBuilding(input: {siteId: $s, name: "A座"}) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"s": authzUnknownID} }},
	"Mutation.updateBuilding": {query: `mutation($id: ID!, $s: ID!) { updateBuilding(id: $id, input: {siteId: $s, name: "A座"}) { id } }`,
		vars: func(fx *authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID, "s": fx.Site} }},
	"Mutation.createGateway": {query: `mutation($in: GatewayInput!) { createGateway(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"in": authzGatewayInput(authzUnknownID)} }},
	"Mutation.updateGateway": {query: `mutation($id: ID!, $in: GatewayInput!) { updateGateway(id: $id, input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzGatewayInput(fx.Site)}
		}},
	"Mutation.createMeter": {query: `mutation($in: MeterInput!) { createMeter(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"in": authzMeterInput(authzUnknownID)} }},
	"Mutation.updateMeter": {query: `mutation($id: ID!, $in: MeterInput!) { updateMeter(id: $id, input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzMeterInput(fx.Site)}
		}},
	"Mutation.createTariff": {query: `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"in": authzTariffInput(authzUnknownID)} }},
	// Mutations: control. A credit without an amount, an unknown command,
	// a read with no poller in tests: nothing moves.
	"Mutation.controlMeters": {query: `mutation($in: ControlMetersInput!) { controlMeters(input: $in) { batchKey } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"in": map[string]any{"meterIds": []any{authzUnknownID}, "kind": "credit", "idempotencyKey": newKey()}}
		}},
	"Mutation.cancelCommand": {query: `mutation($id: ID!) { cancelCommand(id: $id) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},
	"Mutation.readMeters": {query: `mutation($ids: [ID!]) { readMeters(meterIds: $ids) { errors } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"ids": []any{authzUnknownID}} }},
	// Schedules of an unknown site: nothing is stored.
	"Mutation.createControlSchedule": {query: `mutation($in: ControlScheduleInput!) { createControlSchedule(input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"in": authzScheduleInput()} }},
	"Mutation.updateControlSchedule": {query: `mutation($id: ID!, $in: ControlScheduleInput!) { updateControlSchedule(id: $id, input: $in) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzScheduleInput()}
		}},
	"Mutation.deleteControlSchedule": {query: `mutation($id: ID!) { deleteControlSchedule(id: $id) }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"id": authzUnknownID} }},

	// Mutations: shared-cost apportionment (公摊).
	"Mutation.createApportionGroup": {query: `mutation($in: ApportionGroupInput!) { createApportionGroup(input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"in": authzApportionInput(authzUnknownID)}
		}},
	"Mutation.updateApportionGroup": {query: `mutation($id: ID!, $in: ApportionGroupInput!) { updateApportionGroup(id: $id, input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzApportionInput(fx.Site)}
		}},
	"Mutation.runApportionment": {query: `mutation($g: ID!) { runApportionment(groupId: $g, month: "2026-01") { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"g": authzUnknownID} }},

	"Mutation.setMeterTariff": {query: `mutation($m: ID!, $t: ID!) { setMeterTariff(meterId: $m, tariffId: $t) { id } }`,
		vars: func(*authzFixtures) map[string]any { return map[string]any{"m": authzUnknownID, "t": authzUnknownID2} }},
	"Mutation.setMetersTariff": {query: `mutation($m: [ID!]!, $t: ID!) { setMetersTariff(meterIds: $m, tariffId: $t) { id } }`,
		vars: func(*authzFixtures) map[string]any {
			return map[string]any{"m": []any{authzUnknownID}, "t": authzUnknownID2}
		}},
	"Mutation.updateTariff": {query: `mutation($id: ID!, $in: TariffInput!) { updateTariff(id: $id, input: $in) { id } }`,
		vars: func(fx *authzFixtures) map[string]any {
			return map[string]any{"id": authzUnknownID, "in": authzTariffInput(fx.Site)}
		}},
}

// authzField is one root field of the schema with its access rule.
type authzField struct {
	key       string // "Mutation.sell"
	name      string
	directive string             // can, authenticated or public
	perm      voltpay.Permission // for @can
}

// authzSchemaFields lists the root queries and mutations of the schema with
// their access directive, logout last (it ends the caller's session).
func authzSchemaFields(tb testing.TB, s *ast.Schema) []authzField {
	tb.Helper()
	var out []authzField
	for _, def := range []*ast.Definition{s.Query, s.Mutation} {
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			af := authzField{key: def.Name + "." + f.Name, name: f.Name}
			for _, d := range f.Directives {
				switch d.Name {
				case "public", "authenticated":
					af.directive = d.Name
				case "can":
					af.directive = d.Name
					af.perm = voltpay.Permission(d.Arguments.ForName("perm").Value.Raw)
				}
			}
			if af.directive == "" {
				tb.Errorf("%s has no access directive (TestSchema_EveryFieldGuarded)", af.key)
			}
			out = append(out, af)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[j].key == "Mutation.logout" && out[i].key != "Mutation.logout" })
	return out
}

// authzCaller is one row of the matrix: a client and the principal the
// server should see behind it (nil when anonymous).
type authzCaller struct {
	name      string
	client    *client
	principal *voltpay.Principal
}

// authzWant returns the error code a caller must get for f, or "" when it
// may pass the access check.
func authzWant(f authzField, p *voltpay.Principal) string {
	switch {
	case f.directive == "public":
		return ""
	case p == nil:
		return voltpay.EUNAUTHENTICATED
	case f.directive == "authenticated" || p.Can(f.perm):
		return ""
	}
	return voltpay.EFORBIDDEN
}

// authzCheckSample validates a sample against the schema, so that a typo
// in a sample shows as such rather than as a refusal.
func authzCheckSample(tb testing.TB, s *ast.Schema, f authzField, sample authzSample, fx *authzFixtures) {
	tb.Helper()
	doc, errs := gqlparser.LoadQuery(s, sample.query)
	if len(errs) > 0 {
		tb.Fatalf("sample for %s does not validate: %v", f.key, errs)
	}
	if len(doc.Operations) != 1 {
		tb.Fatalf("sample for %s: want one operation, got %d", f.key, len(doc.Operations))
	}
	op := doc.Operations[0]
	wantOp := ast.Query
	if strings.HasPrefix(f.key, "Mutation.") {
		wantOp = ast.Mutation
	}
	calls := false
	for _, sel := range op.SelectionSet {
		calls = calls || (sel.(*ast.Field)).Name == f.name
	}
	if op.Operation != wantOp || len(op.SelectionSet) != 1 || !calls {
		tb.Fatalf("sample for %s must be a %s selecting only %s: %s", f.key, wantOp, f.name, sample.query)
	}
	raw, _ := json.Marshal(sample.vars(fx))
	vars := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&vars); err != nil && string(raw) != "null" {
		tb.Fatalf("sample for %s: variables: %v", f.key, err)
	}
	if _, err := validator.VariableValues(s, op, vars); err != nil {
		tb.Fatalf("sample for %s: variables do not validate: %v", f.key, err)
	}
}

// authzRoleTable is the role → permission matrix role.go documents, one
// column per voltpay.AllPermissions entry:
//
//	read_accounts read_site sell refund reverse manage_accounts manage_meters manage_tariffs control read_audit manage_operators recharge
var authzRoleTable = map[voltpay.Role]string{
	voltpay.RoleAdmin:   "xxxxxxxxxxxx",
	voltpay.RoleManager: "xxxxxxxxxx-x",
	voltpay.RoleCashier: "xxxx-x-----x",
	voltpay.RoleFinance: "xx--x----x-x",
	voltpay.RoleViewer:  "xx----------",
}

// authzTenantPerms is what a tenant holds: reading (their own) account
// and recharging it.
const authzTenantPerms = "x----------x"

func authzPermsOf(row string) []voltpay.Permission {
	var out []voltpay.Permission
	for i, c := range row {
		if c == 'x' {
			out = append(out, voltpay.AllPermissions[i])
		}
	}
	return out
}

// TestAuthz_RoleTable pins the role → permission matrix: a change to who
// may do what must change this table too.
func TestAuthz_RoleTable(t *testing.T) {
	if len(voltpay.AllPermissions) != 12 {
		t.Fatalf("AllPermissions has %d entries; extend authzRoleTable's columns", len(voltpay.AllPermissions))
	}
	if len(voltpay.Roles) != len(authzRoleTable) {
		t.Fatalf("roles: got %v, want the %d of authzRoleTable", voltpay.Roles, len(authzRoleTable))
	}
	for _, role := range voltpay.Roles {
		row, ok := authzRoleTable[role]
		if !ok {
			t.Errorf("role %s is not in authzRoleTable", role)
			continue
		}
		op := &voltpay.Principal{Kind: voltpay.PrincipalOperator, Role: role}
		for i, perm := range voltpay.AllPermissions {
			want := row[i] == 'x'
			if got := role.Can(perm); got != want {
				t.Errorf("%s.Can(%s): got %v, want %v", role, perm, got, want)
			}
			if got := op.Can(perm); got != want {
				t.Errorf("operator %s: Principal.Can(%s): got %v, want %v", role, perm, got, want)
			}
		}
		if got, want := role.Permissions(), authzPermsOf(row); !slices.Equal(got, want) {
			t.Errorf("%s.Permissions(): got %v, want %v", role, got, want)
		}
	}
	tenant := &voltpay.Principal{Kind: voltpay.PrincipalTenant, AccountID: 1}
	for i, perm := range voltpay.AllPermissions {
		if got, want := tenant.Can(perm), authzTenantPerms[i] == 'x'; got != want {
			t.Errorf("tenant.Can(%s): got %v, want %v", perm, got, want)
		}
	}
	for _, perm := range voltpay.AllPermissions {
		key := &voltpay.Principal{Kind: voltpay.PrincipalAPIKey, Scopes: []voltpay.Permission{perm}}
		for _, other := range voltpay.AllPermissions {
			if got, want := key.Can(other), other == perm; got != want {
				t.Errorf("API key scoped %s: Can(%s): got %v, want %v", perm, other, got, want)
			}
		}
	}
	var nobody *voltpay.Principal
	for _, perm := range voltpay.AllPermissions {
		if nobody.Can(perm) || voltpay.Role("intern").Can(perm) || (&voltpay.Principal{Kind: "robot"}).Can(perm) {
			t.Errorf("%s: granted to nil principal, unknown role or unknown kind", perm)
		}
	}

	// The statements people rely on, spelled out.
	for _, c := range []struct {
		role voltpay.Role
		perm voltpay.Permission
		want bool
	}{
		{voltpay.RoleCashier, voltpay.PermSell, true},
		{voltpay.RoleCashier, voltpay.PermRefund, true},
		{voltpay.RoleCashier, voltpay.PermReverse, false},
		{voltpay.RoleCashier, voltpay.PermReadAudit, false},
		{voltpay.RoleFinance, voltpay.PermReverse, true},
		{voltpay.RoleFinance, voltpay.PermSell, false},
		{voltpay.RoleFinance, voltpay.PermReadAudit, true},
		{voltpay.RoleManager, voltpay.PermManageOperators, false},
		{voltpay.RoleManager, voltpay.PermControl, true},
		{voltpay.RoleAdmin, voltpay.PermManageOperators, true},
	} {
		if got := c.role.Can(c.perm); got != c.want {
			t.Errorf("%s can %s: got %v, want %v", c.role, c.perm, got, c.want)
		}
	}
	for _, perm := range []voltpay.Permission{voltpay.PermSell, voltpay.PermRefund, voltpay.PermReverse, voltpay.PermManageAccounts,
		voltpay.PermManageMeters, voltpay.PermManageTariffs, voltpay.PermControl, voltpay.PermManageOperators} {
		if voltpay.RoleViewer.Can(perm) {
			t.Errorf("viewer can %s: a viewer must not write", perm)
		}
	}
}

// authzCallers signs in one caller per role, per single API key scope, a
// tenant of fx.Account, and an anonymous caller.
func authzCallers(t *testing.T, env *testEnv, fx *authzFixtures) []authzCaller {
	t.Helper()
	var out []authzCaller
	for _, role := range voltpay.Roles {
		out = append(out, authzCaller{name: "operator_" + string(role), client: env.operator(t, role),
			principal: &voltpay.Principal{Kind: voltpay.PrincipalOperator, Role: role}})
	}
	for _, perm := range voltpay.AllPermissions {
		out = append(out, authzCaller{name: "apikey_" + string(perm), client: env.apiKey(t, perm),
			principal: &voltpay.Principal{Kind: voltpay.PrincipalAPIKey, Scopes: []voltpay.Permission{perm}}})
	}
	out = append(out,
		authzCaller{name: "tenant", client: env.tenant(t, fx.Account),
			principal: &voltpay.Principal{Kind: voltpay.PrincipalTenant, AccountID: fx.Account}},
		authzCaller{name: "anonymous", client: env.anonymous()})
	return out
}

// TestAuthz_Matrix calls every root query and mutation as every role, an
// API key of each single scope, a tenant and an anonymous caller, and
// checks the outcome against the field's access directive: anonymous
// callers get UNAUTHENTICATED, callers lacking the permission FORBIDDEN,
// and callers holding it anything but those (or INTERNAL).
func TestAuthz_Matrix(t *testing.T) {
	env := newEnv(t)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	fields := authzSchemaFields(t, schema)

	// Fixtures the reads point at, with a tenant owning the account.
	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("矩阵 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatalf("create tariff: %v", err)
	}
	meter := env.createMeter(t, &tariff.ID)
	acct := env.openAccount(t, 10000, meter.ID)
	entries, err := env.Res.LedgerService.FindEntries(sys(), voltpay.LedgerFilter{AccountID: &acct.ID})
	if err != nil || len(entries.Items) == 0 {
		t.Fatalf("entries of the fixture account: %v, %d", err, len(entries.Items))
	}
	cmd, err := env.Res.CommandService.EnqueueCommand(sys(), voltpay.CommandInput{MeterID: meter.ID, Kind: voltpay.CmdTimeSync, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatalf("enqueue command: %v", err)
	}
	fx := &authzFixtures{Site: env.Site.ID, Account: acct.ID, Meter: meter.ID, Entry: entries.Items[0].ID, Tariff: tariff.ID, Command: cmd.ID}

	// Every field has a sample, every sample a field, and every sample validates.
	for _, f := range fields {
		sample, ok := authzSamples[f.key]
		if !ok {
			t.Errorf("%s has no sample in authzSamples: add one so the authorization matrix covers it", f.key)
			continue
		}
		authzCheckSample(t, schema, f, sample, fx)
	}
	for key := range authzSamples {
		if !slices.ContainsFunc(fields, func(f authzField) bool { return f.key == key }) {
			t.Errorf("authzSamples has %s, which the schema does not: remove it", key)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	for _, c := range authzCallers(t, env, fx) {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range fields {
				t.Run(f.key, func(t *testing.T) {
					authzRun(t, c, f, authzSamples[f.key], fx)
				})
			}
		})
	}
}

// authzRun calls one sample as one caller and checks the outcome.
func authzRun(t *testing.T, c authzCaller, f authzField, sample authzSample, fx *authzFixtures) {
	resp := c.client.do(t, sample.query, sample.vars(fx))
	if c.principal == nil && authzWant(f, nil) == voltpay.EUNAUTHENTICATED && resp.Status == http.StatusOK &&
		resp.Code() == voltpay.EINVALID && strings.Contains(resp.Errors[0].Message, "sign in for a larger budget") {
		return // refused by the anonymous budget before any resolver ran: as closed as UNAUTHENTICATED
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("HTTP status %d, want 200; errors %+v", resp.Status, resp.Errors)
	}
	want := authzWant(f, c.principal)
	if want == "" && sample.tenantOnly && !c.principal.IsTenant() {
		if resp.Code() != voltpay.EFORBIDDEN || !strings.Contains(resp.Errors[0].Message, "tenant") {
			t.Fatalf("a tenant app field called by a %s: got %+v, want FORBIDDEN naming tenants", c.principal.Kind, resp.Errors)
		}
		return
	}
	if want == "" && sample.staffNeeds != "" && !c.principal.IsTenant() && !c.principal.Can(sample.staffNeeds) {
		if resp.Code() != voltpay.EFORBIDDEN || !strings.Contains(resp.Errors[0].Message, string(sample.staffNeeds)) {
			t.Fatalf("staff without %s: got %+v, want FORBIDDEN naming it", sample.staffNeeds, resp.Errors)
		}
		return
	}
	if want == "" && sample.staffOnly && c.principal.IsTenant() {
		if resp.Code() != voltpay.EFORBIDDEN {
			t.Fatalf("an office report called by a tenant: got %+v, want FORBIDDEN", resp.Errors)
		}
		return
	}
	got := resp.Code()
	switch want {
	case "":
		for _, e := range resp.Errors {
			switch e.Extensions.Code {
			case voltpay.EFORBIDDEN, voltpay.EUNAUTHENTICATED, voltpay.EINTERNAL:
				t.Fatalf("@%s %s: got %s %q, want the access check to pass", f.directive, f.perm, e.Extensions.Code, e.Message)
			}
		}
		if sample.read && len(resp.Errors) > 0 {
			t.Fatalf("read: got errors %+v, want data", resp.Errors)
		}
	default:
		if got != want {
			t.Fatalf("@%s %s: got code %q (%+v), want %s", f.directive, f.perm, got, resp.Errors, want)
		}
		if len(resp.Errors) != 1 || fmt.Sprint(resp.Errors[0].Path) != "["+f.name+"]" {
			t.Errorf("want one error at path [%s], got %+v", f.name, resp.Errors)
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(resp.Data, &data); err == nil && data != nil && string(data[f.name]) != "null" && data[f.name] != nil {
			t.Errorf("refused call returned data: %s", resp.Data)
		}
		if want == voltpay.EFORBIDDEN && !strings.Contains(resp.Errors[0].Message, string(f.perm)) {
			t.Errorf("FORBIDDEN message %q should name the missing permission %s", resp.Errors[0].Message, f.perm)
		}
	}
}
