package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// flat10000 is 1 yuan/kWh.
var flat10000 = voltpay.TariffInput{Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 10000}}

// serviceFee sets the fixture's site's service fee, in basis points.
func (f *chargeFix) serviceFee(tb testing.TB, bp int) {
	tb.Helper()
	if _, err := f.db.Exec(`UPDATE sites SET service_fee_bp = $2 WHERE id = $1`, f.site, bp); err != nil {
		tb.Fatal(err)
	}
}

// feeEntry is a service fee entry as the tests look at it.
type feeEntry struct {
	AccountID int64       `db:"account_id"`
	AmountFen voltpay.Fen `db:"amount_fen"`
	Key       string      `db:"idempotency_key"`
	Note      string      `db:"note"`
}

// fees returns meter's service fee entries, in order.
func (f *chargeFix) fees(tb testing.TB, meter int64) []feeEntry {
	tb.Helper()
	out := []feeEntry{}
	if err := f.db.Select(&out, `SELECT account_id, amount_fen, idempotency_key, note FROM ledger_entries
		WHERE meter_id = $1 AND type = 'service_fee' ORDER BY id`, meter); err != nil {
		tb.Fatal(err)
	}
	return out
}

// feeSum returns the fen taken as meter's service fees, positive.
func (f *chargeFix) feeSum(tb testing.TB, meter int64) voltpay.Fen {
	tb.Helper()
	var sum voltpay.Fen
	for _, e := range f.fees(tb, meter) {
		sum -= e.AmountFen
	}
	return sum
}

// feeCarry is meter's meter_billing.fee_carry_micro.
func (f *chargeFix) feeCarry(tb testing.TB, meter int64) int64 {
	tb.Helper()
	var c int64
	if err := f.db.Get(&c, `SELECT fee_carry_micro FROM meter_billing WHERE meter_id = $1`, meter); err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestCharge_ServiceFee: a site taking 5 % has a service fee entry of its
// own after each charge, on the same account and meter, keyed after the
// charge, taken once however often charging runs.
func TestCharge_ServiceFee(t *testing.T) {
	f := newChargeFix(t)
	f.serviceFee(t, 500)
	m := f.meter(t, f.tariff(t, flat10000), 1, "")
	acct := f.account(t, m)

	f.read(t, m, "2026-11-25 10:00:00", 0)
	f.read(t, m, "2026-11-25 10:30:00", 1000)
	ev := &balanceEvents{}
	f.db.Events = ev
	st := f.charge(t, m)
	f.db.Events = nil
	// 1 kWh at 1 yuan: 100 fen, and 5 % of it, 5 fen.
	if st.Entries != 2 || st.ChargedFen != 100 || st.FeeFen != 5 {
		t.Fatalf("charge: %+v", st)
	}
	f.wantAmounts(t, m, 100)
	key := fmt.Sprintf("charge:%d:%d", m, cst("2026-11-25 10:30:00").UnixMicro())
	want := []feeEntry{{AccountID: acct, AmountFen: -5, Key: key + ":fee",
		Note: "service fee 5% of 1.000 kWh from 2026-11-25 10:00:00 to 2026-11-25 10:30:00"}}
	if got := f.fees(t, m); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("fees %+v, want %+v", got, want)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-105 {
		t.Fatalf("balance %d", bal)
	}
	if len(ev.got) != 1 || ev.got[0].Account.BalanceFen != 100_000-105 || ev.got[0].Entry.Type != voltpay.EntryServiceFee {
		t.Errorf("events %+v", ev.got)
	}
	if c := f.feeCarry(t, m); c != 5*100_000 {
		t.Errorf("fee carry %d", c)
	}

	// 2.345 kWh: 234.5 fen → 235 (half up); its fee 11.725 fen, 16.725 in
	// all → 17, so 12.
	f.read(t, m, "2026-11-25 11:00:00", 3345)
	if st := f.charge(t, m); st.Entries != 2 || st.ChargedFen != 235 || st.FeeFen != 12 {
		t.Fatalf("second charge: %+v", st)
	}
	if got := f.feeSum(t, m); got != 17 {
		t.Fatalf("fees %d fen, want 17", got)
	}

	t.Run("re-running adds nothing", func(t *testing.T) {
		if st := f.charge(t, m, m); st.Entries != 0 || st.Readings != 0 {
			t.Fatalf("%+v", st)
		}
		if got := f.feeSum(t, m); got != 17 {
			t.Fatalf("fees %d fen", got)
		}
	})
	t.Run("a state put back never takes a fee twice", func(t *testing.T) {
		if _, err := f.db.Exec(`UPDATE meter_billing SET read_at = $2, energy_wh = 0, carry_micro = 0, fee_carry_micro = 0
			WHERE meter_id = $1`, m, cst("2026-11-25 10:00:00")); err != nil {
			t.Fatal(err)
		}
		if st := f.charge(t, m); st.Readings != 2 || st.Entries != 0 {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, m, 100, 235)
		if got := len(f.fees(t, m)); got != 2 {
			t.Fatalf("%d fee entries", got)
		}
		if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-335-17 {
			t.Fatalf("balance %d: the trigger moved it for an entry left out", bal)
		}
	})
	t.Run("a fee only takes money", func(t *testing.T) {
		_, err := f.db.Exec(`INSERT INTO ledger_entries (account_id, type, amount_fen, balance_after_fen, idempotency_key,
			receipt_no, meter_id) VALUES ($1, 'service_fee', 5, 0, $2, '', $3)`, acct, newKey(), m)
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code.Name() != "check_violation" {
			t.Fatalf("a positive service fee: %v", err)
		}
	})
}

// TestCharge_ServiceFeeCarry: 500 readings of 3 Wh at 0.8523 yuan/kWh are
// 0.25569 fen each, and their 5 % fees 0.01278 fen each (1,278.45 Micro,
// rounded to the Micro): never a fen alone. Over several calls the fees add
// up to the rounded total fee, 500 × 1,278 Micro = 6.39 → 6 fen, beside
// the charges' 128 fen.
func TestCharge_ServiceFeeCarry(t *testing.T) {
	f := newChargeFix(t)
	f.serviceFee(t, 500)
	m := f.meter(t, f.tariff(t, flat8523), 1, "")
	acct := f.account(t, m)
	start := cst("2026-11-25 00:00:00")
	var rs []*voltpay.Reading
	for i := range 501 {
		rs = append(rs, &voltpay.Reading{MeterID: m, ReadAt: start.Add(time.Duration(i) * time.Minute), EnergyWh: voltpay.Wh(3 * i)})
	}
	var total voltpay.ChargeStats
	for _, part := range [][]*voltpay.Reading{rs[:1], rs[1:100], rs[100:101], rs[101:]} {
		if _, err := f.readings.RecordReadings(context.Background(), part); err != nil {
			t.Fatal(err)
		}
		total.Add(f.charge(t, m))
	}
	if sum := sumFen(f.amounts(t, m)); sum != 128 {
		t.Fatalf("charged %d fen, want 128", sum)
	}
	fees := f.fees(t, m)
	if sum := f.feeSum(t, m); sum != 6 || len(fees) != 6 || total.FeeFen != 6 || total.ChargedFen != 128 {
		t.Fatalf("fees %d fen in %d entries (stats %+v), want 6", sum, len(fees), total)
	}
	for _, e := range fees {
		if e.AmountFen != -1 {
			t.Fatalf("fee entry %+v", e)
		}
	}
	if c := f.feeCarry(t, m); c != 500*1278 {
		t.Fatalf("fee carry %d", c)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-128-6 {
		t.Fatalf("balance %d", bal)
	}
}

// TestCharge_NoServiceFee: a site without a fee writes charges only.
func TestCharge_NoServiceFee(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat10000), 1, "")
	acct := f.account(t, m)
	f.read(t, m, "2026-11-25 10:00:00", 0)
	f.read(t, m, "2026-11-25 10:30:00", 1000)
	f.read(t, m, "2026-11-25 11:00:00", 3345)
	if st := f.charge(t, m); st.Entries != 2 || st.FeeFen != 0 || st.ChargedFen != 335 {
		t.Fatalf("%+v", st)
	}
	if got := f.fees(t, m); len(got) != 0 {
		t.Fatalf("fees %+v", got)
	}
	if c := f.feeCarry(t, m); c != 0 {
		t.Fatalf("fee carry %d", c)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-335 {
		t.Fatalf("balance %d", bal)
	}
}

// TestCharge_ServiceFeeCorrected: correcting a charge corrects the fee
// taken beside it in proportion (100 fen charged with 5 fen of fee,
// corrected to 40 fen: the fee becomes 2 fen), by a correction naming the
// fee; a charge without a fee corrects alone.
func TestCharge_ServiceFeeCorrected(t *testing.T) {
	f := newChargeFix(t)
	f.serviceFee(t, 500)
	m := f.meter(t, f.tariff(t, flat10000), 1, "")
	acct := f.account(t, m)
	f.read(t, m, "2026-11-25 10:00:00", 0)
	f.read(t, m, "2026-11-25 10:30:00", 1000)
	f.charge(t, m)
	var chargeID int64
	if err := f.db.Get(&chargeID, `SELECT id FROM ledger_entries WHERE meter_id = $1 AND type = 'charge'`, m); err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.NewLedgerService(f.db).CorrectCharge(AdminContext(), voltpay.CorrectChargeInput{EntryID: chargeID,
		AmountFen: 40, Reason: "the register was misread", IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	var corrections []int64
	if err := f.db.Select(&corrections, `SELECT amount_fen FROM ledger_entries WHERE meter_id = $1 AND type = 'correction' ORDER BY id`, m); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(corrections) != "[60 3]" {
		t.Fatalf("corrections %v fen, want 60 for the charge and 3 for its fee", corrections)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-40-2 {
		t.Fatalf("balance %d, want 100,000 - 40 - 2", bal)
	}
}
