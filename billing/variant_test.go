package billing

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// seasons is a TOU tariff with a weekend and a summer variant: by default
// valley 23:00–07:00 and flat 07:00–23:00; weekends (first: they win in
// summer too) flat 00:00–12:00 and peak 12:00–24:00; July and August valley
// 00:00–08:00, flat to 10:00, peak to 11:00, sharp to 13:00, peak to 15:00,
// flat to 23:00, valley after.
var seasons = &voltpay.Tariff{ID: 7, Name: "seasons", Kind: voltpay.TariffTOU,
	Prices:  map[string]voltpay.Price{voltpay.RateSharp: 15000, voltpay.RatePeak: 12000, voltpay.RateFlat: 8000, voltpay.RateValley: 4000},
	Periods: []voltpay.TariffPeriod{{StartMinute: 7 * 60, Rate: voltpay.RateFlat}, {StartMinute: 23 * 60, Rate: voltpay.RateValley}},
	Variants: voltpay.TariffVariants{
		{Weekdays: []time.Weekday{time.Saturday, time.Sunday},
			Periods: []voltpay.TariffPeriod{{StartMinute: 0, Rate: voltpay.RateFlat}, {StartMinute: 12 * 60, Rate: voltpay.RatePeak}}},
		{Months: []int{7, 8}, Periods: []voltpay.TariffPeriod{{StartMinute: 0, Rate: voltpay.RateValley},
			{StartMinute: 8 * 60, Rate: voltpay.RateFlat}, {StartMinute: 10 * 60, Rate: voltpay.RatePeak},
			{StartMinute: 11 * 60, Rate: voltpay.RateSharp}, {StartMinute: 13 * 60, Rate: voltpay.RatePeak},
			{StartMinute: 15 * 60, Rate: voltpay.RateFlat}, {StartMinute: 23 * 60, Rate: voltpay.RateValley}}},
	}}

// TestPrice_Variants covers season and weekday variants: the first variant
// matching a day's local date gives its periods, and a day whose periods
// differ from the day before's starts at midnight with its own rate.
func TestPrice_Variants(t *testing.T) {
	type line struct {
		rate string
		wh   int64
	}
	for _, tc := range []struct {
		name     string
		from, to string
		energyWh voltpay.Wh
		want     []line
	}{
		{"a weekday in November: the default periods", "2026-11-25 06:30:00", "2026-11-25 07:30:00", 1000,
			[]line{{voltpay.RateValley, 500}, {voltpay.RateFlat, 500}}},
		{"a weekday in July: the summer variant", "2026-07-15 10:30:00", "2026-07-15 11:30:00", 1000,
			[]line{{voltpay.RatePeak, 500}, {voltpay.RateSharp, 500}}},
		{"a Saturday in July: the weekend variant comes first", "2026-07-18 10:30:00", "2026-07-18 11:30:00", 1000,
			[]line{{voltpay.RateFlat, 1000}}},
		{"a Saturday in November", "2026-11-28 11:30:00", "2026-11-28 12:30:00", 1000,
			[]line{{voltpay.RateFlat, 500}, {voltpay.RatePeak, 500}}},
		{"Friday night into Saturday: cut at midnight", "2026-11-27 23:00:00", "2026-11-28 01:00:00", 2000,
			[]line{{voltpay.RateValley, 1000}, {voltpay.RateFlat, 1000}}},
		{"Sunday night into Monday: Monday's day starts in its wrapping valley", "2026-11-29 23:00:00", "2026-11-30 08:00:00", 9000,
			[]line{{voltpay.RatePeak, 1000}, {voltpay.RateValley, 7000}, {voltpay.RateFlat, 1000}}},
		{"summer ends at midnight, valley on both sides", "2026-08-31 23:00:00", "2026-09-01 01:00:00", 2000,
			[]line{{voltpay.RateValley, 2000}}},
		{"summer starts at midnight", "2026-06-30 22:00:00", "2026-07-01 09:00:00", 11_000,
			[]line{{voltpay.RateFlat, 1000}, {voltpay.RateValley, 9000}, {voltpay.RateFlat, 1000}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			iv := Interval{From: at(tc.from), To: at(tc.to), EnergyWh: tc.energyWh}
			lines, _, err := Pricer{}.Price(iv, Schedule{{Tariff: seasons}}, Usage{})
			if err != nil {
				t.Fatal(err)
			}
			var got []line
			for _, l := range lines {
				got = append(got, line{l.Rate, int64(l.Wh)})
				if l.Price != seasons.Prices[l.Rate] {
					t.Errorf("line %+v at %s, want the rate's price %s", l, l.Price, seasons.Prices[l.Rate])
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
		})
	}
}

// TestPrice_VariantsWithTiers: tier surcharges apply under variants too.
func TestPrice_VariantsWithTiers(t *testing.T) {
	tr := *seasons
	tr.BillingPeriod = voltpay.PeriodMonth
	tr.Tiers = []voltpay.TariffTier{{UpToWh: wh(1000), Price: 0}, {Price: 1000}}
	iv := Interval{From: at("2026-07-15 10:30:00"), To: at("2026-07-15 11:30:00"), EnergyWh: 2000}
	lines, u, err := Pricer{}.Price(iv, Schedule{{Tariff: &tr}}, Usage{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		rate  string
		tier  int
		price voltpay.Price
	}{{voltpay.RatePeak, 1, 12000}, {voltpay.RateSharp, 2, 16000}}
	if len(lines) != len(want) || u.Wh != 2000 {
		t.Fatalf("lines %+v, usage %d", lines, u.Wh)
	}
	for i, w := range want {
		if l := lines[i]; l.Rate != w.rate || l.Tier != w.tier || l.Price != w.price || l.Wh != 1000 {
			t.Errorf("line %d = %+v, want %+v and 1000 Wh", i, l, w)
		}
	}
}
