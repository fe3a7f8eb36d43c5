package postgres_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// commandEvents remembers the commands published.
type commandEvents struct {
	voltpay.Events
	mu   sync.Mutex
	cmds []*voltpay.Command
}

func (e *commandEvents) PublishCommand(c *voltpay.Command) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cmds = append(e.cmds, c)
}

// take returns the states published for command id since the last take,
// in order, and forgets every event.
func (e *commandEvents) take(id int64) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var states []string
	for _, c := range e.cmds {
		if c.ID == id {
			states = append(states, c.State)
		}
	}
	e.cmds = nil
	return strings.Join(states, " ")
}

// TestCommand_Publish checks that every committed move publishes the
// command as it now is, and that what does not commit publishes nothing.
func TestCommand_Publish(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ctx := AdminContext()
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	clock := mustClock(db)
	ev := &commandEvents{}
	db.Events = ev

	key := newKey()
	c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, IdempotencyKey: key})
	if got := ev.take(c.ID); got != "pending" {
		t.Fatalf("enqueue: published %q, want pending", got)
	}
	mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, IdempotencyKey: key}) // a replay
	if got := ev.take(c.ID); got != "" {
		t.Fatalf("replayed enqueue: published %q, want nothing", got)
	}

	claimIDs(t, cs, 10)
	if got := ev.take(c.ID); got != "sent" {
		t.Fatalf("claim: published %q, want sent", got)
	}
	if _, err := cs.RetryCommand(ctx, c.ID, "no answer", 0); err != nil {
		t.Fatal(err)
	}
	claimIDs(t, cs, 10)
	if _, err := cs.ConfirmCommand(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := ev.take(c.ID); got != "pending sent confirmed" {
		t.Fatalf("retry, claim, confirm: published %q", got)
	}
	if _, err := cs.ConfirmCommand(ctx, c.ID); voltpay.ErrorCode(err) != voltpay.ECONFLICT {
		t.Fatalf("confirm twice: got %v, want CONFLICT", err)
	}
	if got := ev.take(c.ID); got != "" {
		t.Fatalf("refused move: published %q, want nothing", got)
	}

	failed := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
	claimIDs(t, cs, 10)
	if _, err := cs.FailCommand(ctx, failed.ID, "meter refused"); err != nil {
		t.Fatal(err)
	}
	if got := ev.take(failed.ID); got != "pending sent failed" {
		t.Fatalf("fail: published %q", got)
	}

	cancelled := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
	if _, err := cs.CancelCommand(ctx, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	if got := ev.take(cancelled.ID); got != "pending cancelled" {
		t.Fatalf("cancel: published %q", got)
	}

	stale := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, TTL: time.Hour})
	claimIDs(t, cs, 10)
	clock.Advance(10 * time.Minute)
	if n, err := cs.RequeueStale(ctx, 5*time.Minute); err != nil || n < 1 {
		t.Fatalf("requeue: %d, %v", n, err)
	}
	if got := ev.take(stale.ID); got != "pending sent pending" {
		t.Fatalf("requeue: published %q", got)
	}
	clock.Advance(2 * time.Hour)
	if n, err := cs.ExpireCommands(ctx); err != nil || n < 1 {
		t.Fatalf("expire: %d, %v", n, err)
	}
	if got := ev.take(stale.ID); got != "expired" {
		t.Fatalf("expire: published %q", got)
	}

	db.Events = nil // services work without a bus
	mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
	if _, err := cs.ExpireCommands(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestCommand_BatchKey accepts the longest batch key with a meter id
// appended, which is longer than other idempotency keys may be.
func TestCommand_BatchKey(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	batch := newKey() + strings.Repeat("b", voltpay.MaxIdempotencyKeyLen-len(newKey()))
	key := voltpay.BatchCommandKey(batch, m.ID)
	if len(key) <= voltpay.MaxIdempotencyKeyLen {
		t.Fatalf("key %q is not longer than %d", key, voltpay.MaxIdempotencyKeyLen)
	}
	c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, IdempotencyKey: key})
	if c.IdempotencyKey != key {
		t.Fatalf("got key %q, want %q", c.IdempotencyKey, key)
	}
	_, err := cs.EnqueueCommand(AdminContext(), voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdTrip,
		IdempotencyKey: strings.Repeat("k", voltpay.MaxCommandKeyLen+1)})
	wantCode(t, err, voltpay.EINVALID)
}
