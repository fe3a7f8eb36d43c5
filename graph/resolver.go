// Package graph is Voltpay's GraphQL API: the schema (*.graphqls), thin
// resolvers that authorise (through the @can directive), call one service
// method and shape the answer, plus the HTTP handler with its transports,
// limits, audit and error presentation. gqlgen generates graph/generated and
// graph/model/models_gen.go from the schema; see gqlgen.yml.
package graph

import "github.com/voltpay/voltpay"

// Resolver holds the services the API calls. The server wires it once.
type Resolver struct {
	SiteService    voltpay.SiteService
	MeterService   voltpay.MeterService
	TariffService  voltpay.TariffService
	AccountService voltpay.AccountService
	LedgerService  voltpay.LedgerService
	AuthService    voltpay.AuthService
	// TenantService is the tenant app's sign-in by texted code and WeChat,
	// and its people's accounts.
	TenantService voltpay.TenantService
	// Wechat exchanges the mini-program's wx.login codes; nil when not
	// configured (signInWithWechat is then UNAVAILABLE).
	Wechat         voltpay.WechatLogin
	AuditService   voltpay.AuditService
	CommandService voltpay.CommandService
	ReadingService voltpay.ReadingService
	AlarmService   voltpay.AlarmService
	// ScheduleService keeps the time-based controls (controlSchedules).
	ScheduleService voltpay.ControlScheduleService
	// ApportionService keeps the shared-cost groups and runs their months (公摊).
	ApportionService voltpay.ApportionService
	// RechargeService opens and refunds self-service recharge orders; nil
	// when the server runs without it (its queries are then UNAVAILABLE).
	RechargeService voltpay.RechargeService
	// ReportService answers the console's aggregates (salesSummary,
	// energyUsage, meterStatusCounts).
	ReportService voltpay.ReportService
	// SalesReportService answers the money reports from the ledger's daily
	// rollup (salesReport, dailySettlement, chargesReport).
	SalesReportService voltpay.SalesReportService
	// OpsReportService answers the operational reports (arrearsReport,
	// meterSnapshot, offlineMeters, alarmStats, apportionStatement …).
	OpsReportService voltpay.OpsReportService
	Events           voltpay.Events
	// MeterReader reads meters on demand (readMeters); nil when this server
	// does not run the meter poller, and readMeters is then UNAVAILABLE.
	MeterReader voltpay.MeterReader
}
