package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// apportionFix is a charging site with an apportionment service and a flat
// 0.8523 yuan/kWh tariff for the shared energy.
type apportionFix struct {
	*chargeFix
	svc    *postgres.ApportionService
	tariff int64
}

func newApportionFix(tb testing.TB) *apportionFix {
	f := newChargeFix(tb)
	return &apportionFix{chargeFix: f, svc: postgres.NewApportionService(f.db), tariff: f.tariff(tb, flat8523)}
}

// commonMeter is a meter that used wh (before its CT ratio) in September 2026.
func (f *apportionFix) monthMeter(tb testing.TB, ct int, wh voltpay.Wh) int64 {
	tb.Helper()
	m := f.meter(tb, 0, ct, voltpay.PrepaidPlatform)
	f.read(tb, m, "2026-08-31 23:45:00", 500)
	f.read(tb, m, "2026-09-01 00:00:00", 1000)
	f.read(tb, m, "2026-09-15 12:00:00", 1000+wh/2)
	f.read(tb, m, "2026-10-01 00:00:00", 1000+wh)
	f.read(tb, m, "2026-10-01 00:15:00", 1000+wh+777) // the next month's: not counted
	return m
}

func (f *apportionFix) group(tb testing.TB, in voltpay.ApportionGroupInput) *voltpay.ApportionGroup {
	tb.Helper()
	in.SiteID, in.TariffID, in.Name = f.site, f.tariff, fmt.Sprintf("公摊 %d", rand.Uint32())
	g, err := f.svc.CreateApportionGroup(AdminContext(), in)
	if err != nil {
		tb.Fatalf("create group: %v", err)
	}
	return g
}

func (f *apportionFix) run(tb testing.TB, g int64) *voltpay.ApportionRun {
	tb.Helper()
	r, err := f.svc.RunApportionment(AdminContext(), g, "2026-09")
	if err != nil {
		tb.Fatalf("run: %v", err)
	}
	return r
}

// wantLines fails unless the run's lines charge want fen, in member order,
// and the ledger holds exactly those entries with balances that are the
// sum of each account's entries.
func (f *apportionFix) wantLines(tb testing.TB, r *voltpay.ApportionRun, want ...voltpay.Fen) {
	tb.Helper()
	var got []voltpay.Fen
	var sum voltpay.Fen
	accounts := []int64{}
	for _, l := range r.Lines {
		got = append(got, l.AmountFen)
		sum += l.AmountFen
		accounts = append(accounts, l.AccountID)
		if (l.AmountFen == 0) != (l.EntryID == nil) {
			tb.Errorf("line of account %d: %d fen with entry %v", l.AccountID, l.AmountFen, l.EntryID)
		}
		if !strings.HasPrefix(l.Note, "公摊 2026-09: ") {
			tb.Errorf("note %q", l.Note)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		tb.Fatalf("lines: got %v fen, want %v", got, want)
	}
	if sum != r.TotalFen {
		tb.Fatalf("lines add up to %d fen, the run's total is %d", sum, r.TotalFen)
	}
	var entries voltpay.Fen
	if err := f.db.Get(&entries, `SELECT coalesce(-sum(amount_fen), 0) FROM ledger_entries
		WHERE type = 'apportionment' AND account_id = ANY($1) AND idempotency_key LIKE $2`,
		pq.Array(accounts), fmt.Sprintf("apportion:%d:%%", r.ID)); err != nil {
		tb.Fatal(err)
	}
	if entries != r.TotalFen {
		tb.Fatalf("ledger: %d fen of apportionment entries, want %d", entries, r.TotalFen)
	}
	var bad int
	if err := f.db.Get(&bad, `SELECT count(*) FROM accounts a
		WHERE a.id = ANY($1) AND a.balance_fen <> (SELECT sum(amount_fen) FROM ledger_entries WHERE account_id = a.id)`,
		pq.Array(accounts)); err != nil || bad != 0 {
		tb.Fatalf("%d balances differ from the sum of their entries (%v)", bad, err)
	}
}

func area(v int64) voltpay.ApportionMember { return voltpay.ApportionMember{AreaM2X100: &v} }

func TestApportion_AreaSplitsExactly(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 2, 50_000) // 50 kWh × CT 2 = 100 kWh: 85.23 yuan
	a, b, c := f.account(t), f.account(t), f.account(t)
	ms := []voltpay.ApportionMember{area(10000), area(20000), area(30001)}
	ms[0].AccountID, ms[1].AccountID, ms[2].AccountID = a, b, c
	g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionArea,
		Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}}, Members: ms})
	r := f.run(t, g.ID)
	if r.CommonWh != 100_000 || r.TotalWh != 100_000 || r.TotalFen != 8523 || r.Month() != "2026-09" {
		t.Fatalf("run: %+v", r)
	}
	f.wantLines(t, r, 1420, 2841, 4262)
	if r.Lines[1].EnergyWh+r.Lines[0].EnergyWh+r.Lines[2].EnergyWh != 100_000 {
		t.Errorf("line energies do not add up: %+v", r.Lines)
	}
	acct, err := postgres.NewAccountService(f.db).FindAccountByID(AdminContext(), a)
	if err != nil || acct.BalanceFen != 100_000-1420 {
		t.Fatalf("balance of a: %v %v", acct, err)
	}

	// A statement per account, and a tenant sees only theirs.
	lines, err := f.svc.FindApportionLines(TenantContext(b), b, 0)
	if err != nil || len(lines) != 1 || lines[0].AmountFen != 2841 || lines[0].Month != "2026-09" {
		t.Fatalf("statement of b: %+v %v", lines, err)
	}
	_, err = f.svc.FindApportionLines(TenantContext(b), a, 0)
	wantCode(t, err, voltpay.EFORBIDDEN)
	runs, err := f.svc.FindApportionRuns(TenantContext(c), g.ID)
	if err != nil || len(runs) != 1 || len(runs[0].Lines) != 1 || runs[0].Lines[0].AccountID != c {
		t.Fatalf("runs as tenant c: %+v %v", runs, err)
	}
	// A tenant app person bound to no account sees no run (not every line).
	if runs, err := f.svc.FindApportionRuns(TenantContext(0), g.ID); err != nil || len(runs) != 0 {
		t.Fatalf("runs as a tenant without an account: %+v %v", runs, err)
	}
	runs, err = f.svc.FindApportionRuns(AdminContext(), g.ID)
	if err != nil || len(runs) != 1 || len(runs[0].Lines) != 3 || !runs[0].PeriodStart.Equal(r.PeriodStart) {
		t.Fatalf("runs: %+v %v", runs, err)
	}
}

func TestApportion_ByUsage(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 1, 100_000)
	a, b, c := f.account(t, f.monthMeter(t, 1, 10_000)), f.account(t, f.monthMeter(t, 1, 30_000)),
		f.account(t, f.monthMeter(t, 1, 20_000), f.monthMeter(t, 2, 20_000)) // c: 20 + 40 kWh
	g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionUsage,
		Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}},
		Members: []voltpay.ApportionMember{{AccountID: a}, {AccountID: b}, {AccountID: c}}})
	r := f.run(t, g.ID)
	f.wantLines(t, r, 852, 2557, 5114) // 852.3, 2556.9, 5113.8
	if r.Lines[2].Weight != 60_000 {
		t.Errorf("weight of c: %d Wh, want 60000", r.Lines[2].Weight)
	}
}

func TestApportion_FixedShares(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 1, 100_000)
	bp := func(acct, v int64) voltpay.ApportionMember {
		return voltpay.ApportionMember{AccountID: acct, ShareBP: &v}
	}
	g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionFixed,
		Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}},
		Members: []voltpay.ApportionMember{bp(f.account(t), 5000), bp(f.account(t), 3000), bp(f.account(t), 2000)}})
	r := f.run(t, g.ID)
	f.wantLines(t, r, 4261, 2557, 1705)
	if !strings.HasSuffix(r.Lines[0].Note, "× 50.00%") {
		t.Errorf("note %q", r.Lines[0].Note)
	}
}

func TestApportion_LineLoss(t *testing.T) {
	for _, c := range []struct {
		name               string
		masterWh, wantLoss voltpay.Wh
		wantFen            voltpay.Fen
		wantLines          []voltpay.Fen
		wantNote           string
	}{
		// master 300 − (members 100 + 50 + common 100) = 50 kWh of loss; 150 kWh × 0.8523 = 127.845.
		{"loss", 300_000, 50_000, 12785, []voltpay.Fen{8523, 4262}, ""},
		{"negative", 200_000, 0, 8523, []voltpay.Fen{5682, 2841}, "line loss negative"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newApportionFix(t)
			common, master := f.monthMeter(t, 1, 100_000), f.monthMeter(t, 1, c.masterWh)
			a, b := f.account(t, f.monthMeter(t, 1, 100_000)), f.account(t, f.monthMeter(t, 1, 50_000))
			g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionUsage, IncludeLineLoss: true,
				Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}, {MeterID: master, Role: voltpay.SourceMaster}},
				Members: []voltpay.ApportionMember{{AccountID: a}, {AccountID: b}}})
			r := f.run(t, g.ID)
			if r.LineLossWh != c.wantLoss || r.CommonWh != 100_000 || r.TotalFen != c.wantFen || !strings.Contains(r.Note, c.wantNote) {
				t.Fatalf("run: %+v", r)
			}
			f.wantLines(t, r, c.wantLines...)
		})
	}
}

func TestApportion_MonthOnce(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 1, 100_000)
	a := f.account(t)
	g := f.group(t, voltpay.ApportionGroupInput{Method: voltpay.ApportionArea,
		Sources: []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}},
		Members: []voltpay.ApportionMember{{AccountID: a, AreaM2X100: refOf[int64](100)}}})
	first := f.run(t, g.ID)
	again := f.run(t, g.ID)
	if again.ID != first.ID || again.TotalFen != first.TotalFen || len(again.Lines) != 1 || *again.Lines[0].EntryID != *first.Lines[0].EntryID {
		t.Fatalf("second run: %+v, want the first %+v", again, first)
	}
	var n int
	if err := f.db.Get(&n, `SELECT count(*) FROM ledger_entries WHERE account_id = $1 AND type = 'apportionment'`, a); err != nil || n != 1 {
		t.Fatalf("%d apportionment entries (%v), want 1", n, err)
	}
	thisMonth := f.db.Now().In(cst("2026-01-01 00:00:00").Location()).Format("2006-01")
	_, err := f.svc.RunApportionment(AdminContext(), g.ID, thisMonth)
	wantCode(t, err, voltpay.ECONFLICT)
	_, err = f.svc.RunApportionment(AdminContext(), g.ID, "2026-13")
	wantCode(t, err, voltpay.EINVALID)
	_, err = f.svc.RunApportionment(AdminContext(), 987654321, "2026-09")
	wantCode(t, err, voltpay.ENOTFOUND)
	if _, err := f.db.Exec(`DELETE FROM apportion_runs WHERE id = $1`, first.ID); err == nil {
		t.Fatal("a run was deleted: runs are append-only")
	}
}

func TestApportion_Validation(t *testing.T) {
	f := newApportionFix(t)
	common := f.monthMeter(t, 1, 1000)
	a, b := f.account(t), f.account(t)
	other := newChargeFix(t)
	foreign := other.meter(t, 0, 1, voltpay.PrepaidPlatform)
	src := []voltpay.ApportionSource{{MeterID: common, Role: voltpay.SourceCommon}}
	ok := voltpay.ApportionGroupInput{SiteID: f.site, TariffID: f.tariff, Name: "A座公摊", Method: voltpay.ApportionFixed, Sources: src,
		Members: []voltpay.ApportionMember{{AccountID: a, ShareBP: refOf[int64](6000)}, {AccountID: b, ShareBP: refOf[int64](4000)}}}
	for _, c := range []struct {
		name string
		edit func(in *voltpay.ApportionGroupInput)
		code string
	}{
		{"shares not 100%", func(in *voltpay.ApportionGroupInput) { in.Members[1].ShareBP = refOf[int64](3000) }, voltpay.EINVALID},
		{"area missing", func(in *voltpay.ApportionGroupInput) { in.Method = voltpay.ApportionArea }, voltpay.EINVALID},
		{"unknown method", func(in *voltpay.ApportionGroupInput) { in.Method = "headcount" }, voltpay.EINVALID},
		{"nothing shared", func(in *voltpay.ApportionGroupInput) { in.Sources = nil }, voltpay.EINVALID},
		{"loss without master", func(in *voltpay.ApportionGroupInput) { in.IncludeLineLoss = true }, voltpay.EINVALID},
		{"no members", func(in *voltpay.ApportionGroupInput) { in.Members = nil }, voltpay.EINVALID},
		{"member twice", func(in *voltpay.ApportionGroupInput) { in.Members[1].AccountID = a }, voltpay.EINVALID},
		{"meter of another site", func(in *voltpay.ApportionGroupInput) { in.Sources[0].MeterID = foreign }, voltpay.ENOTFOUND},
		{"tariff of another site", func(in *voltpay.ApportionGroupInput) { in.TariffID = other.tariff(t, flat9000) }, voltpay.ENOTFOUND},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := ok
			in.Sources = append([]voltpay.ApportionSource(nil), ok.Sources...)
			in.Members = append([]voltpay.ApportionMember(nil), ok.Members...)
			c.edit(&in)
			_, err := f.svc.CreateApportionGroup(AdminContext(), in)
			wantCode(t, err, c.code)
		})
	}
	g, err := f.svc.CreateApportionGroup(AdminContext(), ok)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.CreateApportionGroup(AdminContext(), ok)
	wantCode(t, err, voltpay.ECONFLICT)
	ok.Method, ok.Members = voltpay.ApportionUsage, []voltpay.ApportionMember{{AccountID: b}}
	g2, err := f.svc.UpdateApportionGroup(AdminContext(), g.ID, ok)
	if err != nil || g2.Method != voltpay.ApportionUsage || len(g2.Members) != 1 || g2.Members[0].AccountID != b || len(g2.Sources) != 1 {
		t.Fatalf("update: %+v %v", g2, err)
	}
}
