package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkOpsReports times the operational reports over a site of 10,000
// meters, 5,000 on accounts of their own, each meter with 48 readings (a
// day, half-hourly, with rate registers), and a month of alarms (30,000:
// an offline episode per meter every 10 days, balance alarms on a fifth
// of the accounts), seeded in SQL (not timed): the whole snapshot paged
// by 1,000 as its export reads it, one page of 50 with its total, the
// alarm report of the month, the arrears list and the offline summary.
//
//	go test -run '^$' -bench BenchmarkOpsReports -benchtime 5x ./server/postgres/
func BenchmarkOpsReports(b *testing.B) {
	db := MustOpenDB(b)
	site := MustCreateSite(b, db)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if _, err := db.Exec(`
		WITH a AS (
			INSERT INTO accounts (site_id, no, tenant_name, shop_no, phone, alarm1_fen, alarm2_fen)
			SELECT $1::bigint, 'R' || $1::bigint || '-' || g, '商户 ' || g, 'S' || g, '13800000000', 5000, 2000
			FROM generate_series(1, 5000) g
			RETURNING id),
		n AS (SELECT id, row_number() OVER (ORDER BY id) AS g FROM a),
		m AS (
			INSERT INTO meters (site_id, address, protocol, account_id, online)
			SELECT $1::bigint, lpad(($1::bigint * 100000 + g)::text, 12, '0'), 'dlt645', n.id, g % 10 <> 0
			FROM generate_series(1, 10000) g LEFT JOIN n USING (g)
			RETURNING id, account_id),
		r AS (
			INSERT INTO meter_readings (meter_id, read_at, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, reverse_wh)
			SELECT m.id, $2::timestamptz + k * interval '30 minutes', 1000 * k, 100 * k, 300 * k, 400 * k, 200 * k, 0
			FROM m CROSS JOIN generate_series(0, 47) k
			RETURNING 1),
		al AS (
			INSERT INTO alarms (kind, account_id, meter_id, raised_at, cleared_at)
			SELECT 'offline', m.account_id, m.id, $2::timestamptz + d * interval '1 day' + (m.id % 1440) * interval '1 minute',
				$2::timestamptz + d * interval '1 day' + (m.id % 1440 + 30) * interval '1 minute'
			FROM m CROSS JOIN generate_series(0, 29, 10) d
			RETURNING 1)
		INSERT INTO alarms (kind, account_id, raised_at, cleared_at)
		SELECT 'alarm1', n.id, $2::timestamptz + (n.g % 30) * interval '1 day', $2::timestamptz + (n.g % 30) * interval '1 day' + interval '5 hours'
		FROM n WHERE n.g % 5 = 0`, site.ID, month); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE meters; ANALYZE accounts; ANALYZE meter_readings; ANALYZE alarms`); err != nil {
		b.Fatal(err)
	}
	ctx := voltpay.SystemContext(context.Background(), "bench")
	reports := postgres.NewOpsReportService(db)
	b.Run("snapshot_10000_meters_all_pages", func(b *testing.B) {
		for b.Loop() {
			n, page := 0, voltpay.PageArgs{First: voltpay.MaxPageSize}
			for {
				p, err := reports.MeterSnapshot(ctx, voltpay.MeterSnapshotFilter{SiteID: site.ID, Page: page})
				if err != nil {
					b.Fatal(err)
				}
				n += len(p.Items)
				if !p.HasNext {
					break
				}
				page.After, page.SkipTotal = p.Items[len(p.Items)-1].MeterID, true
			}
			if n != 10_000 {
				b.Fatalf("%d meters", n)
			}
		}
	})
	b.Run("snapshot_page_of_50_with_total", func(b *testing.B) {
		for b.Loop() {
			p, err := reports.MeterSnapshot(ctx, voltpay.MeterSnapshotFilter{SiteID: site.ID})
			if err != nil || p.Total != 10_000 || p.Items[0].SharpWh == nil {
				b.Fatal(p, err)
			}
		}
	})
	b.Run("alarm_stats_month", func(b *testing.B) {
		f := voltpay.AlarmStatsFilter{SiteID: &site.ID, From: month, To: month.AddDate(0, 1, 0)}
		for b.Loop() {
			st, err := reports.AlarmStats(ctx, f)
			if err != nil || len(st.Days) == 0 || len(st.TopMeters) != voltpay.MaxAlarmTop {
				b.Fatal(st, err)
			}
		}
	})
	b.Run("arrears_alarm1", func(b *testing.B) {
		for b.Loop() {
			if _, err := reports.Arrears(ctx, voltpay.ArrearsFilter{SiteID: &site.ID, Level: voltpay.ArrearsLevelAlarm1}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("offline_summary", func(b *testing.B) {
		for b.Loop() {
			s, err := reports.OfflineSummary(ctx, voltpay.OfflineFilter{SiteID: site.ID})
			if err != nil || s.Offline != 1000 {
				b.Fatal(s, err)
			}
		}
	})
}
