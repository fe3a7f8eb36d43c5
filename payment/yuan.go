package payment

import (
	"errors"
	"fmt"
	"strconv"
)

// MaxYuanFen bounds ParseYuan: 100 000 000.00 yuan, Alipay's largest
// trade amount. Anything larger is a mistake, and the bound keeps the
// arithmetic far from int64 overflow.
const MaxYuanFen int64 = 100_000_000_00

// ErrBadAmount is wrapped by ParseYuan for any amount it does not accept.
var ErrBadAmount = errors.New("bad amount")

// FormatYuan writes fen as a decimal yuan string with two decimals, the
// way Alipay wants amounts ("12.34", "0.05", "-1.20").
func FormatYuan(fen int64) string {
	sign := ""
	u := uint64(fen)
	if fen < 0 {
		sign = "-"
		u = uint64(-(fen + 1)) + 1 // safe for math.MinInt64
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// ParseYuan reads a yuan amount as Alipay writes it ("12.34", "12.3",
// "12", "0.05") into fen. It is strict, because the string comes from a
// provider's message and decides money: only ASCII digits with an
// optional '.' and at most two decimals; no sign, exponent, spaces,
// thousands separators or empty parts ("1.", ".5"); at most MaxYuanFen.
// Errors wrap ErrBadAmount.
func ParseYuan(s string) (int64, error) {
	bad := func(why string) (int64, error) {
		return 0, fmt.Errorf("%w: %q is not a yuan amount like 12.34 (%s)", ErrBadAmount, s, why)
	}
	if s == "" {
		return bad("empty")
	}
	whole, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			whole, frac = s[:i], s[i+1:]
			if frac == "" {
				return bad("no digits after the point")
			}
			break
		}
	}
	if whole == "" {
		return bad("no digits before the point")
	}
	if len(frac) > 2 {
		return bad("more than two decimals")
	}
	if !digits(whole) || !digits(frac) {
		return bad("only digits and one point are allowed")
	}
	// 100000000 yuan has 9 digits; leading zeros are tolerated but the
	// length is bounded so ParseInt never sees a huge string.
	if len(whole) > 12 {
		return bad("too large")
	}
	y, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return bad("too large")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	fen := y*100 + f
	if fen > MaxYuanFen {
		return bad("above the 100000000.00 limit")
	}
	return fen, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
