package postgres_test

import (
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestEnergyReport: the month of TestAccountStatement by meter: energy from
// the rollup (the registers' advance, by rate), charges by rate from the
// charge rollup, a total equal to the site's energyUsage for the month and
// to the charge entries; a tenant is refused, and so are partial days.
func TestEnergyReport(t *testing.T) {
	s := statementFixture(t)
	reports := postgres.NewReportService(s.f.db)
	from, to := "2026-11-01", "2026-12-01"
	rep, err := reports.EnergyReport(AdminContext(), voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: voltpay.EnergyGroupMeter,
		From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if rep.TotalRows != 2 || len(rep.Rows) != 2 {
		t.Fatalf("%d rows (%d in all), want 2", len(rep.Rows), rep.TotalRows)
	}
	a := rep.Rows[0]
	if a.PeakWh == nil || a.FlatWh == nil || a.ValleyWh == nil {
		t.Fatalf("meter A without its rates: %+v", a)
	}
	if a.ID != s.oldM || a.EnergyWh != 27_000 || *a.PeakWh != 2000 || *a.FlatWh != 21_000 || *a.ValleyWh != 4000 ||
		a.ChargedWh != 27_000 || a.AmountFen != 2185 || a.PeakFen != 240 || a.FlatFen != 1785 || a.ValleyFen != 160 {
		t.Errorf("meter A: %+v", a)
	}
	if b := rep.Rows[1]; b.ID != s.newM || b.ChargedWh != 1000 || b.AmountFen != 80 || b.FlatFen != 80 {
		t.Errorf("meter B: %+v", b)
	}
	if rep.Total.AmountFen != 2265 || rep.Total.Meters != 2 {
		t.Errorf("total %+v: want the 2,265 fen of the charge entries", rep.Total)
	}
	usage, err := reports.EnergyUsage(AdminContext(), voltpay.EnergyQuery{Scope: voltpay.EnergyScopeSite, ID: s.f.site,
		From: cst("2026-11-01 00:00:00"), To: cst("2026-12-01 00:00:00"), Interval: voltpay.IntervalMonth})
	if err != nil {
		t.Fatal(err)
	}
	if usage[0].EnergyWh != rep.Total.EnergyWh || fmt.Sprint(*usage[0].PeakWh) != fmt.Sprint(*rep.Total.PeakWh) {
		t.Errorf("energyUsage %d Wh, report total %d Wh", usage[0].EnergyWh, rep.Total.EnergyWh)
	}

	t.Run("paged", func(t *testing.T) {
		page, err := reports.EnergyReport(AdminContext(), voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: voltpay.EnergyGroupBuilding,
			From: from, To: to, First: 1, Offset: 0})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Rows) != 1 || page.TotalRows != 1 || page.Rows[0].ID != 0 || page.Rows[0].Meters != 2 {
			t.Fatalf("by building: %+v", page.Rows)
		}
	})
	t.Run("refused", func(t *testing.T) {
		cases := []struct {
			f    voltpay.EnergyReportFilter
			code string
		}{
			{voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: "floor", From: from, To: to}, voltpay.EINVALID},
			{voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: "meter", From: "2026-11-01T01:00:00+08:00", To: to}, voltpay.EINVALID},
			{voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: "meter", From: from, To: to, First: 5000}, voltpay.EINVALID},
			{voltpay.EnergyReportFilter{SiteID: -1, GroupBy: "meter", From: from, To: to}, voltpay.ENOTFOUND},
			{voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: "meter", From: to, To: from}, voltpay.EINVALID},
		}
		for _, c := range cases {
			if _, err := reports.EnergyReport(AdminContext(), c.f); voltpay.ErrorCode(err) != c.code {
				t.Errorf("%+v: %v, want %s", c.f, err, c.code)
			}
		}
		rep, err := reports.EnergyReport(TenantContext(s.acct), voltpay.EnergyReportFilter{SiteID: s.f.site, GroupBy: "meter", From: from, To: to})
		if err != nil || len(rep.Rows) != 0 || rep.TotalRows != 0 || rep.Total.EnergyWh != 0 {
			t.Errorf("tenant: %+v, %v; want an empty report", rep, err)
		}
	})
}
