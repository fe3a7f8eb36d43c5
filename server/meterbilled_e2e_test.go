package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/postgres"
)

// meterBilledEnv is a controlEnv with an executor running and free DL/T 645
// meters turned meter-billed (the balance lives in the simulated meter).
type meterBilledEnv struct {
	*controlEnv
	ledger   *postgres.LedgerService
	accounts *postgres.AccountService
	meters   *postgres.MeterService
	free     []*voltpay.Meter
}

func newMeterBilledEnv(t *testing.T) *meterBilledEnv {
	t.Helper()
	e := newControlEnv(t)
	b := &meterBilledEnv{controlEnv: e, ledger: postgres.NewLedgerService(e.db),
		accounts: postgres.NewAccountService(e.db), meters: postgres.NewMeterService(e.db)}
	for _, m := range e.meters {
		if m.AccountID == nil {
			b.free = append(b.free, m)
		}
	}
	if len(b.free) < 4 {
		t.Fatalf("%d free DL/T 645 meters, want 4", len(b.free))
	}
	e.start(t, quickControl())
	return b
}

// meterBilled makes free meter i meter-billed with cap (nil: none) and
// its simulated meter hold balance fen.
func (b *meterBilledEnv) meterBilled(t *testing.T, i int, capFen *voltpay.Fen, balance int64) (*voltpay.Meter, *sim.Meter) {
	t.Helper()
	m := b.free[i]
	in := voltpay.MeterInput{SiteID: m.SiteID, BuildingID: m.BuildingID, Floor: m.Floor, Room: m.Room, Address: m.Address,
		Channel: m.Channel, Model: m.Model, Phases: m.Phases, Protocol: m.Protocol, GatewayID: m.GatewayID, CTRatio: m.CTRatio,
		TariffID: m.TariffID, PrepaidMode: voltpay.PrepaidMeter, OverloadW: m.OverloadW, CreditCapFen: capFen}
	got, err := b.meters.UpdateMeter(sys(), m.ID, in)
	if err != nil {
		t.Fatalf("meter %d meter-billed: %v", m.ID, err)
	}
	if capFen != nil && (got.CreditCapFen == nil || *got.CreditCapFen != *capFen) {
		t.Fatalf("meter %d: credit cap %v, want %d", m.ID, got.CreditCapFen, *capFen)
	}
	sm := b.sim[m.ID]
	sm.SetBalance(balance)
	return got, sm
}

func (b *meterBilledEnv) open(t *testing.T, phone string, meters ...*voltpay.Meter) *voltpay.Account {
	t.Helper()
	ids := make([]int64, len(meters))
	for i, m := range meters {
		ids[i] = m.ID
	}
	a, _, err := b.accounts.OpenAccount(sys(), voltpay.OpenAccountInput{
		Account:  voltpay.AccountInput{SiteID: meters[0].SiteID, TenantName: "表计费商户", ShopNo: meters[0].Room, Phone: phone},
		MeterIDs: ids})
	if err != nil {
		t.Fatalf("open account: %v", err)
	}
	return a
}

func (b *meterBilledEnv) read(t *testing.T, ids ...int64) {
	t.Helper()
	rs, err := b.poller.ReadMeters(sys(), ids)
	if err != nil {
		t.Fatalf("read meters %v: %v", ids, err)
	}
	for _, r := range rs {
		if r.BalanceFen == nil {
			t.Fatalf("meter %d read without its balance", r.MeterID)
		}
	}
}

func (b *meterBilledEnv) sell(t *testing.T, a *voltpay.Account, fen voltpay.Fen, key string) (*voltpay.LedgerEntry, error) {
	t.Helper()
	return b.ledger.Sell(sys(), voltpay.SaleInput{AccountID: a.ID, AmountFen: fen, Channel: voltpay.ChannelWechat, IdempotencyKey: key})
}

// credit waits for the credit command of the sale keyed key and returns it.
func (b *meterBilledEnv) credit(t *testing.T, key string) *voltpay.Command {
	t.Helper()
	var id int64
	if err := b.db.GetContext(sys(), &id, `SELECT id FROM meter_commands WHERE idempotency_key = $1`, voltpay.CreditCommandKey(key)); err != nil {
		t.Fatalf("credit command of sale %s: %v", key, err)
	}
	c, err := b.queue.FindCommandByID(sys(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b.settled(t, c)[id]
}

func (b *meterBilledEnv) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := b.db.GetContext(sys(), &n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func (b *meterBilledEnv) openMismatch(t *testing.T, meterID int64) bool {
	t.Helper()
	return b.count(t, `SELECT count(*) FROM alarms WHERE meter_id = $1 AND kind = $2 AND cleared_at IS NULL`,
		meterID, voltpay.AlarmBalanceMismatch) == 1
}

func wantAmount(t *testing.T, c *voltpay.Command, fen int64) {
	t.Helper()
	var p struct{ AmountFen int64 }
	if err := json.Unmarshal(c.Params, &p); err != nil || c.Kind != voltpay.CmdCredit || p.AmountFen != fen {
		t.Fatalf("command %d: %s %s; want a credit of %d fen", c.ID, c.Kind, c.Params, fen)
	}
	wantState(t, c, voltpay.CommandConfirmed, "")
}

// TestMeterBilled_EndToEnd is issue 4's meter-billed mode on the simulator:
// a sale becomes a credit pushed into the meter exactly once; a sale above
// the meter's stored-credit cap is refused with nothing stored; an
// overdrawn meter's carry-over is taken from the next purchase (by the
// meter); and a balance changed behind the platform's back raises
// balance_mismatch, cleared once the readings agree again.
func TestMeterBilled_EndToEnd(t *testing.T) {
	b := newMeterBilledEnv(t)
	capFen := voltpay.Fen(10000)
	m, sm := b.meterBilled(t, 0, &capFen, 1000)
	a := b.open(t, "13900000011", m)
	od, osm := b.meterBilled(t, 1, nil, -500) // overdrawn by 5.00
	oa := b.open(t, "13900000012", od)
	// The poller keeps the meters it listed at its first read: every meter
	// is meter-billed by then, so their balance is read.
	b.read(t, m.ID, od.ID) // the baselines: 10.00 and −5.00 yuan on the meters

	// A sale of 20 yuan: one credit of 20 yuan, pushed; the meter holds 30.
	before := sm.State()
	key := newKey()
	e, err := b.sell(t, a, 2000, key)
	if err != nil {
		t.Fatalf("sell: %v", err)
	}
	if e.MeterID == nil || *e.MeterID != m.ID {
		t.Errorf("sale entry meter %v, want %d", e.MeterID, m.ID)
	}
	wantAmount(t, b.credit(t, key), 2000)
	if st := sm.State(); st.BalanceFen != 3000 || st.PurchaseCount != before.PurchaseCount+1 {
		t.Errorf("meter after the sale: balance %d, purchase count %d → %d; want 3000 and +1", st.BalanceFen, before.PurchaseCount, st.PurchaseCount)
	}
	// The same sale again is the same entry and the same, single credit.
	if again, err := b.sell(t, a, 2000, key); err != nil || again.ID != e.ID {
		t.Errorf("replayed sale = %v, %v; want entry %d", again, err, e.ID)
	}
	if n := b.count(t, `SELECT count(*) FROM meter_commands WHERE meter_id = $1 AND kind = 'credit'`, m.ID); n != 1 {
		t.Errorf("%d credit commands after a replayed sale, want 1", n)
	}
	b.read(t, m.ID)
	if b.openMismatch(t, m.ID) {
		t.Error("balance_mismatch raised after a credit the platform pushed itself")
	}

	// Above the cap (100 yuan; 30 on the meter): 70.01 yuan is refused, nothing stored.
	entries := b.count(t, `SELECT count(*) FROM ledger_entries WHERE account_id = $1`, a.ID)
	_, err = b.sell(t, a, 7001, newKey())
	if voltpay.ErrorCode(err) != voltpay.EINVALID || !strings.Contains(err.Error(), "100.00") || !strings.Contains(err.Error(), "at most 70.00 yuan") {
		t.Errorf("sale above the cap: %v; want INVALID_INPUT naming the cap 100.00 and 70.00 still sellable", err)
	}
	if n := b.count(t, `SELECT count(*) FROM ledger_entries WHERE account_id = $1`, a.ID); n != entries {
		t.Errorf("%d ledger entries after a refused sale, want %d", n, entries)
	}
	if n := b.count(t, `SELECT count(*) FROM meter_commands WHERE meter_id = $1 AND kind = 'credit'`, m.ID); n != 1 {
		t.Errorf("%d credit commands after a refused sale, want 1", n)
	}

	// An overdrawn meter (−5.00): the full 20 yuan is pushed, and the meter
	// takes its overdraft from it: 15.00 left.
	okey := newKey()
	if _, err := b.sell(t, oa, 2000, okey); err != nil {
		t.Fatalf("sell to the overdrawn meter: %v", err)
	}
	wantAmount(t, b.credit(t, okey), 2000)
	if got := osm.State().BalanceFen; got != 1500 {
		t.Errorf("overdrawn meter after a 20-yuan sale: balance %d fen, want 1500 (20.00 − 5.00)", got)
	}

	// Behind our back: 50 yuan appear on the meter. The next read raises
	// balance_mismatch; the one after it follows on and clears it.
	sm.SetBalance(8000)
	b.read(t, m.ID)
	if !b.openMismatch(t, m.ID) {
		t.Fatal("no balance_mismatch after the meter's balance jumped by 50 yuan without a credit")
	}
	var msg string
	if err := b.db.GetContext(sys(), &msg, `SELECT message FROM alarms WHERE meter_id = $1 AND kind = $2`, m.ID, voltpay.AlarmBalanceMismatch); err != nil || !strings.Contains(msg, "50.00") {
		t.Errorf("mismatch message %q (%v); want the 50.00 yuan difference", msg, err)
	}
	b.read(t, m.ID)
	if b.openMismatch(t, m.ID) {
		t.Error("balance_mismatch still open after a reading that agrees with the one before")
	}
	if b.openMismatch(t, od.ID) {
		t.Error("balance_mismatch on the overdrawn meter, whose credit the platform pushed itself")
	}
}

// TestMeterBilled_SeveralMeters: a sale to an account with two meter-billed
// meters must name one; named, it goes to that meter only.
func TestMeterBilled_SeveralMeters(t *testing.T) {
	b := newMeterBilledEnv(t)
	m1, _ := b.meterBilled(t, 2, nil, 0)
	m2, sm2 := b.meterBilled(t, 3, nil, 0)
	a := b.open(t, "13900000013", m1, m2)
	_, err := b.sell(t, a, 1000, newKey())
	if voltpay.ErrorCode(err) != voltpay.EINVALID || !strings.Contains(err.Error(), "meterId") {
		t.Fatalf("sale without a meter to an account with two meter-billed meters: %v; want INVALID_INPUT asking for meterId", err)
	}
	key := newKey()
	if _, err := b.ledger.Sell(sys(), voltpay.SaleInput{AccountID: a.ID, AmountFen: 1000, Channel: voltpay.ChannelCash,
		IdempotencyKey: key, MeterID: &m2.ID}); err != nil {
		t.Fatalf("sale to meter %d: %v", m2.ID, err)
	}
	c := b.credit(t, key)
	wantAmount(t, c, 1000)
	if c.MeterID != m2.ID || sm2.State().BalanceFen != 1000 {
		t.Errorf("credit went to meter %d (balance %d); want meter %d with 1000", c.MeterID, sm2.State().BalanceFen, m2.ID)
	}
}
