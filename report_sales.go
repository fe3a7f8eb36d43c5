package voltpay

import (
	"context"
	"time"
)

// SalesReportService answers the office's money reports: sales by period
// (财务销售统计), the cashiers' daily settlement (日结) and the charges and
// fees taken. Each reads the ledger's daily rollup (ledger_daily in
// schema.sql), a few rows per account and day, never the ledger's
// entries, so a month of 10,000 meters costs what a month of rollup rows
// does. Days are local days of each account's site.
// Errors: INVALID_INPUT, FORBIDDEN, UNAVAILABLE.
type SalesReportService interface {
	// SalesReport totals sales, refunds and reversals per period and
	// channel, by channel and by operator; see SalesReportFilter for who
	// may see whose.
	SalesReport(ctx context.Context, f SalesReportFilter) (*SalesReport, error)
	// DailySettlement is what each cashier took on one day, by channel.
	DailySettlement(ctx context.Context, f SettlementFilter) (*DailySettlement, error)
	// ChargesReport totals charges and service fees, and their
	// corrections and reversals, per period, with the accounts charged
	// most.
	ChargesReport(ctx context.Context, f ChargesReportFilter) (*ChargesReport, error)
}

// PeriodDay is a report period of one local day; PeriodMonth and
// PeriodYear (tariff.go) are a report's calendar months and years too.
const PeriodDay = "day"

// Bounds of a report's range: a report by day covers at most
// MaxReportDays days; by month or year at most MaxReportYears years, so
// that a report has at most a few hundred periods.
const (
	MaxReportDays  = 366
	MaxReportYears = 10
)

// DefaultTopAccounts and MaxTopAccounts bound ChargesReport.TopAccounts.
const (
	DefaultTopAccounts = 10
	MaxTopAccounts     = 100
)

// SalesReportFilter selects a sales report: the local days From to To
// (both included, YYYY-MM-DD) of one site (nil: every site, each in its
// own time zone), one row per Period (day, month or year), optionally of
// one operator. Who sees whose money is as for SalesSummaryFilter: a
// caller holding PermReadAudit everyone's; an operator without it only
// their own, an API key only what it recorded; tenants are refused.
type SalesReportFilter struct {
	SiteID     *int64
	From, To   string
	Period     string
	OperatorID *int64
}

// Validate checks the period and the range. Errors: INVALID_INPUT.
func (f SalesReportFilter) Validate() error {
	_, _, err := ValidateReportRange(f.From, f.To, f.Period, PeriodDay, PeriodMonth, PeriodYear)
	return err
}

// ValidateReportRange checks a report's days and period: from and to are
// dates, from not after to, period one of periods, and the range within
// MaxReportDays (by day) or MaxReportYears (by month or year). It returns
// the two days. Errors: INVALID_INPUT naming the field at fault.
func ValidateReportRange(from, to, period string, periods ...string) (time.Time, time.Time, error) {
	ok := false
	for _, p := range periods {
		ok = ok || p == period
	}
	if !ok {
		return time.Time{}, time.Time{}, Invalid("period", "unknown period %q; use one of %v", period, periods)
	}
	f, err := ParseDate("from", from)
	if err != nil {
		return f, f, err
	}
	t, err := ParseDate("to", to)
	if err != nil {
		return f, t, err
	}
	if t.Before(f) {
		return f, t, Invalid("to", "to (%s) is before from (%s): give the first and the last day of the report", to, from)
	}
	if period == PeriodDay && t.Sub(f) >= MaxReportDays*24*time.Hour {
		return f, t, Invalid("to", "a report by day covers at most %d days (%s to %s is longer): report by month, or ask for less",
			MaxReportDays, from, to)
	}
	if period != PeriodDay && !t.Before(f.AddDate(MaxReportYears, 0, 0)) {
		return f, t, Invalid("to", "a report by month or year covers at most %d years (%s to %s is longer): ask for less",
			MaxReportYears, from, to)
	}
	return f, t, nil
}

// SalesFigures is the money of a set of entries with a payment channel,
// signed as in the ledger: sales positive, refunds negative, reversals
// with the opposite sign of what they undo; Net is their sum.
type SalesFigures struct {
	SalesFen      Fen
	SalesCount    int
	RefundsFen    Fen
	RefundCount   int
	ReversalsFen  Fen
	ReversalCount int
	NetFen        Fen
}

// Add adds o to f.
func (f *SalesFigures) Add(o SalesFigures) {
	f.SalesFen += o.SalesFen
	f.SalesCount += o.SalesCount
	f.RefundsFen += o.RefundsFen
	f.RefundCount += o.RefundCount
	f.ReversalsFen += o.ReversalsFen
	f.ReversalCount += o.ReversalCount
	f.NetFen += o.NetFen
}

// ChannelSales is the money of one payment channel.
type ChannelSales struct {
	Channel string
	SalesFigures
}

// SalesPeriod is one period of a sales report: Start is its first local
// day (YYYY-MM-DD), ByChannel its channels (those with entries, in the
// order of Channels), Total their sum.
type SalesPeriod struct {
	Start     string
	ByChannel []*ChannelSales
	Total     SalesFigures
}

// OperatorSales is the money one operator took (OperatorID set; Name
// their display name or username), or that was recorded under one name by
// something else (an API key, the payment webhooks: OperatorID nil).
type OperatorSales struct {
	OperatorID *int64
	Name       string
	SalesFigures
}

// SalesReport is a sales report: its periods (those with entries, in
// order), the totals by channel and by operator (largest net first, at
// most MaxSummaryOperators rows, the last adding up the rest), and the
// grand total.
type SalesReport struct {
	Periods    []*SalesPeriod
	ByChannel  []*ChannelSales
	ByOperator []*OperatorSales
	Total      SalesFigures
}

// SettlementFilter selects a daily settlement (日结): the local day Day
// (YYYY-MM-DD) of one site (nil: every site), optionally one operator.
// A caller holding PermReadAudit sees every cashier's; an operator
// without it only their own (naming another is FORBIDDEN); tenants are
// refused.
type SettlementFilter struct {
	SiteID     *int64
	Day        string
	OperatorID *int64
}

// Validate checks the day. Errors: INVALID_INPUT.
func (f SettlementFilter) Validate() error {
	_, err := ParseDate("day", f.Day)
	return err
}

// CashierSettlement is what one cashier (or one name no operator bears:
// an API key, the webhooks) took on the day, by channel and in total.
type CashierSettlement struct {
	OperatorID *int64
	Name       string
	ByChannel  []*ChannelSales
	Total      SalesFigures
}

// DailySettlement is a day's settlement: each cashier's takings (by name),
// the day's totals by channel, and the grand total.
type DailySettlement struct {
	Day       string
	Cashiers  []*CashierSettlement
	ByChannel []*ChannelSales
	Total     SalesFigures
}

// ChargesReportFilter selects a charges report: the local days From to
// To (both included) of one site and of one building (the charged
// meter's; nil: all), one row per Period (day or month), and the Top
// accounts charged most (0: DefaultTopAccounts, at most MaxTopAccounts).
// Any operator or API key with read_accounts may read it; tenants are
// refused.
type ChargesReportFilter struct {
	SiteID, BuildingID *int64
	From, To           string
	Period             string
	Top                int
}

// Validate checks the period, the range and Top. Errors: INVALID_INPUT.
func (f ChargesReportFilter) Validate() error {
	if f.Top < 0 || f.Top > MaxTopAccounts {
		return Invalid("top", "top must be from 0 (the default, %d) to %d accounts", DefaultTopAccounts, MaxTopAccounts)
	}
	_, _, err := ValidateReportRange(f.From, f.To, f.Period, PeriodDay, PeriodMonth)
	return err
}

// ChargeFigures is what charging took, as positive amounts (the ledger
// holds them negative): charges and service fees taken, what corrections
// and reversals of charges and fees gave back, and Net, what was kept:
// charges + fees - corrections - reversals.
type ChargeFigures struct {
	ChargesFen      Fen
	ChargeCount     int
	FeesFen         Fen
	FeeCount        int
	CorrectionsFen  Fen
	CorrectionCount int
	ReversalsFen    Fen
	ReversalCount   int
	NetFen          Fen
}

// Add adds o to f.
func (f *ChargeFigures) Add(o ChargeFigures) {
	f.ChargesFen += o.ChargesFen
	f.ChargeCount += o.ChargeCount
	f.FeesFen += o.FeesFen
	f.FeeCount += o.FeeCount
	f.CorrectionsFen += o.CorrectionsFen
	f.CorrectionCount += o.CorrectionCount
	f.ReversalsFen += o.ReversalsFen
	f.ReversalCount += o.ReversalCount
	f.NetFen += o.NetFen
}

// ChargesPeriod is one period of a charges report.
type ChargesPeriod struct {
	Start string
	ChargeFigures
}

// AccountCharges is what charging took from one account over the range.
type AccountCharges struct {
	AccountID  int64
	AccountNo  string
	TenantName string
	ChargeFigures
}

// ChargesReport is a charges report: its periods (those with entries, in
// order), the total, and the accounts charged most (largest net charge
// first).
type ChargesReport struct {
	Periods     []*ChargesPeriod
	Total       ChargeFigures
	TopAccounts []*AccountCharges
}
