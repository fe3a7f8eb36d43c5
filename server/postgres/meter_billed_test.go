package postgres_test

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// meterBilled is a meter-billed direct meter with an account, its readings
// and sales.
type meterBilled struct {
	db      *postgres.DB
	meter   *voltpay.Meter
	account *voltpay.Account
	ledger  *postgres.LedgerService
}

func newMeterBilled(t *testing.T, capFen *voltpay.Fen) *meterBilled {
	t.Helper()
	db := MustOpenDB(t)
	site := MustCreateSite(t, db).ID
	m := mkMeter(t, db, voltpay.MeterInput{SiteID: site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645,
		PrepaidMode: voltpay.PrepaidMeter, CreditCapFen: capFen})
	return &meterBilled{db: db, meter: m, account: mkAccount(t, db, site, m.ID), ledger: postgres.NewLedgerService(db)}
}

// read records a reading of the meter's balance at at.
func (b *meterBilled) read(t *testing.T, at time.Time, balance voltpay.Fen) {
	t.Helper()
	r := &voltpay.Reading{MeterID: b.meter.ID, ReadAt: at, EnergyWh: 1000, BalanceFen: &balance}
	if _, err := postgres.NewReadingService(b.db).RecordReadings(AdminContext(), []*voltpay.Reading{r}); err != nil {
		t.Fatalf("record reading: %v", err)
	}
}

func (b *meterBilled) sell(fen voltpay.Fen, key string) (*voltpay.LedgerEntry, error) {
	return b.ledger.Sell(AdminContext(), voltpay.SaleInput{AccountID: b.account.ID, AmountFen: fen,
		Channel: voltpay.ChannelCash, IdempotencyKey: key})
}

// mismatch returns the open balance_mismatch alarm's message, "" when none.
func (b *meterBilled) mismatch(t *testing.T) string {
	t.Helper()
	msgs := []string{}
	if err := b.db.SelectContext(AdminContext(), &msgs, `SELECT message FROM alarms WHERE meter_id = $1 AND kind = $2 AND cleared_at IS NULL`,
		b.meter.ID, voltpay.AlarmBalanceMismatch); err != nil {
		t.Fatal(err)
	}
	return strings.Join(msgs, "; ")
}

// TestMeterBilled_Reconcile: the platform's expectation of a meter-billed
// meter's balance is its previous reading plus the credits that certainly
// landed in between; a credit pushed around a reading makes it decide
// nothing (no false alarm either way); a jump beyond the tolerance raises
// balance_mismatch, the next reading that follows on clears it; the cap
// counts credits still on their way.
func TestMeterBilled_Reconcile(t *testing.T) {
	capFen := voltpay.Fen(12000)
	b := newMeterBilled(t, &capFen)
	ctx := AdminContext()
	cs := postgres.NewCommandService(b.db)
	base := time.Now().Add(-time.Minute)
	b.read(t, base, 1000)

	key := newKey()
	e, err := b.sell(2000, key)
	if err != nil || e.MeterID == nil || *e.MeterID != b.meter.ID {
		t.Fatalf("sell = %+v, %v; want a sale to meter %d", e, err, b.meter.ID)
	}
	var cmdID int64
	if err := b.db.GetContext(ctx, &cmdID, `SELECT id FROM meter_commands WHERE idempotency_key = $1 AND kind = 'credit' AND params = '{"amountFen": 2000}'`,
		voltpay.CreditCommandKey(key)); err != nil {
		t.Fatalf("the sale's credit command: %v", err)
	}
	// The executor: reserve, push (lands), and a reading comes in before it confirms.
	if _, err := cs.ReserveCreditCount(ctx, cmdID, 1); err != nil {
		t.Fatal(err)
	}
	b.read(t, time.Now(), 3000) // the credit is in it, not yet confirmed: decides nothing
	if msg := b.mismatch(t); msg != "" {
		t.Errorf("mismatch while the credit was on its way: %s", msg)
	}
	if _, err := b.db.ExecContext(ctx, `UPDATE meter_commands SET state = 'sent' WHERE id = $1`, cmdID); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.ConfirmCommand(ctx, cmdID); err != nil {
		t.Fatal(err)
	}
	b.read(t, time.Now().Add(time.Second), 3000) // the credit straddles the previous reading: decides nothing
	if msg := b.mismatch(t); msg != "" {
		t.Errorf("mismatch from a credit that straddled the previous reading (counted twice?): %s", msg)
	}
	b.read(t, time.Now().Add(2*time.Second), 2950) // 0.50 yuan used: within the tolerance
	if msg := b.mismatch(t); msg != "" {
		t.Errorf("mismatch within the tolerance: %s", msg)
	}
	b.read(t, time.Now().Add(3*time.Second), 8950) // 60 yuan from nowhere
	if msg := b.mismatch(t); !strings.Contains(msg, "60.00 yuan off the 29.50 yuan expected") {
		t.Errorf("mismatch = %q; want 60.00 yuan off the 29.50 expected", msg)
	}
	b.read(t, time.Now().Add(4*time.Second), 8950)
	if msg := b.mismatch(t); msg != "" {
		t.Errorf("mismatch still open after a reading that follows on: %s", msg)
	}

	// Cap 120 yuan, 89.50 on the meter: 30.51 is too much, 30.50 fits; then
	// nothing more while that credit is on its way.
	_, err = b.sell(3051, newKey())
	wantCode(t, err, voltpay.EINVALID)
	if err == nil || !strings.Contains(err.Error(), "at most 30.50 yuan") {
		t.Errorf("sale above the cap: %v; want at most 30.50 yuan", err)
	}
	if _, err := b.sell(3050, newKey()); err != nil {
		t.Fatalf("sale up to the cap: %v", err)
	}
	_, err = b.sell(1, newKey())
	wantCode(t, err, voltpay.EINVALID)
	if err == nil || !strings.Contains(err.Error(), "at most 0.00 yuan") {
		t.Errorf("sale above the cap with a credit on its way: %v; want at most 0.00 yuan", err)
	}
}

// TestMeterBilled_WhichMeter: an account with a meter-billed and a
// platform-billed meter must name the meter; named, a platform-billed
// meter's sale is a plain one (no credit), and the fast path is untouched
// for accounts without meter-billed meters.
func TestMeterBilled_WhichMeter(t *testing.T) {
	db := MustOpenDB(t)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	billed := mkMeter(t, db, voltpay.MeterInput{SiteID: site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645, PrepaidMode: voltpay.PrepaidMeter})
	plain := mkDirectMeter(t, db, site)
	a := mkAccount(t, db, site, billed.ID, plain.ID)
	ledger := postgres.NewLedgerService(db)
	sell := func(meter *int64) (string, error) {
		key := newKey()
		_, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: a.ID, AmountFen: 500, Channel: voltpay.ChannelCash, IdempotencyKey: key, MeterID: meter})
		return key, err
	}
	credits := func(key string) int {
		var n int
		if err := db.GetContext(ctx, &n, `SELECT count(*) FROM meter_commands WHERE idempotency_key = $1`, voltpay.CreditCommandKey(key)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	_, err := sell(nil)
	wantCode(t, err, voltpay.EINVALID)
	if key, err := sell(&plain.ID); err != nil || credits(key) != 0 {
		t.Errorf("sale to the platform-billed meter: %v, %d credits; want a plain sale", err, credits(key))
	}
	if key, err := sell(&billed.ID); err != nil || credits(key) != 1 {
		t.Errorf("sale to the meter-billed meter: %v, %d credits; want one", err, credits(key))
	}
	other := int64(987654321)
	_, err = sell(&other)
	wantCode(t, err, voltpay.EINVALID)

	// A platform-billed account's sale writes no command.
	pa := MustOpenAccount(t, db, 0)
	key := newKey()
	if _, err := ledger.Sell(ctx, voltpay.SaleInput{AccountID: pa.ID, AmountFen: 500, Channel: voltpay.ChannelCash, IdempotencyKey: key}); err != nil || credits(key) != 0 {
		t.Errorf("platform sale: %v, %d credits", err, credits(key))
	}
	// A stored-credit cap belongs to meter-billed meters only.
	capFen := voltpay.Fen(100)
	_, err = postgres.NewMeterService(db).CreateMeter(ctx, voltpay.MeterInput{SiteID: site, Address: randomAddress(),
		Protocol: voltpay.MeterProtocolDLT645, CreditCapFen: &capFen})
	wantCode(t, err, voltpay.EINVALID)
}
