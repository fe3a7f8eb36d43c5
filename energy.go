package voltpay

import (
	"time"
)

// What an energy chart covers (EnergyQuery.Scope).
const (
	EnergyScopeMeter    = "meter"
	EnergyScopeAccount  = "account"
	EnergyScopeBuilding = "building"
	EnergyScopeSite     = "site"
)

// EnergyScopes lists the scopes.
var EnergyScopes = []string{EnergyScopeMeter, EnergyScopeAccount, EnergyScopeBuilding, EnergyScopeSite}

// The length of one point of an energy chart (EnergyQuery.Interval).
const (
	IntervalHour  = "hour"
	IntervalDay   = "day"
	IntervalMonth = "month"
)

// EnergyIntervals lists the intervals.
var EnergyIntervals = []string{IntervalHour, IntervalDay, IntervalMonth}

// MaxEnergyPoints bounds the points of one energy chart: more than a
// screen shows, and each point costs a lookup per meter.
const MaxEnergyPoints = 1000

// MaxEnergyLookups bounds the work of one energy chart: each point needs
// the register of every meter of the scope at its edge, one index lookup
// per meter and edge (docs/BENCHMARKS.md, "Energy charts"). A site of 300
// meters gets about 300 points, a building of 50 meters 1,000.
const MaxEnergyLookups = 100_000

// EnergyQuery asks for the energy used and the amount charged, per
// interval (hour, day or month in the local time of the scope's site),
// over [From, To), by one meter, the meters an account funds now (each
// from when it was attached), or every meter of a building or site.
//
// Tenants may ask for their own account, or for a meter on it (from when
// it was attached); another id answers NOT_FOUND, as one that does not
// exist (the API answers both with null). Buildings and sites are
// staff's business (FORBIDDEN).
type EnergyQuery struct {
	Scope    string
	ID       int64
	From, To time.Time
	Interval string
}

// EnergyPoint is one interval of an energy chart: [Start, End), the energy
// used (the total active energy registers' advance, times each meter's CT
// ratio, reverse energy included as billing charges it), what charging
// took for it (charges and their service fees, less corrections and
// reversals of them, by the time of the reading charged), and the energy
// per TOU rate from the meters that keep rate registers (nil when none
// of them does).
type EnergyPoint struct {
	Start, End time.Time
	EnergyWh   Wh
	AmountFen  Fen
	SharpWh    *Wh
	PeakWh     *Wh
	FlatWh     *Wh
	ValleyWh   *Wh
}

// Validate checks the query's scope, interval and range (at most
// MaxSummaryDays); EnergyEdges checks the number of points.
// Errors: INVALID_INPUT.
func (q EnergyQuery) Validate() error {
	if !contains(EnergyScopes, q.Scope) {
		return Invalid("scope", "unknown scope %q; use meter, account, building or site", q.Scope)
	}
	if !contains(EnergyIntervals, q.Interval) {
		return Invalid("interval", "unknown interval %q; use hour, day or month", q.Interval)
	}
	return validateRange(q.From, q.To, MaxSummaryDays)
}

// EnergyEdges returns the edges of q's points in loc: From, every start of
// an interval (a local hour, day or month) after it, and To, so that
// point i is [edges[i], edges[i+1]). Refused with INVALID_INPUT when that
// makes more than MaxEnergyPoints points, saying to widen the interval.
func EnergyEdges(q EnergyQuery, loc *time.Location) ([]time.Time, error) {
	edges := []time.Time{q.From}
	for t := intervalStart(q.From.In(loc), q.Interval); ; {
		t = nextInterval(t, q.Interval)
		if !t.Before(q.To) {
			break
		}
		if len(edges) == MaxEnergyPoints {
			return nil, Invalid("interval", "from %s to %s by %s makes more than %d points; widen the interval (day or month) or shorten the range",
				q.From.Format(time.RFC3339), q.To.Format(time.RFC3339), q.Interval, MaxEnergyPoints)
		}
		edges = append(edges, t)
	}
	return append(edges, q.To), nil
}

// intervalStart returns the start of the local hour, day or month holding t.
func intervalStart(t time.Time, interval string) time.Time {
	y, m, d := t.Date()
	switch interval {
	case IntervalHour:
		return time.Date(y, m, d, t.Hour(), 0, 0, 0, t.Location())
	case IntervalDay:
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
}

// nextInterval returns the start of the interval after the one starting at t.
func nextInterval(t time.Time, interval string) time.Time {
	y, m, d := t.Date()
	switch interval {
	case IntervalHour:
		// An hour later: local hours start on the hour whatever the
		// daylight-saving offset (they move by whole hours).
		return t.Add(time.Hour)
	case IntervalDay:
		return time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, m+1, 1, 0, 0, 0, 0, t.Location())
}
