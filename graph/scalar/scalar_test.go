package scalar

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

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
	for _, in := range []any{"42", 42, int32(42), int64(42), json.Number("42"), float64(42)} {
		if got, err := UnmarshalID64(in); err != nil || got != 42 {
			t.Errorf("UnmarshalID64(%#v): got %d, %v; want 42", in, got, err)
		}
	}
	for _, in := range []any{"0", 0, -1, "-7", "abc", "", "4.2", 4.2, json.Number("1e3"), nil, true, []any{1}, "9223372036854775808"} {
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
	for _, in := range []any{100, int32(100), int64(100), json.Number("100"), "100", float64(100)} {
		if got, err := UnmarshalFen(in); err != nil || got != 100 {
			t.Errorf("UnmarshalFen(%#v): got %d, %v; want 100", in, got, err)
		}
	}
	if got, err := UnmarshalFen("-250"); err != nil || got != -250 {
		t.Errorf(`UnmarshalFen("-250"): got %d, %v; the sign is for the service to judge`, got, err)
	}
	for _, in := range []any{12.5, json.Number("12.5"), "12.5", "1e3", json.Number("1e3"), "", " 1", "ten", nil, true,
		float64(1 << 60), math.Inf(1), math.NaN(), "99999999999999999999", map[string]any{}} {
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
			// The amount is exactly what was sent: nothing rounded.
			var exact *big.Rat
			switch v := in.(type) {
			case float64:
				exact = new(big.Rat).SetFloat64(v)
			case string:
				exact, _ = new(big.Rat).SetString(v)
			case json.Number:
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
