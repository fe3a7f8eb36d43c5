package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkEnergyReportMonth is the monthly energy report of a site of
// 10,000 meters read half-hourly for 31 days (≈15M readings). The rollups
// are what the report reads, so they are generated directly in SQL (not
// timed) as the write path would leave them: energy_days (310,000 rows,
// each meter's registers at the end of each day and its TOU split) and
// charge_rate_days (930,000 rows: valley, peak and flat charges each
// day); the raw readings are not generated, since the report never reads
// them (TestEnergyDaysEqualRawScan checks the rollup against the raw
// scan).
//
//	go test -run '^$' -bench BenchmarkEnergyReportMonth -benchtime 10x ./server/postgres/
func BenchmarkEnergyReportMonth(b *testing.B) {
	const meters = 10_000
	db := MustOpenDB(b)
	site := MustCreateSite(b, db)
	if _, err := db.Exec(`
		WITH m AS (
			INSERT INTO meters (site_id, address, protocol)
			SELECT $1::bigint, lpad(($1::bigint * 100000 + g)::text, 12, '0'), 'dlt645' FROM generate_series(1, $2) g
			RETURNING id),
		d AS (
			INSERT INTO energy_days (meter_id, day, first_at, first_energy_wh, last_at, last_energy_wh,
				first_full_at, first_sharp_wh, first_peak_wh, first_flat_wh, first_valley_wh,
				last_full_at, last_sharp_wh, last_peak_wh, last_flat_wh, last_valley_wh,
				end_sharp_wh, end_peak_wh, end_flat_wh, end_valley_wh, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh)
			SELECT m.id, day, day, k * 4800, day + interval '23:30', k * 4800 + 4700,
				day, 0, k * 1600, k * 1600, k * 1600,
				day + interval '23:30', 0, k * 1600 + 1600, k * 1600 + 1600, k * 1600 + 1500,
				0, k * 1600 + 1600, k * 1600 + 1600, k * 1600 + 1500, 4800, 0, 1600, 1600, 1600
			FROM m CROSS JOIN generate_series(date '2026-10-01', date '2026-10-31', interval '1 day') AS day
			CROSS JOIN LATERAL (SELECT (day::date - date '2026-10-01') AS k) x
			RETURNING 1)
		SELECT count(*) FROM d`, site.ID, meters); err != nil {
		b.Fatal(err)
	}
	// The charges need an account for each meter; one account funds all (the report groups by meter).
	acct, _, err := postgres.NewAccountService(db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account: voltpay.AccountInput{SiteID: site.ID, TenantName: "bench", Phone: "13912345678"}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`
		INSERT INTO charge_rate_days (meter_id, account_id, day, booked_on, rate, tier, energy_wh, exact_micro, amount_fen)
		SELECT m.id, $2, day, day, rate, 0, 1600, 1600 * p, 1600 * p / 100000
		FROM meters m CROSS JOIN generate_series(date '2026-10-01', date '2026-10-31', interval '1 day') AS day
		CROSS JOIN (VALUES ('valley', 4000), ('peak', 12000), ('flat', 8000)) AS r (rate, p)
		WHERE m.site_id = $1`, site.ID, acct.ID); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE meters; ANALYZE energy_days; ANALYZE charge_rate_days`); err != nil {
		b.Fatal(err)
	}
	reports := postgres.NewReportService(db)
	ctx := voltpay.SystemContext(context.Background(), "bench")
	for _, group := range voltpay.EnergyGroups {
		b.Run("by_"+group, func(b *testing.B) {
			f := voltpay.EnergyReportFilter{SiteID: site.ID, GroupBy: group, From: "2026-10-01", To: "2026-11-01"}
			for b.Loop() {
				rep, err := reports.EnergyReport(ctx, f)
				if err != nil || rep.Total.Meters != meters || rep.Total.EnergyWh != meters*(30*4800+4700) {
					b.Fatalf("%+v, %v", rep.Total, err)
				}
			}
		})
	}
	b.Run("energyUsage_site_month", func(b *testing.B) {
		// The month as one point: the energy from the rollup, the amounts from the ledger.
		q := voltpay.EnergyQuery{Scope: voltpay.EnergyScopeSite, ID: site.ID, Interval: voltpay.IntervalMonth,
			From: time.Date(2026, 10, 1, 0, 0, 0, 0, shanghaiLoc()), To: time.Date(2026, 11, 1, 0, 0, 0, 0, shanghaiLoc())}
		for b.Loop() {
			if _, err := reports.EnergyUsage(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func shanghaiLoc() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}
