package postgres_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
)

// assertMeterBalancesAreSums fails unless every meter balance of the
// account is the sum of the account's entries naming the meter, and
// returns them by meter.
func assertMeterBalancesAreSums(tb testing.TB, db *postgres.DB, accountID int64) map[int64]voltpay.Fen {
	tb.Helper()
	rows := []struct {
		MeterID int64       `db:"meter_id"`
		Balance voltpay.Fen `db:"balance_fen"`
		Sum     voltpay.Fen `db:"sum"`
	}{}
	if err := db.Select(&rows, `
		SELECT b.meter_id, b.balance_fen, coalesce((SELECT sum(amount_fen) FROM ledger_entries e
			WHERE e.account_id = b.account_id AND e.meter_id = b.meter_id), 0) AS sum
		FROM meter_balances b WHERE b.account_id = $1`, accountID); err != nil {
		tb.Fatal(err)
	}
	var missing int
	if err := db.Get(&missing, `
		SELECT count(*) FROM (SELECT DISTINCT meter_id FROM ledger_entries WHERE account_id = $1 AND meter_id IS NOT NULL) e
		WHERE NOT EXISTS (SELECT 1 FROM meter_balances b WHERE b.account_id = $1 AND b.meter_id = e.meter_id)`, accountID); err != nil {
		tb.Fatal(err)
	}
	if missing != 0 {
		tb.Fatalf("%d meters with entries have no balance row", missing)
	}
	out := map[int64]voltpay.Fen{}
	for _, r := range rows {
		if r.Balance != r.Sum {
			tb.Fatalf("meter %d: balance %d != sum of its entries %d", r.MeterID, r.Balance, r.Sum)
		}
		out[r.MeterID] = r.Balance
	}
	return out
}

// mkPerMeterAccount opens a per-meter account on a new site holding two
// new DL/T 645 meters whose relays are closed.
func mkPerMeterAccount(t *testing.T, db *postgres.DB) (*voltpay.Account, *voltpay.Meter, *voltpay.Meter) {
	t.Helper()
	site := MustCreateSite(t, db)
	m1, m2 := mkDirectMeter(t, db, site.ID), mkDirectMeter(t, db, site.ID)
	a, _, err := postgres.NewAccountService(db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account: voltpay.AccountInput{SiteID: site.ID, TenantName: "王记超市", Phone: "13812345678",
			BalanceMode: voltpay.BalancePerMeter},
		MeterIDs: []int64{m1.ID, m2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if a.BalanceMode != voltpay.BalancePerMeter {
		t.Fatalf("balance mode %q, want per_meter", a.BalanceMode)
	}
	if _, err := db.Exec(`UPDATE meters SET relay = 'closed' WHERE id = ANY(ARRAY[$1, $2]::bigint[])`, m1.ID, m2.ID); err != nil {
		t.Fatal(err)
	}
	return a, m1, m2
}

// pendingKinds lists the kinds of meterID's pending commands.
func pendingKinds(t *testing.T, db *postgres.DB, meterID int64) []string {
	t.Helper()
	kinds := []string{}
	if err := db.Select(&kinds, `SELECT kind FROM meter_commands WHERE meter_id = $1 AND state = 'pending' ORDER BY id`, meterID); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// TestLedger_PerMeter: in an account keeping one balance per meter, money
// names a meter and moves only that meter's balance; a refund is limited by
// the meter's balance; the controller trips and closes each meter on its
// own balance and raises its alarms on the meter; the sums hold throughout.
func TestLedger_PerMeter(t *testing.T) {
	db := MustOpenDB(t)
	ls := postgres.NewLedgerService(db)
	ctx := AdminContext()
	a, m1, m2 := mkPerMeterAccount(t, db)
	sell := func(m *voltpay.Meter, fen voltpay.Fen) {
		t.Helper()
		if _, err := ls.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: fen, Channel: voltpay.ChannelCash,
			IdempotencyKey: newKey(), MeterID: &m.ID}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(want1, want2 voltpay.Fen) {
		t.Helper()
		total := assertBalanceIsSum(t, db, a.ID)
		got := assertMeterBalancesAreSums(t, db, a.ID)
		if got[m1.ID] != want1 || got[m2.ID] != want2 || total != want1+want2 {
			t.Fatalf("balances: meter 1 %d, meter 2 %d, account %d; want %d, %d, %d", got[m1.ID], got[m2.ID], total, want1, want2, want1+want2)
		}
	}

	t.Run("ErrSaleWithoutMeter", func(t *testing.T) {
		_, err := ls.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
		wantCode(t, err, voltpay.EINVALID)
		other := mkDirectMeter(t, db, a.SiteID)
		_, err = ls.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &other.ID})
		wantCode(t, err, voltpay.EINVALID)
	})
	sell(m1, 1000)
	check(1000, 0)
	sell(m2, 300)
	e, err := ls.Charge(ctx, voltpay.ChargeInput{AccountID: a.ID, MeterID: m2.ID, AmountFen: 500, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatal(err)
	}
	if e.MeterBalanceAfterFen == nil || *e.MeterBalanceAfterFen != -200 || e.BalanceAfterFen != 800 {
		t.Fatalf("charge: meter balance after %v, account %d; want -200, 800", e.MeterBalanceAfterFen, e.BalanceAfterFen)
	}
	check(1000, -200)

	// The account is 8 yuan up, but meter 2 is in arrears: it alone trips.
	ctl := billing.NewController(billing.ControllerConfig{}, postgres.NewControlStore(db), postgres.NewCommandService(db), nil, nil)
	if err := ctl.Evaluate(ctx, []int64{a.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if got1, got2 := pendingKinds(t, db, m1.ID), pendingKinds(t, db, m2.ID); len(got1) != 0 || !slices.Equal(got2, []string{voltpay.CmdTrip}) {
		t.Fatalf("commands: meter 1 %v, meter 2 %v; want none and one trip", got1, got2)
	}
	alarms := func(meterID int64) []string {
		t.Helper()
		kinds := []string{}
		if err := db.Select(&kinds, `SELECT kind FROM alarms WHERE meter_id = $1 AND cleared_at IS NULL ORDER BY kind`, meterID); err != nil {
			t.Fatal(err)
		}
		return kinds
	}
	if got := alarms(m2.ID); !slices.Contains(got, voltpay.AlarmArrears) {
		t.Errorf("meter 2 alarms %v; want arrears", got)
	}
	if got := alarms(m1.ID); slices.Contains(got, voltpay.AlarmArrears) {
		t.Errorf("meter 1 alarms %v; want no arrears", got)
	}
	var accountAlarms int
	if err := db.Get(&accountAlarms, `SELECT count(*) FROM alarms WHERE account_id = $1 AND meter_id IS NULL AND cleared_at IS NULL`, a.ID); err != nil {
		t.Fatal(err)
	}
	if accountAlarms != 0 {
		t.Errorf("%d account alarms; a per-meter account's balance alarms are its meters'", accountAlarms)
	}

	t.Run("ErrRefundAboveMeter", func(t *testing.T) {
		_, err := ls.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &m2.ID})
		wantCode(t, err, voltpay.EINSUFFICIENT_BALANCE)
		_, err = ls.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: 100, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
		wantCode(t, err, voltpay.EINVALID)
	})
	if _, err := ls.Refund(ctx, voltpay.RefundInput{AccountID: a.ID, AmountFen: 400, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &m1.ID}); err != nil {
		t.Fatal(err)
	}
	check(600, -200)

	// The trip took effect; a sale to meter 2 lifts it above zero: it closes.
	if _, err := db.Exec(`UPDATE meter_commands SET state = 'cancelled', done_at = now() WHERE meter_id = $1 AND state = 'pending'`, m2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE meters SET relay = 'open' WHERE id = $1`, m2.ID); err != nil {
		t.Fatal(err)
	}
	sell(m2, 1000)
	check(600, 800)
	if err := ctl.Evaluate(ctx, []int64{a.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if got1, got2 := pendingKinds(t, db, m1.ID), pendingKinds(t, db, m2.ID); len(got1) != 0 || !slices.Equal(got2, []string{voltpay.CmdClose}) {
		t.Fatalf("after the sale: meter 1 %v, meter 2 %v; want none and one close", got1, got2)
	}
	if got := alarms(m2.ID); slices.Contains(got, voltpay.AlarmArrears) {
		t.Errorf("meter 2 alarms after the sale %v; want arrears cleared", got)
	}
}

// TestAccount_PerMeterReplaceAndSwitch: replacing a meter of a per-meter
// account moves its balance to the new meter; a meter with money cannot be
// detached; switching to per-meter needs every fen on a meter.
func TestAccount_PerMeterReplaceAndSwitch(t *testing.T) {
	db := MustOpenDB(t)
	ls := postgres.NewLedgerService(db)
	as := postgres.NewAccountService(db)
	ctx := AdminContext()
	a, m1, m2 := mkPerMeterAccount(t, db)
	if _, err := ls.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 700, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &m1.ID}); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrDetachWithBalance", func(t *testing.T) {
		_, err := as.DetachMeter(ctx, a.ID, m1.ID)
		wantCode(t, err, voltpay.ECONFLICT)
	})
	nm := mkDirectMeter(t, db, a.SiteID)
	if _, _, err := as.ReplaceMeter(ctx, voltpay.ReplaceMeterInput{OldMeterID: m1.ID, NewMeterID: nm.ID, FinalEnergyWh: 0,
		NewStartEnergyWh: 0, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	got := assertMeterBalancesAreSums(t, db, a.ID)
	if got[m1.ID] != 0 || got[nm.ID] != 700 || assertBalanceIsSum(t, db, a.ID) != 700 {
		t.Fatalf("after replacement: old %d, new %d; want 0, 700", got[m1.ID], got[nm.ID])
	}
	bs, err := as.MeterBalances(ctx, []int64{m1.ID, nm.ID, m2.ID})
	if err != nil || len(bs) != 2 || bs[nm.ID] != 700 || bs[m2.ID] != 0 {
		t.Fatalf("MeterBalances = %v, %v; want the new meter's 700 and meter 2's 0, not the replaced meter's", bs, err)
	}
	// Meter 2 at zero is in arrears in this account: detaching it clears that.
	if _, err := db.Exec(`INSERT INTO alarms (kind, account_id, meter_id, message) VALUES ('arrears', $1, $2, 'test')`, a.ID, m2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := as.DetachMeter(ctx, a.ID, m2.ID); err != nil {
		t.Fatalf("detach an empty meter: %v", err)
	}
	var open int
	if err := db.Get(&open, `SELECT count(*) FROM alarms WHERE meter_id = $1 AND cleared_at IS NULL`, m2.ID); err != nil || open != 0 {
		t.Fatalf("%d alarms left open on the detached meter (%v)", open, err)
	}
	res, err := as.CloseAccount(ctx, voltpay.CloseAccountInput{AccountID: a.ID, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()})
	if err != nil || res.Refund == nil || res.Refund.AmountFen != -700 || derefID(res.Refund.MeterID) != nm.ID {
		t.Fatalf("close: %+v, %v; want the new meter's 7 yuan refunded", res, err)
	}

	t.Run("Switch", func(t *testing.T) {
		shared := MustOpenAccount(t, db, 500) // a sale without a meter
		in := voltpay.AccountInput{SiteID: shared.SiteID, TenantName: shared.TenantName, Phone: shared.Phone,
			BalanceMode: voltpay.BalancePerMeter}
		_, err := as.UpdateAccount(ctx, shared.ID, in)
		wantCode(t, err, voltpay.ECONFLICT)

		// A shared account whose money was all sold to its meters switches,
		// its meter balances rebuilt from its entries.
		sm1, sm2 := mkDirectMeter(t, db, shared.SiteID), mkDirectMeter(t, db, shared.SiteID)
		withMeters := mkAccount(t, db, shared.SiteID, sm1.ID, sm2.ID)
		for _, e := range []struct {
			m   int64
			fen voltpay.Fen
		}{{sm1.ID, 900}, {sm2.ID, 100}} {
			if _, err := ls.Sell(ctx, voltpay.SaleInput{AccountID: withMeters.ID, AmountFen: e.fen, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &e.m}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ls.Charge(ctx, voltpay.ChargeInput{AccountID: withMeters.ID, MeterID: sm2.ID, AmountFen: 300, IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
		if bs, err := as.MeterBalances(ctx, []int64{sm1.ID}); err != nil || len(bs) != 0 {
			t.Fatalf("a shared account's meter balances: %v, %v; want none", bs, err)
		}
		sw := voltpay.AccountInput{SiteID: withMeters.SiteID, TenantName: withMeters.TenantName, Phone: withMeters.Phone,
			BalanceMode: voltpay.BalancePerMeter}
		if _, err := as.UpdateAccount(ctx, withMeters.ID, sw); err != nil {
			t.Fatalf("switch an account whose money is all on meters: %v", err)
		}
		if got := assertMeterBalancesAreSums(t, db, withMeters.ID); got[sm1.ID] != 900 || got[sm2.ID] != -200 {
			t.Fatalf("rebuilt meter balances %v; want 900 and -200", got)
		}
		if _, err := db.Exec(`UPDATE meter_balances SET balance_fen = 0 WHERE account_id = $1`, withMeters.ID); err == nil ||
			!strings.Contains(err.Error(), "changes only through ledger_entries") {
			t.Fatalf("writing meter_balances directly: %v; want it refused", err)
		}
		fresh := MustOpenAccount(t, db, 0)
		in.SiteID = fresh.SiteID
		got, err := as.UpdateAccount(ctx, fresh.ID, in)
		if err != nil || got.BalanceMode != voltpay.BalancePerMeter {
			t.Fatalf("switch an account without entries: %+v, %v", got, err)
		}
		in.BalanceMode = ""
		if got, err = as.UpdateAccount(ctx, fresh.ID, in); err != nil || got.BalanceMode != voltpay.BalancePerMeter {
			t.Fatalf("an edit without a mode keeps it: %+v, %v", got, err)
		}
		in.BalanceMode = voltpay.BalanceShared
		if got, err = as.UpdateAccount(ctx, fresh.ID, in); err != nil || got.BalanceMode != voltpay.BalanceShared {
			t.Fatalf("back to shared: %+v, %v", got, err)
		}
	})
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// TestLedger_TransferBetweenMeters: within a per-meter account, money
// moves from one meter to another (the account's total unchanged), even
// while another meter of the account is in arrears; never more than the
// meter holds; not within a shared account, nor to the same meter.
func TestLedger_TransferBetweenMeters(t *testing.T) {
	db := MustOpenDB(t)
	ledger := postgres.NewLedgerService(db)
	a, m1, m2 := mkPerMeterAccount(t, db)
	if _, err := ledger.Sell(AdminContext(), voltpay.SaleInput{AccountID: a.ID, MeterID: &m1.ID, AmountFen: 1000,
		Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.Charge(AdminContext(), voltpay.ChargeInput{AccountID: a.ID, MeterID: m2.ID, AmountFen: 1500,
		IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	move := func(from, to *int64, fen voltpay.Fen) error {
		_, _, err := ledger.Transfer(AdminContext(), voltpay.TransferInput{FromAccountID: a.ID, ToAccountID: a.ID,
			FromMeterID: from, ToMeterID: to, AmountFen: fen, IdempotencyKey: newKey(), Note: "tenant asked"})
		return err
	}
	// The account is at -500 in all; meter 1 holds 1000 and gives 800 to meter 2.
	if err := move(&m1.ID, &m2.ID, 800); err != nil {
		t.Fatalf("transfer between meters: %v", err)
	}
	bal := assertMeterBalancesAreSums(t, db, a.ID)
	if bal[m1.ID] != 200 || bal[m2.ID] != -700 {
		t.Fatalf("meter balances %v, want 200 and -700", bal)
	}
	wantCode(t, move(&m1.ID, &m2.ID, 201), voltpay.EINSUFFICIENT_BALANCE)
	wantCode(t, move(&m1.ID, &m1.ID, 1), voltpay.EINVALID)
	wantCode(t, move(&m1.ID, nil, 1), voltpay.EINVALID)
	shared := MustOpenAccount(t, db, 1000)
	_, _, err := ledger.Transfer(AdminContext(), voltpay.TransferInput{FromAccountID: shared.ID, ToAccountID: shared.ID,
		FromMeterID: &m1.ID, ToMeterID: &m2.ID, AmountFen: 1, IdempotencyKey: newKey()})
	wantCode(t, err, voltpay.EINVALID)
}
