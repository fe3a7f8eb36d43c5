package voltpay

import (
	"fmt"
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (1/100 yuan). Money is never a float.
type Fen int64

// MaxTransactionFen is the largest amount one sale, refund or transfer may
// move: 1,000,000.00 yuan. Anything larger is a typing mistake, not a
// purchase of electricity for a shop.
const MaxTransactionFen Fen = 100_000_000

// String formats f as yuan with two decimals, e.g. "-12.05".
func (f Fen) String() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// ValidateAmount checks that a caller-supplied amount is positive and not
// absurd. It returns an INVALID_INPUT error naming field.
func ValidateAmount(field string, f Fen) error {
	switch {
	case f <= 0:
		return Invalid(field, "%s must be a positive number of fen (1 yuan = 100 fen), got %d", field, f)
	case f > MaxTransactionFen:
		return Invalid(field, "%s of %s yuan is above the limit of %s yuan for one transaction; split it or check for a typo", field, f, MaxTransactionFen)
	}
	return nil
}

// Wh is an amount of electrical energy in watt-hours.
type Wh int64

// Price is a price of energy in 1/10000 yuan per kWh (0.01 fen/kWh), the
// resolution Chinese tariffs are published in ("0.8523 元/kWh" is 8523).
type Price int64

// MaxPrice is the highest price we accept: 100 yuan per kWh.
const MaxPrice Price = 1_000_000

// String formats p as yuan per kWh with four decimals, e.g. "0.8523".
func (p Price) String() string {
	v := int64(p)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%04d", sign, v/10000, v%10000)
}

// ParsePrice parses a decimal yuan-per-kWh string with at most four decimals
// ("0.8523", "1", "1.2"). It never goes through a float.
func ParsePrice(s string) (Price, error) {
	bad := Errorf(EINVALID, "price %q is not a decimal number of yuan per kWh with at most 4 decimals, like \"0.8523\"", s)
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, bad
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 4 || (whole == "" && frac == "") {
		return 0, bad
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseUint(whole, 10, 32)
	if err != nil {
		return 0, bad
	}
	frac += strings.Repeat("0", 4-len(frac))
	f, err := strconv.ParseUint(frac, 10, 32)
	if err != nil {
		return 0, bad
	}
	p := Price(w*10000 + f)
	if p > MaxPrice {
		return 0, Errorf(EINVALID, "price %s yuan/kWh is above the limit of %s; check for a typo", p, MaxPrice)
	}
	return p, nil
}
