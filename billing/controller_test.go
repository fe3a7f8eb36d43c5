package billing

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// fakeControl is a ControlStore and a command queue in memory: commands
// are kept by key, as the real queue does.
type fakeControl struct {
	voltpay.CommandService // only EnqueueCommand is used
	accounts               map[int64]*AccountControl
	alarms                 map[int64][]string // open kinds by account
	raised                 []string
	byKey                  map[string]*voltpay.Command
	enqueued               []*voltpay.Command
	dead                   map[string]int
}

func newFakeControl(accounts ...*AccountControl) *fakeControl {
	f := &fakeControl{accounts: map[int64]*AccountControl{}, alarms: map[int64][]string{},
		byKey: map[string]*voltpay.Command{}, dead: map[string]int{}}
	for _, a := range accounts {
		f.accounts[a.AccountID] = a
	}
	return f
}

func (f *fakeControl) AccountControls(_ context.Context, accountIDs, _ []int64) ([]*AccountControl, error) {
	var out []*AccountControl
	for _, id := range accountIDs {
		if a := f.accounts[id]; a != nil {
			c := *a
			c.OpenAlarms = slices.Clone(f.alarms[id])
			out = append(out, &c)
		}
	}
	return out, nil
}

// SweepAccounts lists, as the real store does, open accounts at or below
// alarm 1 or with an open alarm.
func (f *fakeControl) SweepAccounts(_ context.Context, after int64, limit int) ([]int64, error) {
	var out []int64
	for id, a := range f.accounts {
		if id > after && ((a.Open && a.Balance <= a.Alarm1) || len(f.alarms[id]) > 0) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out[:min(len(out), limit)], nil
}

func (f *fakeControl) ChangeAlarms(_ context.Context, cs []AlarmChange) ([]*voltpay.Alarm, error) {
	var out []*voltpay.Alarm
	for _, c := range cs {
		open := f.alarms[c.AccountID]
		if c.Raise && !slices.Contains(open, c.Kind) {
			f.alarms[c.AccountID] = append(open, c.Kind)
			f.raised = append(f.raised, c.Kind)
			out = append(out, &voltpay.Alarm{Kind: c.Kind, AccountID: &c.AccountID})
		} else if !c.Raise {
			f.alarms[c.AccountID] = slices.DeleteFunc(open, func(k string) bool { return k == c.Kind })
		}
	}
	return out, nil
}

func (f *fakeControl) ReadingFaults(_ context.Context, ids []int64) ([]*voltpay.Alarm, error) {
	var out []*voltpay.Alarm
	for _, id := range ids {
		out = append(out, &voltpay.Alarm{Kind: voltpay.AlarmReadingFault, MeterID: &id})
	}
	return out, nil
}

func (f *fakeControl) DeadCommands(_ context.Context, _ int64, key string) (int, error) {
	return f.dead[key], nil
}

func (f *fakeControl) EnqueueCommand(ctx context.Context, in voltpay.CommandInput) (*voltpay.Command, error) {
	if c := f.byKey[in.IdempotencyKey]; c != nil {
		return c, nil
	}
	c := &voltpay.Command{ID: int64(len(f.byKey) + 1), MeterID: in.MeterID, Kind: in.Kind, IdempotencyKey: in.IdempotencyKey,
		State: voltpay.CommandPending, CreatedBy: voltpay.PrincipalFrom(ctx).Name}
	f.byKey[in.IdempotencyKey] = c
	f.enqueued = append(f.enqueued, c)
	return c, nil
}

// TestController_Idempotent: evaluating one situation any number of times
// enqueues one command; a new balance turn or a new mode epoch enqueues
// again; a live command or a guarantee enqueues nothing.
func TestController_Idempotent(t *testing.T) {
	ctx := context.Background()
	a := &AccountControl{AccountID: 1, SiteID: 1, Open: true, Balance: 500, Alarm1: 300, Alarm2: 150, Turn: 10,
		Meters: []MeterControl{{MeterID: 7, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	eval := func() {
		t.Helper()
		if err := c.Evaluate(ctx, []int64{1}, nil); err != nil {
			t.Fatal(err)
		}
	}
	eval()
	if len(f.enqueued) != 0 || len(f.raised) != 0 {
		t.Fatalf("a balance above alarm 1: %d commands, alarms %v; want none", len(f.enqueued), f.raised)
	}

	a.Balance, a.Turn = -20, 11 // a charge took it into arrears
	eval()
	eval()
	if len(f.enqueued) != 1 || f.enqueued[0].Kind != voltpay.CmdTrip || f.enqueued[0].CreatedBy != ControlActor {
		t.Fatalf("arrears evaluated twice: %v; want one trip by %s", f.enqueued, ControlActor)
	}
	if want := []string{voltpay.AlarmLevel1, voltpay.AlarmLevel2, voltpay.AlarmArrears}; !slices.Equal(f.raised, want) {
		t.Errorf("alarms raised %v, want %v once each", f.raised, want)
	}
	if k := f.enqueued[0].IdempotencyKey; k != "auto:7:trip:c0:e11" {
		t.Errorf("trip key %q", k)
	}

	a.Meters[0].Relay = voltpay.RelayOpen // confirmed
	a.Balance, a.Turn = 1000, 12          // a sale
	eval()
	eval()
	if len(f.enqueued) != 2 || f.enqueued[1].Kind != voltpay.CmdClose {
		t.Fatalf("after a sale: %v; want one close more", f.enqueued)
	}
	if len(f.alarms[1]) != 0 {
		t.Errorf("after a sale alarms still open: %v", f.alarms[1])
	}

	a.Meters[0].Relay = voltpay.RelayClosed
	a.Balance, a.Turn = -5, 13 // in arrears again: a new turn, a new trip
	a.Meters[0].Live = true    // … but an operator's command is on its way
	eval()
	if len(f.enqueued) != 2 {
		t.Fatalf("with a live command: %d commands; want none added", len(f.enqueued))
	}
	a.Meters[0].Live = false
	eval()
	eval()
	if len(f.enqueued) != 3 || f.enqueued[2].IdempotencyKey != "auto:7:trip:c0:e13" {
		t.Fatalf("arrears again: %v; want a third command, a trip of turn 13", f.enqueued)
	}

	// The trip expired unsent: one more try under a new key, until MaxTries.
	f.dead["auto:7:trip:c0:e13"] = 1
	eval()
	if len(f.enqueued) != 4 || f.enqueued[3].IdempotencyKey != "auto:7:trip:c0:e13:r1" {
		t.Fatalf("after a dead trip: %v; want a retry keyed :r1", f.enqueued)
	}
	f.dead["auto:7:trip:c0:e13"] = 3
	eval()
	if len(f.enqueued) != 4 {
		t.Fatalf("after MaxTries dead trips: %d commands; want no more", len(f.enqueued))
	}

	// Guarantee: never a trip in arrears.
	a.Meters[0] = MeterControl{MeterID: 7, Mode: ModeGuarantee, ModeCommand: 99, Relay: voltpay.RelayClosed}
	eval()
	if len(f.enqueued) != 4 {
		t.Fatalf("guaranteed meter in arrears: %v; want nothing enqueued", f.enqueued[4:])
	}
	// A forced trip is not closed by a sale.
	a.Meters[0] = MeterControl{MeterID: 7, Mode: ModeForcedTrip, ModeCommand: 100, Relay: voltpay.RelayOpen}
	a.Balance, a.Turn = 5000, 14
	eval()
	if len(f.enqueued) != 4 {
		t.Fatalf("forced trip after a sale: %v; want nothing enqueued", f.enqueued[4:])
	}
}

// TestController_Grace: a trip waits for the grace time counted from the
// balance's turn.
func TestController_Grace(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, ChinaTime)
	a := &AccountControl{AccountID: 1, Open: true, Balance: -1, Turn: 5, TurnAt: now.Add(-10 * time.Minute),
		Policy: SitePolicy{Grace: Grace{Time: time.Hour}},
		Meters: []MeterControl{{MeterID: 3, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	c.Now = func() time.Time { return now }
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("10 minutes into a 1 h grace: %v, %v; want no trip", f.enqueued, err)
	}
	c.Now = func() time.Time { return now.Add(time.Hour) }
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil || len(f.enqueued) != 1 {
		t.Fatalf("past the grace: %v, %v; want a trip", f.enqueued, err)
	}
}
