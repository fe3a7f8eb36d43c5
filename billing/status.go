package billing

import "github.com/voltpay/voltpay"

// Meter statuses for display (issue 4 item 5), in precedence order: a meter
// shows the first that applies.
const (
	StatusNotOpened = "not_opened" // no open account: nobody is billed for it
	StatusOffline   = "offline"    // 失联: what we know of it may be stale
	StatusGuarantee = "guarantee"  // 保电: kept on whatever the balance
	StatusTripped   = "tripped"    // relay open: the shop has no power
	StatusArrears   = "arrears"    // 欠费: balance at or below zero
	StatusAlarm2    = "alarm2"     // balance at or below alarm threshold 2
	StatusAlarm1    = "alarm1"     // balance at or below alarm threshold 1
	StatusNormal    = "normal"
)

// Statuses lists the statuses in precedence order.
var Statuses = []string{StatusNotOpened, StatusOffline, StatusGuarantee, StatusTripped,
	StatusArrears, StatusAlarm2, StatusAlarm1, StatusNormal}

// StatusInput is what a meter's status depends on.
type StatusInput struct {
	Opened    bool // an open account holds the meter
	Online    bool
	Guarantee bool
	Relay     string // voltpay.RelayOpen, RelayClosed, RelayUnknown
	Balance   voltpay.Fen
	Alarm1    voltpay.Fen
	Alarm2    voltpay.Fen
}

// StatusFacts are what a meter's status is decided on, each a yes or no:
// what Status reads of a StatusInput, and what a query counting meters by
// status groups them by (MeterStatusCounts), so that the precedence below
// is written once.
type StatusFacts struct {
	Opened, Online, Guarantee, Tripped bool
	// Arrears, AtAlarm2, AtAlarm1: the balance at or below zero, the alarm
	// 2 threshold, the alarm 1 threshold.
	Arrears, AtAlarm2, AtAlarm1 bool
}

// Facts returns the facts of in.
func (in StatusInput) Facts() StatusFacts {
	return StatusFacts{Opened: in.Opened, Online: in.Online, Guarantee: in.Guarantee, Tripped: in.Relay == voltpay.RelayOpen,
		Arrears: in.Balance <= 0, AtAlarm2: in.Balance <= in.Alarm2, AtAlarm1: in.Balance <= in.Alarm1}
}

// Status returns the meter's display status.
func Status(in StatusInput) string { return StatusOf(in.Facts()) }

// StatusOf returns the display status of a meter with facts f. Why this
// order: an unopened meter bills nobody, so nothing else about it matters;
// offline comes next because every later fact may be stale; guarantee
// explains why a meter in arrears still has power; a tripped relay is what
// the tenant feels; then the balance, worst level first.
func StatusOf(f StatusFacts) string {
	switch {
	case !f.Opened:
		return StatusNotOpened
	case !f.Online:
		return StatusOffline
	case f.Guarantee:
		return StatusGuarantee
	case f.Tripped:
		return StatusTripped
	case f.Arrears:
		return StatusArrears
	case f.AtAlarm2:
		return StatusAlarm2
	case f.AtAlarm1:
		return StatusAlarm1
	}
	return StatusNormal
}
