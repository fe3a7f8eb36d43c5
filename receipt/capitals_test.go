package receipt

import (
	"math"
	"testing"
)

func TestCapitals(t *testing.T) {
	for _, tc := range []struct {
		fen  int64
		want string
	}{
		{0, "零元整"},
		{5, "伍分"},
		{50, "伍角"},
		{100, "壹元整"},
		{105, "壹元零伍分"},
		{5000, "伍拾元整"},
		{123456, "壹仟贰佰叁拾肆元伍角陆分"},
		{100500, "壹仟零伍元整"},
		{105000, "壹仟零伍拾元整"},
		{1000500, "壹万零伍元整"},
		{10100000, "壹拾万壹仟元整"},
		{100000000, "壹佰万元整"},
		{10000000100, "壹亿零壹元整"},
		{1000010000000, "壹佰亿零壹拾万元整"},
		{20000, "贰佰元整"},
		{-100, "负壹元整"},
		{1001, "壹拾元零壹分"},
		{math.MaxInt64, "92233720368547758.07元"}, // beyond 万亿 groups: figures
	} {
		if got := Capitals(tc.fen); got != tc.want {
			t.Errorf("Capitals(%d) = %s, want %s", tc.fen, got, tc.want)
		}
	}
	if got := Capitals(math.MinInt64); got == "" {
		t.Error("Capitals(MinInt64) is empty")
	}
}

func TestFigures(t *testing.T) {
	for fen, want := range map[int64]string{0: "¥0.00", 5: "¥0.05", 123456: "¥1,234.56", -5: "-¥0.05", 100000000: "¥1,000,000.00", 99999: "¥999.99"} {
		if got := Figures(fen); got != want {
			t.Errorf("Figures(%d) = %s, want %s", fen, got, want)
		}
	}
	if got := Figures(math.MinInt64); got != "-¥92,233,720,368,547,758.08" {
		t.Errorf("Figures(MinInt64) = %s", got)
	}
}
