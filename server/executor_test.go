package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/control"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/postgres"
)

// controlEnv is a seeded database whose gateways are simulated in-process
// (so tests can look inside the meters), a poller over them and the
// command queue.
type controlEnv struct {
	db       *postgres.DB
	queue    *postgres.CommandService
	poller   *poller.Poller
	meters   []*voltpay.Meter // the DL/T 645 gateway meters
	modbus   *voltpay.Meter   // one Modbus meter
	sim      map[int64]*sim.Meter
	gateways map[int64]*sim.Gateway // by meter id
}

func newControlEnv(t testing.TB) *controlEnv {
	t.Helper()
	db, svc, _ := seedSmallDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sgs, err := loadSimGateways(sys(), db, simOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	bySpot := map[string]*sim.Meter{}
	gwBySpot := map[string]*sim.Gateway{}
	for _, sg := range sgs {
		if err := sg.gw.Start(ctx, sg.addr); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sg.gw.Close() })
		for _, m := range sg.gw.Meters() {
			spot := sg.addr + "/" + m.Addr().String()
			if sg.protocol != voltpay.ProtocolDLT645 {
				spot = sg.addr + "/" + strconv.Itoa(int(m.Unit()))
			}
			bySpot[spot], gwBySpot[spot] = m, sg.gw
		}
	}
	e := &controlEnv{db: db, queue: postgres.NewCommandService(db), sim: map[int64]*sim.Meter{}, gateways: map[int64]*sim.Gateway{}}
	src := &pollerSource{sites: svc.Sites, meters: svc.Meters}
	gws, err := src.Gateways(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws {
		ms, err := src.Meters(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			spot := g.Endpoint() + "/" + m.Address
			e.sim[m.ID], e.gateways[m.ID] = bySpot[spot], gwBySpot[spot]
			if e.sim[m.ID] == nil {
				t.Fatalf("meter %d at %s is not simulated", m.ID, spot)
			}
			if m.Protocol == voltpay.MeterProtocolDLT645 {
				e.meters = append(e.meters, m)
			} else if e.modbus == nil {
				e.modbus = m
			}
		}
	}
	e.poller = newPoller(poller.Config{BusSettings: quickBus}, db, nil)
	t.Cleanup(func() { _ = e.poller.Close() })
	return e
}

// quickBus is the bus settings of test pollers over in-process gateways:
// short timeouts and gaps.
func quickBus(g *voltpay.Gateway) bus.Settings {
	proto, _ := poller.BusProtocol(g.Protocol)
	s := bus.DefaultSettings(proto, poller.DefaultBaud)
	s.ResponseTimeout, s.Retries, s.DialTimeout = 300*time.Millisecond, 2, 2*time.Second
	s.InterFrameGap = time.Millisecond
	return s
}

// quickControl is an executor configuration for tests: short waits.
func quickControl() control.Config {
	return control.Config{Interval: 20 * time.Millisecond, ConfirmTimeout: time.Second, ConfirmEvery: 10 * time.Millisecond,
		Backoff: []time.Duration{20 * time.Millisecond}, StaleAfter: 3 * time.Second, CommandTimeout: 2 * time.Second, MaxAttempts: 20}
}

// start runs an executor until the returned stop is called; like `voltpay
// serve`, it wakes on every new pending command when the database has an
// event bus.
func (e *controlEnv) start(t testing.TB, cfg control.Config) (stop func()) {
	t.Helper()
	x := control.New(cfg, e.queue, e.poller, nil)
	ctx, cancel := context.WithCancel(context.Background())
	wakeOnNewCommands(ctx, e.db.Events, x.Wake)
	done := make(chan error, 1)
	go func() { done <- x.Run(ctx) }()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	t.Cleanup(stop)
	return stop
}

// enqueue adds a command created by "test".
func (e *controlEnv) enqueue(t testing.TB, meterID int64, kind string, params any) *voltpay.Command {
	t.Helper()
	in := voltpay.CommandInput{MeterID: meterID, Kind: kind, IdempotencyKey: newKey()}
	if params != nil {
		in.Params, _ = json.Marshal(params)
	}
	c, err := e.queue.EnqueueCommand(sys(), in)
	if err != nil {
		t.Fatalf("enqueue %s on meter %d: %v", kind, meterID, err)
	}
	return c
}

// settled waits until every command has finished and returns them.
func (e *controlEnv) settled(t testing.TB, cmds ...*voltpay.Command) map[int64]*voltpay.Command {
	t.Helper()
	out := map[int64]*voltpay.Command{}
	deadline := time.Now().Add(60 * time.Second)
	for _, c := range cmds {
		for {
			got, err := e.queue.FindCommandByID(sys(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.DoneAt != nil {
				out[c.ID] = got
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("command %d (%s) still %s after 60 s: %s", got.ID, got.Kind, got.State, got.LastError)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return out
}

func wantState(t testing.TB, c *voltpay.Command, state, errPart string) {
	t.Helper()
	if c.State != state || !strings.Contains(c.LastError, errPart) {
		t.Errorf("command %d (%s) is %s (%q); want %s containing %q", c.ID, c.Kind, c.State, c.LastError, state, errPart)
	}
}

// TestExecutor_EveryKind sends each kind of command to simulated meters and
// checks the meters' own state, the stored meter state and the audit log.
func TestExecutor_EveryKind(t *testing.T) {
	e := newControlEnv(t)
	e.start(t, quickControl())
	m := e.meters
	if len(m) < 6 {
		t.Fatalf("%d DL/T 645 meters, want 6", len(m))
	}
	sm := func(i int) *sim.Meter { return e.sim[m[i].ID] }
	sm(4).SetTime(time.Now().Add(-2 * time.Hour)) // far off: needs the password write
	sm(5).SetTime(time.Now().Add(90 * time.Second))
	before := sm(2).State()

	trip := e.enqueue(t, m[0].ID, voltpay.CmdTrip, nil)
	guarantee := e.enqueue(t, m[1].ID, voltpay.CmdGuaranteeOn, nil)
	credit := e.enqueue(t, m[2].ID, voltpay.CmdCredit, map[string]any{"amountFen": 5000})
	settings := e.enqueue(t, m[3].ID, voltpay.CmdPushSettings, map[string]any{"alarm1Fen": 2000, "alarm2Fen": 1000})
	tariff := e.enqueue(t, m[3].ID, voltpay.CmdPushTariff, map[string]any{"prices": []string{"1.2000", "0.9000", "0.6000", "0.3000"}})
	syncFar := e.enqueue(t, m[4].ID, voltpay.CmdTimeSync, nil)
	syncNear := e.enqueue(t, m[5].ID, voltpay.CmdTimeSync, nil)
	modbus := e.enqueue(t, e.modbus.ID, voltpay.CmdTrip, nil)
	got := e.settled(t, trip, guarantee, credit, settings, tariff, syncFar, syncNear, modbus)

	wantState(t, got[trip.ID], voltpay.CommandConfirmed, "")
	if st := sm(0).State(); !st.RelayOpen || st.Trips != 1 {
		t.Errorf("tripped meter: relay open %v after %d trips; want open after 1", st.RelayOpen, st.Trips)
	}
	wantState(t, got[guarantee.ID], voltpay.CommandConfirmed, "")
	if !sm(1).State().Guarantee {
		t.Error("guarantee on confirmed but the meter has no guarantee")
	}
	wantState(t, got[credit.ID], voltpay.CommandConfirmed, "")
	if st := sm(2).State(); st.PurchaseCount != before.PurchaseCount+1 || st.PurchasedFen != before.PurchasedFen+5000 {
		t.Errorf("credited meter: count %d → %d, purchased %d → %d; want +1 and +5000",
			before.PurchaseCount, st.PurchaseCount, before.PurchasedFen, st.PurchasedFen)
	}
	wantState(t, got[settings.ID], voltpay.CommandConfirmed, "")
	wantState(t, got[tariff.ID], voltpay.CommandConfirmed, "")
	wantState(t, got[syncFar.ID], voltpay.CommandConfirmed, "")
	wantState(t, got[syncNear.ID], voltpay.CommandConfirmed, "")
	for _, i := range []int{4, 5} {
		if d := time.Until(sm(i).Now()).Abs(); d > 5*time.Second {
			t.Errorf("meter %d clock still off by %s after time_sync", m[i].ID, d)
		}
	}
	wantState(t, got[modbus.ID], voltpay.CommandFailed, "no remote-control registers")

	// The stored state follows a confirmed command at once.
	stored, err := postgres.NewMeterService(e.db).FindMeterByID(sys(), m[0].ID)
	if err != nil || stored.Relay != voltpay.RelayOpen {
		t.Errorf("stored relay of the tripped meter = %v, %v; want open", stored, err)
	}

	// A trip of a guaranteed meter fails with the reason; no trip happens.
	refused := e.enqueue(t, m[1].ID, voltpay.CmdTrip, nil)
	wantState(t, e.settled(t, refused)[refused.ID], voltpay.CommandFailed, "guarantee")
	if sm(1).State().RelayOpen {
		t.Error("a guaranteed meter tripped")
	}

	// A repeated trip changes nothing on the meter: status word 3 already shows it.
	again := e.enqueue(t, m[0].ID, voltpay.CmdTrip, nil)
	wantState(t, e.settled(t, again)[again.ID], voltpay.CommandConfirmed, "")
	if st := sm(0).State(); st.Trips != 1 {
		t.Errorf("repeated trip: %d trips, want 1", st.Trips)
	}
	var note string
	if err := e.db.QueryRowContext(sys(), `SELECT message FROM audit_log WHERE operation = 'command.trip' AND args->>'commandId' = $1`,
		strconv.FormatInt(again.ID, 10)).Scan(&note); err != nil || !strings.Contains(note, "already") {
		t.Errorf("audit note of the repeated trip = %q, %v; want one saying the meter already showed it", note, err)
	}

	// Every settled command has its audit entry.
	var audits int
	if err := e.db.QueryRowContext(sys(), `SELECT count(*) FROM audit_log WHERE actor_name = 'meterlink' AND operation LIKE 'command.%'`).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if audits != 10 {
		t.Errorf("%d audit entries of settled commands, want 10", audits)
	}
}

// TestExecutor_LastIntentWins: a trip and then a close of the same meter,
// enqueued together, leave the meter closed whatever the order of attempts.
func TestExecutor_LastIntentWins(t *testing.T) {
	e := newControlEnv(t)
	m := e.meters[0]
	trip := e.enqueue(t, m.ID, voltpay.CmdTrip, nil)
	closeCmd := e.enqueue(t, m.ID, voltpay.CmdClose, nil)
	e.start(t, quickControl())
	got := e.settled(t, trip, closeCmd)
	wantState(t, got[trip.ID], voltpay.CommandFailed, fmt.Sprintf("superseded by command %d", closeCmd.ID))
	wantState(t, got[closeCmd.ID], voltpay.CommandConfirmed, "")
	if st := e.sim[m.ID].State(); st.RelayOpen || st.Trips != 0 {
		t.Errorf("meter relay open %v after %d trips; want closed, never tripped", st.RelayOpen, st.Trips)
	}
}

// creditFrame builds the vendor-layout credit a dead executor would have
// sent for command c.
func creditFrame(t testing.TB, m *voltpay.Meter, c *voltpay.Command, amount int64) dlt645.Frame {
	t.Helper()
	addr, err := dlt645.ParseAddress(m.Address)
	if err != nil {
		t.Fatal(err)
	}
	cr := dlt645.Credit{AmountFen: amount, MeterNumber: addr}
	for i := range 8 {
		cr.OrderNumber[7-i] = byte(c.ID >> (8 * i))
	}
	f, err := dlt645.CreditRequest(addr, dlt645.Profile{Name: "vendor", Layout: dlt645.LayoutVendor}, cr)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestExecutor_RestartMidBatch runs a batch of credits and relay commands
// over buses suffering every fault kind, across the death of one executor
// (which had claimed two credits and pushed one of them without recording
// it) and the restart of another in the middle of the batch. Every command
// ends confirmed, and the meters' purchase counts, purchased totals and
// relay histories show each applied exactly once.
func TestExecutor_RestartMidBatch(t *testing.T) {
	e := newControlEnv(t)
	m := e.meters
	type want struct {
		count  uint32
		bought int64
	}
	wants := map[int64]want{}
	for _, mt := range m {
		st := e.sim[mt.ID].State()
		wants[mt.ID] = want{st.PurchaseCount + 3, st.PurchasedFen + 600}
	}

	// The dead executor: it claimed the first two credits; it pushed the
	// first (after reserving its count) and died before confirming either.
	x := e.enqueue(t, m[0].ID, voltpay.CmdCredit, map[string]any{"amountFen": 100})
	y := e.enqueue(t, m[1].ID, voltpay.CmdCredit, map[string]any{"amountFen": 100})
	claimed, err := e.queue.ClaimCommands(sys(), 2)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("dead executor's claim = %d, %v", len(claimed), err)
	}
	if _, err := e.queue.ReserveCreditCount(sys(), x.ID, int64(e.sim[m[0].ID].State().PurchaseCount)+1); err != nil {
		t.Fatal(err)
	}
	if err := e.poller.OnMeter(sys(), m[0].ID, func(ctx context.Context, _ *voltpay.Meter, b *bus.Bus) error {
		_, err := b.DLT645(ctx, creditFrame(t, m[0], x, 100))
		return err
	}); err != nil {
		t.Fatalf("dead executor's push: %v", err)
	}

	cmds := []*voltpay.Command{x, y}
	for i, mt := range m {
		for _, fen := range []int{100, 200, 300} {
			if (i == 0 || i == 1) && fen == 100 {
				continue // x and y
			}
			cmds = append(cmds, e.enqueue(t, mt.ID, voltpay.CmdCredit, map[string]any{"amountFen": fen}))
		}
		kind := voltpay.CmdTrip
		if i >= 3 {
			kind = voltpay.CmdGuaranteeOn
		}
		cmds = append(cmds, e.enqueue(t, mt.ID, kind, nil))
	}
	for _, g := range e.gateways {
		g.SetFaults(sim.Faults{Drop: 0.05, Delay: 0.04, Corrupt: 0.04, Split: 0.05, Coalesce: 0.03, Echo: 0.03,
			Garbage: 0.03, Disconnect: 0.02, DelayBy: 400 * time.Millisecond})
	}

	// The first executor runs until a third of the batch is confirmed.
	stop := e.start(t, quickControl())
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		state := voltpay.CommandConfirmed
		p, err := e.queue.FindCommands(sys(), voltpay.CommandFilter{State: &state})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total >= len(cmds)/3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d commands confirmed after 60 s", p.Total, len(cmds))
		}
	}
	stop()
	// The second one finishes the batch, x and y once they are stale.
	e.start(t, quickControl())
	got := e.settled(t, cmds...)

	for _, c := range cmds {
		wantState(t, got[c.ID], voltpay.CommandConfirmed, "")
	}
	for i, mt := range m {
		st := e.sim[mt.ID].State()
		w := wants[mt.ID]
		if st.PurchaseCount != w.count || st.PurchasedFen != w.bought {
			t.Errorf("meter %d: purchase count %d, purchased %d fen; want %d and %d (each credit exactly once)",
				mt.ID, st.PurchaseCount, st.PurchasedFen, w.count, w.bought)
		}
		if i < 3 && (!st.RelayOpen || st.Trips != 1) {
			t.Errorf("meter %d: relay open %v after %d trips; want open after exactly 1", mt.ID, st.RelayOpen, st.Trips)
		}
		if i >= 3 && (!st.Guarantee || st.Trips != 0) {
			t.Errorf("meter %d: guarantee %v, %d trips; want guarantee and no trip", mt.ID, st.Guarantee, st.Trips)
		}
	}
}
