package graph

import (
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/graph/generated"
	"github.com/voltpay/voltpay/graph/model"
)

// setComplexity makes lists cost their page size times what each item
// asks for, so that the complexity limit bounds the real work. Every field
// returning a list of objects or a connection must be here
// (TestSecurity_EveryListHasACost); a connection's own nodes and edges are
// paid for by the field that returns the connection.
func setComplexity(c *generated.ComplexityRoot) {
	// Pages: first or last (default 50, at most 1000) items, whether they
	// are selected as nodes or as edges (both: twice).
	c.Query.Accounts = filteredPageCost[*voltpay.AccountFilter]
	c.Query.Meters = filteredPageCost[*voltpay.MeterFilter]
	c.Query.LedgerEntries = filteredPageCost[*voltpay.LedgerFilter]
	c.Query.Gateways = filteredPageCost[*voltpay.GatewayFilter]
	c.Query.Buildings = filteredPageCost[*voltpay.BuildingFilter]
	c.Query.Tariffs = filteredPageCost[*voltpay.TariffFilter]
	c.Query.AuditLog = filteredPageCost[*voltpay.AuditFilter]
	c.Query.Commands = filteredPageCost[*voltpay.CommandFilter]
	c.Query.Alarms = filteredPageCost[*voltpay.AlarmFilter]
	c.Query.RechargeOrders = filteredPageCost[*voltpay.RechargeOrderFilter]
	c.Query.Operators = pageCost
	c.Query.APIKeys = pageCost
	c.Account.Entries = pageCost
	c.ApportionRun.Shares = pageCost
	c.Meter.Commands = pageCost
	c.Meter.Readings = func(child int, _, _ *time.Time, first *int, after *string, last *int, before *string) int {
		return pageCost(child, first, after, last, before)
	}
	c.Account.Apportionments = func(child int, first *int) int {
		if first != nil && *first <= 0 {
			first = nil // FindApportionLines reads 0 as its default page
		}
		return listCost(child, first, nil)
	}
	// Batches cost as much as the most meters they may select.
	c.ControlMetersResult.Results = fixedCost(MaxControlMeters)
	c.ReadMetersResult.Readings = fixedCost(MaxReadMeters)
	// Lists bounded by validation cost their bound.
	c.ApportionGroup.Sources = fixedCost(voltpay.MaxApportionMembers)
	c.ApportionGroup.Members = fixedCost(voltpay.MaxApportionMembers)
	c.ApportionRun.Lines = fixedCost(voltpay.MaxApportionMembers)
	c.Tariff.Periods = fixedCost(voltpay.MaxTOUPeriods)
	c.TariffVariant.Periods = fixedCost(voltpay.MaxTOUPeriods)
	c.Tariff.Variants = fixedCost(voltpay.MaxTariffVariants)
	c.Tariff.Tiers = fixedCost(8)  // voltpay refuses more than 8 tiers
	c.Tariff.Prices = fixedCost(8) // one price per rate (TOU rates and tiers)
	c.Query.PaymentChannels = fixedCost(4)
	c.Query.Sites = fixedCost(voltpay.MaxSites)
	c.Account.Meters = fixedCost(voltpay.MaxAccountMeters)
	c.Account.TenantUsers = fixedCost(voltpay.MaxTenantUsers)
	c.Account.Bindings = fixedCost(voltpay.MaxBindingsPerAccount)
	c.Query.TenantAccounts = fixedCost(voltpay.MaxAccountsPerPerson)
	c.Query.Roles = fixedCost(len(voltpay.Roles))
	c.Mutation.SetMetersTariff = func(child int, _ []int64, _ int64, _ *time.Time) int { return fixedCost(voltpay.MaxBulkMeters)(child) }
	c.Query.EnergyUsage = func(child int, _ string, _ int64, _, _ time.Time, _ string) int {
		return fixedCost(voltpay.MaxEnergyPoints)(child)
	}
	c.Query.MeterStatusCounts = func(child int, _, _ *int64) int { return fixedCost(len(billing.Statuses))(child) }
	c.SalesSummary.ByChannel = fixedCost(len(voltpay.Channels))
	c.SalesSummary.ByType = fixedCost(len(voltpay.EntryTypes))
	c.SalesSummary.ByOperator = fixedCost(voltpay.MaxSummaryOperators)
	c.SalesReport.Periods = fixedCost(voltpay.MaxReportDays)
	c.SalesReport.ByChannel = fixedCost(len(voltpay.Channels))
	c.SalesReport.ByOperator = fixedCost(voltpay.MaxSummaryOperators)
	c.SalesPeriod.ByChannel = fixedCost(len(voltpay.Channels))
	c.DailySettlement.Cashiers = fixedCost(voltpay.MaxSummaryOperators)
	c.DailySettlement.ByChannel = fixedCost(len(voltpay.Channels))
	c.CashierSettlement.ByChannel = fixedCost(len(voltpay.Channels))
	c.ChargesReport.Periods = fixedCost(voltpay.MaxReportDays)
	c.ChargesReport.TopAccounts = fixedCost(voltpay.MaxTopAccounts)
	// The operational reports: pages like lists, bounded lists their bound.
	c.Query.MeterSnapshot = filteredPageCost[voltpay.MeterSnapshotFilter]
	c.Query.OfflineMeters = filteredPageCost[voltpay.OfflineFilter]
	c.Query.ArrearsAccounts = func(child int, _ *voltpay.ArrearsFilter) int { return fixedCost(voltpay.MaxArrearsRows)(child) }
	c.ArrearsReport.Rows = fixedCost(voltpay.MaxArrearsRows)
	c.ArrearsReport.ByBuilding = fixedCost(voltpay.MaxArrearsRows)
	c.ArrearsRow.Meters = fixedCost(10) // a shop's meters: a generous guess, as Meter.activeAlarms
	alarmDays := voltpay.MaxAlarmStatsDays * len(voltpay.AlarmKinds)
	c.Query.AlarmDailyCounts = func(child int, _ voltpay.AlarmStatsFilter) int { return fixedCost(alarmDays)(child) }
	c.AlarmStats.Days = fixedCost(alarmDays)
	c.AlarmStats.ByKind = fixedCost(len(voltpay.AlarmKinds))
	c.AlarmStats.TopMeters = fixedCost(voltpay.MaxAlarmTop)
	c.AlarmStats.TopAccounts = fixedCost(voltpay.MaxAlarmTop)
	c.Query.ApportionStatementLines = func(child int, _ model.ApportionStatementFilter) int {
		return fixedCost(voltpay.MaxApportionMembers)(child)
	}
	c.ApportionStatement.Lines = fixedCost(voltpay.MaxApportionMembers)
	c.ApportionStatement.Sources = fixedCost(voltpay.MaxApportionMembers)
	// A site's buildings and gateways: set up by hand, a generous guess.
	c.OfflineSummary.ByBuilding = fixedCost(1000)
	c.OfflineSummary.OfflineGateways = fixedCost(1000)
	// Unpaged lists cost a generous guess of their size: they list what a
	// site's office configures by hand, not what grows by itself.
	c.Meter.ActiveAlarms = fixedCost(10)
	c.RechargeOrder.Refunds = fixedCost(10)
	c.Query.ApportionGroups = func(child int, _ *int64) int { return fixedCost(100)(child) }
	c.Query.ApportionRuns = func(child int, _ int64) int { return fixedCost(120)(child) } // ten years of monthly runs
	c.Query.ControlSchedules = func(child int, _ *int64) int { return fixedCost(100)(child) }
	c.Query.RechargeStatement = func(child int, _, _ string) int { return fixedCost(voltpay.MaxPageSize)(child) }
}

// fixedCost is the cost of a list of at most n items.
func fixedCost(n int) func(child int) int {
	return func(child int) int { return 1 + n*child }
}

// pageCost is the cost of a connection field: its page size (first or
// last) times the cost of an item, nodes and edges alike.
func pageCost(child int, first *int, _ *string, last *int, _ *string) int {
	return listCost(child, first, last)
}

// filteredPageCost is pageCost for a connection field with a filter.
func filteredPageCost[F any](child int, _ F, first *int, after *string, last *int, before *string) int {
	return pageCost(child, first, after, last, before)
}

// listCost is 1 plus child times the page size first or last asks for
// (DefaultPageSize when neither is given, or a value refused later).
func listCost(child int, first, last *int) int {
	n := voltpay.DefaultPageSize
	for _, size := range []*int{first, last} {
		if size != nil && *size >= 0 {
			n = min(*size, voltpay.MaxPageSize)
		}
	}
	return 1 + n*child
}

// bearer extracts the token of an "Authorization: Bearer <token>" value.
func bearer(h string) string {
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
