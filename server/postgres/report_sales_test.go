package postgres_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// salesFix is a month of a site's money, written through the services
// with the clock set to each moment, whose reports are computed by hand
// below (TestSalesReport_HandComputed and its neighbours).
type salesFix struct {
	*chargeFix
	ledger                  *postgres.LedgerService
	reports                 *postgres.SalesReportService
	a, b, fin               *voltpay.Operator // two cashiers and a finance officer
	acct1, acct2            int64
	m1, m2, m3, building    int64
	saleA100, chargeM2Nov10 int64
}

// newSalesFix writes November 2026 of a site (Asia/Shanghai):
//
//	Nov 1 09:00  accounts 1 (meter 1, in the building) and 2 (meter 2) opened, 1,000.00 cash each (system "test")
//	Nov 3 10:00  A sells 100.00 cash and 50.00 wechat to account 1; B sells 200.00 bank to account 2
//	Nov 4 00:30  B sells 20.00 cash to account 2 (16:30 UTC on Nov 3: it counts on the local Nov 4)
//	Nov 4 10:00  finance reverses A's 100.00 cash sale
//	Nov 10 02:00 charged: meter 1 10 kWh at 0.90 = 9.00, meter 2 5 kWh at 0.90 = 4.50
//	Nov 10 02:00 meter 1 moves to a tariff of 0.80 from its last charged reading (a tariff change)
//	Nov 15 02:00 charged: meter 1 10 kWh at 0.80 = 8.00
//	Nov 16 10:00 meter 1's Nov 10 charge corrected to 6.00: 3.00 given back
//	Nov 17 10:00 finance reverses meter 2's Nov 10 charge: 4.50 given back
//	Nov 20 10:00 B refunds 30.00 cash from account 2
//	Nov 25 12:00 meter 1 replaced by meter 3 at 26 kWh: its last 5 kWh at 0.80 = 4.00 charged
func newSalesFix(t *testing.T) *salesFix {
	t.Helper()
	f := &salesFix{chargeFix: newChargeFix(t)}
	f.ledger, f.reports = postgres.NewLedgerService(f.db), postgres.NewSalesReportService(f.db)
	now := cst("2026-11-01 09:00:00")
	f.db.Now = func() time.Time { return now }
	at := func(s string) { now = cst(s) }
	auth := postgres.NewAuthService(f.db)
	f.a = authMustOperator(t, auth, voltpay.RoleCashier, false)
	f.b = authMustOperator(t, auth, voltpay.RoleCashier, false)
	f.fin = authMustOperator(t, auth, voltpay.RoleFinance, false)
	for _, o := range []*voltpay.Operator{f.a, f.b, f.fin} {
		o.DisplayName = o.Username[:12] // distinct names (the helper gives every operator the same one)
		if _, err := f.db.Exec(`UPDATE operators SET display_name = $1 WHERE id = $2`, o.DisplayName, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	b, err := postgres.NewSiteService(f.db).CreateBuilding(AdminContext(), voltpay.BuildingInput{SiteID: f.site, Name: "A座"})
	if err != nil {
		t.Fatal(err)
	}
	f.building = b.ID
	t90, t80 := f.tariff(t, flat9000), f.tariff(t, voltpay.TariffInput{Kind: voltpay.TariffFlat,
		Prices: map[string]voltpay.Price{voltpay.RateFlat: 8000}})
	f.m1 = mkMeter(t, f.db, voltpay.MeterInput{SiteID: f.site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645,
		CTRatio: 1, TariffID: &t90, BuildingID: &f.building}).ID
	f.m2 = f.meter(t, t90, 1, "")
	f.m3 = f.meter(t, 0, 1, "")
	f.acct1, f.acct2 = f.account(t, f.m1), f.account(t, f.m2)

	sell := func(o *voltpay.Operator, acct int64, fen voltpay.Fen, ch string) int64 {
		e, err := f.ledger.Sell(operatorContext(o), voltpay.SaleInput{AccountID: acct, AmountFen: fen, Channel: ch, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	reverse := func(id int64) {
		if _, err := f.ledger.Reverse(operatorContext(f.fin), voltpay.ReverseInput{EntryID: id, IdempotencyKey: newKey(), Reason: "wrong"}); err != nil {
			t.Fatal(err)
		}
	}
	at("2026-11-03 10:00:00")
	f.saleA100 = sell(f.a, f.acct1, 10000, voltpay.ChannelCash)
	sell(f.a, f.acct1, 5000, voltpay.ChannelWechat)
	sell(f.b, f.acct2, 20000, voltpay.ChannelBank)
	at("2026-11-04 00:30:00")
	sell(f.b, f.acct2, 2000, voltpay.ChannelCash)
	at("2026-11-04 10:00:00")
	reverse(f.saleA100)

	f.read(t, f.m1, "2026-11-10 00:00:00", 1000)
	f.read(t, f.m2, "2026-11-10 00:00:00", 0)
	at("2026-11-10 00:10:00")
	f.charge(t, f.m1, f.m2) // the baselines
	f.read(t, f.m1, "2026-11-10 01:00:00", 11000)
	f.read(t, f.m2, "2026-11-10 01:00:00", 5000)
	at("2026-11-10 02:00:00")
	f.charge(t, f.m1, f.m2)
	if _, err := postgres.NewTariffService(f.db).SetMeterTariff(AdminContext(), f.m1, t80, refOf(cst("2026-11-10 01:00:00"))); err != nil {
		t.Fatal(err)
	}
	f.read(t, f.m1, "2026-11-15 01:00:00", 21000)
	at("2026-11-15 02:00:00")
	f.charge(t, f.m1)
	var m1Nov10 int64
	if err := f.db.Get(&m1Nov10, `SELECT min(id) FROM ledger_entries WHERE meter_id = $1 AND type = 'charge'`, f.m1); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Get(&f.chargeM2Nov10, `SELECT min(id) FROM ledger_entries WHERE meter_id = $1 AND type = 'charge'`, f.m2); err != nil {
		t.Fatal(err)
	}
	at("2026-11-16 10:00:00")
	if _, err := f.ledger.CorrectCharge(operatorContext(f.fin), voltpay.CorrectChargeInput{EntryID: m1Nov10, AmountFen: 600,
		Reason: "misread", IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	at("2026-11-17 10:00:00")
	reverse(f.chargeM2Nov10)
	at("2026-11-20 10:00:00")
	if _, err := f.ledger.Refund(operatorContext(f.b), voltpay.RefundInput{AccountID: f.acct2, AmountFen: 3000,
		Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	at("2026-11-25 12:00:00")
	if _, _, err := postgres.NewAccountService(f.db).ReplaceMeter(AdminContext(), voltpay.ReplaceMeterInput{
		OldMeterID: f.m1, NewMeterID: f.m3, FinalEnergyWh: 26000, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	f.wantAmounts(t, f.m1, 900, 800, 400)
	f.wantAmounts(t, f.m2, 450)
	assertRollupIsScan(t, f.db)
	return f
}

// assertRollupIsScan fails unless ledger_daily equals the rollup
// recomputed from a scan of the whole ledger (one statement: one snapshot,
// whatever other tests write meanwhile).
func assertRollupIsScan(tb testing.TB, db *postgres.DB) {
	tb.Helper()
	var diff []string
	if err := db.Select(&diff, `
		(SELECT 'rollup only: ' || d::text FROM (SELECT * FROM ledger_daily EXCEPT ALL SELECT * FROM ledger_daily_scan()) d)
		UNION ALL
		(SELECT 'scan only: ' || s::text FROM (SELECT * FROM ledger_daily_scan() EXCEPT ALL SELECT * FROM ledger_daily) s)
		LIMIT 20`); err != nil {
		tb.Fatal(err)
	}
	if len(diff) > 0 {
		tb.Fatalf("ledger_daily differs from a scan of the ledger:\n%v", diff)
	}
}

// sf builds SalesFigures: sales, refunds and reversals as (fen, count).
func sf(sales voltpay.Fen, ns int, refunds voltpay.Fen, nr int, reversals voltpay.Fen, nv int) voltpay.SalesFigures {
	return voltpay.SalesFigures{SalesFen: sales, SalesCount: ns, RefundsFen: refunds, RefundCount: nr,
		ReversalsFen: reversals, ReversalCount: nv, NetFen: sales + refunds + reversals}
}

func wantFigures[T comparable](tb testing.TB, what string, got, want T) {
	tb.Helper()
	if got != want {
		tb.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// TestSalesReport_HandComputed: the month of newSalesFix by day and by
// month, as finance (read_audit) sees it.
func TestSalesReport_HandComputed(t *testing.T) {
	f := newSalesFix(t)
	ctx := operatorContext(f.fin)
	r, err := f.reports.SalesReport(ctx, voltpay.SalesReportFilter{SiteID: &f.site, From: "2026-11-01", To: "2026-11-30", Period: voltpay.PeriodDay})
	if err != nil {
		t.Fatal(err)
	}
	var starts []string
	for _, p := range r.Periods {
		starts = append(starts, p.Start)
	}
	if want := []string{"2026-11-01", "2026-11-03", "2026-11-04", "2026-11-20"}; len(starts) != len(want) || starts[0] != want[0] ||
		starts[1] != want[1] || starts[2] != want[2] || starts[3] != want[3] {
		t.Fatalf("periods %v, want %v (the 00:30 sale on the local Nov 4, charges left out)", starts, want)
	}
	wantFigures(t, "Nov 1", r.Periods[0].Total, sf(200000, 2, 0, 0, 0, 0))
	wantFigures(t, "Nov 3", r.Periods[1].Total, sf(35000, 3, 0, 0, 0, 0))
	wantFigures(t, "Nov 4", r.Periods[2].Total, sf(2000, 1, 0, 0, -10000, 1))
	wantFigures(t, "Nov 20", r.Periods[3].Total, sf(0, 0, -3000, 1, 0, 0))
	if ch := r.Periods[1].ByChannel; len(ch) != 3 || ch[0].Channel != "cash" || ch[1].Channel != "bank" || ch[2].Channel != "wechat" ||
		ch[0].SalesFigures != sf(10000, 1, 0, 0, 0, 0) || ch[1].SalesFigures != sf(20000, 1, 0, 0, 0, 0) || ch[2].SalesFigures != sf(5000, 1, 0, 0, 0, 0) {
		t.Errorf("Nov 3 by channel: %+v %+v %+v", ch[0], ch[1], ch[2])
	}
	wantFigures(t, "total", r.Total, sf(237000, 6, -3000, 1, -10000, 1))
	if len(r.ByChannel) != 3 {
		t.Fatalf("by channel: %d rows", len(r.ByChannel))
	}
	wantFigures(t, "cash", r.ByChannel[0].SalesFigures, sf(212000, 4, -3000, 1, -10000, 1))
	wantFigures(t, "bank", r.ByChannel[1].SalesFigures, sf(20000, 1, 0, 0, 0, 0))
	wantFigures(t, "wechat", r.ByChannel[2].SalesFigures, sf(5000, 1, 0, 0, 0, 0))
	// Largest net first: the system's openings, B, A, finance's reversal.
	if len(r.ByOperator) != 4 {
		t.Fatalf("by operator: %+v", r.ByOperator)
	}
	for i, want := range []struct {
		id  int64
		fig voltpay.SalesFigures
	}{{0, sf(200000, 2, 0, 0, 0, 0)}, {f.b.ID, sf(22000, 2, -3000, 1, 0, 0)}, {f.a.ID, sf(15000, 2, 0, 0, 0, 0)},
		{f.fin.ID, sf(0, 0, 0, 0, -10000, 1)}} {
		o := r.ByOperator[i]
		if (want.id == 0) != (o.OperatorID == nil) || o.OperatorID != nil && *o.OperatorID != want.id || o.SalesFigures != want.fig {
			t.Errorf("operator row %d: %+v (%v), want id %d %+v", i, o, o.OperatorID, want.id, want.fig)
		}
	}
	if r.ByOperator[2].Name != f.a.DisplayName {
		t.Errorf("operator name %q, want the display name %q", r.ByOperator[2].Name, f.a.DisplayName)
	}

	t.Run("by month: one period with the month's total", func(t *testing.T) {
		m, err := f.reports.SalesReport(ctx, voltpay.SalesReportFilter{SiteID: &f.site, From: "2026-10-01", To: "2026-12-31", Period: voltpay.PeriodMonth})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Periods) != 1 || m.Periods[0].Start != "2026-11-01" || m.Periods[0].Total != r.Total {
			t.Fatalf("months %+v", m.Periods)
		}
	})
	t.Run("a cashier sees only their own", func(t *testing.T) {
		mine, err := f.reports.SalesReport(operatorContext(f.a), voltpay.SalesReportFilter{SiteID: &f.site, From: "2026-11-01", To: "2026-11-30", Period: voltpay.PeriodYear})
		if err != nil {
			t.Fatal(err)
		}
		if mine.Total != sf(15000, 2, 0, 0, 0, 0) || len(mine.ByOperator) != 1 || mine.Periods[0].Start != "2026-01-01" {
			t.Fatalf("cashier A's report %+v", mine)
		}
		_, err = f.reports.SalesReport(operatorContext(f.a), voltpay.SalesReportFilter{SiteID: &f.site, From: "2026-11-01", To: "2026-11-30",
			Period: voltpay.PeriodDay, OperatorID: &f.b.ID})
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
	t.Run("tenants are refused", func(t *testing.T) {
		_, err := f.reports.SalesReport(TenantContext(f.acct1), voltpay.SalesReportFilter{From: "2026-11-01", To: "2026-11-30", Period: voltpay.PeriodDay})
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
}

// TestDailySettlement_HandComputed: the cashiers of Nov 3 and Nov 4.
func TestDailySettlement_HandComputed(t *testing.T) {
	f := newSalesFix(t)
	d, err := f.reports.DailySettlement(operatorContext(f.fin), voltpay.SettlementFilter{SiteID: &f.site, Day: "2026-11-03"})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*voltpay.CashierSettlement{}
	for _, c := range d.Cashiers {
		byID[*c.OperatorID] = c
	}
	if len(d.Cashiers) != 2 || byID[f.a.ID] == nil || byID[f.b.ID] == nil {
		t.Fatalf("cashiers %+v: want A and B", d.Cashiers)
	}
	wantFigures(t, "A", byID[f.a.ID].Total, sf(15000, 2, 0, 0, 0, 0))
	if ch := byID[f.a.ID].ByChannel; len(ch) != 2 || ch[0].Channel != "cash" || ch[0].SalesFen != 10000 || ch[1].Channel != "wechat" {
		t.Errorf("A by channel %+v", ch)
	}
	wantFigures(t, "B", byID[f.b.ID].Total, sf(20000, 1, 0, 0, 0, 0))
	wantFigures(t, "day", d.Total, sf(35000, 3, 0, 0, 0, 0))

	nov4, err := f.reports.DailySettlement(operatorContext(f.fin), voltpay.SettlementFilter{SiteID: &f.site, Day: "2026-11-04"})
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, "Nov 4", nov4.Total, sf(2000, 1, 0, 0, -10000, 1))
	if len(nov4.Cashiers) != 2 {
		t.Fatalf("Nov 4 cashiers %+v: want B's sale and finance's reversal", nov4.Cashiers)
	}

	t.Run("a cashier sees their own, never another's", func(t *testing.T) {
		mine, err := f.reports.DailySettlement(operatorContext(f.a), voltpay.SettlementFilter{SiteID: &f.site, Day: "2026-11-03"})
		if err != nil {
			t.Fatal(err)
		}
		if len(mine.Cashiers) != 1 || *mine.Cashiers[0].OperatorID != f.a.ID || mine.Total != sf(15000, 2, 0, 0, 0, 0) {
			t.Fatalf("A's settlement %+v", mine)
		}
		_, err = f.reports.DailySettlement(operatorContext(f.a), voltpay.SettlementFilter{SiteID: &f.site, Day: "2026-11-03", OperatorID: &f.b.ID})
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
	t.Run("tenants are refused", func(t *testing.T) {
		_, err := f.reports.DailySettlement(TenantContext(f.acct1), voltpay.SettlementFilter{Day: "2026-11-03"})
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
}

// cf builds ChargeFigures from charges, corrections and reversals.
func cf(charges voltpay.Fen, nc int, corrections voltpay.Fen, nk int, reversals voltpay.Fen, nr int) voltpay.ChargeFigures {
	return voltpay.ChargeFigures{ChargesFen: charges, ChargeCount: nc, CorrectionsFen: corrections, CorrectionCount: nk,
		ReversalsFen: reversals, ReversalCount: nr, NetFen: charges - corrections - reversals}
}

// TestChargesReport_HandComputed: the month's charges by day and month,
// for the site and for the building of meter 1, and the top accounts.
func TestChargesReport_HandComputed(t *testing.T) {
	f := newSalesFix(t)
	ctx := operatorContext(f.a) // any operator may read it
	r, err := f.reports.ChargesReport(ctx, voltpay.ChargesReportFilter{SiteID: &f.site, From: "2026-11-01", To: "2026-11-30", Period: voltpay.PeriodDay})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]voltpay.ChargeFigures{
		"2026-11-10": cf(1350, 2, 0, 0, 0, 0), "2026-11-15": cf(800, 1, 0, 0, 0, 0), "2026-11-16": cf(0, 0, 300, 1, 0, 0),
		"2026-11-17": cf(0, 0, 0, 0, 450, 1), "2026-11-25": cf(400, 1, 0, 0, 0, 0),
	}
	if len(r.Periods) != len(want) {
		t.Fatalf("periods %+v", r.Periods)
	}
	for _, p := range r.Periods {
		wantFigures(t, p.Start, p.ChargeFigures, want[p.Start])
	}
	wantFigures(t, "total", r.Total, cf(2550, 4, 300, 1, 450, 1))
	if len(r.TopAccounts) != 2 || r.TopAccounts[0].AccountID != f.acct1 || r.TopAccounts[0].NetFen != 1800 ||
		r.TopAccounts[1].AccountID != f.acct2 || r.TopAccounts[1].ChargeFigures != cf(450, 1, 0, 0, 450, 1) {
		t.Fatalf("top accounts %+v", r.TopAccounts)
	}

	t.Run("by month, for the building, top 1", func(t *testing.T) {
		m, err := f.reports.ChargesReport(ctx, voltpay.ChargesReportFilter{SiteID: &f.site, BuildingID: &f.building,
			From: "2026-11-01", To: "2027-01-31", Period: voltpay.PeriodMonth, Top: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Periods) != 1 || m.Periods[0].Start != "2026-11-01" || m.Periods[0].ChargeFigures != cf(2100, 3, 300, 1, 0, 0) ||
			len(m.TopAccounts) != 1 || m.TopAccounts[0].AccountID != f.acct1 {
			t.Fatalf("building by month %+v top %+v", m.Periods, m.TopAccounts)
		}
	})
	t.Run("tenants are refused", func(t *testing.T) {
		_, err := f.reports.ChargesReport(TenantContext(f.acct1), voltpay.ChargesReportFilter{From: "2026-11-01", To: "2026-11-30", Period: voltpay.PeriodDay})
		wantCode(t, err, voltpay.EFORBIDDEN)
	})
}

// TestReports_Bounds: ranges, periods and top are checked with a message
// saying what to ask instead.
func TestReports_Bounds(t *testing.T) {
	s := postgres.NewSalesReportService(MustOpenDB(t))
	ctx := AdminContext()
	for _, c := range []struct {
		name string
		f    voltpay.SalesReportFilter
	}{
		{"367 days by day", voltpay.SalesReportFilter{From: "2026-01-01", To: "2027-01-02", Period: voltpay.PeriodDay}},
		{"10 years by month", voltpay.SalesReportFilter{From: "2020-01-01", To: "2030-01-01", Period: voltpay.PeriodMonth}},
		{"to before from", voltpay.SalesReportFilter{From: "2026-02-01", To: "2026-01-31", Period: voltpay.PeriodDay}},
		{"not a date", voltpay.SalesReportFilter{From: "2026/01/01", To: "2026-01-31", Period: voltpay.PeriodDay}},
		{"unknown period", voltpay.SalesReportFilter{From: "2026-01-01", To: "2026-01-31", Period: "week"}},
	} {
		_, err := s.SalesReport(ctx, c.f)
		wantCode(t, err, voltpay.EINVALID)
	}
	if _, err := s.SalesReport(ctx, voltpay.SalesReportFilter{From: "2026-01-01", To: "2026-12-31", Period: voltpay.PeriodDay}); err != nil {
		t.Errorf("366 days by day: %v", err)
	}
	if _, err := s.SalesReport(ctx, voltpay.SalesReportFilter{From: "2020-01-01", To: "2029-12-31", Period: voltpay.PeriodYear}); err != nil {
		t.Errorf("10 years by year: %v", err)
	}
	_, err := s.ChargesReport(ctx, voltpay.ChargesReportFilter{From: "2026-01-01", To: "2026-01-31", Period: voltpay.PeriodYear})
	wantCode(t, err, voltpay.EINVALID)
	_, err = s.ChargesReport(ctx, voltpay.ChargesReportFilter{From: "2026-01-01", To: "2026-01-31", Period: voltpay.PeriodDay, Top: 101})
	wantCode(t, err, voltpay.EINVALID)
	_, err = s.DailySettlement(ctx, voltpay.SettlementFilter{Day: "2026-02-30"})
	wantCode(t, err, voltpay.EINVALID)
}

// TestLedgerDaily_WrittenOnlyByTheLedger: the rollup refuses direct
// writes; a recount through ledger_daily_rebuilds gives the same rows.
func TestLedgerDaily_WrittenOnlyByTheLedger(t *testing.T) {
	db := MustOpenDB(t)
	for _, q := range []string{
		`UPDATE ledger_daily SET amount_fen = amount_fen + 1`,
		`DELETE FROM ledger_daily`,
		`INSERT INTO ledger_daily (day, site_id, account_id, type, amount_fen, entries) VALUES ('2026-11-01', 1, 1, 'sale', 1, 1)`,
		`TRUNCATE ledger_daily`,
	} {
		if _, err := db.Exec(q); err == nil {
			t.Errorf("%s: want it refused", q)
		}
	}
	if _, err := db.Exec(`INSERT INTO ledger_daily_rebuilds DEFAULT VALUES`); err != nil {
		t.Fatal(err)
	}
	assertRollupIsScan(t, db)
}

// TestLedgerDaily_BackfillOnce: a database reaching version 22 recounts
// the rollup from its ledger (here one whose rollup was lost), and
// applying the schema again changes nothing.
func TestLedgerDaily_BackfillOnce(t *testing.T) {
	f := newSalesFix(t)
	var before int
	if err := f.db.Get(&before, `SELECT count(*) FROM ledger_daily WHERE site_id = $1`, f.site); err != nil {
		t.Fatal(err)
	}
	// As a database of version 21 with a ledger and no rollup yet.
	for _, q := range []string{
		`ALTER TABLE ledger_daily DISABLE TRIGGER ledger_daily_guard`,
		`DELETE FROM ledger_daily WHERE site_id = ` + strconv.FormatInt(f.site, 10),
		`ALTER TABLE ledger_daily ENABLE TRIGGER ledger_daily_guard`,
		`DELETE FROM schema_version WHERE version = 22`,
	} {
		if _, err := f.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for range 2 {
		if err := f.db.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		var after int
		if err := f.db.Get(&after, `SELECT count(*) FROM ledger_daily WHERE site_id = $1`, f.site); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Fatalf("%d rollup rows of the site after migrating, want the %d counted as the entries came", after, before)
		}
		assertRollupIsScan(t, f.db)
	}
}
