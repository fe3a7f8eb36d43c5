package graph

import (
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// setComplexity makes lists cost their page size times what each item
// asks for, so that the complexity limit bounds the real work. Every field
// returning a list of objects or a connection must be here
// (TestSecurity_EveryListHasACost); a connection's own nodes are paid for
// by the field that returns the connection.
func setComplexity(c *generated.ComplexityRoot) {
	// Pages: first (default 50, at most 1000) items.
	c.Query.Accounts = func(child int, _ *voltpay.AccountFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Meters = func(child int, _ *voltpay.MeterFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.LedgerEntries = func(child int, _ *voltpay.LedgerFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Gateways = func(child int, _ *voltpay.GatewayFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Buildings = func(child int, _ *voltpay.BuildingFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Tariffs = func(child int, _ *voltpay.TariffFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.AuditLog = func(child int, _ *voltpay.AuditFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Commands = func(child int, _ *voltpay.CommandFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Alarms = func(child int, _ *voltpay.AlarmFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.RechargeOrders = func(child int, _ *voltpay.RechargeOrderFilter, first *int, _ *string) int {
		return listCost(child, first)
	}
	c.Account.Entries = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.Account.Apportionments = func(child int, first *int) int { return listCost(child, first) }
	c.Meter.Commands = func(child int, first *int, _ *string) int { return listCost(child, first) }
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
	// Unpaged lists cost a generous guess of their size: they list what a
	// site's office configures by hand, not what grows by itself.
	c.Account.Meters = fixedCost(10) // an account rarely has more than a handful of meters
	c.Meter.ActiveAlarms = fixedCost(10)
	c.RechargeOrder.Refunds = fixedCost(10)
	c.Query.Sites = fixedCost(100)
	c.Query.Operators = fixedCost(100)
	c.Query.APIKeys = fixedCost(100)
	c.Query.ApportionGroups = func(child int, _ *int64) int { return fixedCost(100)(child) }
	c.Query.ApportionRuns = func(child int, _ int64) int { return fixedCost(120)(child) } // ten years of monthly runs
	c.Query.ControlSchedules = func(child int, _ *int64) int { return fixedCost(100)(child) }
	c.Query.RechargeStatement = func(child int, _, _ string) int { return fixedCost(voltpay.MaxPageSize)(child) }
}

// fixedCost is the cost of a list of at most n items.
func fixedCost(n int) func(child int) int {
	return func(child int) int { return 1 + n*child }
}

func listCost(child int, first *int) int {
	n := voltpay.DefaultPageSize
	if first != nil && *first > 0 {
		n = min(*first, voltpay.MaxPageSize)
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
