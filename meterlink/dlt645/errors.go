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

// sharedERRBits are the bits of a 2-byte error word to a non-security
// command that keep the standard ERR meaning. The standard defines a 1-byte
// ERR; firmware's extended path answers with its own 2-byte word (in one
// public firmware the remote-control error word: bit 0 meter suspended,
// bit 1 MAC error, bit 2 password/unauthorised, bit 3 identity
// authentication timed out, bit 4 execution time invalid (expired), bit 5
// trip refused under guarantee…). Only bit 2 means the same in both.
const sharedERRBits uint16 = 1 << 2

// Error lists the meanings of the set bits, e.g.
// "dlt645: meter 000000000001 refused 0x1C (0xDC, error word 0x04): password wrong or unauthorized";
// bits without a standard meaning read "vendor bit 4 (0x0010)".
func (e *MeterError) Error() string {
	var parts []string
	for _, err := range e.Unwrap() {
		parts = append(parts, err.Error())
	}
	for bit := range 16 {
		if v := e.VendorBits() & (1 << bit); v != 0 {
			parts = append(parts, fmt.Sprintf("vendor bit %d (0x%04X)", bit, v))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no error bit set")
	}
	return fmt.Sprintf("dlt645: meter %s refused %s (%s, error word 0x%0*X): %s",
		e.Addr, e.Control.Function(), e.Control, 2*e.Len, e.Word, strings.Join(parts, "; "))
}

// Unwrap returns the sentinel errors of the set bits that have a standard
// meaning, for errors.Is.
func (e *MeterError) Unwrap() []error {
	var out []error
	bits := errERRBits[:]
	if e.Security {
		bits = errSERRBits[:]
	}
	std := e.standardBits()
	for i, s := range bits {
		if e.Word&std&(1<<i) != 0 {
			out = append(out, s)
		}
	}
	return out
}

// VendorBits returns the set bits of Word without a standard meaning: SERR
// bits 7..15, and every bit of a 2-byte word to a non-security command
// except those in sharedERRBits.
func (e *MeterError) VendorBits() uint16 { return e.Word &^ e.standardBits() }

// standardBits is the mask of bits whose standard meaning applies.
func (e *MeterError) standardBits() uint16 {
	switch {
	case e.Security:
		return 1<<len(errSERRBits) - 1
	case e.Len == 2:
		return sharedERRBits
	}
	return 0xFF
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
