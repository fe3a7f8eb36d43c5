package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkEnergyUsage charts a site of 300 meters read as the poller reads
// them, a week of it: a status reading every 2 minutes (the total register
// only) and a full one every 30 minutes (the rate registers too), 1.5
// million readings, seeded in SQL (not timed). Each chart costs a lookup
// per meter and edge, whatever the number of readings between the edges
// (docs/BENCHMARKS.md, "Console aggregates").
//
//	go test -run '^$' -bench BenchmarkEnergyUsage -benchtime 10x ./server/postgres/
func BenchmarkEnergyUsage(b *testing.B) {
	db := MustOpenDB(b)
	site := MustCreateSite(b, db)
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var first int64
	if err := db.Get(&first, `
		WITH m AS (
			INSERT INTO meters (site_id, address, protocol)
			SELECT $1::bigint, lpad(($1::bigint * 1000 + g)::text, 12, '0'), 'dlt645' FROM generate_series(1, 300) g
			RETURNING id),
		r AS (
			INSERT INTO meter_readings (meter_id, read_at, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh)
			SELECT m.id, t, e, 0 * f, e / 3 * f, e / 3 * f, (e - 2 * (e / 3)) * f
			FROM m CROSS JOIN generate_series($2::timestamptz, $2::timestamptz + interval '7 days', interval '2 minutes') t
			CROSS JOIN LATERAL (SELECT extract(epoch FROM t - $2::timestamptz)::bigint / 4 AS e,
				CASE WHEN extract(minute FROM t)::int % 30 = 0 THEN 1 END AS f) x)
		SELECT min(id) FROM m`, site.ID, from); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE meters; ANALYZE meter_readings`); err != nil {
		b.Fatal(err)
	}
	reports := postgres.NewReportService(db)
	ctx := voltpay.SystemContext(context.Background(), "bench")
	for _, c := range []struct {
		name, scope, interval string
		id                    int64
	}{
		{"site_week_by_day", voltpay.EnergyScopeSite, voltpay.IntervalDay, site.ID},
		{"site_week_by_hour", voltpay.EnergyScopeSite, voltpay.IntervalHour, site.ID},
		{"meter_week_by_hour", voltpay.EnergyScopeMeter, voltpay.IntervalHour, first},
	} {
		b.Run(c.name, func(b *testing.B) {
			q := voltpay.EnergyQuery{Scope: c.scope, ID: c.id, From: from, To: from.AddDate(0, 0, 7), Interval: c.interval}
			for b.Loop() {
				points, err := reports.EnergyUsage(ctx, q)
				if err != nil || len(points) == 0 || points[1].EnergyWh == 0 || points[1].PeakWh == nil {
					b.Fatalf("%d points, %v", len(points), err)
				}
			}
		})
	}
	// The same week by local day (Shanghai midnights), from the readings and from the rollup,
	// rebuilt from those readings first (not timed): the site-wide chart before and after.
	ids := []int64{}
	if err := db.Select(&ids, `SELECT id FROM meters WHERE site_id = $1`, site.ID); err != nil {
		b.Fatal(err)
	}
	if err := postgres.RebuildEnergyDays(ctx, db, ids); err != nil {
		b.Fatal(err)
	}
	local := time.Date(2026, 11, 2, 0, 0, 0, 0, shanghaiLoc())
	q := voltpay.EnergyQuery{Scope: voltpay.EnergyScopeSite, ID: site.ID, From: local, To: local.AddDate(0, 0, 6), Interval: voltpay.IntervalDay}
	for name, svc := range map[string]*postgres.ReportService{"site_6_local_days_readings": reports.ReadingsOnly(), "site_6_local_days_rollup": reports} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if points, err := svc.EnergyUsage(ctx, q); err != nil || points[1].EnergyWh == 0 {
					b.Fatalf("%v", err)
				}
			}
		})
	}
}

// BenchmarkConsoleLists times the console's lookups over a site of 10,000
// meters, 5,000 of them on accounts of their own: the dashboard's status
// counts, the meters console filtered by display status (a page of 50 and
// its total), and the sales desk's account search by a meter's address.
//
//	go test -run '^$' -bench BenchmarkConsoleLists ./server/postgres/
func BenchmarkConsoleLists(b *testing.B) {
	db := MustOpenDB(b)
	site := MustCreateSite(b, db)
	if _, err := db.Exec(`
		WITH a AS (
			INSERT INTO accounts (site_id, no, tenant_name, shop_no, phone, alarm1_fen, alarm2_fen)
			SELECT $1::bigint, 'L' || $1::bigint || '-' || g, '商户 ' || g, 'S' || g, '13800000000', 5000, 2000
			FROM generate_series(1, 5000) g
			RETURNING id),
		n AS (SELECT id, row_number() OVER (ORDER BY id) AS g FROM a)
		INSERT INTO meters (site_id, address, protocol, account_id, online)
		SELECT $1::bigint, lpad(($1::bigint * 100000 + g)::text, 12, '0'), 'dlt645', n.id, g % 10 <> 0
		FROM generate_series(1, 10000) g LEFT JOIN n USING (g)`, site.ID); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE meters; ANALYZE accounts`); err != nil {
		b.Fatal(err)
	}
	ctx := voltpay.SystemContext(context.Background(), "bench")
	reports, meters, accounts := postgres.NewReportService(db), postgres.NewMeterService(db), postgres.NewAccountService(db)
	b.Run("meter_status_counts", func(b *testing.B) {
		for b.Loop() {
			if _, err := reports.MeterStatusCounts(ctx, voltpay.MeterStatusFilter{SiteID: &site.ID}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("meters_by_display_status", func(b *testing.B) {
		for b.Loop() {
			p, err := meters.FindMeters(ctx, voltpay.MeterFilter{SiteID: &site.ID, DisplayStatus: []string{"arrears", "offline"}})
			if err != nil || len(p.Items) != voltpay.DefaultPageSize {
				b.Fatal(p, err)
			}
		}
	})
	b.Run("account_search_by_meter_address", func(b *testing.B) {
		for b.Loop() {
			p, err := accounts.FindAccounts(ctx, voltpay.AccountFilter{SiteID: &site.ID, Search: "04321"})
			if err != nil || len(p.Items) == 0 {
				b.Fatal(p, err)
			}
		}
	})
}
