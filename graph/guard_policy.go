package graph

import (
	"github.com/voltpay/voltpay"
)

// objectRules is who may see each object type of the schema, wherever it is
// resolved: in a root field's answer or below another object (through a
// resolver or a dataloader). The object guard (guard.go) applies it to the
// result of every field; ObjectGuard's Validate refuses a schema with an
// object type missing here, so a new type cannot slip past it.
//
// Reading a row: wrapper types only carry other objects, which count as the
// root field's own answer; see names the permissions any of which lets an
// operator or API key see the type below another object (in a root
// field's answer its @can governs), and none means "whoever saw its
// parent" (parts of one object); tenant says what a tenant may see.
var objectRules = map[string]objectRule{
	// Root and wrapper types: pages, mutation results, events.
	"Query":                   wrapper,
	"Mutation":                wrapper,
	"Subscription":            wrapper,
	"PageInfo":                wrapper,
	"AccountConnection":       wrapper,
	"AlarmConnection":         wrapper,
	"AuditEntryConnection":    wrapper,
	"BuildingConnection":      wrapper,
	"CommandConnection":       wrapper,
	"GatewayConnection":       wrapper,
	"LedgerEntryConnection":   wrapper,
	"MeterConnection":         wrapper,
	"MeterReadingConnection":  wrapper,
	"RechargeOrderConnection": wrapper,
	"TariffConnection":        wrapper,
	"OperatorConnection":      wrapper,
	"ApiKeyConnection":        wrapper,
	"ApportionLineConnection": wrapper,
	"MeterSnapshotConnection": wrapper,
	"OfflineMeterConnection":  wrapper,
	// An edge only carries its node (checked by the node's own rule, as in
	// nodes) and the node's cursor.
	"AccountEdge":         wrapper,
	"ApportionLineEdge":   wrapper,
	"AlarmEdge":           wrapper,
	"AuditEntryEdge":      wrapper,
	"BuildingEdge":        wrapper,
	"CommandEdge":         wrapper,
	"GatewayEdge":         wrapper,
	"LedgerEntryEdge":     wrapper,
	"MeterEdge":           wrapper,
	"MeterReadingEdge":    wrapper,
	"RechargeOrderEdge":   wrapper,
	"TariffEdge":          wrapper,
	"OperatorEdge":        wrapper,
	"ApiKeyEdge":          wrapper,
	"MeterSnapshotEdge":   wrapper,
	"OfflineMeterEdge":    wrapper,
	"OpenAccountResult":   wrapper,
	"CloseAccountResult":  wrapper,
	"TransferResult":      wrapper,
	"ReplaceMeterResult":  wrapper,
	"ControlMetersResult": wrapper,
	"ControlResult":       wrapper,
	"ReadMetersResult":    wrapper,
	"CreatedApiKey":       wrapper,
	"LoginResult":         wrapper,
	"BalanceChange":       wrapper,

	// A tenant's own data: it must belong to the tenant's account.
	"Account": {see: perms(voltpay.PermReadAccounts, voltpay.PermManageAccounts), tenant: tenantOwn,
		foreign: ownedBy(func(a *voltpay.Account) *int64 { return &a.ID })},
	"Meter": {see: perms(voltpay.PermReadAccounts, voltpay.PermReadSite, voltpay.PermManageMeters, voltpay.PermManageAccounts,
		voltpay.PermManageTariffs, voltpay.PermControl), tenant: tenantOwn,
		foreign: ownedBy(func(m *voltpay.Meter) *int64 { return m.AccountID })},
	"LedgerEntry": {see: perms(voltpay.PermReadAccounts, voltpay.PermSell, voltpay.PermRefund, voltpay.PermReverse,
		voltpay.PermManageAccounts), tenant: tenantOwn,
		foreign: ownedBy(func(e *voltpay.LedgerEntry) *int64 { return &e.AccountID })},
	"Alarm": {see: perms(voltpay.PermReadAccounts), tenant: tenantOwn,
		foreign: ownedBy(func(a *voltpay.Alarm) *int64 { return a.AccountID })},
	"RechargeOrder": {see: perms(voltpay.PermRecharge, voltpay.PermRefund), tenant: tenantOwn,
		foreign: ownedBy(func(o *voltpay.RechargeOrder) *int64 { return &o.AccountID })},
	"ApportionLine": {see: perms(voltpay.PermReadAccounts, voltpay.PermManageTariffs), tenant: tenantOwn,
		foreign: ownedBy(func(l *voltpay.ApportionLine) *int64 { return &l.AccountID })},

	// Reference data: a tenant sees it only below an object of their own.
	"Site":     {see: perms(voltpay.PermReadSite, voltpay.PermManageMeters), tenant: tenantReached},
	"Building": {see: perms(voltpay.PermReadSite, voltpay.PermManageMeters), tenant: tenantReached},
	"Tariff":   {see: perms(voltpay.PermReadSite, voltpay.PermManageTariffs), tenant: tenantReached},
	// A run charges many accounts; the service gives a tenant only the
	// runs (and the line) of their own account.
	"ApportionRun": {see: perms(voltpay.PermReadAccounts, voltpay.PermManageTariffs), tenant: tenantReached},
	// Parts of one object: whoever saw the object sees them.
	"RatePrice":            part,
	"TariffPeriod":         part,
	"TariffTier":           part,
	"TariffVariant":        part,
	"MeterReading":         part, // below a meter, or readMeters' answer (control)
	"OrderRefund":          part, // below a recharge order, or refundRechargeOrder's answer
	"PayParams":            part,
	"WechatRequestPayment": part,
	"PaymentChannel":       part, // paymentChannels' answer only
	// Aggregates, their root field's answer only: its @can admits the
	// caller, and the service confines what a tenant (their account) or a
	// caller without read_audit (their own takings) is totalled over.
	"SalesSummary":     part,
	"ChannelTotal":     part,
	"EntryTypeTotal":   part,
	"OperatorTotal":    part,
	"EnergyPoint":      part,
	"MeterStatusCount": part,
	// The sales and charges reports: salesReport and dailySettlement
	// confine a caller without read_audit to their own takings; every
	// report refuses tenants (SalesReportService).
	"SalesReport":       part,
	"SalesPeriod":       part,
	"SalesFigures":      part,
	"ChannelSales":      part,
	"OperatorSales":     part,
	"DailySettlement":   part,
	"CashierSettlement": part,
	"ChargesReport":     part,
	"ChargesPeriod":     part,
	"ChargeFigures":     part,
	"AccountCharges":    part,
	// The caller themself (me, login).
	"Principal": part,
	// The tenant's own bound accounts, tenantAccounts' answer only (which
	// refuses everyone but tenants and lists only their bindings): a
	// summary for the account switcher, while Account itself is confined
	// to the session's current account.
	"BoundAccount": part,
	// Role descriptions, the same for everyone signed in (roles).
	"RoleInfo": part,

	// Staff only: never a tenant's.
	"Gateway":         {see: perms(voltpay.PermReadSite, voltpay.PermManageMeters), tenant: tenantNever},
	"Command":         {see: perms(voltpay.PermReadSite, voltpay.PermControl), tenant: tenantNever},
	"ControlSchedule": {see: perms(voltpay.PermReadSite, voltpay.PermControl), tenant: tenantNever},
	"ApportionGroup":  {see: perms(voltpay.PermReadSite, voltpay.PermManageTariffs), tenant: tenantNever},
	"ApportionSource": {tenant: tenantNever}, // a part of a group
	"ApportionMember": {tenant: tenantNever}, // a part of a group
	"AuditEntry":      {see: perms(voltpay.PermReadAudit), tenant: tenantNever},
	"StatementDiff":   {see: perms(voltpay.PermReadAudit), tenant: tenantNever},
	"Operator":        {see: perms(voltpay.PermManageOperators), tenant: tenantNever},
	"ApiKey":          {see: perms(voltpay.PermManageOperators), tenant: tenantNever},
	"TenantUser":      {see: perms(voltpay.PermManageAccounts), tenant: tenantNever},
	"TenantBinding":   {see: perms(voltpay.PermManageAccounts), tenant: tenantNever},
	// Operational reports (OpsReportService): rows about many tenants,
	// their root field's answer only; the service refuses tenants too.
	"ArrearsReport":            opsReport(voltpay.PermReadAccounts),
	"ArrearsRow":               opsReport(voltpay.PermReadAccounts),
	"ArrearsMeter":             opsReport(voltpay.PermReadAccounts),
	"ArrearsBuilding":          opsReport(voltpay.PermReadAccounts),
	"MeterSnapshot":            opsReport(voltpay.PermReadAccounts),
	"OfflineMeter":             opsReport(voltpay.PermReadSite),
	"OfflineSummary":           opsReport(voltpay.PermReadSite),
	"OfflineBuilding":          opsReport(voltpay.PermReadSite),
	"OfflineGateway":           opsReport(voltpay.PermReadSite),
	"AlarmStats":               opsReport(voltpay.PermReadAccounts),
	"AlarmKindStats":           opsReport(voltpay.PermReadAccounts),
	"AlarmDayCount":            opsReport(voltpay.PermReadAccounts),
	"AlarmTop":                 opsReport(voltpay.PermReadAccounts),
	"ApportionStatement":       opsReport(voltpay.PermReadAccounts),
	"ApportionStatementSource": opsReport(voltpay.PermReadAccounts),
	"ApportionStatementLine":   opsReport(voltpay.PermReadAccounts),
	// A site's settings for its printed receipts (the receipts themselves
	// are served over HTTP, each to whoever may see its ledger entry).
	"ReceiptLayout": {see: perms(voltpay.PermReadSite, voltpay.PermManageMeters), tenant: tenantNever},
}

// objectRule is who may see one object type; see objectRules.
type objectRule struct {
	// wrapper: the type only carries other objects (a page, a mutation's
	// result); they count as the root field's own answer.
	wrapper bool
	// see: any of these lets an operator or API key see the type below
	// another object; empty: whoever saw the parent.
	see []voltpay.Permission
	// tenant: what a tenant may see of the type.
	tenant tenantAccess
	// foreign counts the objects in a field's result (one or a list) and
	// those of them that belong to an account other than mine; ok is false
	// for a Go type it does not know. Set for tenantOwn types.
	foreign func(result any, mine int64) (n, foreign int, ok bool)
}

// tenantAccess is what a tenant may see of a type.
type tenantAccess int

const (
	// tenantNever: staff data (the site's network, commands, operators).
	tenantNever tenantAccess = iota
	// tenantReached: whenever the tenant may see what it was reached from
	// (reference data below their own objects, parts of an object).
	tenantReached
	// tenantOwn: only objects of the tenant's own account.
	tenantOwn
)

var (
	wrapper = objectRule{wrapper: true, tenant: tenantReached}
	part    = objectRule{tenant: tenantReached}
)

func perms(p ...voltpay.Permission) []voltpay.Permission { return p }

// opsReport is the rule of an operational report's types: staff holding
// perm (the root field's), never a tenant.
func opsReport(perm voltpay.Permission) objectRule {
	return objectRule{see: perms(perm), tenant: tenantNever}
}

// ownedBy returns a foreign counter for results of type *E or []*E, whose
// account is account(e) (nil: no account, so nobody's own).
func ownedBy[E any](account func(*E) *int64) func(any, int64) (int, int, bool) {
	return func(res any, mine int64) (n, foreign int, ok bool) {
		count := func(e *E) {
			if e == nil {
				return
			}
			n++
			if id := account(e); id == nil || *id != mine {
				foreign++
			}
		}
		switch v := res.(type) {
		case *E:
			count(v)
		case []*E:
			for _, e := range v {
				count(e)
			}
		default:
			return 0, 0, false
		}
		return n, foreign, true
	}
}
