package postgres_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// statementMonth is the hand-computed month of TestAccountStatement: see
// statementFixture.
type statementMonth struct {
	f            *chargeFix
	acct         int64
	oldM, newM   int64
	cashSale     int64
	firstCharge  int64
	otherAccount int64
}

// statementFixture books November 2026 (China time) of one account:
//   - opened on 31 October with 1,000 yuan cash: the opening balance;
//   - meter A at 0.8523 yuan/kWh until 15 November, then on touDay (valley
//     0.40, peak 1.20, flat 0.80) from 00:00 that day (a tariff change):
//     10 kWh to 10 Nov (852.30 → 852 fen), 10 kWh to 15 Nov 00:00 (carry:
//     1,704.60 → 1,705, so 853), by its rate registers 2 kWh peak and 4 kWh
//     valley to 15 Nov 12:00 (240 + 160 = 400), 1 kWh flat to 20 Nov (80);
//   - the first charge corrected to 800 fen (a correction of +52);
//   - 50 yuan by bank on 5 Nov, 20 yuan cash on 6 Nov reversed the same day;
//   - 10 yuan refunded in cash on 25 Nov;
//   - A replaced by meter B on 28 Nov at its last register (nothing more to
//     charge), B on touDay from 500 Wh: 1 kWh flat to 29 Nov 00:00 (80 fen,
//     the carry going on from A's).
//
// Closing: 100,000 + 5,000 + 2,000 − 2,000 − 1,000 − 2,265 + 52 = 101,787 fen.
func statementFixture(t *testing.T) *statementMonth {
	t.Helper()
	f := newChargeFix(t)
	ctx := AdminContext()
	at := func(s string) { f.db.Now = func() time.Time { return cst(s) } }
	flat, tou := f.tariff(t, flat8523), f.tariff(t, touDay)
	s := &statementMonth{f: f}
	s.oldM = f.meter(t, flat, 1, "")
	s.newM = f.meter(t, tou, 1, "")
	if _, err := f.db.Exec(`INSERT INTO meter_tariffs (meter_id, tariff_id, effective_from) VALUES ($1, $2, $3), ($1, $4, $5)`,
		s.oldM, flat, cst("2026-01-01 00:00:00"), tou, cst("2026-11-15 00:00:00")); err != nil {
		t.Fatal(err)
	}
	at("2026-10-31 12:00:00")
	s.acct = f.account(t, s.oldM)
	s.otherAccount = f.account(t)
	f.read(t, s.oldM, "2026-10-31 23:00:00", 0, 0, 0, 0, 0)
	at("2026-10-31 23:30:00")
	f.charge(t, s.oldM)

	ledger := postgres.NewLedgerService(f.db)
	at("2026-11-05 09:00:00")
	if _, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: s.acct, AmountFen: 5000, Channel: voltpay.ChannelBank, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	at("2026-11-06 09:00:00")
	sale, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: s.acct, AmountFen: 2000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	s.cashSale = sale.ID
	at("2026-11-06 10:00:00")
	if _, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: sale.ID, Reason: "wrong account", IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}

	f.read(t, s.oldM, "2026-11-10 10:00:00", 10_000, 0, 0, 10_000, 0)
	at("2026-11-10 11:00:00")
	f.charge(t, s.oldM)
	f.read(t, s.oldM, "2026-11-15 00:00:00", 20_000, 0, 0, 20_000, 0)
	f.read(t, s.oldM, "2026-11-15 12:00:00", 26_000, 0, 2000, 20_000, 4000)
	f.read(t, s.oldM, "2026-11-20 10:00:00", 27_000, 0, 2000, 21_000, 4000)
	at("2026-11-20 11:00:00")
	f.charge(t, s.oldM)
	f.wantAmounts(t, s.oldM, 852, 853, 400, 80)
	if err := f.db.Get(&s.firstCharge, `SELECT min(id) FROM ledger_entries WHERE meter_id = $1 AND type = 'charge'`, s.oldM); err != nil {
		t.Fatal(err)
	}
	at("2026-11-21 09:00:00")
	if _, err := ledger.CorrectCharge(ctx, voltpay.CorrectChargeInput{EntryID: s.firstCharge, AmountFen: 800,
		Reason: "the register was misread", IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	at("2026-11-25 09:00:00")
	if _, err := ledger.Refund(ctx, voltpay.RefundInput{AccountID: s.acct, AmountFen: 1000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	at("2026-11-28 12:00:00")
	if _, _, err := postgres.NewAccountService(f.db).ReplaceMeter(ctx, voltpay.ReplaceMeterInput{OldMeterID: s.oldM, NewMeterID: s.newM,
		FinalEnergyWh: 27_000, NewStartEnergyWh: 500, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	f.read(t, s.newM, "2026-11-29 00:00:00", 1500)
	at("2026-11-29 01:00:00")
	f.charge(t, s.newM)
	f.wantAmounts(t, s.newM, 80)
	return s
}

// TestAccountStatement checks a hand-computed month with a tariff change, a
// correction, a reversal and a meter replacement: opening and closing are
// the ledger's balances after at the month's edges, every movement adds up
// from one to the other, and the charges split by rate add up to the
// charge entries.
func TestAccountStatement(t *testing.T) {
	s := statementFixture(t)
	svc := postgres.NewStatementService(s.f.db)
	st, err := svc.AccountStatement(AdminContext(), s.acct, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	if st.OpeningFen != 100_000 || st.ClosingFen != 101_787 {
		t.Fatalf("opening %d, closing %d: want 100,000 and 101,787", st.OpeningFen, st.ClosingFen)
	}
	sum := st.OpeningFen
	for _, tt := range st.ByType {
		sum += tt.AmountFen
	}
	if sum != st.ClosingFen {
		t.Fatalf("opening + movements = %d, closing %d", sum, st.ClosingFen)
	}
	var balance voltpay.Fen
	if err := s.f.db.Get(&balance, `SELECT balance_fen FROM accounts WHERE id = $1`, s.acct); err != nil {
		t.Fatal(err)
	}
	if balance != st.ClosingFen {
		t.Fatalf("account balance %d, closing %d", balance, st.ClosingFen)
	}
	want := map[string]voltpay.Fen{voltpay.EntrySale: 7000, voltpay.EntryRefund: -1000, voltpay.EntryReversal: -2000,
		voltpay.EntryCharge: -2265, voltpay.EntryCorrection: 52}
	for typ, fen := range want {
		if got := st.Total(typ); got != fen {
			t.Errorf("%s: %d fen, want %d", typ, got, fen)
		}
	}
	if got := fmt.Sprint(channels(st.Purchases), channels(st.Refunds)); got != "[cash 2000 bank 5000] [cash -1000]" {
		t.Errorf("purchases and refunds by channel: %s", got)
	}
	var lines []string
	for _, c := range st.Charges {
		lines = append(lines, fmt.Sprintf("%d %s/%d %d Wh %d fen", c.MeterID, c.Rate, c.Tier, c.EnergyWh, c.AmountFen))
	}
	wantLines := fmt.Sprint([]string{
		fmt.Sprintf("%d peak/0 2000 Wh 240 fen", s.oldM), fmt.Sprintf("%d flat/0 21000 Wh 1785 fen", s.oldM),
		fmt.Sprintf("%d valley/0 4000 Wh 160 fen", s.oldM), fmt.Sprintf("%d flat/0 1000 Wh 80 fen", s.newM)})
	if fmt.Sprint(lines) != wantLines {
		t.Errorf("charges by rate:\n got %v\nwant %v", lines, wantLines)
	}
	if st.UnsplitChargeFen != 0 {
		t.Errorf("unsplit charges %d fen, want 0: the split adds up to the entries", st.UnsplitChargeFen)
	}

	t.Run("October: the opening sale only", func(t *testing.T) {
		oct, err := svc.AccountStatement(AdminContext(), s.acct, "2026-10")
		if err != nil {
			t.Fatal(err)
		}
		if oct.OpeningFen != 0 || oct.ClosingFen != 100_000 || len(oct.Charges) != 0 {
			t.Fatalf("October: %+v", oct)
		}
	})
	t.Run("a tenant reads their own, not another's", func(t *testing.T) {
		if _, err := svc.AccountStatement(TenantContext(s.acct), s.acct, "2026-11"); err != nil {
			t.Fatal(err)
		}
		_, err := svc.AccountStatement(TenantContext(s.otherAccount), s.acct, "2026-11")
		if voltpay.ErrorCode(err) != voltpay.ENOTFOUND {
			t.Fatalf("another tenant: %v, want NOT_FOUND", err)
		}
	})
	t.Run("bad months", func(t *testing.T) {
		for _, m := range []string{"2026-13", "2026-1", "November", "0000-01"} {
			if _, err := svc.AccountStatement(AdminContext(), s.acct, m); voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Errorf("month %q: %v, want INVALID_INPUT", m, err)
			}
		}
	})
}

func channels(ts []*voltpay.ChannelTotal) []string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s %d", t.Channel, t.AmountFen))
	}
	return out
}
