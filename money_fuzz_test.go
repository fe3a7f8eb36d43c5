package voltpay

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
)

// FuzzParsePrice: any text never panics ParsePrice; a refusal is
// INVALID_INPUT; an accepted price is 0..MaxPrice, exactly the decimal
// written (never through a float) and round-trips through String.
func FuzzParsePrice(f *testing.F) {
	for _, s := range []string{"0.8523", "1", "1.2", ".5", "5.", "0", "100", "100.0000", "100.0001", "-1", "+1", "-0",
		"1.23456", "", ".", " 0.6 ", "\t1\n", "1e2", "0x10", "1_000", "１", "4294967295.9999", "4294967296",
		"18446744073709551616", "0.-1", "0.+1", "1..2", "1.2.3", "NaN", "Inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrice(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParsePrice(%q): got %v, want INVALID_INPUT", s, err)
			}
			return
		}
		if p < 0 || p > MaxPrice {
			t.Fatalf("ParsePrice(%q) = %d, outside 0..%d", s, p, MaxPrice)
		}
		exact, ok := new(big.Rat).SetString(strings.TrimSpace(s))
		if !ok || exact.Mul(exact, big.NewRat(10000, 1)).Cmp(big.NewRat(int64(p), 1)) != 0 {
			t.Fatalf("ParsePrice(%q) = %d (%s), not the price written", s, p, p)
		}
		if back, err := ParsePrice(p.String()); err != nil || back != p {
			t.Fatalf("ParsePrice(%q) = %d, whose String %q reads back as %d, %v", s, p, p.String(), back, err)
		}
	})
}

// storedPhoneRE is the CHECK of accounts.phone in schema.sql: whatever
// NormalizePhone accepts, the database must accept too.
var storedPhoneRE = regexp.MustCompile(`^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7})$`)

// FuzzNormalizePhone: never panics; a refusal is INVALID_INPUT naming the
// field; an accepted number is what the database stores and normalising it
// again changes nothing.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "0086 13812345678", "+8613812345678", "021-12345678",
		"02112345678", "0755-1234567", "12345", "", " ", "+86", "0086", "1381234567８", "138\u00a01234\u00a05678",
		"+86+8613812345678", "00860086 13812345678", "010-012345678", "13812345678\n", "\u3000 13812345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := NormalizePhone("phone", s)
		if err != nil {
			var e *Error
			if ErrorCode(err) != EINVALID || !asError(err, &e) || e.Field != "phone" {
				t.Fatalf("NormalizePhone(%q): got %v, want INVALID_INPUT on phone", s, err)
			}
			return
		}
		if !storedPhoneRE.MatchString(p) {
			t.Fatalf("NormalizePhone(%q) = %q, which the accounts table refuses", s, p)
		}
		if again, err := NormalizePhone("phone", p); err != nil || again != p {
			t.Fatalf("NormalizePhone(%q) = %q, normalised again: %q, %v", s, p, again, err)
		}
	})
}
