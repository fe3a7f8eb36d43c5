package billing

import (
	"slices"
	"time"

	"github.com/voltpay/voltpay"
)

// Control modes of a meter (issue 4 item 4).
const (
	// ModePrepaid: automatic: trip on arrears, close when the balance is
	// back above zero.
	ModePrepaid = "prepaid"
	// ModeGuarantee: 保电: never tripped automatically.
	ModeGuarantee = "guarantee"
	// ModeForcedTrip: an operator's trip, which holds until an operator
	// releases it (restore prepaid): a sale never closes it.
	ModeForcedTrip = "forced_trip"
)

// Friendly describes when a site does not trip automatically (友好时段):
// at night, on weekends, on listed holidays. A trip due then waits for the
// period's end; the account may have paid by then.
type Friendly struct {
	// NightFrom and NightTo are minutes after local midnight; equal means
	// no night period. NightFrom > NightTo runs across midnight.
	NightFrom, NightTo int
	Weekends           bool
	Holidays           []time.Time // local dates (time of day ignored)
}

// covers reports whether local time t is in a friendly period.
func (f Friendly) covers(t time.Time) bool {
	if f.Weekends && (t.Weekday() == time.Saturday || t.Weekday() == time.Sunday) {
		return true
	}
	if slices.ContainsFunc(f.Holidays, func(h time.Time) bool {
		y, m, d := h.Date()
		ty, tm, td := t.Date()
		return y == ty && m == tm && d == td
	}) {
		return true
	}
	if f.NightFrom == f.NightTo {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if f.NightFrom < f.NightTo {
		return m >= f.NightFrom && m < f.NightTo
	}
	return m >= f.NightFrom || m < f.NightTo
}

// Grace delays the automatic trip of an account in arrears: until the
// balance is below −Amount, or until it has been in arrears for Time
// (either; both zero: at once).
type Grace struct {
	Amount voltpay.Fen
	Time   time.Duration
}

// ControlInput is what the relay decision of one meter depends on.
type ControlInput struct {
	Mode    string
	Relay   string      // last read: voltpay.RelayOpen, RelayClosed or RelayUnknown
	Balance voltpay.Fen // the balance funding the meter
	// Overdraft is the account's overdraft limit (透支额度, ≥ 0): the
	// balance may fall to −Overdraft before the automatic trip, and the
	// site's grace amount counts below that.
	Overdraft    voltpay.Fen
	ArrearsSince *time.Time // when the balance last fell to or below zero; nil when above
	Now          time.Time  // local time of the site
	Grace        Grace
	Friendly     Friendly
}

// Actions the policy asks for.
const (
	ActionNone  = ""
	ActionTrip  = voltpay.CmdTrip
	ActionClose = voltpay.CmdClose
)

// Decide returns the relay command the meter needs now, and why. It is
// idempotent: a meter already in the wanted state needs nothing (an
// unknown relay gets the command). Rules: guarantee never trips and closes
// an open relay; a forced trip trips and never closes; prepaid trips in
// arrears at or below −(overdraft + grace amount), past the grace time and
// outside friendly periods, and closes when the balance is above zero
// again (not merely back within the overdraft: a tripped tenant pays the
// arrears before the power returns, as without an overdraft).
func Decide(in ControlInput) (action, reason string) {
	open := in.Relay == voltpay.RelayOpen
	closed := in.Relay == voltpay.RelayClosed
	switch in.Mode {
	case ModeGuarantee:
		if !closed {
			return ActionClose, "guarantee (保电): the meter stays on"
		}
		return ActionNone, ""
	case ModeForcedTrip:
		if !open {
			return ActionTrip, "tripped by an operator until released"
		}
		return ActionNone, ""
	}
	if in.Balance > 0 {
		if !closed {
			return ActionClose, "the balance is above zero again"
		}
		return ActionNone, ""
	}
	if open {
		return ActionNone, ""
	}
	if in.Balance > -(max(in.Overdraft, 0) + in.Grace.Amount) {
		return ActionNone, ""
	}
	if in.Grace.Time > 0 && (in.ArrearsSince == nil || in.Now.Sub(*in.ArrearsSince) < in.Grace.Time) {
		return ActionNone, ""
	}
	if in.Friendly.covers(in.Now) {
		return ActionNone, ""
	}
	return ActionTrip, "in arrears"
}
