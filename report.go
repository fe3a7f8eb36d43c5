package voltpay

import (
	"context"
	"time"
)

// ReportService answers the aggregates the admin console's dashboard, sales
// desk and charts show: each is one query over what is already stored, so
// that a screen never pages through a list to add it up.
// Errors: INVALID_INPUT, NOT_FOUND, FORBIDDEN, UNAVAILABLE.
type ReportService interface {
	// SalesSummary totals the money taken in and paid out (entries with a
	// payment channel) over a time range; see SalesSummaryFilter for who
	// may total whose entries.
	SalesSummary(ctx context.Context, f SalesSummaryFilter) (*SalesSummary, error)
	// EnergyUsage is the energy used and the amount charged per interval;
	// see EnergyQuery.
	EnergyUsage(ctx context.Context, q EnergyQuery) ([]*EnergyPoint, error)
	// MeterStatusCounts counts the active meters of a site or building by
	// display status, each count split into online and offline meters.
	MeterStatusCounts(ctx context.Context, f MeterStatusFilter) ([]*MeterStatusCount, error)
}

// MaxSummaryDays bounds the time range of a sales summary: a year and a
// day, so that "the last 12 months" fits and the scan stays bounded.
const MaxSummaryDays = 366

// SalesSummaryFilter selects the entries a sales summary totals: those
// with a payment channel (sales, refunds and their reversals) created in
// [From, To), of one site's accounts (nil: every site), made by one
// operator (nil: everyone the caller may total).
//
// Who may total whose entries: a caller holding PermReadAudit (managers,
// finance, admins, keys with that scope) totals everyone's; any other
// caller only their own: an operator the entries they made (a cashier's
// takings), an API key those it made, a tenant their own account's. Such
// a caller naming another operator is refused (FORBIDDEN), since a desk's
// colleagues' takings are a manager's business.
type SalesSummaryFilter struct {
	SiteID     *int64
	From, To   time.Time
	OperatorID *int64
}

// Validate checks the range: From before To, at most MaxSummaryDays apart,
// both within the times the API accepts. Errors: INVALID_INPUT.
func (f SalesSummaryFilter) Validate() error {
	return validateRange(f.From, f.To, MaxSummaryDays)
}

// validateRange checks a report's time range [from, to): from before to,
// at most maxDays apart.
func validateRange(from, to time.Time, maxDays int) error {
	if err := ValidateTime("from", from); err != nil {
		return err
	}
	if err := ValidateTime("to", to); err != nil {
		return err
	}
	if !from.Before(to) {
		return Invalid("to", "to (%s) must be after from (%s)", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	if to.Sub(from) > time.Duration(maxDays)*24*time.Hour {
		return Invalid("to", "the range from %s to %s is longer than %d days; ask for at most %d days at a time",
			from.Format(time.RFC3339), to.Format(time.RFC3339), maxDays, maxDays)
	}
	return nil
}

// MaxSummaryOperators bounds SalesSummary.ByOperator: an office has a few
// dozen operators; beyond this many rows, the smallest are added up in one
// row named OtherOperators.
const MaxSummaryOperators = 100

// OtherOperators names the row of SalesSummary.ByOperator that adds up the
// operators beyond MaxSummaryOperators.
const OtherOperators = "(others)"

// SalesSummary is the total of a SalesSummaryFilter's entries, and the
// same entries totalled by channel, by who made them and by entry type.
// Amounts are signed as in the ledger: sales add, refunds subtract, a
// reversal has the opposite sign of what it reverses.
type SalesSummary struct {
	TotalFen   Fen
	Count      int
	ByChannel  []*ChannelTotal
	ByOperator []*OperatorTotal
	ByType     []*EntryTypeTotal
}

// ChannelTotal is the net amount and the number of entries of one payment
// channel.
type ChannelTotal struct {
	Channel   string
	AmountFen Fen
	Count     int
}

// EntryTypeTotal is the net amount and the number of entries of one entry
// type.
type EntryTypeTotal struct {
	Type      string
	AmountFen Fen
	Count     int
}

// OperatorTotal is the net amount and the number of entries one operator
// made (OperatorID set, Name their display name or username), or that
// were made by someone else under one name (an API key, the payment
// webhooks: OperatorID nil, Name as the entries record it).
type OperatorTotal struct {
	OperatorID *int64
	Name       string
	AmountFen  Fen
	Count      int
}

// MeterStatusFilter selects the meters MeterStatusCounts counts: the
// active meters of a site and of a building (nil: all). A tenant's counts
// cover their own account's meters only.
type MeterStatusFilter struct {
	SiteID, BuildingID *int64
}

// MeterStatusCount is how many meters show one display status
// (billing.Statuses), and how many of them are online and offline.
type MeterStatusCount struct {
	Status                 string
	Count, Online, Offline int
}
