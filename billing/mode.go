package billing

import "github.com/voltpay/voltpay"

// ModeAfter returns the control mode an operator's command of kind puts
// its meter in, and false for kinds that leave the mode alone. Only
// commands asked for by people (operators, API keys) move the mode: the
// controller's own trips and closes follow the mode, they never set it.
// Why a close returns to prepaid: an operator who closes a meter by hand
// releases any forced trip, and the meter is automatic again (a close in
// arrears is then tripped again unless the meter is guaranteed).
func ModeAfter(kind string) (string, bool) {
	switch kind {
	case voltpay.CmdTrip:
		return ModeForcedTrip, true
	case voltpay.CmdGuaranteeOn:
		return ModeGuarantee, true
	case voltpay.CmdGuaranteeOff, voltpay.CmdRestorePrepaid, voltpay.CmdClose:
		return ModePrepaid, true
	}
	return "", false
}
