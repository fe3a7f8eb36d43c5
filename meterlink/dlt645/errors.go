package dlt645

import (
	"errors"
	"fmt"
	"strings"
)

// ERR bits: the 1-byte error word of an abnormal reply (D1, D4, DC, …).
// Test with errors.Is(err, ErrNoData) on the error ReplyError returns.
var (
	ErrOther        = errors.New("other error")                    // bit 0
	ErrNoData       = errors.New("no requested data")              // bit 1: unknown/unsupported DI
	ErrUnauthorized = errors.New("password wrong or unauthorized") // bit 2: also a failed MAC
	ErrBaudFixed    = errors.New("baud rate cannot be changed")    // bit 3
	ErrTimeZones    = errors.New("too many annual time zones")     // bit 4
	ErrDayPeriods   = errors.New("too many daily periods")         // bit 5
	ErrTariffs      = errors.New("too many tariffs")               // bit 6
	errBit7         = errors.New("reserved error bit 7")           // bit 7
	errERRBits      = [8]error{ErrOther, ErrNoData, ErrUnauthorized, ErrBaudFixed, ErrTimeZones, ErrDayPeriods, ErrTariffs, errBit7}
)

// SERR bits: the 2-byte error word of an abnormal reply to a security
// command (C3). Bits 7..15 are vendor-specific (one firmware uses bit 8 for
// "meter suspended after too many MAC errors") and are reported by number.
var (
	ErrSecOther         = errors.New("security: other error")                     // bit 0
	ErrRepeatRecharge   = errors.New("security: repeat recharge")                 // bit 1: count = stored count
	ErrESAM             = errors.New("security: ESAM verification failed")        // bit 2
	ErrIdentity         = errors.New("security: identity authentication failed")  // bit 3
	ErrCustomerMismatch = errors.New("security: customer number mismatch")        // bit 4
	ErrPurchaseCount    = errors.New("security: purchase count wrong")            // bit 5
	ErrHoardingExceeded = errors.New("security: purchase exceeds hoarding limit") // bit 6
	errSERRBits         = [7]error{ErrSecOther, ErrRepeatRecharge, ErrESAM, ErrIdentity, ErrCustomerMismatch, ErrPurchaseCount, ErrHoardingExceeded}
)

// MeterError is an abnormal reply from a meter (control code with D6 set).
// errors.Is matches it against the ERR or SERR sentinels of the bits it has.
type MeterError struct {
	Addr     Address
	Control  Control // the reply's control code, e.g. 0xD1
	Word     uint16  // error word, low byte first on the wire
	Len      int     // 1 (ERR) or 2 (SERR, or a vendor 2-byte ERR)
	Security bool    // Word is an SERR (reply to 0x03)
}

// Error lists the meanings of the set bits, e.g.
// "dlt645: meter 000000000001 refused 0x1C (0xDC, error word 0x04): password wrong or unauthorized".
func (e *MeterError) Error() string {
	var parts []string
	for _, err := range e.Unwrap() {
		parts = append(parts, err.Error())
	}
	for bit := e.firstVendorBit(); bit < 16; bit++ {
		if e.Word&(1<<bit) != 0 {
			parts = append(parts, fmt.Sprintf("vendor bit %d", bit))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no error bit set")
	}
	return fmt.Sprintf("dlt645: meter %s refused %s (%s, error word 0x%0*X): %s",
		e.Addr, e.Control.Function(), e.Control, 2*e.Len, e.Word, strings.Join(parts, "; "))
}

// Unwrap returns the sentinel errors of the set bits, for errors.Is.
func (e *MeterError) Unwrap() []error {
	var out []error
	if e.Security {
		for i, s := range errSERRBits {
			if e.Word&(1<<i) != 0 {
				out = append(out, s)
			}
		}
		return out
	}
	// A 2-byte ERR from a vendor firmware carries the standard bits in its
	// low byte; the high byte is vendor status.
	for i, s := range errERRBits {
		if e.Word&(1<<i) != 0 {
			out = append(out, s)
		}
	}
	return out
}

// firstVendorBit is the first bit without a standard meaning.
func (e *MeterError) firstVendorBit() uint {
	if e.Security {
		return uint(len(errSERRBits))
	}
	return 8
}

// ReplyError returns nil for a normal reply and a *MeterError for an
// abnormal one (D6 = 1) carrying a 1- or 2-byte error word. An abnormal
// reply with any other length returns an error wrapping ErrFraming.
func ReplyError(f Frame) error {
	if !f.Control.IsAbnormal() {
		return nil
	}
	e := &MeterError{Addr: f.Addr, Control: f.Control, Len: len(f.Data), Security: f.Control.Function() == FuncSecurity}
	switch len(f.Data) {
	case 1:
		e.Word = uint16(f.Data[0])
	case 2:
		e.Word = uint16(f.Data[0]) | uint16(f.Data[1])<<8
	default:
		return fmt.Errorf("%w: abnormal reply %s from %s has %d data bytes, want 1 or 2", ErrFraming, f.Control, f.Addr, len(f.Data))
	}
	return e
}
