package billing

import (
	"errors"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation(time.DateTime, s, ChinaTime)
	if err != nil {
		panic(err)
	}
	return t
}

func wh(v int64) *voltpay.Wh { w := voltpay.Wh(v); return &w }

var (
	flat  = &voltpay.Tariff{ID: 1, Name: "flat", Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}}
	flat2 = &voltpay.Tariff{ID: 2, Name: "flat 2", Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 9000}}
	// 峰谷: valley 00:00–08:00, peak 08:00–12:00, flat 12:00–18:00, peak 18:00–22:00, valley 22:00–.
	tou = &voltpay.Tariff{ID: 3, Name: "tou", Kind: voltpay.TariffTOU,
		Prices: map[string]voltpay.Price{voltpay.RatePeak: 12000, voltpay.RateFlat: 8000, voltpay.RateValley: 4000},
		Periods: []voltpay.TariffPeriod{{StartMinute: 0, Rate: voltpay.RateValley}, {StartMinute: 8 * 60, Rate: voltpay.RatePeak},
			{StartMinute: 12 * 60, Rate: voltpay.RateFlat}, {StartMinute: 18 * 60, Rate: voltpay.RatePeak}, {StartMinute: 22 * 60, Rate: voltpay.RateValley}}}
	// Two periods, none at midnight: valley 22:00–06:00 runs across midnight.
	night = &voltpay.Tariff{ID: 4, Name: "night", Kind: voltpay.TariffTOU,
		Prices:  map[string]voltpay.Price{voltpay.RateFlat: 8000, voltpay.RateValley: 3000},
		Periods: []voltpay.TariffPeriod{{StartMinute: 6 * 60, Rate: voltpay.RateFlat}, {StartMinute: 22 * 60, Rate: voltpay.RateValley}}}
	// 阶梯 by month: 0–100 kWh 0.50, to 200 kWh 0.60, above 0.80.
	tiered = &voltpay.Tariff{ID: 5, Name: "tiered", Kind: voltpay.TariffTiered, BillingPeriod: voltpay.PeriodMonth,
		Tiers: []voltpay.TariffTier{{UpToWh: wh(100_000), Price: 5000}, {UpToWh: wh(200_000), Price: 6000}, {Price: 8000}}}
	// 峰谷 with 阶梯 surcharges by year: +0 to 1000 kWh, +0.05 to 2000 kWh, +0.30 above.
	touTiered = &voltpay.Tariff{ID: 6, Name: "tou tiered", Kind: voltpay.TariffTOU, BillingPeriod: voltpay.PeriodYear,
		Prices: night.Prices, Periods: night.Periods,
		Tiers: []voltpay.TariffTier{{UpToWh: wh(1_000_000), Price: 0}, {UpToWh: wh(2_000_000), Price: 500}, {Price: 3000}}}
)

// TestPrice covers the pricing rules, each case one interval.
func TestPrice(t *testing.T) {
	type line struct {
		rate  string
		tier  int
		wh    int64
		price voltpay.Price
	}
	for _, tc := range []struct {
		name      string
		iv        Interval
		schedule  Schedule
		usage     Usage
		want      []line
		wantUsage voltpay.Wh
	}{
		{"flat", Interval{From: at("2026-11-25 10:00:00"), To: at("2026-11-25 10:30:00"), EnergyWh: 1000},
			Schedule{{Tariff: flat}}, Usage{}, []line{{voltpay.RateFlat, 0, 1000, 8523}}, 0},
		{"TOU boundary inside the interval", Interval{From: at("2026-11-25 07:30:00"), To: at("2026-11-25 08:30:00"), EnergyWh: 1001},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RateValley, 0, 501, 4000}, {voltpay.RatePeak, 0, 500, 12000}}, 0},
		{"starts exactly on a boundary", Interval{From: at("2026-11-25 08:00:00"), To: at("2026-11-25 08:30:00"), EnergyWh: 700},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RatePeak, 0, 700, 12000}}, 0},
		{"across midnight, valley both sides", Interval{From: at("2026-11-25 23:00:00"), To: at("2026-11-26 01:00:00"), EnergyWh: 2000},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RateValley, 0, 2000, 4000}}, 0},
		{"before the day's first period: yesterday's last runs on", Interval{From: at("2026-11-25 03:00:00"), To: at("2026-11-25 07:00:00"), EnergyWh: 4000},
			Schedule{{Tariff: night}}, Usage{}, []line{{voltpay.RateValley, 0, 3000, 3000}, {voltpay.RateFlat, 0, 1000, 8000}}, 0},
		{"a whole day", Interval{From: at("2026-11-25 00:00:00"), To: at("2026-11-26 00:00:00"), EnergyWh: 2400},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RateValley, 0, 800, 4000}, {voltpay.RatePeak, 0, 400, 12000},
				{voltpay.RateFlat, 0, 600, 8000}, {voltpay.RatePeak, 0, 400, 12000}, {voltpay.RateValley, 0, 200, 4000}}, 0},
		{"tariff change inside the interval", Interval{From: at("2026-11-25 11:00:00"), To: at("2026-11-25 13:00:00"), EnergyWh: 2000},
			Schedule{{Tariff: flat}, {From: at("2026-11-25 12:00:00"), Tariff: flat2}}, Usage{},
			[]line{{voltpay.RateFlat, 0, 1000, 8523}, {voltpay.RateFlat, 0, 1000, 9000}}, 0},
		{"a tier crossed inside the interval", Interval{From: at("2026-11-25 10:00:00"), To: at("2026-11-25 11:00:00"), EnergyWh: 20_000},
			Schedule{{Tariff: tiered}}, Usage{Period: at("2026-11-01 00:00:00"), Wh: 90_000},
			[]line{{voltpay.RateFlat, 1, 10_000, 5000}, {voltpay.RateFlat, 2, 10_000, 6000}}, 110_000},
		{"two tiers crossed", Interval{From: at("2026-11-25 10:00:00"), To: at("2026-11-25 11:00:00"), EnergyWh: 150_000},
			Schedule{{Tariff: tiered}}, Usage{Period: at("2026-11-01 00:00:00"), Wh: 90_000},
			[]line{{voltpay.RateFlat, 1, 10_000, 5000}, {voltpay.RateFlat, 2, 100_000, 6000}, {voltpay.RateFlat, 3, 40_000, 8000}}, 240_000},
		{"a new billing period starts inside the interval", Interval{From: at("2026-11-30 23:00:00"), To: at("2026-12-01 01:00:00"), EnergyWh: 2000},
			Schedule{{Tariff: tiered}}, Usage{Period: at("2026-11-01 00:00:00"), Wh: 199_500},
			[]line{{voltpay.RateFlat, 2, 500, 6000}, {voltpay.RateFlat, 3, 500, 8000}, {voltpay.RateFlat, 1, 1000, 5000}}, 1000},
		{"TOU with tier surcharges", Interval{From: at("2026-11-25 21:00:00"), To: at("2026-11-25 23:00:00"), EnergyWh: 20_000},
			Schedule{{Tariff: touTiered}}, Usage{Period: at("2026-01-01 00:00:00"), Wh: 995_000},
			[]line{{voltpay.RateFlat, 1, 5_000, 8000}, {voltpay.RateFlat, 2, 5_000, 8500}, {voltpay.RateValley, 2, 10_000, 3500}}, 1_015_000},
		{"rate registers: an offline gap split as the meter measured it", Interval{From: at("2026-11-25 00:00:00"), To: at("2026-11-26 00:00:00"), EnergyWh: 1000,
			RateWh: map[string]voltpay.Wh{voltpay.RatePeak: 900, voltpay.RateValley: 100}},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RateValley, 0, 80, 4000}, {voltpay.RatePeak, 0, 450, 12000},
				{voltpay.RatePeak, 0, 450, 12000}, {voltpay.RateValley, 0, 20, 4000}}, 0},
		{"rate registers that do not add up: split by time", Interval{From: at("2026-11-25 07:30:00"), To: at("2026-11-25 08:30:00"), EnergyWh: 1000,
			RateWh: map[string]voltpay.Wh{voltpay.RatePeak: 900}},
			Schedule{{Tariff: tou}}, Usage{}, []line{{voltpay.RateValley, 0, 500, 4000}, {voltpay.RatePeak, 0, 500, 12000}}, 0},
		{"no energy, no lines", Interval{From: at("2026-11-25 10:00:00"), To: at("2026-11-25 10:30:00")}, Schedule{{Tariff: flat}}, Usage{}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, u, err := Pricer{}.Price(tc.iv, tc.schedule, tc.usage)
			if err != nil {
				t.Fatal(err)
			}
			var got []line
			var sum voltpay.Wh
			for _, l := range lines {
				got = append(got, line{l.Rate, l.Tier, int64(l.Wh), l.Price})
				sum += l.Wh
				if l.Amount != Cost(l.Wh, l.Price) {
					t.Errorf("line %+v: amount %s, want %s", l, l.Amount, Cost(l.Wh, l.Price))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("lines %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("lines %v, want %v", got, tc.want)
				}
			}
			if sum != tc.iv.EnergyWh {
				t.Errorf("lines add up to %d Wh, want %d", sum, tc.iv.EnergyWh)
			}
			if len(tc.schedule[0].Tariff.Tiers) > 0 && u.Wh != tc.wantUsage {
				t.Errorf("usage after = %d Wh, want %d", u.Wh, tc.wantUsage)
			}
		})
	}
}

func TestPrice_Errors(t *testing.T) {
	iv := Interval{From: at("2026-11-25 10:00:00"), To: at("2026-11-25 10:30:00"), EnergyWh: 100}
	for name, tc := range map[string]struct {
		iv Interval
		s  Schedule
	}{
		"no tariff yet":      {iv, Schedule{{From: at("2026-11-25 10:10:00"), Tariff: flat}}},
		"negative energy":    {Interval{From: iv.From, To: iv.To, EnergyWh: -1}, Schedule{{Tariff: flat}}},
		"ends before starts": {Interval{From: iv.To, To: iv.From, EnergyWh: 1}, Schedule{{Tariff: flat}}},
	} {
		if _, _, err := (Pricer{}).Price(tc.iv, tc.s, Usage{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestCarry_YearOfHalfHours: 17,520 half-hourly charges of a TOU tariff,
// each rounded to fen with the carry, add up to exactly the rounded price
// of the year's energy.
func TestCarry_YearOfHalfHours(t *testing.T) {
	var (
		c     Carry
		total voltpay.Fen
		exact Micro
		u     Usage
	)
	start := at("2026-01-01 00:00:00")
	for i := range 17_520 {
		from := start.Add(time.Duration(i) * 30 * time.Minute)
		iv := Interval{From: from, To: from.Add(30 * time.Minute), EnergyWh: voltpay.Wh(137 + i%11)}
		lines, next, err := Pricer{}.Price(iv, Schedule{{Tariff: touTiered}}, u)
		if err != nil {
			t.Fatal(err)
		}
		u = next
		for _, l := range lines {
			exact += l.Amount
			total += c.Add(l.Amount)
		}
	}
	if want := roundFen(exact); total != want {
		t.Fatalf("charges add up to %d fen; the year's energy costs %s, %d fen rounded", total, exact, want)
	}
	if c.Total != exact {
		t.Fatalf("carry total %s, want %s", c.Total, exact)
	}
}

func TestCarry_Rounding(t *testing.T) {
	var c Carry
	// 0.4 fen, 0.4 fen, 0.4 fen: 0, 1 (0.8 rounds up), 0 (1.2 rounds to 1).
	for i, want := range []voltpay.Fen{0, 1, 0} {
		if got := c.Add(40_000); got != want {
			t.Fatalf("charge %d = %d fen, want %d", i, got, want)
		}
	}
}

func TestDelta(t *testing.T) {
	for _, tc := range []struct {
		name      string
		prev, cur voltpay.Wh
		ct        int
		want      voltpay.Wh
		fell      bool
	}{
		{"forward", 1000, 1500, 1, 500, false},
		{"CT ratio", 1000, 1500, 40, 20_000, false},
		{"unchanged", 1000, 1000, 1, 0, false},
		{"rollover", 999_999_990, 20, 1, 30, false},
		{"fell: a fault, not a refund", 5000, 4000, 1, 0, true},
	} {
		got, err := Delta(tc.prev, tc.cur, 0, tc.ct)
		if tc.fell != errors.Is(err, ErrRegisterFell) || got != tc.want {
			t.Errorf("%s: Delta(%d, %d) = %d, %v; want %d (fell %v)", tc.name, tc.prev, tc.cur, got, err, tc.want, tc.fell)
		}
	}
	if _, err := Delta(-1, 5, 0, 1); err == nil || errors.Is(err, ErrRegisterFell) {
		t.Errorf("negative register: %v, want an out-of-range error", err)
	}
}

func FuzzAllocate(f *testing.F) {
	f.Add(int64(1000), int64(3), int64(5), int64(0))
	f.Add(int64(1), int64(0), int64(0), int64(0))
	f.Add(int64(1_000_000_000), int64(86_400_000_000_000), int64(1), int64(7))
	f.Fuzz(func(t *testing.T, total, a, b, c int64) {
		const maxWeight = 1 << 60 // weights are durations in ns: far below
		if total < 0 || a < 0 || b < 0 || c < 0 || a > maxWeight || b > maxWeight || c > maxWeight {
			return
		}
		out := allocate(total, []int64{a, b, c})
		var sum int64
		for _, v := range out {
			if v < 0 {
				t.Fatalf("allocate(%d, %d %d %d) = %v: a negative share", total, a, b, c, out)
			}
			sum += v
		}
		if sum != total {
			t.Fatalf("allocate(%d, %d %d %d) = %v, adds up to %d", total, a, b, c, out, sum)
		}
	})
}
