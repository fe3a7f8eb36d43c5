package voltpay

import (
	"context"
	"time"
)

// EnergyReportService answers the energy report (能耗报表).
// Errors: INVALID_INPUT, NOT_FOUND, UNAVAILABLE.
type EnergyReportService interface {
	// EnergyReport is the energy and charges of a site's (or building's)
	// meters over whole local days, by meter, account or building; see
	// EnergyReportFilter.
	EnergyReport(ctx context.Context, f EnergyReportFilter) (*EnergyReport, error)
}

// How an energy report groups its rows (EnergyReportFilter.GroupBy).
const (
	EnergyGroupMeter    = "meter"
	EnergyGroupAccount  = "account"
	EnergyGroupBuilding = "building"
)

// EnergyGroups lists the groupings.
var EnergyGroups = []string{EnergyGroupMeter, EnergyGroupAccount, EnergyGroupBuilding}

// MaxEnergyReportMeters bounds the meters one report adds up: a large
// complex has a few thousand; the benchmark's 10,000 answers in well under
// a second from the rollups (docs/BENCHMARKS.md).
const MaxEnergyReportMeters = 20_000

// EnergyReportFilter asks for the energy of the meters of a site (and of
// one building of it, when BuildingID is set) over the local days of the
// site From to To, To excluded (YYYY-MM-DD; whole days: the rollups keep
// days), at most MaxSummaryDays; one row per meter, per account the meters are
// on now (meters on none make a row of their own), or per building
// (meters in none likewise); Offset and First page the rows (First 0:
// DefaultPageSize, at most MaxPageSize). The office's report: a tenant's is
// empty.
type EnergyReportFilter struct {
	SiteID     int64
	BuildingID *int64
	GroupBy    string
	From, To   string
	Offset     int
	First      int
}

// Validate checks the grouping, the range and the page.
// Errors: INVALID_INPUT.
func (f EnergyReportFilter) Validate() error {
	if !contains(EnergyGroups, f.GroupBy) {
		return Invalid("groupBy", "unknown grouping %q; use meter, account or building", f.GroupBy)
	}
	if f.Offset < 0 {
		return Invalid("offset", "offset must be 0 or more, got %d", f.Offset)
	}
	if f.First < 0 || f.First > MaxPageSize {
		return Invalid("first", "first must be between 0 and %d, got %d", MaxPageSize, f.First)
	}
	from, err := ParseDate("from", f.From)
	if err != nil {
		return err
	}
	to, err := ParseDate("to", f.To)
	if err != nil {
		return err
	}
	return validateRange(from, to, MaxSummaryDays)
}

// Edges returns the filter's days as times: the local midnights in loc
// starting From and To. Call Validate first.
func (f EnergyReportFilter) Edges(loc *time.Location) (from, to time.Time) {
	from, _ = time.ParseInLocation(DateLayout, f.From, loc)
	to, _ = time.ParseInLocation(DateLayout, f.To, loc)
	return from, to
}

// EnergyReport is one page of an energy report's rows, in id order (the
// group's: meter, account or building id; the row of meters on no account
// or in no building last), the number of rows in all and the total over
// all of them.
type EnergyReport struct {
	From, To  time.Time
	Rows      []*EnergyReportRow
	Total     *EnergyReportRow
	TotalRows int
}

// EnergyReportRow is the energy of one meter, account or building (ID; 0
// for the meters on no account or in no building, and for the total) over
// the report's days: the energy as energyUsage counts it (the advance of
// the registers from the last reading before From to the last before To,
// CT ratio applied, reverse included, a fallen register counting nothing),
// its split by TOU rate from the rate registers (nil where no meter keeps
// them), and what charging took for readings in the range by rate (the
// charge entries split by rate, charge_rate_days), before corrections.
type EnergyReportRow struct {
	ID        int64
	Name      string
	Meters    int
	EnergyWh  Wh
	SharpWh   *Wh
	PeakWh    *Wh
	FlatWh    *Wh
	ValleyWh  *Wh
	ChargedWh Wh
	AmountFen Fen
	SharpFen  Fen
	PeakFen   Fen
	FlatFen   Fen
	ValleyFen Fen
}
