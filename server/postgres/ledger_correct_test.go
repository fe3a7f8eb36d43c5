package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// chargedEntry charges one reading of 2 kWh at 0.90 (180 fen) on a new
// account and returns the account and the charge entry.
func chargedEntry(t *testing.T, f *chargeFix) (int64, *voltpay.LedgerEntry) {
	t.Helper()
	m := f.meter(t, f.tariff(t, flat9000), 1, "")
	acct := f.account(t, m)
	f.read(t, m, "2026-11-25 10:00:00", 1000)
	f.read(t, m, "2026-11-25 10:30:00", 3000)
	f.charge(t, m)
	var id int64
	if err := f.db.Get(&id, `SELECT id FROM ledger_entries WHERE meter_id = $1 AND type = 'charge'`, m); err != nil {
		t.Fatal(err)
	}
	e, err := postgres.NewLedgerService(f.db).FindEntryByID(AdminContext(), id)
	if err != nil {
		t.Fatal(err)
	}
	return acct, e
}

func TestLedger_CorrectCharge(t *testing.T) {
	f := newChargeFix(t)
	ledger := postgres.NewLedgerService(f.db)
	ctx := AdminContext()
	acct, charge := chargedEntry(t, f)

	in := voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: 50, Reason: "misread register", IdempotencyKey: newKey()}
	c, err := ledger.CorrectCharge(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != voltpay.EntryCorrection || c.AmountFen != 130 || c.CorrectsID == nil || *c.CorrectsID != charge.ID ||
		c.MeterID == nil || *c.MeterID != *charge.MeterID || c.AccountID != acct || !strings.Contains(c.Note, "misread register") {
		t.Fatalf("correction %+v", c)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-50 {
		t.Fatalf("balance %d: want the sale less the corrected charge", bal)
	}
	t.Run("an idempotent retry returns the first", func(t *testing.T) {
		again, err := ledger.CorrectCharge(ctx, in)
		if err != nil || again.ID != c.ID {
			t.Fatalf("%+v, %v", again, err)
		}
		if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-50 {
			t.Fatalf("balance %d", bal)
		}
	})
	t.Run("the key for another amount is a conflict", func(t *testing.T) {
		other := in
		other.AmountFen = 60
		if _, err := ledger.CorrectCharge(ctx, other); voltpay.ErrorCode(err) != voltpay.ECONFLICT {
			t.Fatalf("err %v, want CONFLICT", err)
		}
	})
	t.Run("a second correction is a conflict", func(t *testing.T) {
		_, err := ledger.CorrectCharge(ctx, voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: 0, Reason: "again", IdempotencyKey: newKey()})
		if voltpay.ErrorCode(err) != voltpay.ECONFLICT {
			t.Fatalf("err %v, want CONFLICT", err)
		}
	})
	t.Run("a corrected charge is not reversed, nor the correction", func(t *testing.T) {
		for _, id := range []int64{charge.ID, c.ID} {
			_, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: id, Reason: "oops", IdempotencyKey: newKey()})
			if voltpay.ErrorCode(err) != voltpay.ECONFLICT {
				t.Fatalf("reverse %d: err %v, want CONFLICT", id, err)
			}
		}
	})
	t.Run("the correction names the charge", func(t *testing.T) {
		got, err := ledger.FindEntryByID(ctx, c.ID)
		if err != nil || got.CorrectsID == nil || *got.CorrectsID != charge.ID {
			t.Fatalf("%+v, %v", got, err)
		}
	})
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-50 {
		t.Fatalf("balance %d", bal)
	}
}

func TestLedger_CorrectChargeUp(t *testing.T) {
	f := newChargeFix(t)
	acct, charge := chargedEntry(t, f)
	c, err := postgres.NewLedgerService(f.db).CorrectCharge(AdminContext(), voltpay.CorrectChargeInput{EntryID: charge.ID,
		AmountFen: 500, Reason: "CT ratio was 1, is 5", IdempotencyKey: newKey()})
	if err != nil || c.AmountFen != -320 {
		t.Fatalf("%+v, %v: want 320 fen more taken", c, err)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-500 {
		t.Fatalf("balance %d", bal)
	}
}

func TestLedger_CorrectChargeRefused(t *testing.T) {
	f := newChargeFix(t)
	ledger := postgres.NewLedgerService(f.db)
	ctx := AdminContext()
	acct, charge := chargedEntry(t, f)
	var sale int64
	if err := f.db.Get(&sale, `SELECT id FROM ledger_entries WHERE account_id = $1 AND type = 'sale'`, acct); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   voltpay.CorrectChargeInput
		code string
	}{
		{"not a charge", voltpay.CorrectChargeInput{EntryID: sale, AmountFen: 10, Reason: "x"}, voltpay.ECONFLICT},
		{"no reason", voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: 10, Reason: "  "}, voltpay.EINVALID},
		{"negative amount", voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: -1, Reason: "x"}, voltpay.EINVALID},
		{"nothing to correct", voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: 180, Reason: "x"}, voltpay.EINVALID},
		{"unknown entry", voltpay.CorrectChargeInput{EntryID: 1 << 40, AmountFen: 10, Reason: "x"}, voltpay.ENOTFOUND},
	} {
		tc.in.IdempotencyKey = newKey()
		if _, err := ledger.CorrectCharge(ctx, tc.in); voltpay.ErrorCode(err) != tc.code {
			t.Errorf("%s: err %v, want %s", tc.name, err, tc.code)
		}
	}
	t.Run("a reversed charge is not corrected", func(t *testing.T) {
		if _, err := ledger.Reverse(ctx, voltpay.ReverseInput{EntryID: charge.ID, Reason: "wrong meter", IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
		_, err := ledger.CorrectCharge(ctx, voltpay.CorrectChargeInput{EntryID: charge.ID, AmountFen: 10, Reason: "x", IdempotencyKey: newKey()})
		if voltpay.ErrorCode(err) != voltpay.ECONFLICT {
			t.Fatalf("err %v, want CONFLICT", err)
		}
	})
	t.Run("the database refuses a correction of another account's charge", func(t *testing.T) {
		_, err := f.db.ExecContext(context.Background(), `INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen,
			idempotency_key, receipt_no, corrects_id, meter_id) VALUES ($1, 'correction', 10, 0, $2, '', $3, $4)`,
			f.account(t), newKey(), charge.ID, *charge.MeterID)
		if err == nil {
			t.Fatal("inserted")
		}
	})
	assertBalanceIsSum(t, f.db, acct)
}
