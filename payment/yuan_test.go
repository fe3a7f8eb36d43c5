package payment

import (
	"errors"
	"testing"
)

func TestFormatYuan(t *testing.T) {
	for _, tc := range []struct {
		fen  int64
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {5, "0.05"}, {10, "0.10"}, {100, "1.00"}, {1234, "12.34"},
		{MaxYuanFen, "100000000.00"}, {-120, "-1.20"}, {-1, "-0.01"},
		{-9223372036854775808, "-92233720368547758.08"},
	} {
		if got := FormatYuan(tc.fen); got != tc.want {
			t.Errorf("FormatYuan(%d) = %q, want %q", tc.fen, got, tc.want)
		}
	}
}

func TestParseYuan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"0.00", 0}, {"0.01", 1}, {"0.1", 10}, {"12", 1200}, {"12.3", 1230}, {"12.34", 1234},
		{"007.50", 750}, {"100000000.00", MaxYuanFen}, {"100000000", MaxYuanFen},
	} {
		got, err := ParseYuan(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{
		"", ".", "1.", ".5", "-1.00", "+1.00", "1.234", "1e3", " 1.00", "1.00 ", "1,000.00", "1..0",
		"1.0.0", "１.00", "0x10", "100000000.01", "999999999999999999999", "NaN", "1_000", "12.3a",
	} {
		if got, err := ParseYuan(in); !errors.Is(err, ErrBadAmount) {
			t.Errorf("ParseYuan(%q) = %d, %v; want ErrBadAmount", in, got, err)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"0", "12.34", "1.", ".5", "-1", "1e3", "100000000.00", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, err := ParseYuan(s)
		if err != nil {
			return
		}
		if fen < 0 || fen > MaxYuanFen {
			t.Fatalf("ParseYuan(%q) = %d, out of range", s, fen)
		}
		back, err := ParseYuan(FormatYuan(fen))
		if err != nil || back != fen {
			t.Fatalf("round trip of %q: FormatYuan(%d) = %q parses to %d, %v", s, fen, FormatYuan(fen), back, err)
		}
	})
}

func FuzzFormatYuan(f *testing.F) {
	for _, n := range []int64{0, 1, 99, 100, 1234, MaxYuanFen} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, fen int64) {
		s := FormatYuan(fen)
		if fen < 0 || fen > MaxYuanFen {
			return
		}
		back, err := ParseYuan(s)
		if err != nil || back != fen {
			t.Fatalf("FormatYuan(%d) = %q parses to %d, %v", fen, s, back, err)
		}
	})
}
