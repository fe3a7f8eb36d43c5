package postgres_test

import (
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// withGrid sets the site's grid price and markup cap (nil: the default).
func withGrid(tb testing.TB, db *postgres.DB, site *voltpay.Site, grid *voltpay.Price, capPct *int) *voltpay.Site {
	tb.Helper()
	s, err := postgres.NewSiteService(db).UpdateSite(AdminContext(), site.ID, voltpay.SiteInput{
		Name: site.Name, Code: site.Code, Timezone: site.Timezone, GridPrice: grid, MarkupCapPct: capPct})
	if err != nil {
		tb.Fatalf("set grid price: %v", err)
	}
	return s
}

// TestTariff_MarkupCap: a site re-selling grid power at 0.9000 yuan/kWh
// with the default 15% cap may charge up to 1.0350; every price a tenant
// may pay is checked, exactly, on create and on update.
func TestTariff_MarkupCap(t *testing.T) {
	db := MustOpenDB(t)
	tariffs := postgres.NewTariffService(db)
	ctx := AdminContext()
	site := withGrid(t, db, MustCreateSite(t, db), refOf[voltpay.Price](9000), nil)
	if site.MarkupCapPct != voltpay.DefaultMarkupCapPct || *site.GridPrice != 9000 {
		t.Fatalf("site %+v, want grid 0.9000 and the default cap", site)
	}
	flatAt := func(p voltpay.Price) voltpay.TariffInput {
		in := flatTariff(site.ID, "封顶")
		in.Prices = map[string]voltpay.Price{voltpay.RateFlat: p}
		return in
	}
	touAt := func(peak voltpay.Price, surcharges ...voltpay.Price) voltpay.TariffInput {
		in := touTariff(site.ID, "封顶")
		in.Prices = map[string]voltpay.Price{voltpay.RatePeak: peak, voltpay.RateFlat: 8000, voltpay.RateValley: 4000}
		if len(surcharges) > 0 {
			in.BillingPeriod = voltpay.PeriodMonth
			in.Tiers = []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](200_000), Price: surcharges[0]}, {Price: surcharges[1]}}
		}
		return in
	}
	tieredAt := func(top voltpay.Price) voltpay.TariffInput {
		in := tieredTariff(site.ID, "封顶")
		in.Tiers[2].Price = top
		return in
	}
	for _, tc := range []struct {
		name string
		in   voltpay.TariffInput
		msg  string // "" when accepted
	}{
		{"flat at the cap", flatAt(10350), ""},
		{"flat above the cap", flatAt(10351), "flat price 1.0351 yuan/kWh is above the cap 1.0350 (grid flat price 0.9000 + 15%)"},
		{"a TOU rate above the cap", touAt(12000),
			"peak price 1.2000 yuan/kWh is above the cap 1.0350 (grid flat price 0.9000 + 15%); lower it or change the site's grid price"},
		{"TOU at the cap", touAt(10350), ""},
		{"TOU with tiers: rate and highest surcharge within", touAt(9800, 0, 500), ""},
		{"TOU with tiers: rate plus highest surcharge above", touAt(10000, 0, 500),
			"peak price 1.0000 + highest tier surcharge 0.0500 = 1.0500 yuan/kWh is above the cap 1.0350"},
		{"tiered: the top tier above", tieredAt(11000), "tier 3 price 1.1000 yuan/kWh is above the cap 1.0350"},
		{"tiered within", tieredAt(10000), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := flatAt(9000)
			base.Name = "基准"
			ok, err := tariffs.CreateTariff(ctx, base)
			if err != nil {
				t.Fatal(err)
			}
			for _, op := range []struct {
				name string
				call func(voltpay.TariffInput) error
			}{
				{"create", func(in voltpay.TariffInput) error { _, err := tariffs.CreateTariff(ctx, in); return err }},
				{"update", func(in voltpay.TariffInput) error { _, err := tariffs.UpdateTariff(ctx, ok.ID, in); return err }},
			} {
				in := tc.in
				in.Name = "封顶 " + op.name
				err := op.call(in)
				if tc.msg == "" {
					if err != nil {
						t.Fatalf("%s: %v", op.name, err)
					}
				} else if voltpay.ErrorCode(err) != voltpay.EINVALID || !strings.Contains(voltpay.ErrorMessage(err), tc.msg) {
					t.Fatalf("%s: %v; want INVALID_INPUT saying %q", op.name, err, tc.msg)
				}
			}
			if _, err := db.Exec(`DELETE FROM tariffs WHERE site_id = $1`, site.ID); err != nil {
				t.Fatal(err)
			}
		})
	}

	t.Run("the cap is exact, not rounded to the price unit", func(t *testing.T) {
		s := withGrid(t, db, MustCreateSite(t, db), refOf[voltpay.Price](8523), nil) // cap 0.980145
		in := flatTariff(s.ID, "精确")
		in.Prices[voltpay.RateFlat] = 9801
		if _, err := tariffs.CreateTariff(ctx, in); err != nil {
			t.Fatal(err)
		}
		in.Name, in.Prices = "精确 2", map[string]voltpay.Price{voltpay.RateFlat: 9802}
		_, err := tariffs.CreateTariff(ctx, in)
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("a cap of 0: the grid price itself", func(t *testing.T) {
		s := withGrid(t, db, MustCreateSite(t, db), refOf[voltpay.Price](9000), refOf(0))
		in := flatTariff(s.ID, "原价")
		in.Prices[voltpay.RateFlat] = 9000
		if _, err := tariffs.CreateTariff(ctx, in); err != nil {
			t.Fatal(err)
		}
		in.Name, in.Prices = "原价 2", map[string]voltpay.Price{voltpay.RateFlat: 9001}
		_, err := tariffs.CreateTariff(ctx, in)
		wantCode(t, err, voltpay.EINVALID)
	})
	t.Run("no grid price: no check", func(t *testing.T) {
		in := flatTariff(MustCreateSite(t, db).ID, "高价")
		in.Prices[voltpay.RateFlat] = voltpay.MaxPrice
		if _, err := tariffs.CreateTariff(ctx, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSite_GridPriceAndFee: the markup and service-fee fields of a site,
// stored, read back and validated.
func TestSite_GridPriceAndFee(t *testing.T) {
	db := MustOpenDB(t)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	if site.GridPrice != nil || site.MarkupCapPct != 15 || site.ServiceFeeBP != 0 {
		t.Fatalf("new site %+v: want no grid price, cap 15%%, no fee", site)
	}
	in := voltpay.SiteInput{Name: site.Name, Code: site.Code, GridPrice: refOf[voltpay.Price](6512), MarkupCapPct: refOf(10), ServiceFeeBP: 150}
	got, err := sites.UpdateSite(ctx, site.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if *got.GridPrice != 6512 || got.MarkupCapPct != 10 || got.ServiceFeeBP != 150 {
		t.Fatalf("updated %+v", got)
	}
	all, err := sites.FindSites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID == site.ID && (*s.GridPrice != 6512 || s.MarkupCapPct != 10 || s.ServiceFeeBP != 150) {
			t.Fatalf("read back %+v", s)
		}
	}
	for name, edit := range map[string]func(*voltpay.SiteInput){
		"grid price 0":      func(in *voltpay.SiteInput) { in.GridPrice = refOf[voltpay.Price](0) },
		"grid price absurd": func(in *voltpay.SiteInput) { in.GridPrice = refOf(voltpay.MaxPrice + 1) },
		"negative cap":      func(in *voltpay.SiteInput) { in.MarkupCapPct = refOf(-1) },
		"cap above 100":     func(in *voltpay.SiteInput) { in.MarkupCapPct = refOf(101) },
		"negative fee":      func(in *voltpay.SiteInput) { in.ServiceFeeBP = -1 },
		"fee above 100%":    func(in *voltpay.SiteInput) { in.ServiceFeeBP = 10_001 },
	} {
		bad := in
		edit(&bad)
		_, err := sites.UpdateSite(ctx, site.ID, bad)
		if voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("%s: %v, want INVALID_INPUT", name, err)
		}
	}
}
