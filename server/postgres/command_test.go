package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// testClock is a settable clock for db.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var clockSeq atomic.Int64

// mustClock gives db a clock of its own, 30 days per call further in the
// future than the last, so that commands other tests left in the shared
// database have expired for it and are never claimed here.
func mustClock(db *postgres.DB) *testClock {
	c := &testClock{t: time.Now().UTC().Truncate(time.Microsecond).Add(time.Duration(clockSeq.Add(1)) * 30 * 24 * time.Hour)}
	db.Now = c.Now
	return c
}

func mustEnqueue(tb testing.TB, cs *postgres.CommandService, in voltpay.CommandInput) *voltpay.Command {
	tb.Helper()
	if in.Kind == "" {
		in.Kind = voltpay.CmdTrip
	}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = newKey()
	}
	c, err := cs.EnqueueCommand(AdminContext(), in)
	if err != nil {
		tb.Fatalf("enqueue %+v: %v", in, err)
	}
	return c
}

func mustFindCommand(tb testing.TB, cs *postgres.CommandService, id int64) *voltpay.Command {
	tb.Helper()
	c, err := cs.FindCommandByID(AdminContext(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// claimIDs claims up to limit commands and returns their ids.
func claimIDs(tb testing.TB, cs *postgres.CommandService, limit int) map[int64]*voltpay.Command {
	tb.Helper()
	got, err := cs.ClaimCommands(AdminContext(), limit)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[int64]*voltpay.Command{}
	for _, c := range got {
		out[c.ID] = c
	}
	return out
}

func TestCommand_Enqueue(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ctx := AdminContext()
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	clock := mustClock(db)
	key := newKey()

	c, err := cs.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit,
		Params: json.RawMessage(`{"amountFen": 10000, "purchaseCount": 8}`), IdempotencyKey: key})
	if err != nil {
		t.Fatal(err)
	}
	now := clock.Now()
	if c.ID == 0 || c.MeterID != m.ID || c.State != voltpay.CommandPending || c.Attempts != 0 || c.CreatedBy != "test" ||
		!c.NextAttemptAt.Equal(now) || !c.ExpiresAt.Equal(now.Add(voltpay.DefaultCommandTTL)) || c.DoneAt != nil {
		t.Fatalf("got %+v", c)
	}
	var params map[string]int
	if err := json.Unmarshal(c.Params, &params); err != nil || params["amountFen"] != 10000 || params["purchaseCount"] != 8 {
		t.Fatalf("params: got %s (%v)", c.Params, err)
	}

	t.Run("SameKeySameCommand", func(t *testing.T) {
		again, err := cs.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit,
			Params: json.RawMessage(`{"purchaseCount":8,"amountFen":10000}`), IdempotencyKey: key})
		if err != nil || again.ID != c.ID {
			t.Fatalf("got %+v, %v, want command %d", again, err, c.ID)
		}
	})
	t.Run("DefaultParams", func(t *testing.T) {
		c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, TTL: time.Minute})
		if string(c.Params) != "{}" || !c.ExpiresAt.Equal(now.Add(time.Minute)) {
			t.Fatalf("got params %s, expires %v", c.Params, c.ExpiresAt)
		}
	})
	t.Run("ParamsPerRow", func(t *testing.T) {
		other := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
		for i := range 5 {
			mustEnqueue(t, cs, voltpay.CommandInput{MeterID: other.ID, Kind: voltpay.CmdPushSettings,
				Params: json.RawMessage(fmt.Sprintf(`{"overloadW":%d}`, 1000+i))})
		}
		p, err := cs.FindCommands(ctx, voltpay.CommandFilter{MeterID: &other.ID})
		if err != nil || len(p.Items) != 5 {
			t.Fatalf("got %+v, %v", p, err)
		}
		for i, c := range p.Items {
			if want := fmt.Sprintf(`{"overloadW": %d}`, 1004-i); string(c.Params) != want {
				t.Fatalf("command %d: params %s, want %s", i, c.Params, want)
			}
		}
	})
	t.Run("ErrKeyReused", func(t *testing.T) {
		_, err := cs.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdTrip, IdempotencyKey: key})
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = cs.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit,
			Params: json.RawMessage(`{"amountFen":1}`), IdempotencyKey: key})
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, in := range map[string]voltpay.CommandInput{
			"kind":        {MeterID: m.ID, Kind: "explode", IdempotencyKey: newKey()},
			"paramsArray": {MeterID: m.ID, Kind: voltpay.CmdTrip, Params: json.RawMessage(`[1]`), IdempotencyKey: newKey()},
			"paramsJSON":  {MeterID: m.ID, Kind: voltpay.CmdTrip, Params: json.RawMessage(`{bad`), IdempotencyKey: newKey()},
			"key":         {MeterID: m.ID, Kind: voltpay.CmdTrip, IdempotencyKey: "short"},
			"ttl":         {MeterID: m.ID, Kind: voltpay.CmdTrip, IdempotencyKey: newKey(), TTL: 30 * 24 * time.Hour},
			"meter":       {Kind: voltpay.CmdTrip, IdempotencyKey: newKey()},
		} {
			_, err := cs.EnqueueCommand(ctx, in)
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Errorf("%s: got %v, want INVALID_INPUT", name, err)
			}
		}
	})
	t.Run("ErrUnknownMeter", func(t *testing.T) {
		_, err := cs.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: 987654321, Kind: voltpay.CmdTrip, IdempotencyKey: newKey()})
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("Find", func(t *testing.T) {
		kind := voltpay.CmdCredit
		p, err := cs.FindCommands(ctx, voltpay.CommandFilter{MeterID: &m.ID, Kind: &kind})
		if err != nil || p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != c.ID {
			t.Fatalf("got %+v, %v, want command %d", p, err, c.ID)
		}
		p, err = cs.FindCommands(ctx, voltpay.CommandFilter{MeterID: &m.ID, Page: voltpay.PageArgs{First: 1}})
		if err != nil || p.Total != 2 || len(p.Items) != 1 || p.Items[0].ID <= c.ID || !p.HasNext {
			t.Fatalf("got %+v, %v, want the newest of two", p, err)
		}
		_, err = cs.FindCommandByID(ctx, 987654321)
		wantCode(t, err, voltpay.ENOTFOUND)
		bad := "lost"
		_, err = cs.FindCommands(ctx, voltpay.CommandFilter{State: &bad})
		wantCode(t, err, voltpay.EINVALID)
	})
}

func TestCommand_Lifecycle(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ctx := AdminContext()
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	clock := mustClock(db)
	c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})

	claimed := claimIDs(t, cs, 10)
	if got := claimed[c.ID]; len(claimed) != 1 || got == nil || got.State != voltpay.CommandSent || got.Attempts != 1 {
		t.Fatalf("claimed %v, want only command %d, sent, attempt 1", claimed, c.ID)
	}
	if again := claimIDs(t, cs, 10); len(again) != 0 {
		t.Fatalf("claimed %d more, want none", len(again))
	}

	r, err := cs.RetryCommand(ctx, c.ID, "no answer", 5*time.Minute)
	if err != nil || r.State != voltpay.CommandPending || r.LastError != "no answer" || !r.NextAttemptAt.Equal(clock.Now().Add(5*time.Minute)) {
		t.Fatalf("retry: got %+v, %v", r, err)
	}
	if got := claimIDs(t, cs, 10); len(got) != 0 {
		t.Fatalf("claimed %d before the backoff passed, want none", len(got))
	}
	_, err = cs.RetryCommand(ctx, c.ID, "again", 0)
	wantCode(t, err, voltpay.ECONFLICT) // pending, not sent
	clock.Advance(5 * time.Minute)
	if got := claimIDs(t, cs, 10)[c.ID]; got == nil || got.Attempts != 2 {
		t.Fatalf("after the backoff: got %+v, want attempt 2", got)
	}
	if _, err := cs.RetryCommand(ctx, c.ID, "again", 0); err != nil {
		t.Fatal(err)
	}
	if got := claimIDs(t, cs, 10)[c.ID]; got == nil || got.Attempts != 3 {
		t.Fatalf("backoff 0: got %+v, want claimable at once, attempt 3", got)
	}

	done, err := cs.ConfirmCommand(ctx, c.ID)
	if err != nil || done.State != voltpay.CommandConfirmed || done.DoneAt == nil || !done.DoneAt.Equal(clock.Now()) {
		t.Fatalf("confirm: got %+v, %v", done, err)
	}

	t.Run("ErrConfirmAgain", func(t *testing.T) {
		_, err := cs.ConfirmCommand(ctx, c.ID)
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = cs.RetryCommand(ctx, c.ID, "x", 0)
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = cs.CancelCommand(ctx, c.ID)
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("ErrConfirmPending", func(t *testing.T) {
		p := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		_, err := cs.ConfirmCommand(ctx, p.ID)
		wantCode(t, err, voltpay.ECONFLICT)
		_, err = cs.FailCommand(ctx, p.ID, "x")
		wantCode(t, err, voltpay.ECONFLICT)
		if _, err := cs.CancelCommand(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		p := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		got, err := cs.CancelCommand(ctx, p.ID)
		if err != nil || got.State != voltpay.CommandCancelled || got.DoneAt == nil {
			t.Fatalf("got %+v, %v", got, err)
		}
		if claimIDs(t, cs, 10)[p.ID] != nil {
			t.Fatal("claimed a cancelled command")
		}
	})
	t.Run("ErrCancelSent", func(t *testing.T) {
		p := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		claimIDs(t, cs, 10)
		_, err := cs.CancelCommand(ctx, p.ID)
		wantCode(t, err, voltpay.ECONFLICT)
		if !strings.Contains(err.Error(), "on its way") {
			t.Fatalf("got %q, want it to say the command is on its way", err)
		}
		f, err := cs.FailCommand(ctx, p.ID, "meter refused")
		if err != nil || f.State != voltpay.CommandFailed || f.LastError != "meter refused" || f.DoneAt == nil {
			t.Fatalf("fail: got %+v, %v", f, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := cs.ConfirmCommand(ctx, 987654321)
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = cs.CancelCommand(ctx, 987654321)
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("ErrTriggerRefuses", func(t *testing.T) {
		_, err := db.Exec(`UPDATE meter_commands SET state = 'pending', done_at = NULL WHERE id = $1`, c.ID)
		wantSQLState(t, err, "VPC02")
		p := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		_, err = db.Exec(`UPDATE meter_commands SET kind = 'close' WHERE id = $1`, p.ID)
		wantSQLState(t, err, "VPC02")
		_, err = db.Exec(`UPDATE meter_commands SET state = 'confirmed', done_at = now() WHERE id = $1`, p.ID)
		wantSQLState(t, err, "VPC02") // pending cannot skip sent
	})
}

func wantSQLState(tb testing.TB, err error, code string) {
	tb.Helper()
	var pe *pq.Error
	if !errors.As(err, &pe) || string(pe.Code) != code {
		tb.Fatalf("got %v, want SQLSTATE %s", err, code)
	}
}

func TestCommand_ConcurrentClaim(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	mustClock(db)
	want := map[int64]bool{}
	for range 100 {
		want[mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID}).ID] = true
	}

	var mu sync.Mutex
	got := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			for {
				cmds, err := cs.ClaimCommands(context.Background(), 7)
				if err != nil {
					errs <- err
					return
				}
				if len(cmds) == 0 {
					return
				}
				mu.Lock()
				for _, c := range cmds {
					got[c.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for id, n := range got {
		if n != 1 || !want[id] {
			t.Fatalf("command %d claimed %d times (ours: %v), want once", id, n, want[id])
		}
	}
	if len(got) != 100 {
		t.Fatalf("claimed %d commands in all, want 100", len(got))
	}
}

func TestCommand_ExpireAndRequeue(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ctx := AdminContext()
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	clock := mustClock(db)

	t.Run("Expire", func(t *testing.T) {
		sent := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, TTL: time.Minute})
		pending := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, TTL: time.Minute})
		claimIDs(t, cs, 1) // the oldest
		if mustFindCommand(t, cs, pending.ID).State != voltpay.CommandPending || mustFindCommand(t, cs, sent.ID).State != voltpay.CommandSent {
			t.Fatal("want one pending, one sent")
		}
		clock.Advance(2 * time.Minute)
		if got := claimIDs(t, cs, 10); len(got) != 0 {
			t.Fatalf("claimed %d commands past their expiry, want none", len(got))
		}
		n, err := cs.ExpireCommands(ctx)
		if err != nil || n < 2 {
			t.Fatalf("got %d, %v, want at least 2", n, err)
		}
		for _, id := range []int64{pending.ID, sent.ID} {
			if c := mustFindCommand(t, cs, id); c.State != voltpay.CommandExpired || c.DoneAt == nil {
				t.Fatalf("got %+v, want expired", c)
			}
		}
		_, err = cs.ConfirmCommand(ctx, sent.ID)
		wantCode(t, err, voltpay.ECONFLICT)
	})
	t.Run("RequeueStale", func(t *testing.T) {
		stale := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		claimIDs(t, cs, 10)
		clock.Advance(10 * time.Minute)
		fresh := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID})
		claimIDs(t, cs, 10)
		n, err := cs.RequeueStale(ctx, 5*time.Minute)
		if err != nil || n < 1 { // other tests' stale commands count too
			t.Fatalf("got %d, %v, want at least 1", n, err)
		}
		if c := mustFindCommand(t, cs, stale.ID); c.State != voltpay.CommandPending || c.LastError == "" {
			t.Fatalf("stale: got %+v, want pending with a reason", c)
		}
		if c := mustFindCommand(t, cs, fresh.ID); c.State != voltpay.CommandSent {
			t.Fatalf("fresh: got %s, want sent", c.State)
		}
		if got := claimIDs(t, cs, 10)[stale.ID]; got == nil || got.Attempts != 2 {
			t.Fatalf("reclaim: got %+v, want attempt 2", got)
		}
		_, err = cs.RequeueStale(ctx, -time.Second)
		wantCode(t, err, voltpay.EINVALID)
	})
}
