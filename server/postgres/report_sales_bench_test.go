package postgres_test

import (
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkSalesReports times the monthly sales and charges reports of a
// site of 10,000 meters, each on an account of its own, over 31 days:
// every account charged every day and 600 sales a day by five cashiers,
// all written through the ledger and its rollup trigger (the charges of
// a day as one INSERT … SELECT FROM generate_series, as a charging batch
// is one statement). The rollup holds one row per account, day and entry
// type whether a day's charges are 1 or 48 entries, so the reports cost
// the same as over half-hourly charges; seeding 48 a day (15 million
// entries) would only make the setup 48 times longer.
//
//	go test -run '^$' -bench BenchmarkSalesReports -benchtime 10x ./server/postgres/
func BenchmarkSalesReports(b *testing.B) {
	const meters, days = 10_000, 31
	db := MustOpenDB(b)
	site := MustCreateSite(b, db).ID
	if _, err := db.Exec(`
		WITH a AS (
			INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen)
			SELECT $1::bigint, 'R' || $1::bigint || '-' || g, 'bench ' || g, '13800000000', 5000, 2000
			FROM generate_series(1, $2) g
			RETURNING id)
		INSERT INTO meters (site_id, address, protocol, account_id)
		SELECT $1::bigint, lpad(($1::bigint * 100000 + row_number() OVER ())::text, 12, '0'), 'dlt645', a.id FROM a`,
		site, meters); err != nil {
		b.Fatal(err)
	}
	for d := range days {
		if _, err := db.Exec(`
			INSERT INTO ledger_entries (account_id, type, channel, amount_fen, balance_after_fen, idempotency_key, receipt_no,
				meter_id, actor, created_at)
			SELECT a.id, 'sale', (ARRAY['cash', 'bank', 'wechat', 'alipay'])[1 + g % 4], 10000, 0,
				'bench-sale-' || a.id || '-' || $2::int || '-' || g, '', NULL, 'cashier ' || g % 5,
				'2026-10-01 09:00:00+08'::timestamptz + make_interval(days => $2::int)
			FROM generate_series(1, 600) g JOIN accounts a ON a.no = 'R' || $1::bigint || '-' || (g * 16 + $2::int)`,
			site, d); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`
			INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no,
				meter_id, actor, created_at)
			SELECT m.account_id, 'charge', -(100 + m.id % 400), 0, 'bench-charge-' || m.id || '-' || $2::int, '', m.id, 'billing',
				'2026-10-01 23:30:00+08'::timestamptz + make_interval(days => $2::int)
			FROM meters m WHERE m.site_id = $1`, site, d); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var rows int
	if err := db.Get(&rows, `SELECT count(*) FROM ledger_daily WHERE site_id = $1`, site); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d rollup rows for the site", rows)
	s := postgres.NewSalesReportService(db)
	ctx := AdminContext()
	b.Run("sales_month_by_day", func(b *testing.B) {
		for range b.N {
			r, err := s.SalesReport(ctx, voltpay.SalesReportFilter{SiteID: &site, From: "2026-10-01", To: "2026-10-31", Period: voltpay.PeriodDay})
			if err != nil || len(r.Periods) != days || r.Total.SalesCount != 600*days {
				b.Fatalf("%v %+v", err, r.Total)
			}
		}
	})
	b.Run("settlement_day", func(b *testing.B) {
		for range b.N {
			if _, err := s.DailySettlement(ctx, voltpay.SettlementFilter{SiteID: &site, Day: "2026-10-15"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("charges_month_by_day", func(b *testing.B) {
		for range b.N {
			r, err := s.ChargesReport(ctx, voltpay.ChargesReportFilter{SiteID: &site, From: "2026-10-01", To: "2026-10-31", Period: voltpay.PeriodDay})
			if err != nil || len(r.Periods) != days || r.Total.ChargeCount != meters*days {
				b.Fatalf("%v %+v", err, r.Total)
			}
		}
	})
	b.Run("charges_month_by_month", func(b *testing.B) {
		for range b.N {
			if _, err := s.ChargesReport(ctx, voltpay.ChargesReportFilter{SiteID: &site, From: "2026-10-01", To: "2026-10-31", Period: voltpay.PeriodMonth}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
