package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// mkFlatTariff creates a flat tariff of 0.8523 yuan/kWh in siteID.
func mkFlatTariff(tb testing.TB, db *postgres.DB, siteID int64) *voltpay.Tariff {
	tb.Helper()
	t, err := postgres.NewTariffService(db).CreateTariff(AdminContext(), flatTariff(siteID, fmt.Sprintf("一般工商业 %d", rand.Uint32())))
	if err != nil {
		tb.Fatalf("create tariff: %v", err)
	}
	return t
}

func flatTariff(siteID int64, name string) voltpay.TariffInput {
	return voltpay.TariffInput{SiteID: siteID, Name: name, Kind: voltpay.TariffFlat,
		Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}}
}

// touTariff has a valley period from 23:00 across midnight to 07:00, given out of order.
func touTariff(siteID int64, name string) voltpay.TariffInput {
	return voltpay.TariffInput{SiteID: siteID, Name: name, Kind: voltpay.TariffTOU,
		Prices: map[string]voltpay.Price{voltpay.RatePeak: 12000, voltpay.RateFlat: 8000, voltpay.RateValley: 4000},
		Periods: []voltpay.TariffPeriod{
			{StartMinute: 23 * 60, Rate: voltpay.RateValley},
			{StartMinute: 7 * 60, Rate: voltpay.RateFlat},
			{StartMinute: 8 * 60, Rate: voltpay.RatePeak},
			{StartMinute: 11*60 + 30, Rate: voltpay.RateFlat},
			{StartMinute: 18 * 60, Rate: voltpay.RatePeak},
		}}
}

func per(start int, rate string) voltpay.TariffPeriod {
	return voltpay.TariffPeriod{StartMinute: start, Rate: rate}
}

func tieredTariff(siteID int64, name string) voltpay.TariffInput {
	return voltpay.TariffInput{SiteID: siteID, Name: name, Kind: voltpay.TariffTiered, BillingPeriod: voltpay.PeriodMonth,
		Tiers: []voltpay.TariffTier{
			{UpToWh: refOf[voltpay.Wh](200_000), Price: 5000},
			{UpToWh: refOf[voltpay.Wh](400_000), Price: 5500},
			{Price: 8000},
		}}
}

// touTieredTariff is touTariff with monthly tier surcharges (阶梯 on top of
// 峰谷): none to 200 kWh, +0.05 to 400 kWh, +0.30 above.
func touTieredTariff(siteID int64, name string) voltpay.TariffInput {
	in := touTariff(siteID, name)
	in.BillingPeriod = voltpay.PeriodMonth
	in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](200_000), Price: 0}, {UpToWh: refOf[voltpay.Wh](400_000), Price: 500}, {Price: 3000}}
	return in
}

// touSeasonsTariff is touTariff with a weekend variant (all flat but the
// night valley) and a summer one (a sharp period at noon), given unsorted.
func touSeasonsTariff(siteID int64, name string) voltpay.TariffInput {
	in := touTariff(siteID, name)
	in.Prices = map[string]voltpay.Price{voltpay.RateSharp: 15000, voltpay.RatePeak: 12000, voltpay.RateFlat: 8000, voltpay.RateValley: 4000}
	in.Variants = []voltpay.TariffVariant{
		{Weekdays: []time.Weekday{time.Sunday, time.Saturday}, Periods: []voltpay.TariffPeriod{per(23*60, "valley"), per(7*60, "flat")}},
		{Months: []int{8, 7}, Periods: []voltpay.TariffPeriod{per(0, "valley"), per(11*60, "sharp"), per(8*60, "peak"), per(13*60, "flat")}},
	}
	return in
}

func TestTariff_Validation(t *testing.T) {
	db := MustOpenDB(t)
	tariffs := postgres.NewTariffService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	edit := func(in voltpay.TariffInput, f func(*voltpay.TariffInput)) voltpay.TariffInput { f(&in); return in }
	flat, tou, tiered := flatTariff(site.ID, "x"), touTariff(site.ID, "x"), tieredTariff(site.ID, "x")
	touTiered, touSeasons := touTieredTariff(site.ID, "x"), touSeasonsTariff(site.ID, "x")
	periods := func(n int) []voltpay.TariffPeriod {
		out := make([]voltpay.TariffPeriod, n)
		for i := range out {
			out[i] = voltpay.TariffPeriod{StartMinute: i * 60, Rate: []string{voltpay.RatePeak, voltpay.RateFlat}[i%2]}
		}
		return out
	}
	tiers := func(n int) []voltpay.TariffTier {
		out := make([]voltpay.TariffTier, n)
		for i := range out {
			out[i] = voltpay.TariffTier{UpToWh: refOf(voltpay.Wh(i+1) * 1000), Price: 5000}
		}
		out[n-1].UpToWh = nil
		return out
	}

	for _, tc := range []struct {
		name string
		in   voltpay.TariffInput
		code string
	}{
		{"Flat", flat, ""},
		{"TOUAcrossMidnight", tou, ""},
		{"TOUFromMidnight", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(0, "valley"), per(420, "flat"), per(600, "peak")}
		}), ""},
		{"TOUMaxPeriods", edit(tou, func(in *voltpay.TariffInput) {
			in.Prices, in.Periods = map[string]voltpay.Price{"peak": 1, "flat": 1}, periods(14)
		}), ""},
		{"Tiered", tiered, ""},
		{"TieredYear", edit(tiered, func(in *voltpay.TariffInput) { in.BillingPeriod = voltpay.PeriodYear }), ""},
		{"TOUWithTiers", touTiered, ""},
		{"TOUWithTiersYear", edit(touTiered, func(in *voltpay.TariffInput) { in.BillingPeriod = voltpay.PeriodYear }), ""},
		{"TOUSeasonsAndWeekends", touSeasons, ""},
		{"TOUSeasonsWithTiers", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Tiers, in.BillingPeriod = touTiered.Tiers, voltpay.PeriodMonth
		}), ""},

		{"NoName", edit(flat, func(in *voltpay.TariffInput) { in.Name = " " }), voltpay.EINVALID},
		{"UnknownKind", edit(flat, func(in *voltpay.TariffInput) { in.Kind = "dynamic" }), voltpay.EINVALID},
		{"UnknownRate", edit(flat, func(in *voltpay.TariffInput) { in.Prices = map[string]voltpay.Price{"night": 1} }), voltpay.EINVALID},
		{"ZeroPrice", edit(flat, func(in *voltpay.TariffInput) { in.Prices = map[string]voltpay.Price{"flat": 0} }), voltpay.EINVALID},
		{"PriceTooHigh", edit(flat, func(in *voltpay.TariffInput) { in.Prices = map[string]voltpay.Price{"flat": voltpay.MaxPrice + 1} }), voltpay.EINVALID},
		{"FlatTwoPrices", edit(flat, func(in *voltpay.TariffInput) { in.Prices = map[string]voltpay.Price{"flat": 1, "peak": 2} }), voltpay.EINVALID},
		{"FlatWithPeriods", edit(flat, func(in *voltpay.TariffInput) { in.Periods = tou.Periods }), voltpay.EINVALID},
		{"FlatWithTiers", edit(flat, func(in *voltpay.TariffInput) { in.Tiers = tiered.Tiers }), voltpay.EINVALID},
		{"TOUOnePeriod", edit(tou, func(in *voltpay.TariffInput) {
			in.Prices, in.Periods = map[string]voltpay.Price{"flat": 1}, []voltpay.TariffPeriod{per(0, "flat")}
		}), voltpay.EINVALID},
		{"TOUTooManyPeriods", edit(tou, func(in *voltpay.TariffInput) {
			in.Prices, in.Periods = map[string]voltpay.Price{"peak": 1, "flat": 1}, periods(15)
		}), voltpay.EINVALID},
		{"TOUSameStart", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(60, "peak"), per(60, "flat"), per(120, "valley")}
		}), voltpay.EINVALID},
		{"TOUStartPastDay", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(0, "peak"), per(60, "flat"), per(1440, "valley")}
		}), voltpay.EINVALID},
		{"TOUNegativeStart", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(-1, "peak"), per(60, "flat"), per(120, "valley")}
		}), voltpay.EINVALID},
		{"TOURateWithoutPrice", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(0, "peak"), per(60, "flat"), per(120, "valley"), per(180, "sharp")}
		}), voltpay.EINVALID},
		{"TOUPriceUnused", edit(tou, func(in *voltpay.TariffInput) {
			in.Periods = []voltpay.TariffPeriod{per(0, "peak"), per(60, "flat")}
		}), voltpay.EINVALID},
		{"TOUWithTiersNoPeriod", edit(tou, func(in *voltpay.TariffInput) { in.Tiers = tiered.Tiers }), voltpay.EINVALID},
		{"TOUNegativeSurcharge", edit(touTiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](1000), Price: 0}, {Price: -1}}
		}), voltpay.EINVALID},
		{"TOUOneTier", edit(touTiered, func(in *voltpay.TariffInput) { in.Tiers = in.Tiers[2:] }), voltpay.EINVALID},
		{"TOUPeriodWithoutTiers", edit(tou, func(in *voltpay.TariffInput) { in.BillingPeriod = voltpay.PeriodMonth }), voltpay.EINVALID},
		{"FlatWithPeriod", edit(flat, func(in *voltpay.TariffInput) { in.BillingPeriod = voltpay.PeriodMonth }), voltpay.EINVALID},
		{"FlatWithVariants", edit(flat, func(in *voltpay.TariffInput) { in.Variants = touSeasons.Variants }), voltpay.EINVALID},
		{"TieredWithVariants", edit(tiered, func(in *voltpay.TariffInput) { in.Variants = touSeasons.Variants }), voltpay.EINVALID},
		{"VariantEveryDay", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Periods: tou.Periods}}
		}), voltpay.EINVALID},
		{"VariantMonth13", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Months: []int{13}, Periods: tou.Periods}}
		}), voltpay.EINVALID},
		{"VariantMonthTwice", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Months: []int{7, 7}, Periods: tou.Periods}}
		}), voltpay.EINVALID},
		{"VariantWeekday7", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Weekdays: []time.Weekday{7}, Periods: tou.Periods}}
		}), voltpay.EINVALID},
		{"VariantOnePeriod", edit(touSeasons, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Months: []int{7}, Periods: []voltpay.TariffPeriod{per(0, "peak")}}}
		}), voltpay.EINVALID},
		{"VariantRateWithoutPrice", edit(tou, func(in *voltpay.TariffInput) {
			in.Variants = []voltpay.TariffVariant{{Months: []int{7}, Periods: []voltpay.TariffPeriod{per(0, "peak"), per(60, "sharp")}}}
		}), voltpay.EINVALID},
		{"VariantTooMany", edit(touSeasons, func(in *voltpay.TariffInput) {
			for m := range 9 {
				in.Variants = append(in.Variants, voltpay.TariffVariant{Months: []int{m + 1}, Periods: tou.Periods})
			}
		}), voltpay.EINVALID},
		{"TieredWithPrices", edit(tiered, func(in *voltpay.TariffInput) { in.Prices = flat.Prices }), voltpay.EINVALID},
		{"TieredNoPeriod", edit(tiered, func(in *voltpay.TariffInput) { in.BillingPeriod = "" }), voltpay.EINVALID},
		{"TieredWeek", edit(tiered, func(in *voltpay.TariffInput) { in.BillingPeriod = "week" }), voltpay.EINVALID},
		{"TieredOneTier", edit(tiered, func(in *voltpay.TariffInput) { in.Tiers = tiers(1) }), voltpay.EINVALID},
		{"TieredNineTiers", edit(tiered, func(in *voltpay.TariffInput) { in.Tiers = tiers(9) }), voltpay.EINVALID},
		{"TieredDescending", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](400_000), Price: 1}, {UpToWh: refOf[voltpay.Wh](200_000), Price: 1}, {Price: 1}}
		}), voltpay.EINVALID},
		{"TieredEqualBounds", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](1000), Price: 1}, {UpToWh: refOf[voltpay.Wh](1000), Price: 1}, {Price: 1}}
		}), voltpay.EINVALID},
		{"TieredZeroBound", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](0), Price: 1}, {Price: 1}}
		}), voltpay.EINVALID},
		{"TieredLastBounded", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](1000), Price: 1}, {UpToWh: refOf[voltpay.Wh](2000), Price: 1}}
		}), voltpay.EINVALID},
		{"TieredMiddleOpen", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](1000), Price: 1}, {Price: 1}, {Price: 1}}
		}), voltpay.EINVALID},
		{"TierPriceZero", edit(tiered, func(in *voltpay.TariffInput) {
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](1000), Price: 0}, {Price: 1}}
		}), voltpay.EINVALID},
		{"NoSite", edit(flat, func(in *voltpay.TariffInput) { in.SiteID = 0 }), voltpay.EINVALID},
		{"UnknownSite", edit(flat, func(in *voltpay.TariffInput) { in.SiteID = 1 << 40 }), voltpay.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.TrimSpace(tc.in.Name) != "" {
				tc.in.Name = fmt.Sprintf("%s %s", tc.name, tc.in.Name)
			}
			got, err := tariffs.CreateTariff(ctx, tc.in)
			wantCode(t, err, tc.code)
			n := countRows(t, db, `SELECT count(*) FROM tariffs WHERE name = $1 AND site_id = $2`, tc.in.Name, site.ID)
			if tc.code != "" {
				if n != 0 {
					t.Fatalf("%d tariffs written for an invalid input", n)
				}
				return
			}
			if n != 1 {
				t.Fatalf("%d tariffs written, want 1", n)
			}
			wantTariff(t, got, tc.in)
			byID, err := tariffs.FindTariffByID(ctx, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantTariff(t, byID, tc.in)
		})
	}
}

// wantTariff fails unless t holds what in defined (periods sorted by start).
func wantTariff(tb testing.TB, t *voltpay.Tariff, in voltpay.TariffInput) {
	tb.Helper()
	if in.Prices == nil {
		in.Prices = map[string]voltpay.Price{}
	}
	in.Periods = append([]voltpay.TariffPeriod{}, in.Periods...)
	in.Tiers = append([]voltpay.TariffTier{}, in.Tiers...)
	variants := voltpay.TariffVariants{}
	for _, v := range in.Variants { // deep copies: Validate sorts them
		variants = append(variants, voltpay.TariffVariant{Months: slices.Clone(v.Months), Weekdays: slices.Clone(v.Weekdays),
			Periods: slices.Clone(v.Periods)})
	}
	in.Variants = variants
	for i := 1; i < len(t.Periods); i++ {
		if t.Periods[i-1].StartMinute >= t.Periods[i].StartMinute {
			tb.Fatalf("periods not sorted: %v", t.Periods)
		}
	}
	if in.Kind == voltpay.TariffTOU {
		_ = in.Validate() // sorts in.Periods the same way
	}
	if t.SiteID != in.SiteID || t.Name != in.Name || t.Kind != in.Kind || t.BillingPeriod != in.BillingPeriod ||
		!reflect.DeepEqual(t.Prices, in.Prices) || !reflect.DeepEqual(t.Periods, in.Periods) || !reflect.DeepEqual(t.Tiers, in.Tiers) ||
		!reflect.DeepEqual(t.Variants, voltpay.TariffVariants(in.Variants)) {
		tb.Fatalf("got %+v\nwant %+v", t, in)
	}
}

func TestTariff_Update(t *testing.T) {
	db := MustOpenDB(t)
	t0 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return t0 }
	tariffs := postgres.NewTariffService(db)
	ctx := AdminContext()
	site, other := MustCreateSite(t, db), MustCreateSite(t, db)
	created, err := tariffs.CreateTariff(ctx, flatTariff(site.ID, "商业电价"))
	if err != nil {
		t.Fatal(err)
	}
	if !created.CreatedAt.Equal(t0) || !created.UpdatedAt.Equal(t0) {
		t.Fatalf("created at %v, updated at %v; want %v", created.CreatedAt, created.UpdatedAt, t0)
	}

	t1 := t0.Add(time.Hour)
	db.Now = func() time.Time { return t1 }
	in := touTariff(0, "商业峰谷电价") // site 0 keeps the site
	u, err := tariffs.UpdateTariff(ctx, created.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	in.SiteID = site.ID
	wantTariff(t, u, in)
	if !u.CreatedAt.Equal(t0) || !u.UpdatedAt.Equal(t1) {
		t.Fatalf("created at %v, updated at %v; want %v, %v", u.CreatedAt, u.UpdatedAt, t0, t1)
	}
	if n := countRows(t, db, `SELECT count(*) FROM tariff_prices WHERE tariff_id = $1`, u.ID); n != 3 {
		t.Fatalf("%d prices stored, want 3 (the flat tariff's replaced)", n)
	}

	t.Run("ToTiered", func(t *testing.T) {
		in := tieredTariff(site.ID, "商业阶梯电价")
		u, err := tariffs.UpdateTariff(ctx, created.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		wantTariff(t, u, in)
		if n := countRows(t, db, `SELECT count(*) FROM tariff_periods WHERE tariff_id = $1`, u.ID); n != 0 {
			t.Fatalf("%d periods left over", n)
		}
	})
	t.Run("ErrInvalidKeepsTariff", func(t *testing.T) {
		bad := tieredTariff(site.ID, "坏的")
		bad.Tiers = bad.Tiers[:1]
		_, err := tariffs.UpdateTariff(ctx, created.ID, bad)
		wantCode(t, err, voltpay.EINVALID)
		got, err := tariffs.FindTariffByID(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantTariff(t, got, tieredTariff(site.ID, "商业阶梯电价"))
	})
	t.Run("ErrOtherSite", func(t *testing.T) {
		_, err := tariffs.UpdateTariff(ctx, created.ID, flatTariff(other.ID, "商业电价"))
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := tariffs.UpdateTariff(ctx, 1<<40, flatTariff(site.ID, "nobody"))
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = tariffs.FindTariffByID(ctx, 1<<40)
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		mkFlatTariff(t, db, site.ID)
		_, err := tariffs.CreateTariff(ctx, flatTariff(site.ID, "商业阶梯电价"))
		wantCode(t, err, voltpay.ECONFLICT)
		second, err := tariffs.CreateTariff(ctx, flatTariff(site.ID, "second"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = tariffs.UpdateTariff(ctx, second.ID, flatTariff(site.ID, "商业阶梯电价"))
		wantCode(t, err, voltpay.ECONFLICT)
		// The same name in another site is fine.
		if _, err := tariffs.CreateTariff(ctx, flatTariff(other.ID, "商业阶梯电价")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTariff_Find(t *testing.T) {
	db := MustOpenDB(t)
	tariffs := postgres.NewTariffService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	var all []*voltpay.Tariff
	for _, in := range []voltpay.TariffInput{
		flatTariff(site.ID, "一般工商业"), touTariff(site.ID, "峰谷 A"), tieredTariff(site.ID, "阶梯"), touTariff(site.ID, "峰谷 B"),
	} {
		tr, err := tariffs.CreateTariff(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, tr)
	}

	t.Run("Pages", func(t *testing.T) {
		f := voltpay.TariffFilter{SiteID: &site.ID, Page: voltpay.PageArgs{First: 3}}
		p, err := tariffs.FindTariffs(ctx, f)
		if err != nil || p.Total != 4 || !p.HasNext || len(p.Items) != 3 {
			t.Fatalf("page 1: got %+v, %v", p, err)
		}
		for i, tr := range p.Items {
			if !reflect.DeepEqual(tr, all[i]) {
				t.Fatalf("item %d: got %+v, want %+v", i, tr, all[i])
			}
		}
		f.Page.After = p.Items[2].ID
		p, err = tariffs.FindTariffs(ctx, f)
		if err != nil || p.Total != 4 || p.HasNext || len(p.Items) != 1 || !reflect.DeepEqual(p.Items[0], all[3]) {
			t.Fatalf("page 2: got %+v, %v", p, err)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		p, err := tariffs.FindTariffs(ctx, voltpay.TariffFilter{SiteID: &site.ID, Kind: refOf(voltpay.TariffTOU)})
		if err != nil || p.Total != 2 || p.Items[0].ID != all[1].ID || p.Items[1].ID != all[3].ID || len(p.Items[1].Periods) != 5 {
			t.Fatalf("kind: got %+v, %v", p, err)
		}
		p, err = tariffs.FindTariffs(ctx, voltpay.TariffFilter{SiteID: &site.ID, Search: "阶梯"})
		if err != nil || p.Total != 1 || p.Items[0].ID != all[2].ID || len(p.Items[0].Tiers) != 3 {
			t.Fatalf("search: got %+v, %v", p, err)
		}
	})
	t.Run("ByIDs", func(t *testing.T) {
		got, err := tariffs.FindTariffsByIDs(ctx, []int64{all[2].ID, all[0].ID, 1 << 40})
		if err != nil || len(got) != 2 || !reflect.DeepEqual(got[0], all[0]) || !reflect.DeepEqual(got[1], all[2]) {
			t.Fatalf("got %+v, %v", got, err)
		}
		got, err = tariffs.FindTariffsByIDs(ctx, nil)
		if err != nil || len(got) != 0 {
			t.Fatalf("no ids: got %+v, %v", got, err)
		}
	})
}
