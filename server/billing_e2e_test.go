package main

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/events"
	"github.com/voltpay/voltpay/server/postgres"
)

// billingEnv is a controlEnv whose poller writes through the billing
// engine of `voltpay serve` (charger and controller, following the event
// bus), with an executor running: the whole loop from a simulated meter's
// registers to its relay.
type billingEnv struct {
	*controlEnv
	bill    *billingEngine
	ledger  *postgres.LedgerService
	meter   *voltpay.Meter
	sm      *sim.Meter
	account *voltpay.Account
	energy  int64 // the simulated meter's register, Wh
}

// newBillingEnv opens a tenant account (balance 5.00 yuan, alarms at 3.00
// and 1.50) on a free DL/T 645 meter charged at a flat 1 yuan/kWh.
func newBillingEnv(t testing.TB) *billingEnv {
	t.Helper()
	e := newControlEnv(t)
	e.db.Events = events.New()
	b := &billingEnv{controlEnv: e, ledger: postgres.NewLedgerService(e.db)}
	_ = e.poller.Close()
	b.bill = newBillingEngine(e.db, slog.New(slog.DiscardHandler))
	e.poller = newPollerInto(poller.Config{BusSettings: quickBus}, e.db, b.bill.sink(postgres.NewReadingService(e.db)), nil)
	t.Cleanup(func() { _ = e.poller.Close() })

	ctx := sys()
	tariff, err := postgres.NewTariffService(e.db).CreateTariff(ctx, voltpay.TariffInput{SiteID: e.meters[1].SiteID,
		Name: "一元平价", Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 10000}})
	if err != nil {
		t.Fatalf("tariff: %v", err)
	}
	meters := postgres.NewMeterService(e.db)
	m := e.meters[1] // gateway 1's second meter: no account
	if m.AccountID != nil || m.PrepaidMode != voltpay.PrepaidPlatform {
		t.Fatalf("meter %d: account %v, prepaid mode %s; want a free platform-billed meter", m.ID, m.AccountID, m.PrepaidMode)
	}
	in := voltpay.MeterInput{SiteID: m.SiteID, BuildingID: m.BuildingID, Floor: m.Floor, Room: m.Room, Address: m.Address,
		Channel: m.Channel, Model: m.Model, Phases: m.Phases, Protocol: m.Protocol, GatewayID: m.GatewayID, CTRatio: m.CTRatio,
		TariffID: &tariff.ID, PrepaidMode: m.PrepaidMode, OverloadW: m.OverloadW, Alarm1Fen: m.Alarm1Fen, Alarm2Fen: m.Alarm2Fen}
	if b.meter, err = meters.UpdateMeter(ctx, m.ID, in); err != nil {
		t.Fatalf("meter tariff: %v", err)
	}
	a1, a2 := voltpay.Fen(300), voltpay.Fen(150)
	b.account, _, err = postgres.NewAccountService(e.db).OpenAccount(ctx, voltpay.OpenAccountInput{
		Account:   voltpay.AccountInput{SiteID: m.SiteID, TenantName: "测试小吃", ShopNo: m.Room, Phone: "13900000001", Alarm1Fen: &a1, Alarm2Fen: &a2},
		MeterIDs:  []int64{m.ID},
		FirstSale: &voltpay.SaleInput{AmountFen: 500, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()},
	})
	if err != nil {
		t.Fatalf("open account: %v", err)
	}
	b.sm = e.sim[m.ID]
	b.energy = 1_000_000
	b.sm.SetEnergy(b.energy)

	runCtx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	b.bill.start(runCtx, e.db.Events, func(name string, f func(context.Context) error) {
		wg.Go(func() {
			if err := f(runCtx); err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("%s: %v", name, err)
			}
		})
	})
	t.Cleanup(func() { cancel(); wg.Wait() })
	e.start(t, quickControl())
	b.read(t) // the baseline of the series
	return b
}

// consume runs wh through the simulated meter and reads it, which stores the
// reading through the charging sink.
func (b *billingEnv) consume(t testing.TB, wh int64) {
	t.Helper()
	b.energy += wh
	b.sm.SetEnergy(b.energy)
	b.read(t)
}

func (b *billingEnv) read(t testing.TB) {
	t.Helper()
	if _, err := b.poller.ReadMeters(sys(), []int64{b.meter.ID}); err != nil {
		t.Fatalf("read meter %d: %v", b.meter.ID, err)
	}
}

// eventually waits up to 30 s for cond, failing with what.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (b *billingEnv) balance(t testing.TB) voltpay.Fen {
	t.Helper()
	var fen voltpay.Fen
	if err := b.db.GetContext(sys(), &fen, `SELECT balance_fen FROM accounts WHERE id = $1`, b.account.ID); err != nil {
		t.Fatal(err)
	}
	return fen
}

// alarms returns the account's alarm kinds in the order raised, open ones only when open.
func (b *billingEnv) alarms(t testing.TB, open bool) []string {
	t.Helper()
	kinds := []string{}
	if err := b.db.SelectContext(sys(), &kinds, `SELECT kind FROM alarms WHERE account_id = $1 AND (NOT $2 OR cleared_at IS NULL) ORDER BY id`,
		b.account.ID, open); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// autoCommands returns the meter's commands created by the controller, oldest first.
func (b *billingEnv) autoCommands(t testing.TB) []*voltpay.Command {
	t.Helper()
	p, err := b.queue.FindCommands(sys(), voltpay.CommandFilter{MeterID: &b.meter.ID, Page: voltpay.PageArgs{First: 100}})
	if err != nil {
		t.Fatal(err)
	}
	var out []*voltpay.Command
	for _, c := range slices.Backward(p.Items) {
		if c.CreatedBy == billing.ControlActor {
			out = append(out, c)
		}
	}
	return out
}

// operator enqueues a command as an operator at the desk would (controlMeters) and waits for it.
func (b *billingEnv) operator(t testing.TB, kind string) *voltpay.Command {
	t.Helper()
	ctx := voltpay.WithPrincipal(context.Background(), &voltpay.Principal{Kind: voltpay.PrincipalOperator, ID: 1, Name: "manager", Role: voltpay.RoleManager})
	c, err := b.queue.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: b.meter.ID, Kind: kind, IdempotencyKey: newKey()})
	if err != nil {
		t.Fatalf("operator %s: %v", kind, err)
	}
	wantState(t, b.settled(t, c)[c.ID], voltpay.CommandConfirmed, "")
	return c
}

func (b *billingEnv) mode(t testing.TB) string {
	t.Helper()
	m, err := postgres.NewMeterService(b.db).FindMeterByID(sys(), b.meter.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m.ControlMode
}

func (b *billingEnv) sell(t testing.TB, fen voltpay.Fen) {
	t.Helper()
	if _, err := b.ledger.Sell(sys(), voltpay.SaleInput{AccountID: b.account.ID, AmountFen: fen, Channel: voltpay.ChannelCash,
		IdempotencyKey: newKey()}); err != nil {
		t.Fatalf("sell: %v", err)
	}
}

// settle lets the controller act on what is queued and sweeps once, then
// waits for every automatic command to finish.
func (b *billingEnv) settle(t testing.TB) {
	t.Helper()
	if err := b.bill.controller.Sweep(sys()); err != nil {
		t.Fatal(err)
	}
	b.settled(t, b.autoCommands(t)...)
}

// TestBilling_EndToEnd is issue 4's "What must be shown": a tenant's
// simulated meter consumes, the balance falls through alarm 1, alarm 2 and
// arrears, the controller trips the meter and the simulated relay opens; a
// sale closes it again; a guaranteed meter stays closed in arrears; an
// operator's forced trip survives a sale.
func TestBilling_EndToEnd(t *testing.T) {
	b := newBillingEnv(t)
	if st := b.sm.State(); st.RelayOpen {
		t.Fatal("the simulated meter starts tripped")
	}

	// 5.00 → 2.90 yuan: alarm 1 (3.00).
	b.consume(t, 2100)
	eventually(t, "alarm 1 after 2.1 kWh", func() bool { return slices.Equal(b.alarms(t, true), []string{"alarm1"}) })
	if got := b.balance(t); got != 290 {
		t.Fatalf("balance after 2.1 kWh at 1 yuan/kWh = %d fen, want 290", got)
	}
	// 2.90 → 1.40: alarm 2 (1.50).
	b.consume(t, 1500)
	eventually(t, "alarm 2 after 3.6 kWh", func() bool { return slices.Equal(b.alarms(t, true), []string{"alarm1", "alarm2"}) })
	if n := len(b.autoCommands(t)); n != 0 {
		t.Fatalf("%d automatic commands above zero; want none", n)
	}
	// 1.40 → −0.10: arrears, and the trip.
	b.consume(t, 1500)
	eventually(t, "arrears after 5.1 kWh", func() bool {
		return slices.Equal(b.alarms(t, true), []string{"alarm1", "alarm2", "arrears"})
	})
	if got := b.balance(t); got != -10 {
		t.Fatalf("balance after 5.1 kWh = %d fen, want -10", got)
	}
	eventually(t, "the simulated relay opens", func() bool { return b.sm.State().RelayOpen })
	b.settle(t)
	cmds := b.autoCommands(t)
	if len(cmds) != 1 || cmds[0].Kind != voltpay.CmdTrip || cmds[0].State != voltpay.CommandConfirmed {
		t.Fatalf("automatic commands after arrears: %+v; want one confirmed trip", cmds)
	}
	if got := b.alarms(t, false); !slices.Equal(got, []string{"alarm1", "alarm2", "arrears"}) {
		t.Errorf("alarms raised %v; want alarm1, alarm2, arrears in that order, once each", got)
	}
	// More evaluations of the same situation add nothing.
	b.bill.controller.NotifyMeters([]int64{b.meter.ID})
	b.settle(t)
	if n := len(b.autoCommands(t)); n != 1 {
		t.Fatalf("%d automatic commands after re-evaluating arrears; want 1", n)
	}

	// A sale: the balance is above zero, the meter closes, the alarms clear.
	b.sell(t, 1000) // −0.10 → 9.90
	eventually(t, "the simulated relay closes after a sale", func() bool { return !b.sm.State().RelayOpen })
	b.settle(t)
	cmds = b.autoCommands(t)
	if len(cmds) != 2 || cmds[1].Kind != voltpay.CmdClose || cmds[1].State != voltpay.CommandConfirmed {
		t.Fatalf("automatic commands after the sale: %+v; want a confirmed close after the trip", cmds)
	}
	eventually(t, "alarms cleared after the sale", func() bool { return len(b.alarms(t, true)) == 0 })

	// Into arrears again: a new turn, a new trip.
	b.consume(t, 10_000) // 9.90 → −0.10
	eventually(t, "the relay opens on the second arrears", func() bool { return b.sm.State().RelayOpen })
	b.sell(t, 2000) // → 19.90
	eventually(t, "the relay closes after the second sale", func() bool { return !b.sm.State().RelayOpen })
	b.settle(t)
	if n := len(b.autoCommands(t)); n != 4 {
		t.Fatalf("%d automatic commands after two arrears and two sales; want 4", n)
	}

	// Guarantee (保电): in arrears the meter stays on.
	b.operator(t, voltpay.CmdGuaranteeOn)
	if m := b.mode(t); m != billing.ModeGuarantee {
		t.Fatalf("control mode after guarantee_on = %s", m)
	}
	b.consume(t, 20_500) // 19.90 → −0.60
	eventually(t, "arrears on the guaranteed meter", func() bool { return slices.Contains(b.alarms(t, true), "arrears") })
	b.settle(t)
	time.Sleep(100 * time.Millisecond) // let the events of the reading reach the controller
	b.settle(t)
	if n := len(b.autoCommands(t)); n != 4 {
		t.Fatalf("%d automatic commands for a guaranteed meter in arrears; want none added", n)
	}
	if b.sm.State().RelayOpen {
		t.Fatal("a guaranteed meter in arrears was tripped")
	}

	// Paid again, back to prepaid: nothing to do.
	b.sell(t, 5000) // → 49.40
	b.operator(t, voltpay.CmdRestorePrepaid)
	if m := b.mode(t); m != billing.ModePrepaid {
		t.Fatalf("control mode after restore_prepaid = %s", m)
	}
	b.settle(t)
	if n := len(b.autoCommands(t)); n != 4 || b.sm.State().RelayOpen {
		t.Fatalf("after restore prepaid with credit: %d automatic commands, relay open %v; want 4, closed", n, b.sm.State().RelayOpen)
	}

	// An operator's forced trip survives a sale.
	b.operator(t, voltpay.CmdTrip)
	if m := b.mode(t); m != billing.ModeForcedTrip {
		t.Fatalf("control mode after an operator's trip = %s", m)
	}
	if !b.sm.State().RelayOpen {
		t.Fatal("the operator's trip did not open the relay")
	}
	b.sell(t, 3000)
	b.read(t)
	time.Sleep(100 * time.Millisecond)
	b.settle(t)
	if n := len(b.autoCommands(t)); n != 4 {
		for _, c := range b.autoCommands(t) {
			t.Logf("%d %s %s %s %s", c.ID, c.Kind, c.IdempotencyKey, c.State, c.LastError)
		}
		t.Fatalf("%d automatic commands after a sale to a force-tripped meter; want none added", n)
	}
	if !b.sm.State().RelayOpen {
		t.Fatal("a sale closed an operator's forced trip")
	}
	// Released by restore prepaid, the meter is automatic again: with
	// credit, the controller closes it.
	b.operator(t, voltpay.CmdRestorePrepaid)
	eventually(t, "the relay closes once prepaid mode is restored", func() bool { return !b.sm.State().RelayOpen })
}
