package billing

import (
	"testing"

	"github.com/voltpay/voltpay"
)

func TestFee(t *testing.T) {
	for _, tc := range []struct {
		name   string
		amount Micro
		bp     int
		want   Micro
	}{
		{"no fee", 8_523_000, 0, 0},
		{"1.5 % of 85.23 fen", 8_523_000, 150, 127_845},
		{"rounds to the nearest Micro", 3, 5000, 2}, // 1.5 rounds up
		{"rounds down below a half", 1, 4999, 0},
		{"100 %", 8_523_000, BasisPoints, 8_523_000},
		{"a negative amount (a correction) gets the opposite fee", -8_523_000, 150, -127_845},
	} {
		if got := Fee(tc.amount, tc.bp); got != tc.want {
			t.Errorf("%s: Fee(%d, %d) = %d, want %d", tc.name, tc.amount, tc.bp, got, tc.want)
		}
	}
}

// TestFee_YearCarried: fees on 17,520 half-hourly charges, each rounded to
// fen by its own carry, add up to the rounded fee on the year's exact
// charges, within the Micro rounding of each fee.
func TestFee_YearCarried(t *testing.T) {
	var (
		fees        Carry
		total       voltpay.Fen
		exactCharge Micro
	)
	for i := range 17_520 {
		charge := Cost(voltpay.Wh(137+i%11), 8523)
		exactCharge += charge
		total += fees.Add(Fee(charge, 150))
	}
	want := roundFen(Fee(exactCharge, 150))
	if d := total - want; d < -1 || d > 1 {
		t.Fatalf("fees add up to %d fen, the fee on the year's charges is %d fen", total, want)
	}
	if total != roundFen(fees.Total) {
		t.Fatalf("fees charged %d fen, carry total %s", total, fees.Total)
	}
}

func TestPercent(t *testing.T) {
	for bp, want := range map[int]string{0: "0%", 500: "5%", 150: "1.5%", 25: "0.25%", 5: "0.05%", 1234: "12.34%", BasisPoints: "100%"} {
		if got := Percent(bp); got != want {
			t.Errorf("Percent(%d) = %q, want %q", bp, got, want)
		}
	}
}
