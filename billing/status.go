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

// Status returns the meter's display status. Why this order: an unopened
// meter bills nobody, so nothing else about it matters; offline comes next
// because every later fact may be stale; guarantee explains why a meter in
// arrears still has power; a tripped relay is what the tenant feels;
// then the balance, worst level first.
func Status(in StatusInput) string {
	switch {
	case !in.Opened:
		return StatusNotOpened
	case !in.Online:
		return StatusOffline
	case in.Guarantee:
		return StatusGuarantee
	case in.Relay == voltpay.RelayOpen:
		return StatusTripped
	case in.Balance <= 0:
		return StatusArrears
	case in.Balance <= in.Alarm2:
		return StatusAlarm2
	case in.Balance <= in.Alarm1:
		return StatusAlarm1
	}
	return StatusNormal
}
