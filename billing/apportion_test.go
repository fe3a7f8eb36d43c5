package billing

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

func TestApportion_SumsExactly(t *testing.T) {
	for _, c := range []struct {
		total   voltpay.Fen
		weights []int64
		want    []voltpay.Fen
	}{
		{8523, []int64{10000, 20000, 30001}, []voltpay.Fen{1420, 2841, 4262}},
		{100, []int64{1, 1, 1}, []voltpay.Fen{34, 33, 33}},
		{8523, []int64{5000, 3000, 2000}, []voltpay.Fen{4261, 2557, 1705}},
		{7, []int64{0, 0}, []voltpay.Fen{4, 3}},
		{0, []int64{1, 2}, []voltpay.Fen{0, 0}},
		{-10, []int64{1, 2}, []voltpay.Fen{-3, -7}},
		{1, []int64{1 << 62, 1 << 62, 1}, []voltpay.Fen{1, 0, 0}},
	} {
		got := Apportion(c.total, c.weights)
		var sum voltpay.Fen
		for _, f := range got {
			sum += f
		}
		if sum != c.total {
			t.Errorf("Apportion(%d, %v) = %v: sums to %d", c.total, c.weights, got, sum)
		}
		if c.want != nil && !equalFen(got, c.want) {
			t.Errorf("Apportion(%d, %v) = %v, want %v", c.total, c.weights, got, c.want)
		}
	}
}

func equalFen(a, b []voltpay.Fen) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMonth(t *testing.T) {
	s, e, err := Month("2026-11", nil)
	if err != nil || !s.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, ChinaTime)) || !e.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, ChinaTime)) {
		t.Fatalf("Month(2026-11) = %s, %s, %v", s, e, err)
	}
	for _, bad := range []string{"", "2026-13", "2026-1", "2026/11", "2026-11-01"} {
		if _, _, err := Month(bad, nil); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("Month(%q): got %v, want INVALID_INPUT", bad, err)
		}
	}
}

func TestSharedEnergy(t *testing.T) {
	s := SharedEnergy([]voltpay.Wh{100_000}, []voltpay.Wh{300_000}, []voltpay.Wh{100_000, 50_000}, true)
	if s.CommonWh != 100_000 || s.LineLossWh != 50_000 || s.TotalWh() != 150_000 || len(s.Notes) != 0 {
		t.Errorf("loss: %+v", s)
	}
	s = SharedEnergy([]voltpay.Wh{100_000}, []voltpay.Wh{200_000}, []voltpay.Wh{100_000, 50_000}, true)
	if s.LineLossWh != 0 || s.TotalWh() != 100_000 || len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "negative") {
		t.Errorf("negative loss: %+v", s)
	}
	s = SharedEnergy([]voltpay.Wh{100_000, 1}, []voltpay.Wh{900_000}, nil, false)
	if s.TotalWh() != 100_001 || s.LineLossWh != 0 {
		t.Errorf("no loss: %+v", s)
	}
}

func TestMonthReadings_Energy(t *testing.T) {
	start, end, _ := Month("2026-09", nil)
	m := MonthReadings{MeterID: 1, CTRatio: 2, Start: &Registers{At: start, EnergyWh: 1000}, End: &Registers{At: end, EnergyWh: 51_000}}
	if wh, note, err := m.Energy(start, end); wh != 100_000 || note != "" || err != nil {
		t.Errorf("ct 2: %d %q %v", wh, note, err)
	}
	m.End.EnergyWh = 500
	if _, _, err := m.Energy(start, end); voltpay.ErrorCode(err) != voltpay.ECONFLICT {
		t.Errorf("fell: %v, want CONFLICT", err)
	}
	m.End = nil
	if wh, note, err := m.Energy(start, end); wh != 0 || !strings.Contains(note, "no readings") || err != nil {
		t.Errorf("no end: %d %q %v", wh, note, err)
	}
}

func TestSharedPriceAndCost(t *testing.T) {
	flat := &voltpay.Tariff{Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}}
	if p, err := SharedPrice(flat); p != 8523 || err != nil {
		t.Errorf("flat: %v %v", p, err)
	}
	tou := &voltpay.Tariff{Kind: voltpay.TariffTOU, Prices: map[string]voltpay.Price{voltpay.RatePeak: 12000}}
	if _, err := SharedPrice(tou); voltpay.ErrorCode(err) != voltpay.EINVALID {
		t.Errorf("tou without flat: %v", err)
	}
	if got := SharedCost(150_000, 8523); got != 12785 { // 127.845 yuan, half away from zero
		t.Errorf("SharedCost = %d, want 12785", got)
	}
}
