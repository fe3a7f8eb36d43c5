package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// balanceEvents remembers the balance changes published.
type balanceEvents struct {
	voltpay.Events
	mu  sync.Mutex
	got []voltpay.BalanceChange
}

func (e *balanceEvents) PublishBalance(c voltpay.BalanceChange) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, c)
}

func TestCharge_Flat(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat8523), 1, "")
	acct := f.account(t, m)

	f.read(t, m, "2026-11-25 10:00:00", 1000)
	st := f.charge(t, m)
	if st.Meters != 1 || st.Readings != 1 || st.Entries != 0 {
		t.Fatalf("baseline: %+v", st)
	}
	f.wantAmounts(t, m)
	if s := f.state(t, m); !s.ReadAt.Equal(cst("2026-11-25 10:00:00")) || *s.EnergyWh != 1000 {
		t.Fatalf("baseline state %+v", s)
	}

	// 1 kWh: 85.23 fen → 85 (0.23 carried); 1.5 kWh: 127.845 → 213.075 in all → 213, so 128.
	f.read(t, m, "2026-11-25 10:30:00", 2000)
	f.read(t, m, "2026-11-25 11:00:00", 3500)
	ev := &balanceEvents{}
	f.db.Events = ev
	st = f.charge(t, m)
	f.db.Events = nil
	if st.Readings != 2 || st.Entries != 2 || st.ChargedFen != 213 {
		t.Fatalf("charge: %+v", st)
	}
	f.wantAmounts(t, m, 85, 128)
	if s := f.state(t, m); s.Carry != 21_307_500 || *s.EnergyWh != 3500 || s.Fault != "" {
		t.Fatalf("state %+v", s)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-213 {
		t.Fatalf("balance %d", bal)
	}
	var key, note, actor string
	if err := f.db.QueryRow(`SELECT idempotency_key, note, actor FROM ledger_entries WHERE meter_id = $1 ORDER BY id LIMIT 1`, m).
		Scan(&key, &note, &actor); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("charge:%d:%d", m, cst("2026-11-25 10:30:00").UnixMicro()); key != want {
		t.Errorf("key %q, want %q", key, want)
	}
	if note != "1.000 kWh from 2026-11-25 10:00:00 to 2026-11-25 10:30:00" || actor != "billing" {
		t.Errorf("note %q, actor %q", note, actor)
	}
	if len(ev.got) != 1 || ev.got[0].Account.ID != acct || ev.got[0].Account.BalanceFen != 100_000-213 || ev.got[0].Entry.AmountFen != -128 {
		t.Errorf("events %+v", ev.got)
	}

	t.Run("re-running charges nothing", func(t *testing.T) {
		if st := f.charge(t, m, m); st.Entries != 0 || st.Readings != 0 {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, m, 85, 128)
	})
	t.Run("a state put back never charges a reading twice", func(t *testing.T) {
		if _, err := f.db.Exec(`UPDATE meter_billing SET read_at = $2, energy_wh = 1000, carry_micro = 0 WHERE meter_id = $1`,
			m, cst("2026-11-25 10:00:00")); err != nil {
			t.Fatal(err)
		}
		if st := f.charge(t, m); st.Readings != 2 || st.Entries != 0 {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, m, 85, 128)
		if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-213 {
			t.Fatalf("balance %d: the trigger moved it for an entry left out", bal)
		}
	})
}

func TestCharge_Pricing(t *testing.T) {
	f := newChargeFix(t)
	flat, tou, tiered := f.tariff(t, flat8523), f.tariff(t, touDay), f.tariff(t, tieredMonth)

	t.Run("TOU split by time", func(t *testing.T) {
		m := f.meter(t, tou, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 07:30:00", 0)
		f.read(t, m, "2026-11-25 08:30:00", 1000)
		f.charge(t, m)
		f.wantAmounts(t, m, 80) // 500 Wh valley at 0.40 + 500 Wh peak at 1.20
	})
	t.Run("per-rate registers across an offline gap", func(t *testing.T) {
		m := f.meter(t, tou, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 00:00:00", 10_000, 0, 4000, 3000, 3000)
		// A day offline: by time it would be a third of each; the meter
		// says 900 Wh peak and 100 Wh valley.
		f.read(t, m, "2026-11-26 00:00:00", 11_000, 0, 4900, 3000, 3100)
		f.charge(t, m)
		f.wantAmounts(t, m, 112) // 900 × 1.20 + 100 × 0.40 = 1.12 yuan
	})
	t.Run("a tier crossed, usage kept between calls", func(t *testing.T) {
		m := f.meter(t, tiered, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-02 00:00:00", 0)
		f.read(t, m, "2026-11-10 00:00:00", 150_000)
		f.charge(t, m)
		f.read(t, m, "2026-11-11 00:00:00", 160_000)
		f.charge(t, m)
		// 100 kWh at 0.50 and 50 at 0.60 = 80 yuan; then 10 kWh at 0.60.
		f.wantAmounts(t, m, 8000, 600)
		if s := f.state(t, m); s.UsageWh != 160_000 {
			t.Fatalf("usage %d", s.UsageWh)
		}
	})
	t.Run("CT ratio", func(t *testing.T) {
		m := f.meter(t, flat, 40, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 10:00:00", 5000)
		f.read(t, m, "2026-11-25 10:30:00", 5100)
		f.charge(t, m)
		f.wantAmounts(t, m, 341) // 100 Wh × 40 = 4 kWh at 0.8523 = 340.92 fen
	})
	t.Run("rollover", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 10:00:00", 999_999_500)
		f.read(t, m, "2026-11-25 10:30:00", 500)
		f.charge(t, m)
		f.wantAmounts(t, m, 85) // 1 kWh across the wrap
	})
	t.Run("tariff change inside an interval", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		f.account(t, m)
		later := f.tariff(t, flat9000)
		if _, err := f.db.Exec(`INSERT INTO meter_tariffs (meter_id, tariff_id, effective_from) VALUES ($1, $2, $3), ($1, $4, $5)`,
			m, flat, cst("2026-01-01 00:00:00"), later, cst("2026-11-25 12:00:00")); err != nil {
			t.Fatal(err)
		}
		f.read(t, m, "2026-11-25 11:00:00", 0)
		f.read(t, m, "2026-11-25 13:00:00", 2000)
		f.charge(t, m)
		f.wantAmounts(t, m, 175) // 1 kWh at 0.8523 + 1 kWh at 0.90 = 175.23 fen
	})
}

func TestCharge_Faults(t *testing.T) {
	f := newChargeFix(t)
	flat := f.tariff(t, flat8523)

	t.Run("register fell: charging stops at the last good reading", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		acct := f.account(t, m)
		f.read(t, m, "2026-11-25 10:00:00", 5000)
		f.read(t, m, "2026-11-25 10:30:00", 6000)
		f.read(t, m, "2026-11-25 11:00:00", 4000)
		f.read(t, m, "2026-11-25 11:30:00", 7000)
		st := f.charge(t, m)
		if st.Entries != 1 || len(st.Faulted) != 1 || st.Faulted[0] != m {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, m, 85)
		s := f.state(t, m)
		if !s.ReadAt.Equal(cst("2026-11-25 10:30:00")) || *s.EnergyWh != 6000 || !strings.HasPrefix(s.Fault, voltpay.FaultRegisterFell) {
			t.Fatalf("state %+v", s)
		}
		f.read(t, m, "2026-11-25 12:00:00", 8000)
		if st := f.charge(t, m); st.Entries != 0 || st.Readings != 0 || len(st.Faulted) != 0 {
			t.Fatalf("after the fault: %+v", st)
		}
		f.wantAmounts(t, m, 85)
		assertBalanceIsSum(t, f.db, acct)
		if pending := mustPending(t, f, m); pending {
			t.Fatal("a stopped meter is pending")
		}
	})
	t.Run("no tariff waits for one", func(t *testing.T) {
		m := f.meter(t, 0, 1, "")
		f.account(t, m)
		f.read(t, m, "2026-11-25 10:00:00", 0)
		f.read(t, m, "2026-11-25 10:30:00", 1000)
		st := f.charge(t, m)
		if st.Entries != 0 || len(st.Faulted) != 1 {
			t.Fatalf("%+v", st)
		}
		if s := f.state(t, m); s.Fault != voltpay.FaultNoTariff || !s.ReadAt.Equal(cst("2026-11-25 10:00:00")) {
			t.Fatalf("state %+v", s)
		}
		if !mustPending(t, f, m) {
			t.Fatal("a meter waiting for a tariff is not pending")
		}
		if st := f.charge(t, m); len(st.Faulted) != 0 {
			t.Fatalf("the same fault again is no new fault: %+v", st)
		}
		if _, err := f.db.Exec(`UPDATE meters SET tariff_id = $2 WHERE id = $1`, m, flat); err != nil {
			t.Fatal(err)
		}
		f.charge(t, m)
		f.wantAmounts(t, m, 85)
		if s := f.state(t, m); s.Fault != "" || *s.EnergyWh != 1000 {
			t.Fatalf("state %+v", s)
		}
	})
	t.Run("no account: not billed, the state moves", func(t *testing.T) {
		m := f.meter(t, flat, 1, "")
		f.read(t, m, "2026-11-25 10:00:00", 0)
		f.read(t, m, "2026-11-25 10:30:00", 1000)
		f.read(t, m, "2026-11-25 11:00:00", 2000)
		if st := f.charge(t, m); st.Readings != 3 || st.Entries != 0 {
			t.Fatalf("%+v", st)
		}
		if s := f.state(t, m); *s.EnergyWh != 2000 {
			t.Fatalf("state %+v", s)
		}
		acct := f.account(t, m)
		f.read(t, m, "2026-11-25 11:30:00", 3000)
		f.charge(t, m)
		f.wantAmounts(t, m, 85) // only what was used since the account opened
		assertBalanceIsSum(t, f.db, acct)
	})
	t.Run("meter-billed: the meter deducts, the state moves", func(t *testing.T) {
		m := f.meter(t, flat, 1, voltpay.PrepaidMeter)
		f.account(t, m)
		f.read(t, m, "2026-11-25 10:00:00", 0)
		f.read(t, m, "2026-11-25 10:30:00", 1000)
		if st := f.charge(t, m); st.Readings != 2 || st.Entries != 0 {
			t.Fatalf("%+v", st)
		}
		f.wantAmounts(t, m)
		if s := f.state(t, m); *s.EnergyWh != 1000 || s.Fault != "" {
			t.Fatalf("state %+v", s)
		}
	})
}

// mustPending reports whether PendingMeters lists meter.
func mustPending(tb testing.TB, f *chargeFix, meter int64) bool {
	tb.Helper()
	ids, err := f.charges.PendingMeters(context.Background(), meter-1, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return len(ids) == 1 && ids[0] == meter
}

// TestCharge_Carry: 500 readings of 3 Wh at 0.8523 yuan/kWh are 0.25569 fen
// each, never a whole fen alone; charged over several calls they add up to
// exactly the rounded price of the 1.5 kWh, 127.845 → 128 fen.
func TestCharge_Carry(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat8523), 1, "")
	acct := f.account(t, m)
	start := cst("2026-11-25 00:00:00")
	var rs []*voltpay.Reading
	for i := range 501 {
		rs = append(rs, &voltpay.Reading{MeterID: m, ReadAt: start.Add(time.Duration(i) * time.Minute), EnergyWh: voltpay.Wh(3 * i)})
	}
	for _, part := range [][]*voltpay.Reading{rs[:1], rs[1:100], rs[100:101], rs[101:]} {
		if _, err := f.readings.RecordReadings(context.Background(), part); err != nil {
			t.Fatal(err)
		}
		f.charge(t, m)
	}
	got := f.amounts(t, m)
	if sum := sumFen(got); sum != 128 {
		t.Fatalf("charged %d fen in %d entries, want 128", sum, len(got))
	}
	if s := f.state(t, m); s.Carry != 500*3*8523 {
		t.Fatalf("carry %d", s.Carry)
	}
	if bal := assertBalanceIsSum(t, f.db, acct); bal != 100_000-128 {
		t.Fatalf("balance %d", bal)
	}
}

// TestCharge_Concurrent charges the same meters from many goroutines at
// once, each over the meters in its own order: every reading is charged
// exactly once and no call fails.
func TestCharge_Concurrent(t *testing.T) {
	f := newChargeFix(t)
	tariff := f.tariff(t, flat8523)
	const meters, readings = 20, 30
	var ids []int64
	var accts []int64
	for i := range meters {
		m := f.meter(t, tariff, 1, "")
		ids = append(ids, m)
		if i%4 == 0 { // some accounts hold several meters
			accts = append(accts, f.account(t, m))
		} else if _, err := postgres.NewAccountService(f.db).AttachMeter(AdminContext(), accts[len(accts)-1], m); err != nil {
			t.Fatal(err)
		}
	}
	start := cst("2026-11-25 00:00:00")
	record := func(from, to int) {
		var rs []*voltpay.Reading
		for _, m := range ids {
			for i := from; i < to; i++ {
				rs = append(rs, &voltpay.Reading{MeterID: m, ReadAt: start.Add(time.Duration(i) * 30 * time.Minute), EnergyWh: voltpay.Wh(1000 * i)})
			}
		}
		if _, err := f.readings.RecordReadings(context.Background(), rs); err != nil {
			t.Error(err)
		}
	}
	record(0, readings/2)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			order := append([]int64(nil), ids...)
			rand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for range 3 {
				if _, err := f.charges.ChargeMeters(context.Background(), order[:len(order)-g%3]); err != nil {
					t.Error(err)
				}
			}
		})
		if g == 3 {
			record(readings/2, readings)
		}
	}
	wg.Wait()
	f.charge(t, ids...)
	for _, m := range ids {
		// 1 kWh each: 85.23 fen, and every fourth charge takes the carry's extra fen.
		got := f.amounts(t, m)
		if len(got) != readings-1 || sumFen(got) != 2472 { // 29 × 85.23 = 2471.67 fen
			t.Fatalf("meter %d: %d charges, %d fen", m, len(got), sumFen(got))
		}
	}
	for _, a := range accts {
		assertBalanceIsSum(t, f.db, a)
	}
}

// TestCharge_Backlog: a meter with more new readings than one call takes is
// charged up to the bound, named in Backlog, and finished by the next call.
func TestCharge_Backlog(t *testing.T) {
	f := newChargeFix(t)
	m := f.meter(t, f.tariff(t, flat8523), 1, "")
	acct := f.account(t, m)
	start := cst("2026-10-01 00:00:00")
	n := postgres.MaxChargeReadingsPerMeter + 2
	var rs []*voltpay.Reading
	for i := range n {
		rs = append(rs, &voltpay.Reading{MeterID: m, ReadAt: start.Add(time.Duration(i) * 30 * time.Minute), EnergyWh: voltpay.Wh(1000 * i)})
	}
	if _, err := f.readings.RecordReadings(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	st := f.charge(t, m)
	if st.Readings != postgres.MaxChargeReadingsPerMeter || len(st.Backlog) != 1 || st.Backlog[0] != m {
		t.Fatalf("first call: %+v", st)
	}
	if st := f.charge(t, m); st.Readings != 2 || len(st.Backlog) != 0 {
		t.Fatalf("second call: %+v", st)
	}
	if got := f.amounts(t, m); len(got) != n-1 {
		t.Fatalf("%d charges, want %d", len(got), n-1)
	}
	assertBalanceIsSum(t, f.db, acct)
}
