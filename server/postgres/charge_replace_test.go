package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestCharge_ReplaceMeter: a replacement (换表) charges the old meter up to
// its final reading and starts the new meter's series at its starting
// register, carrying the rounding on.
func TestCharge_ReplaceMeter(t *testing.T) {
	f := newChargeFix(t)
	replaceAt := cst("2026-11-25 12:00:00")
	f.db.Now = func() time.Time { return replaceAt }
	old := f.meter(t, f.tariff(t, flat8523), 1, "")
	nm := f.meter(t, 0, 1, "")
	acct := f.account(t, old)

	f.read(t, old, "2026-11-25 10:00:00", 1000)
	f.read(t, old, "2026-11-25 10:30:00", 2000)
	f.charge(t, old)
	f.read(t, old, "2026-11-25 11:00:00", 3000) // not charged yet: the replacement charges it
	f.read(t, nm, "2026-11-25 11:30:00", 400)   // the new meter on the bench: never charged

	svc := postgres.NewAccountService(f.db)
	in := voltpay.ReplaceMeterInput{OldMeterID: old, NewMeterID: nm, FinalEnergyWh: 4000, NewStartEnergyWh: 500,
		IdempotencyKey: newKey()}
	if _, _, err := svc.ReplaceMeter(AdminContext(), in); err != nil {
		t.Fatal(err)
	}
	// 1, 2, 3 kWh in all at 0.8523: 85.23, 170.46 → 170, 255.69 → 256.
	f.wantAmounts(t, old, 85, 85, 86)
	if s := f.state(t, old); !s.ReadAt.Equal(replaceAt) || *s.EnergyWh != 4000 {
		t.Fatalf("old meter's state %+v: want the final reading", s)
	}
	s := f.state(t, nm)
	if !s.ReadAt.Equal(replaceAt) || *s.EnergyWh != 500 || s.Carry != 25_569_000 || s.Fault != "" {
		t.Fatalf("new meter's state %+v: want the start at the replacement with the old carry", s)
	}
	t.Run("a retry charges nothing more", func(t *testing.T) {
		if _, _, err := svc.ReplaceMeter(AdminContext(), in); err != nil {
			t.Fatal(err)
		}
		f.wantAmounts(t, old, 85, 85, 86)
	})
	t.Run("the new meter's first reading is charged from its start", func(t *testing.T) {
		f.read(t, nm, "2026-11-25 12:30:00", 1500)
		if st := f.charge(t, nm, old); st.Entries != 1 {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, nm, 85) // 4 kWh in all: 340.92 → 341 − 256
		if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-341 {
			t.Fatalf("balance %d", bal)
		}
	})
}

// TestCharge_ReplaceMeterFaulted: a series stopped on a fallen register is
// charged from its last good reading to the operator's final reading.
func TestCharge_ReplaceMeterFaulted(t *testing.T) {
	f := newChargeFix(t)
	f.db.Now = func() time.Time { return cst("2026-11-25 12:00:00") }
	old := f.meter(t, f.tariff(t, flat9000), 1, "")
	nm := f.meter(t, 0, 1, "")
	f.account(t, old)
	f.read(t, old, "2026-11-25 10:00:00", 5000)
	f.read(t, old, "2026-11-25 10:30:00", 1000) // a misread
	f.charge(t, old)
	if s := f.state(t, old); s.Fault == "" {
		t.Fatalf("state %+v: want a fault", s)
	}
	f.read(t, old, "2026-11-25 11:00:00", 6000) // after the fault: not charged on its own
	if _, _, err := postgres.NewAccountService(f.db).ReplaceMeter(AdminContext(), voltpay.ReplaceMeterInput{
		OldMeterID: old, NewMeterID: nm, FinalEnergyWh: 7000, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	f.wantAmounts(t, old, 180) // 5000 → 7000 Wh at 0.90
	if s := f.state(t, old); s.Fault != "" || *s.EnergyWh != 7000 {
		t.Fatalf("state %+v", s)
	}
}

// TestCharge_ReplaceMeterNoTariff: a platform-billed meter without a tariff
// for its final interval is not replaced: nothing would charge it later.
func TestCharge_ReplaceMeterNoTariff(t *testing.T) {
	f := newChargeFix(t)
	old := f.meter(t, 0, 1, "")
	nm := f.meter(t, 0, 1, "")
	f.account(t, old)
	f.read(t, old, "2026-11-25 10:00:00", 1000)
	f.charge(t, old)
	_, _, err := postgres.NewAccountService(f.db).ReplaceMeter(AdminContext(), voltpay.ReplaceMeterInput{
		OldMeterID: old, NewMeterID: nm, FinalEnergyWh: 2000, IdempotencyKey: newKey()})
	if voltpay.ErrorCode(err) != voltpay.ECONFLICT {
		t.Fatalf("err %v, want CONFLICT", err)
	}
	m, err := postgres.NewMeterService(f.db).FindMeterByID(context.Background(), old)
	if err != nil || m.Status != voltpay.MeterActive {
		t.Fatalf("old meter %+v, %v: want it untouched", m, err)
	}
}

// TestCharge_ReverseEnergy: the reverse register's delta is charged with the
// forward one's, and the state keeps it.
func TestCharge_ReverseEnergy(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat9000), 2, "")
	f.account(t, m)
	read := func(at string, fwd, rev voltpay.Wh) {
		r := &voltpay.Reading{MeterID: m, ReadAt: cst(at), EnergyWh: fwd, ReverseWh: &rev}
		if _, err := f.readings.RecordReadings(context.Background(), []*voltpay.Reading{r}); err != nil {
			t.Fatal(err)
		}
	}
	read("2026-11-25 10:00:00", 1000, 100)
	read("2026-11-25 10:30:00", 1500, 600) // (500 + 500) × 2 = 2 kWh: 180 fen
	f.charge(t, m)
	read("2026-11-25 11:00:00", 2000, 600) // 1 kWh: 90 fen
	f.charge(t, m)
	f.wantAmounts(t, m, 180, 90)
	var rev *int64
	if err := f.db.Get(&rev, `SELECT reverse_wh FROM meter_billing WHERE meter_id = $1`, m); err != nil || rev == nil || *rev != 600 {
		t.Fatalf("reverse_wh %v, %v", rev, err)
	}
}
