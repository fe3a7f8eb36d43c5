package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// opsFix is a site with two buildings, for the operational reports.
type opsFix struct {
	*chargeFix
	svc    *postgres.OpsReportService
	b1, b2 int64
}

// opsNow is the fixed "now" of the offline and alarm fixtures.
var opsNow = cst("2026-11-20 12:00:00")

func newOpsFix(tb testing.TB) *opsFix {
	f := newChargeFix(tb)
	f.db.Now = func() time.Time { return opsNow }
	return &opsFix{chargeFix: f, svc: postgres.NewOpsReportService(f.db),
		b1: mkBuilding(tb, f.db, f.site, "A座").ID, b2: mkBuilding(tb, f.db, f.site, "B座").ID}
}

// meterIn creates a direct meter in building b (0: none) at room.
func (f *opsFix) meterIn(tb testing.TB, b int64, room string) int64 {
	tb.Helper()
	in := voltpay.MeterInput{SiteID: f.site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645,
		PrepaidMode: voltpay.PrepaidPlatform, Room: room}
	if b != 0 {
		in.BuildingID = &b
	}
	return mkMeter(tb, f.db, in).ID
}

// accountWith opens an account on meters with 1,000 yuan sold (alarm 1
// at 50 yuan, alarm 2 at 20) and then debits it by debit fen.
func (f *opsFix) accountWith(tb testing.TB, name string, debit voltpay.Fen, meters ...int64) int64 {
	tb.Helper()
	a, _, err := postgres.NewAccountService(f.db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account: voltpay.AccountInput{SiteID: f.site, TenantName: name, Phone: "13912345678",
			Alarm1Fen: refOf[voltpay.Fen](5000), Alarm2Fen: refOf[voltpay.Fen](2000)},
		MeterIDs:  meters,
		FirstSale: &voltpay.SaleInput{AmountFen: 100_000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()},
	})
	if err != nil {
		tb.Fatalf("open account: %v", err)
	}
	if debit != 0 {
		f.exec(tb, `INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no, meter_id, actor)
			VALUES ($1, 'charge', $2, 0, $3, '', $4, 'test')`, a.ID, -debit, newKey(), meters[0])
	}
	return a.ID
}

func (f *opsFix) exec(tb testing.TB, q string, args ...any) {
	tb.Helper()
	if _, err := f.db.ExecContext(context.Background(), q, args...); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

// alarm inserts an alarm of kind on meter (or account, or gateway; 0:
// none) raised and cleared (nil: open) at local times.
func (f *opsFix) alarm(tb testing.TB, kind string, account, meter, gateway int64, raised string, cleared *string) {
	tb.Helper()
	var clearedAt *time.Time
	if cleared != nil {
		clearedAt = refOf(cst(*cleared))
	}
	f.exec(tb, `INSERT INTO alarms (kind, account_id, meter_id, gateway_id, raised_at, cleared_at)
		VALUES ($1, nullif($2, 0), nullif($3, 0), nullif($4, 0), $5, $6)`, kind, account, meter, gateway, cst(raised), clearedAt)
}

func TestOpsReport_Arrears(t *testing.T) {
	f := newOpsFix(t)
	m1, m2, m3, m4, m5, m6 := f.meterIn(t, f.b1, "101"), f.meterIn(t, f.b1, "102"), f.meterIn(t, f.b2, "201"),
		f.meterIn(t, 0, ""), f.meterIn(t, f.b2, "202"), f.meterIn(t, f.b2, "203")
	owes300 := f.accountWith(t, "甲", 130_000, m1, m2) // -300.00
	owes15 := f.accountWith(t, "乙", 101_500, m3)      // -15.00
	alarm2 := f.accountWith(t, "丙", 98_500, m4)       // 15.00: at or below alarm 2
	alarm1 := f.accountWith(t, "丁", 96_000, m5)       // 40.00: at or below alarm 1 only
	_ = f.accountWith(t, "戊", 0, m6)                  // 1,000.00: not listed
	f.exec(t, `UPDATE meters SET relay = 'open' WHERE id = $1`, m2)
	f.alarm(t, voltpay.AlarmArrears, owes300, 0, 0, "2026-10-01 08:00:00", refOf("2026-10-02 08:00:00")) // an earlier episode
	f.alarm(t, voltpay.AlarmArrears, owes300, 0, 0, "2026-11-03 10:00:00", nil)
	ctx := AdminContext()

	rep, err := f.svc.Arrears(ctx, voltpay.ArrearsFilter{SiteID: &f.site})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count != 2 || rep.DebtFen != 31_500 || rep.BalanceFen != -31_500 || len(rep.Rows) != 2 {
		t.Fatalf("totals: %+v", rep)
	}
	r := rep.Rows[0]
	if r.AccountID != owes300 || r.DebtFen != 30_000 || r.BalanceFen != -30_000 || r.Level != voltpay.ArrearsLevelArrears ||
		r.Since == nil || !r.Since.Equal(cst("2026-11-03 10:00:00")) || r.BuildingName != "A座" || r.TenantName != "甲" ||
		r.LastPaymentFen == nil || *r.LastPaymentFen != 100_000 || r.LastPaymentAt == nil {
		t.Fatalf("first row: %+v", r)
	}
	if len(r.Meters) != 2 || r.Meters[0].MeterID != m1 || r.Meters[1].Relay != voltpay.RelayOpen || r.Meters[1].Room != "102" {
		t.Fatalf("meters of the first row: %+v", r.Meters)
	}
	if r := rep.Rows[1]; r.AccountID != owes15 || r.DebtFen != 1_500 || r.Since != nil || r.BuildingName != "B座" {
		t.Fatalf("second row: %+v", r)
	}
	if len(rep.ByBuilding) != 2 || rep.ByBuilding[0].BuildingName != "A座" || rep.ByBuilding[0].DebtFen != 30_000 ||
		rep.ByBuilding[1].Count != 1 || rep.ByBuilding[1].DebtFen != 1_500 {
		t.Fatalf("by building: %+v %+v", rep.ByBuilding[0], rep.ByBuilding[1])
	}

	rep, err = f.svc.Arrears(ctx, voltpay.ArrearsFilter{SiteID: &f.site, Level: voltpay.ArrearsLevelAlarm1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Rows {
		got = append(got, fmt.Sprintf("%d:%s:%d", r.AccountID, r.Level, r.DebtFen))
	}
	want := []string{fmt.Sprintf("%d:arrears:30000", owes300), fmt.Sprintf("%d:arrears:1500", owes15),
		fmt.Sprintf("%d:alarm2:0", alarm2), fmt.Sprintf("%d:alarm1:0", alarm1)}
	if fmt.Sprint(got) != fmt.Sprint(want) || rep.DebtFen != 31_500 || rep.BalanceFen != -30_000-1_500+1_500+4_000 {
		t.Fatalf("alarm 1 list: %v (debt %d, balance %d), want %v", got, rep.DebtFen, rep.BalanceFen, want)
	}
	if len(rep.ByBuilding) != 3 || rep.ByBuilding[2].BuildingID != nil || rep.ByBuilding[2].Count != 1 {
		t.Fatalf("by building with a meter in none: %+v", rep.ByBuilding)
	}

	rep, err = f.svc.Arrears(ctx, voltpay.ArrearsFilter{SiteID: &f.site, BuildingID: &f.b2, Level: voltpay.ArrearsLevelAlarm2})
	if err != nil || rep.Count != 1 || rep.Rows[0].AccountID != owes15 {
		t.Fatalf("building B: %+v %v", rep, err)
	}
	_, err = f.svc.Arrears(ctx, voltpay.ArrearsFilter{Level: "broke"})
	wantCode(t, err, voltpay.EINVALID)
	_, err = f.svc.Arrears(TenantContext(owes300), voltpay.ArrearsFilter{SiteID: &f.site})
	wantCode(t, err, voltpay.EFORBIDDEN)
}

func TestOpsReport_MeterSnapshot(t *testing.T) {
	f := newOpsFix(t)
	m1, m2, m3 := f.meterIn(t, f.b1, "101"), f.meterIn(t, f.b1, "102"), f.meterIn(t, f.b2, "201")
	acc := f.accountWith(t, "甲", 99_000, m1) // 10.00 yuan: at or below alarm 1 and 2
	wh := func(v voltpay.Wh) *voltpay.Wh { return &v }
	f.read(t, m1, "2026-11-19 00:00:00", 1000)
	if _, err := f.readings.RecordReadings(context.Background(), []*voltpay.Reading{{MeterID: m1, ReadAt: cst("2026-11-20 00:00:00"),
		EnergyWh: 12_345, SharpWh: wh(1_000), PeakWh: wh(3_000), FlatWh: wh(5_000), ValleyWh: wh(3_345), ReverseWh: wh(7)}}); err != nil {
		t.Fatal(err)
	}
	ctx := AdminContext()
	p, err := f.svc.MeterSnapshot(ctx, voltpay.MeterSnapshotFilter{SiteID: f.site, Page: voltpay.PageArgs{First: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 3 || len(p.Items) != 2 || !p.HasNext || p.Items[0].MeterID != m1 || p.Items[1].MeterID != m2 {
		t.Fatalf("first page: %+v", p)
	}
	s := p.Items[0]
	if *s.EnergyWh != 12_345 || *s.SharpWh != 1_000 || *s.PeakWh != 3_000 || *s.FlatWh != 5_000 || *s.ValleyWh != 3_345 ||
		*s.ReverseWh != 7 || s.BalanceFen == nil || *s.BalanceFen != 1_000 || s.AccountID == nil || *s.AccountID != acc ||
		*s.TenantName != "甲" || s.BuildingName != "A座" || s.LastReadAt == nil || !s.Online || s.DisplayStatus == "" {
		t.Fatalf("meter 1: %+v", s)
	}
	if s := p.Items[1]; s.EnergyWh != nil || s.BalanceFen != nil || s.AccountID != nil || s.Online {
		t.Fatalf("meter 2, never read, on no account: %+v", s)
	}
	p, err = f.svc.MeterSnapshot(ctx, voltpay.MeterSnapshotFilter{SiteID: f.site, Page: voltpay.PageArgs{First: 2, After: m2, SkipTotal: true}})
	if err != nil || len(p.Items) != 1 || p.Items[0].MeterID != m3 || p.HasNext || p.Items[0].BuildingName != "B座" {
		t.Fatalf("second page: %+v %v", p, err)
	}
	p, err = f.svc.MeterSnapshot(ctx, voltpay.MeterSnapshotFilter{SiteID: f.site, BuildingID: &f.b2})
	if err != nil || p.Total != 1 || p.Items[0].MeterID != m3 {
		t.Fatalf("building B: %+v %v", p, err)
	}
	_, err = f.svc.MeterSnapshot(TenantContext(acc), voltpay.MeterSnapshotFilter{SiteID: f.site})
	wantCode(t, err, voltpay.EFORBIDDEN)
}

func TestOpsReport_Offline(t *testing.T) {
	f := newOpsFix(t)
	gw := mkGateway(t, f.db, f.site, voltpay.MeterProtocolDLT645)
	f.exec(t, `UPDATE gateways SET building_id = $2, online = false, last_seen_at = $3 WHERE id = $1`, gw.ID, f.b1, cst("2026-11-20 06:00:00"))
	behind := mkMeter(t, f.db, voltpay.MeterInput{SiteID: f.site, BuildingID: &f.b1, Address: randomAddress(), Room: "101",
		Protocol: voltpay.MeterProtocolDLT645, GatewayID: &gw.ID}).ID
	online, lost := f.meterIn(t, f.b1, "102"), f.meterIn(t, f.b2, "201")
	f.exec(t, `UPDATE meters SET online = (id = $1), last_read_at = $2 WHERE id = ANY(ARRAY[$1, $3, $4]::bigint[])`,
		online, cst("2026-11-19 12:00:00"), behind, lost)
	f.alarm(t, voltpay.AlarmOffline, 0, behind, 0, "2026-11-20 06:30:00", nil)
	f.alarm(t, voltpay.AlarmOffline, 0, lost, 0, "2026-11-01 00:00:00", refOf("2026-11-02 00:00:00")) // an earlier episode
	f.alarm(t, voltpay.AlarmGatewayOffline, 0, 0, gw.ID, "2026-11-20 06:10:00", nil)
	ctx := AdminContext()

	p, err := f.svc.OfflineMeters(ctx, voltpay.OfflineFilter{SiteID: f.site})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 2 || len(p.Items) != 2 {
		t.Fatalf("offline meters: %+v", p)
	}
	if m := p.Items[0]; m.MeterID != behind || m.GatewayID == nil || *m.GatewayID != gw.ID || *m.GatewayOnline ||
		!m.Since.Equal(cst("2026-11-20 06:30:00")) || *m.OfflineSeconds != 5*3600+30*60 || m.BuildingName != "A座" {
		t.Fatalf("behind the gateway: %+v", m)
	}
	// No open alarm: offline since its last reading, 24 h ago.
	if m := p.Items[1]; m.MeterID != lost || m.Since != nil || m.GatewayID != nil || *m.OfflineSeconds != 24*3600 {
		t.Fatalf("direct meter: %+v", m)
	}
	p, err = f.svc.OfflineMeters(ctx, voltpay.OfflineFilter{SiteID: f.site, GatewayID: &gw.ID})
	if err != nil || p.Total != 1 || p.Items[0].MeterID != behind {
		t.Fatalf("behind the gateway only: %+v %v", p, err)
	}

	sum, err := f.svc.OfflineSummary(ctx, voltpay.OfflineFilter{SiteID: f.site})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Meters != 3 || sum.Offline != 2 || sum.Gateways != 1 || len(sum.ByBuilding) != 2 {
		t.Fatalf("summary: %+v", sum)
	}
	if b := sum.ByBuilding[0]; b.BuildingName != "A座" || b.Meters != 2 || b.Offline != 1 {
		t.Fatalf("building A: %+v", b)
	}
	if len(sum.OfflineGateways) != 1 {
		t.Fatalf("offline gateways: %+v", sum.OfflineGateways)
	}
	if g := sum.OfflineGateways[0]; g.GatewayID != gw.ID || g.Meters != 1 || !g.Since.Equal(cst("2026-11-20 06:10:00")) ||
		*g.OfflineSeconds != 5*3600+50*60 || g.BuildingName != "A座" {
		t.Fatalf("gateway: %+v", g)
	}
	_, err = f.svc.OfflineSummary(TenantContext(1), voltpay.OfflineFilter{SiteID: f.site})
	wantCode(t, err, voltpay.EFORBIDDEN)
}

func TestOpsReport_AlarmStats(t *testing.T) {
	f := newOpsFix(t)
	m1, m2 := f.meterIn(t, f.b1, "101"), f.meterIn(t, f.b1, "102")
	acc := f.accountWith(t, "甲", 0, m1)
	// Local days: two offline episodes of m1 on the 5th (1 h and 3 h), one
	// of m2 on the 6th still open (now is the 20th, 12:00); an arrears on
	// the account on the 5th of 2 h. One before the range, one after.
	f.alarm(t, voltpay.AlarmOffline, acc, m1, 0, "2026-11-05 00:30:00", refOf("2026-11-05 01:30:00"))
	f.alarm(t, voltpay.AlarmOffline, acc, m1, 0, "2026-11-05 23:00:00", refOf("2026-11-06 02:00:00"))
	f.alarm(t, voltpay.AlarmOffline, 0, m2, 0, "2026-11-06 12:00:00", nil)
	f.alarm(t, voltpay.AlarmArrears, acc, 0, 0, "2026-11-05 10:00:00", refOf("2026-11-05 12:00:00"))
	f.alarm(t, voltpay.AlarmOffline, acc, m1, 0, "2026-10-31 23:59:59", refOf("2026-11-01 00:30:00"))
	f.alarm(t, voltpay.AlarmOffline, acc, m1, 0, "2026-12-01 00:00:00", nil)
	ctx := AdminContext()
	filter := voltpay.AlarmStatsFilter{SiteID: &f.site, From: cst("2026-11-01 00:00:00"), To: cst("2026-12-01 00:00:00")}

	st, err := f.svc.AlarmStats(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, d := range st.Days {
		days = append(days, fmt.Sprintf("%s %s %d %d %d", d.Day, d.Kind, d.Raised, d.MeanSeconds, d.LongestSeconds))
	}
	open := int64(14 * 24 * 3600) // 6th 12:00 to 20th 12:00
	want := []string{"2026-11-05 arrears 1 7200 7200", "2026-11-05 offline 2 7200 10800",
		fmt.Sprintf("2026-11-06 offline 1 %d %d", open, open)}
	if fmt.Sprint(days) != fmt.Sprint(want) {
		t.Fatalf("days:\n got %q\nwant %q", days, want)
	}
	if len(st.ByKind) != len(voltpay.AlarmKinds) {
		t.Fatalf("by kind: %d kinds", len(st.ByKind))
	}
	for _, k := range st.ByKind {
		switch k.Kind {
		case voltpay.AlarmOffline:
			if k.Raised != 3 || k.StillOpen != 1 || k.MeanSeconds != (3600+10800+open)/3 || k.LongestSeconds != open || k.OpenNow != 2 {
				t.Errorf("offline: %+v", k)
			}
		case voltpay.AlarmArrears:
			if k.Raised != 1 || k.StillOpen != 0 || k.MeanSeconds != 7200 || k.OpenNow != 0 {
				t.Errorf("arrears: %+v", k)
			}
		default:
			if k.Raised != 0 || k.OpenNow != 0 {
				t.Errorf("%s: %+v", k.Kind, k)
			}
		}
	}
	if len(st.TopMeters) != 2 || st.TopMeters[0].ID != m1 || st.TopMeters[0].Count != 2 || st.TopMeters[0].TotalSeconds != 14400 ||
		st.TopMeters[1].ID != m2 {
		t.Fatalf("top meters: %+v", st.TopMeters)
	}
	if len(st.TopAccounts) != 1 || st.TopAccounts[0].ID != acc || st.TopAccounts[0].Count != 3 {
		t.Fatalf("top accounts: %+v", st.TopAccounts)
	}

	filter.Kinds = []string{voltpay.AlarmArrears}
	if st, err = f.svc.AlarmStats(ctx, filter); err != nil || len(st.ByKind) != 1 || len(st.Days) != 1 {
		t.Fatalf("arrears only: %+v %v", st, err)
	}
	bad := filter
	bad.Kinds = []string{"fire"}
	_, err = f.svc.AlarmStats(ctx, bad)
	wantCode(t, err, voltpay.EINVALID)
	bad = filter
	bad.To = bad.From.AddDate(0, 4, 0)
	_, err = f.svc.AlarmStats(ctx, bad)
	wantCode(t, err, voltpay.EINVALID)
	bad = filter
	bad.To = bad.From
	_, err = f.svc.AlarmStats(ctx, bad)
	wantCode(t, err, voltpay.EINVALID)
	_, err = f.svc.AlarmStats(TenantContext(acc), filter)
	wantCode(t, err, voltpay.EFORBIDDEN)
}

func TestOpsReport_ApportionStatement(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 2, 50_000) // 100 kWh: 85.23 yuan
	a, b, c := f.account(t), f.account(t), f.account(t)
	ms := []voltpay.ApportionMember{area(10000), area(20000), area(30001)}
	ms[0].AccountID, ms[1].AccountID, ms[2].AccountID = a, b, c
	g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionArea,
		Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}}, Members: ms})
	r := f.run(t, g.ID)
	svc := postgres.NewOpsReportService(f.db)

	st, err := svc.ApportionStatement(AdminContext(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Run.TotalFen != 8523 || st.Method != voltpay.ApportionArea || st.GroupName != g.Name || st.WeightTotal != 60001 {
		t.Fatalf("statement: %+v", st)
	}
	if len(st.Sources) != 1 || st.Sources[0].MeterID != common || st.Sources[0].EnergyWh != 100_000 || st.Sources[0].Role != voltpay.SourceCommon {
		t.Fatalf("sources: %+v", st.Sources)
	}
	var got []string
	for _, l := range st.Lines {
		got = append(got, fmt.Sprintf("%d %d %d %d %v", l.Weight, l.ShareBP, l.AmountFen, l.EntryFen, l.Reconciled))
	}
	// 10000/60001 = 16.67%, 20000/60001 = 33.33%, 30001/60001 = 50.00%.
	want := []string{"10000 1667 1420 1420 true", "20000 3333 2841 2841 true", "30001 5000 4262 4262 true"}
	if fmt.Sprint(got) != fmt.Sprint(want) || !st.Reconciled || st.LedgerFen != 8523 || st.ReversedFen != 0 {
		t.Fatalf("lines %q (reconciled %v, ledger %d), want %q", got, st.Reconciled, st.LedgerFen, want)
	}

	_, err = svc.ApportionStatement(AdminContext(), r.ID+1_000_000)
	wantCode(t, err, voltpay.ENOTFOUND)
	_, err = svc.ApportionStatement(TenantContext(a), r.ID)
	wantCode(t, err, voltpay.EFORBIDDEN)
}
