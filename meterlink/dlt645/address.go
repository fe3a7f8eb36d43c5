package dlt645

import (
	"fmt"
	"strings"
)

// Address is a meter's 6-byte communication address in wire order: the
// least significant BCD byte first. Its text form is the 12 digits printed on
// the meter, most significant first, e.g. "000000000001".
//
// A byte of 0xAA is a wildcard ("缩位寻址"); AA bytes may only occupy the
// high-order end. All-AA (Wildcard) works only with a single meter on the
// line, because every meter would answer it.
type Address [6]byte

// Broadcast is 999999999999: meters obey but never answer it. Only broadcast
// time (0x08) and freeze use it.
var Broadcast = Address{0x99, 0x99, 0x99, 0x99, 0x99, 0x99}

// Wildcard is AAAAAAAAAAAA, used to read the address of the single meter on
// a line (control code 0x13).
var Wildcard = Address{0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA}

// ParseAddress parses up to 12 decimal digits (shorter input is padded with
// leading zeros) into an Address. Leading pairs "AA" are wildcard bytes.
// It returns an error for any other character, for more than 12 characters
// or for AA pairs below a digit pair.
func ParseAddress(s string) (Address, error) {
	var a Address
	if len(s) == 0 || len(s) > 12 {
		return a, fmt.Errorf("dlt645: address %q must have 1..12 digits", s)
	}
	s = strings.Repeat("0", 12-len(s)) + s
	digitSeen := false
	for i := 0; i < 6; i++ {
		pair := s[2*i : 2*i+2]
		wire := 5 - i // text is most significant first, wire is least first
		if pair == "AA" || pair == "aa" {
			if digitSeen {
				return Address{}, fmt.Errorf("dlt645: address %q has a wildcard AA below a digit; wildcards must be the leading pairs", s)
			}
			a[wire] = 0xAA
			continue
		}
		if pair[0] < '0' || pair[0] > '9' || pair[1] < '0' || pair[1] > '9' {
			return Address{}, fmt.Errorf("dlt645: address %q: %q is neither two digits nor AA", s, pair)
		}
		digitSeen = true
		a[wire] = (pair[0]-'0')<<4 | (pair[1] - '0')
	}
	return a, nil
}

// MustParseAddress is ParseAddress for constants in tests and tables; it
// panics on a malformed address.
func MustParseAddress(s string) Address {
	a, err := ParseAddress(s)
	if err != nil {
		panic(err)
	}
	return a
}

// String returns the 12-character text form, most significant digit first;
// wildcard bytes print as "AA" and any other non-BCD byte as its hex value.
func (a Address) String() string {
	var sb strings.Builder
	sb.Grow(12)
	for i := 5; i >= 0; i-- {
		fmt.Fprintf(&sb, "%02X", a[i])
	}
	return sb.String()
}

// Validate reports whether a is a usable destination: every byte BCD or a
// leading wildcard AA.
func (a Address) Validate() error {
	wild := true
	for i := 5; i >= 0; i-- {
		if a[i] == 0xAA && wild {
			continue
		}
		wild = false
		if _, err := bcdByte(a[i]); err != nil {
			return fmt.Errorf("dlt645: address %s: %w", a, err)
		}
	}
	return nil
}

// IsBroadcast reports whether a is 999999999999 (no reply will come).
func (a Address) IsBroadcast() bool { return a == Broadcast }

// IsWildcard reports whether any byte of a is the wildcard AA.
func (a Address) IsWildcard() bool {
	for _, b := range a {
		if b == 0xAA {
			return true
		}
	}
	return false
}

// Matches reports whether a reply from address got answers a request sent to
// a: bytes must be equal except where a has a wildcard AA.
func (a Address) Matches(got Address) bool {
	for i := range a {
		if a[i] != 0xAA && a[i] != got[i] {
			return false
		}
	}
	return true
}
