package scalar

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// marshal renders m as the JSON the API writes.
func marshal(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// wantInvalid fails unless err is an INVALID_INPUT *voltpay.Error.
func wantInvalid(t *testing.T, in any, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%#v: accepted, want INVALID_INPUT", in)
	} else if code := voltpay.ErrorCode(err); code != voltpay.EINVALID {
		t.Errorf("%#v: got %q (%v), want INVALID_INPUT", in, code, err)
	}
}

func TestID64(t *testing.T) {
	if got := marshal(MarshalID64(42)); got != `"42"` {
		t.Errorf("MarshalID64(42): got %s, want \"42\"", got)
	}
	for _, in := range []any{"42", 42, int32(42), int64(42), json.Number("42")} {
		if got, err := UnmarshalID64(in); err != nil || got != 42 {
			t.Errorf("UnmarshalID64(%#v): got %d, %v; want 42", in, got, err)
		}
	}
	for _, in := range []any{"0", 0, -1, "-7", "abc", "", "4.2", 4.2, float64(42), json.Number("1e3"), nil, true, []any{1}, "9223372036854775808"} {
		_, err := UnmarshalID64(in)
		wantInvalid(t, in, err)
	}
}

func TestFen(t *testing.T) {
	for f, want := range map[voltpay.Fen]string{0: "0", 12345: "12345", -5: "-5", math.MaxInt64: "9223372036854775807"} {
		if got := marshal(MarshalFen(f)); got != want {
			t.Errorf("MarshalFen(%d): got %s, want %s", f, got, want)
		}
	}
	for _, in := range []any{100, int32(100), int64(100), json.Number("100"), "100"} {
		if got, err := UnmarshalFen(in); err != nil || got != 100 {
			t.Errorf("UnmarshalFen(%#v): got %d, %v; want 100", in, got, err)
		}
	}
	if got, err := UnmarshalFen("-250"); err != nil || got != -250 {
		t.Errorf(`UnmarshalFen("-250"): got %d, %v; the sign is for the service to judge`, got, err)
	}
	for _, in := range []any{12.5, json.Number("12.5"), "12.5", "1e3", json.Number("1e3"), "", " 1", "ten", nil, true,
		float64(1 << 60), math.Inf(1), math.NaN(), "99999999999999999999", map[string]any{},
		// A GraphQL float literal decodes to float64: 1e2 and 100.0 are not
		// how an amount of money is written (TestSecurity_FenExponent).
		float64(100), "1e2", json.Number("1e2"), "100.0"} {
		_, err := UnmarshalFen(in)
		wantInvalid(t, in, err)
	}
}

func TestWh(t *testing.T) {
	if got := marshal(MarshalWh(123456)); got != "123456" {
		t.Errorf("MarshalWh: got %s", got)
	}
	if got, err := UnmarshalWh(json.Number("123456")); err != nil || got != 123456 {
		t.Errorf("UnmarshalWh: got %d, %v", got, err)
	}
	_, err := UnmarshalWh(0.5)
	wantInvalid(t, 0.5, err)
}

func TestPrice(t *testing.T) {
	for p, want := range map[voltpay.Price]string{8523: `"0.8523"`, 10000: `"1.0000"`, 0: `"0.0000"`, voltpay.MaxPrice: `"100.0000"`} {
		if got := marshal(MarshalPrice(p)); got != want {
			t.Errorf("MarshalPrice(%d): got %s, want %s", p, got, want)
		}
	}
	for in, want := range map[string]voltpay.Price{"0.8523": 8523, "1": 10000, "1.2": 12000, ".5": 5000, " 0.6 ": 6000, "100": voltpay.MaxPrice, "0": 0} {
		if got, err := UnmarshalPrice(in); err != nil || got != want {
			t.Errorf("UnmarshalPrice(%q): got %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []any{"100.0001", "-1", "+1", "1.23456", "", ".", "1,5", "0x10", "1e2", "NaN", 0.85, json.Number("0.85"), 1, nil} {
		_, err := UnmarshalPrice(in)
		wantInvalid(t, in, err)
	}
}

// fenInputs are the forms one fuzzed string reaches UnmarshalFen in: a
// variable's JSON value, an integer string, and a JSON number.
func fenInputs(s string) []any {
	ins := []any{s, json.Number(s)}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		ins = append(ins, v)
	}
	return ins
}

// FuzzUnmarshalFen: whatever a client sends never panics, a refusal is
// INVALID_INPUT, and an accepted amount is exact and round-trips through
// MarshalFen.
func FuzzUnmarshalFen(f *testing.F) {
	for _, s := range []string{"0", "1", "-1", "12345", "12.5", "1e3", "9223372036854775807", "-9223372036854775808",
		"9223372036854775808", `"100"`, "100.0", "0x10", "+5", " 7", "", "null", "[1]", `{"a":1}`, "１２"} {
		f.Add(s, 0.0)
	}
	f.Add("", 12.5)
	f.Add("", 1e300)
	f.Add("", -0.0)
	f.Add("", float64(1<<53))
	f.Add("", float64(1<<53+2))
	f.Fuzz(func(t *testing.T, s string, x float64) {
		for _, in := range append(fenInputs(s), x) {
			fen, err := UnmarshalFen(in)
			if err != nil {
				if voltpay.ErrorCode(err) != voltpay.EINVALID {
					t.Fatalf("UnmarshalFen(%#v): got %v, want INVALID_INPUT", in, err)
				}
				continue
			}
			out := marshal(MarshalFen(fen))
			back, err := UnmarshalFen(json.Number(out))
			if err != nil || back != fen {
				t.Fatalf("UnmarshalFen(%#v) = %d marshals to %s, which reads back as %d, %v", in, fen, out, back, err)
			}
			// The amount is exactly what was sent, written as an integer:
			// nothing rounded, no float literal, no exponent.
			var exact *big.Rat
			switch v := in.(type) {
			case float64:
				t.Fatalf("UnmarshalFen(%v) accepted a float literal", v)
			case string:
				if strings.ContainsAny(v, ".eE") {
					t.Fatalf("UnmarshalFen(%q) accepted a decimal point or exponent", v)
				}
				exact, _ = new(big.Rat).SetString(v)
			case json.Number:
				if strings.ContainsAny(string(v), ".eE") {
					t.Fatalf("UnmarshalFen(%q) accepted a decimal point or exponent", v)
				}
				exact, _ = new(big.Rat).SetString(string(v))
			}
			if exact == nil || !exact.IsInt() || exact.Num().Int64() != int64(fen) || !exact.Num().IsInt64() {
				t.Fatalf("UnmarshalFen(%#v) = %d, which is not the amount sent", in, fen)
			}
		}
	})
}

// FuzzUnmarshalPrice: never panics, refusals are INVALID_INPUT, accepted
// prices are 0..MaxPrice, exactly the decimal sent, and round-trip.
func FuzzUnmarshalPrice(f *testing.F) {
	for _, s := range []string{"0.8523", "1", "1.2", ".5", "5.", "100", "100.0000", "100.0001", "-1", "+1", "1.23456",
		"", ".", " 0.6 ", "1e2", "0x10", "00000000000000000001.1", "4294967296", "18446744073709551615.9999", "１.５", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := UnmarshalPrice(s)
		if err != nil {
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("UnmarshalPrice(%q): got %v, want INVALID_INPUT", s, err)
			}
			return
		}
		if p < 0 || p > voltpay.MaxPrice {
			t.Fatalf("UnmarshalPrice(%q) = %d, outside 0..%d", s, p, voltpay.MaxPrice)
		}
		exact, ok := new(big.Rat).SetString(strings.TrimSpace(s))
		if !ok || exact.Mul(exact, big.NewRat(10000, 1)).Cmp(big.NewRat(int64(p), 1)) != 0 {
			t.Fatalf("UnmarshalPrice(%q) = %d, not the price sent", s, p)
		}
		out, err := strconv.Unquote(marshal(MarshalPrice(p)))
		if err != nil {
			t.Fatalf("MarshalPrice(%d) is not a JSON string: %v", p, err)
		}
		if back, err := UnmarshalPrice(out); err != nil || back != p {
			t.Fatalf("UnmarshalPrice(%q) = %d marshals to %q, which reads back as %d, %v", s, p, out, back, err)
		}
	})
}

// FuzzUnmarshalString: whatever text a client sends never panics; what is
// accepted is valid UTF-8 without NUL or other control characters but tab
// and line breaks, within voltpay.MaxTextLen characters, and comes back
// unchanged; a refusal is INVALID_INPUT. Such a string can always be
// stored in PostgreSQL and in the audit log.
func FuzzUnmarshalString(f *testing.F) {
	for _, s := range []string{"", "a", "note\nline 2\ttab", "租户 A-101", "\x00", "a\x00b", "\xff", "\xc3\x28",
		"\ufffd", "\x1b[31m", "\x7f", "\r\n", strings.Repeat("x", voltpay.MaxTextLen), strings.Repeat("界", voltpay.MaxTextLen+1)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := UnmarshalString(s)
		if err != nil {
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("UnmarshalString(%q): got %v, want INVALID_INPUT", s, err)
			}
			return
		}
		if got != s {
			t.Fatalf("UnmarshalString(%q) = %q: changed", s, got)
		}
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > voltpay.MaxTextLen {
			t.Fatalf("UnmarshalString(%q) accepted invalid UTF-8 or too long a text", s)
		}
		for _, r := range s {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
				t.Fatalf("UnmarshalString(%q) accepted control character %U", s, r)
			}
		}
	})
}

// FuzzUnmarshalTime: never panics; an accepted time is RFC 3339 within
// voltpay.EarliestTime .. voltpay.LatestTime; a refusal is INVALID_INPUT.
func FuzzUnmarshalTime(f *testing.F) {
	for _, s := range []string{"2026-11-25T08:00:00Z", "2026-11-25T08:00:00.123456789+08:00", "0001-01-01T00:00:00Z",
		"1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "", "now", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := UnmarshalTime(s)
		if err != nil {
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("UnmarshalTime(%q): got %v, want INVALID_INPUT", s, err)
			}
			return
		}
		if got.Before(voltpay.EarliestTime) || !got.Before(voltpay.LatestTime) {
			t.Fatalf("UnmarshalTime(%q) = %v: out of range", s, got)
		}
	})
}

// TestSecurity_StringEncoding: NUL bytes, invalid UTF-8 and control
// characters in any String input are INVALID_INPUT (they reached
// PostgreSQL and came back as INTERNAL); so is text beyond the global cap.
func TestSecurity_StringEncoding(t *testing.T) {
	for _, in := range []string{"", "ok", "两行\nnote\twith tab", "\r\n", "\ufffd sent as such"} {
		if got, err := UnmarshalString(in); err != nil || got != in {
			t.Errorf("UnmarshalString(%q): got %q, %v", in, got, err)
		}
	}
	for _, in := range []any{"a\x00b", "\xff", "ab\xc3", "\x1b[2J", "del\x7f", strings.Repeat("x", voltpay.MaxTextLen+1), 42} {
		_, err := UnmarshalString(in)
		wantInvalid(t, in, err)
	}
	// Null reaches the scalar only for a nullable String bound to a Go
	// string: it clears the field in a partial update (issue 12 item 1).
	if got, err := UnmarshalString(nil); err != nil || got != "" {
		t.Errorf("UnmarshalString(nil): got %q, %v, want \"\"", got, err)
	}
}

// TestSecurity_TimeRange: times that are not RFC 3339, or outside
// 2000-01-01 .. 2100-01-01 (a tariff effective from 0001-01-01), are
// INVALID_INPUT, not INTERNAL.
func TestSecurity_TimeRange(t *testing.T) {
	if _, err := UnmarshalTime("2026-11-25T08:00:00+08:00"); err != nil {
		t.Errorf("a time of 2026: %v", err)
	}
	for _, in := range []any{"0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "2026-11-25", "yesterday", "2026-11-25T08:00:00\x00", 1764057600, nil} {
		_, err := UnmarshalTime(in)
		wantInvalid(t, in, err)
	}
}

// TestDate: a Date is exactly YYYY-MM-DD, a real day from 2000 to 2099;
// other spellings and impossible days are INVALID_INPUT.
func TestDate(t *testing.T) {
	if got := marshal(MarshalDate("2026-10-01")); got != `"2026-10-01"` {
		t.Errorf("MarshalDate: got %s", got)
	}
	for _, in := range []string{"2026-10-01", "2024-02-29", "2000-01-01", "2099-12-31"} {
		if got, err := UnmarshalDate(in); err != nil || got != in {
			t.Errorf("UnmarshalDate(%q): got %q, %v", in, got, err)
		}
	}
	for _, in := range []any{"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "2026/10/01", "20261001",
		"2026-10-01T00:00:00Z", " 2026-10-01", "2026-10-01 ", "1999-12-31", "2100-01-01", "", "today", 20261001, nil} {
		_, err := UnmarshalDate(in)
		wantInvalid(t, in, err)
	}
}

// FuzzUnmarshalDate: never panics; an accepted date reads back as itself;
// a refusal is INVALID_INPUT.
func FuzzUnmarshalDate(f *testing.F) {
	for _, s := range []string{"2026-10-01", "2026-02-30", "2026-1-5", "", "\x00", "2026-10-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := UnmarshalDate(s)
		if err != nil {
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("UnmarshalDate(%q): got %v, want INVALID_INPUT", s, err)
			}
			return
		}
		if d, perr := time.Parse(voltpay.DateLayout, got); perr != nil || d.Format(voltpay.DateLayout) != s {
			t.Fatalf("UnmarshalDate(%q) accepted a date that does not read back as itself", s)
		}
	})
}

// TestMarshalTime: every time leaves as UTC with exactly six fractional
// digits, rounded to the microsecond as PostgreSQL stores it.
func TestMarshalTime(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 25, 16, 0, 0, 0, shanghai):         `"2026-11-25T08:00:00.000000Z"`,
		time.Date(2026, 11, 25, 8, 0, 0, 123456000, time.UTC):  `"2026-11-25T08:00:00.123456Z"`,
		time.Date(2026, 11, 25, 8, 0, 0, 123456789, time.UTC):  `"2026-11-25T08:00:00.123457Z"`,
		time.Date(2026, 11, 25, 8, 0, 59, 999999600, time.UTC): `"2026-11-25T08:01:00.000000Z"`,
	} {
		if got := marshal(MarshalTime(in)); got != want {
			t.Errorf("MarshalTime(%v): got %s, want %s", in, got, want)
		}
	}
	// What is written reads back as the same instant.
	in := time.Date(2026, 1, 2, 3, 4, 5, 678901000, shanghai)
	s := strings.Trim(marshal(MarshalTime(in)), `"`)
	if back, err := UnmarshalTime(s); err != nil || !back.Equal(in) {
		t.Errorf("UnmarshalTime(%s): got %v, %v; want %v", s, back, err, in)
	}
}
