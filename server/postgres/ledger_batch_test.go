package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// The charging batch's path through the ledger (voltpay.batch_balances):
// right balances after move each account once by its total; a wrong one,
// a closed account or an account with a balance per meter fails the whole
// statement (VPX01) and changes nothing.
func TestLedger_BatchBalances(t *testing.T) {
	db := MustOpenDB(t)
	a := MustOpenAccount(t, db, 1000)
	b := MustOpenAccount(t, db, 0)
	insert := func(t *testing.T, accounts []int64, amounts, after []int64) error {
		t.Helper()
		tx, err := db.BeginTxx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec(`SELECT set_config('voltpay.batch_balances', 'on', true)`); err != nil {
			t.Fatal(err)
		}
		keys := make([]string, len(accounts))
		for i := range keys {
			keys[i] = newKey()
		}
		if _, err := tx.Exec(`INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key, receipt_no)
			SELECT a, 'charge', f, b, k, '' FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[]) AS e (a, f, b, k)`,
			pq.Array(accounts), pq.Array(amounts), pq.Array(after), pq.Array(keys)); err != nil {
			return err
		}
		return tx.Commit()
	}
	wantVPX := func(t *testing.T, err error) {
		t.Helper()
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != "VPX01" {
			t.Fatalf("got %v, want VPX01", err)
		}
	}
	balance := func(id int64) voltpay.Fen {
		var f voltpay.Fen
		if err := db.Get(&f, `SELECT balance_fen FROM accounts WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		return f
	}

	if err := insert(t, []int64{a.ID, b.ID, a.ID}, []int64{-100, -50, -200}, []int64{900, -50, 700}); err != nil {
		t.Fatalf("a batch that adds up: %v", err)
	}
	if balance(a.ID) != 700 || balance(b.ID) != -50 {
		t.Fatalf("balances %d and %d, want 700 and -50", balance(a.ID), balance(b.ID))
	}
	wantVPX(t, insert(t, []int64{a.ID, a.ID}, []int64{-100, -100}, []int64{600, 600}))
	if balance(a.ID) != 700 {
		t.Fatalf("a failed batch moved the balance to %d", balance(a.ID))
	}
	if _, err := db.Exec(`UPDATE accounts SET balance_mode = 'per_meter' WHERE id = $1`, b.ID); err == nil {
		wantVPX(t, insert(t, []int64{b.ID}, []int64{-10}, []int64{-60}))
	}
	var sum voltpay.Fen
	if err := db.Get(&sum, `SELECT sum(amount_fen) FROM ledger_entries WHERE account_id = $1`, a.ID); err != nil || sum != 700 {
		t.Fatalf("entries of a sum to %d (%v), want 700", sum, err)
	}
}

// A charge whose key is already in the ledger is left out of a batch,
// which shifts the batch's running sums: the batched check fails and the
// charger writes the batch entry by entry instead. Nothing is charged
// twice and the balance is still the sum of the entries.
func TestCharge_BatchFallsBackEntryByEntry(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat8523), 1, "")
	acct := f.account(t, m)
	f.read(t, m, "2026-11-25 10:00:00", 1000)
	f.charge(t, m)
	// The first interval's charge is already there (written by hand).
	if _, err := postgres.NewLedgerService(f.db).Charge(AdminContext(), voltpay.ChargeInput{AccountID: acct, MeterID: m, AmountFen: 85,
		IdempotencyKey: fmt.Sprintf("charge:%d:%d", m, cst("2026-11-25 10:30:00").UnixMicro())}); err != nil {
		t.Fatal(err)
	}
	f.read(t, m, "2026-11-25 10:30:00", 2000)
	f.read(t, m, "2026-11-25 11:00:00", 3500)
	st := f.charge(t, m)
	if st.Entries != 1 {
		t.Fatalf("charge %+v; want the one entry not yet in the ledger", st)
	}
	f.wantAmounts(t, m, 85, 128)
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-213 {
		t.Fatalf("balance %d", bal)
	}
}
