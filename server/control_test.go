package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

// ctlMeter creates an active direct meter in the env's site, in building
// (when not 0), with prepaid mode mode ("" for platform).
func ctlMeter(tb testing.TB, env *testEnv, building int64, mode string) *voltpay.Meter {
	tb.Helper()
	in := voltpay.MeterInput{SiteID: env.Site.ID, Address: fmt.Sprintf("%012d", 600000000+next()),
		Protocol: voltpay.MeterProtocolDLT645, PrepaidMode: mode}
	if building != 0 {
		in.BuildingID = &building
	}
	m, err := env.Res.MeterService.CreateMeter(sys(), in)
	if err != nil {
		tb.Fatalf("create meter: %v", err)
	}
	return m
}

func ctlBuilding(tb testing.TB, env *testEnv) int64 {
	tb.Helper()
	b, err := env.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: env.Site.ID, Name: fmt.Sprintf("控制楼 %d", next())})
	if err != nil {
		tb.Fatalf("create building: %v", err)
	}
	return b.ID
}

// ctlCommandsWithKey counts the stored commands of batch key.
func ctlCommandsWithKey(tb testing.TB, env *testEnv, key string) int {
	tb.Helper()
	var n int
	if err := env.DB.Get(&n, `SELECT count(*) FROM meter_commands WHERE idempotency_key LIKE $1`, key+":%"); err != nil {
		tb.Fatal(err)
	}
	return n
}

const ctlControl = `mutation($in: ControlMetersInput!) {
  controlMeters(input: $in) {
    batchKey
    results { meterId meter { id } command { id kind state params idempotencyKey meter { id } createdBy } error code }
  }
}`

type ctlResult struct {
	MeterID string
	Meter   *struct{ ID string }
	Command *struct {
		ID, Kind, State, Params, IdempotencyKey, CreatedBy string
		Meter                                              struct{ ID string }
	}
	Error, Code *string
}

type ctlControlData struct {
	ControlMeters struct {
		BatchKey string
		Results  []ctlResult
	}
}

// TestControl_Meters sends a batch over a building plus listed meters, one
// of them unknown: each meter gets its own result, a retry returns the same
// commands, and nothing is stored twice.
func TestControl_Meters(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	building := ctlBuilding(t, env)
	var inBuilding []*voltpay.Meter
	for range 3 {
		inBuilding = append(inBuilding, ctlMeter(t, env, building, ""))
	}
	outside := ctlMeter(t, env, 0, "")
	const unknown = 987654321012
	key := newKey()
	in := map[string]any{"buildingId": building, "meterIds": []any{outside.ID, unknown, inBuilding[0].ID},
		"kind": "trip", "ttlSeconds": 600, "idempotencyKey": key}

	var first ctlControlData
	manager.do(t, ctlControl, map[string]any{"in": in}).Decode(t, &first)
	res := first.ControlMeters.Results
	wantIDs := []string{fmt.Sprint(inBuilding[0].ID), fmt.Sprint(inBuilding[1].ID), fmt.Sprint(inBuilding[2].ID), fmt.Sprint(outside.ID), fmt.Sprint(unknown)}
	var gotIDs []string
	for _, r := range res {
		gotIDs = append(gotIDs, r.MeterID)
	}
	if first.ControlMeters.BatchKey != key || !slices.Equal(gotIDs, wantIDs) {
		t.Fatalf("got batch %q for meters %v, want %q for %v", first.ControlMeters.BatchKey, gotIDs, key, wantIDs)
	}
	for _, r := range res[:4] {
		c := r.Command
		if r.Error != nil || c == nil || r.Meter == nil || r.Meter.ID != r.MeterID || c.Kind != "trip" || c.State != "pending" ||
			c.Meter.ID != r.MeterID || c.IdempotencyKey != key+":"+r.MeterID || c.Params != "{}" || c.CreatedBy == "" {
			t.Errorf("meter %s: got %+v, want a pending trip", r.MeterID, r)
		}
	}
	if bad := res[4]; bad.Command != nil || bad.Meter != nil || bad.Code == nil || *bad.Code != voltpay.ENOTFOUND ||
		!strings.Contains(*bad.Error, fmt.Sprint(unknown)) {
		t.Errorf("unknown meter: got %+v, want NOT_FOUND naming it", bad)
	}

	var again ctlControlData
	manager.do(t, ctlControl, map[string]any{"in": in}).Decode(t, &again)
	for i, r := range again.ControlMeters.Results {
		if (r.Command == nil) != (res[i].Command == nil) || (r.Command != nil && r.Command.ID != res[i].Command.ID) {
			t.Errorf("retry, meter %s: got %+v, want the same command as %+v", r.MeterID, r.Command, res[i].Command)
		}
	}
	if n := ctlCommandsWithKey(t, env, key); n != 4 {
		t.Errorf("stored %d commands for the batch, want 4", n)
	}

	t.Run("SameKeyOtherKind", func(t *testing.T) {
		in := map[string]any{"meterIds": []any{outside.ID}, "kind": "close", "idempotencyKey": key}
		var got ctlControlData
		manager.do(t, ctlControl, map[string]any{"in": in}).Decode(t, &got)
		if r := got.ControlMeters.Results; len(r) != 1 || r[0].Code == nil || *r[0].Code != voltpay.ECONFLICT || r[0].Command != nil {
			t.Errorf("got %+v, want CONFLICT for the reused key", r)
		}
	})

	t.Run("NotInService", func(t *testing.T) {
		old, repl := ctlMeter(t, env, 0, ""), ctlMeter(t, env, 0, "")
		env.openAccount(t, 0, old.ID)
		if _, _, err := env.Res.AccountService.ReplaceMeter(sys(), voltpay.ReplaceMeterInput{OldMeterID: old.ID, NewMeterID: repl.ID,
			FinalEnergyWh: 1000, IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
		key := newKey()
		var got ctlControlData
		manager.do(t, ctlControl, map[string]any{"in": map[string]any{"meterIds": []any{old.ID, repl.ID}, "kind": "push_tariff", "idempotencyKey": key}}).Decode(t, &got)
		r := got.ControlMeters.Results
		if len(r) != 2 || r[0].Code == nil || *r[0].Code != voltpay.ECONFLICT || !strings.Contains(*r[0].Error, "replaced") {
			t.Errorf("replaced meter: got %+v, want CONFLICT saying it is replaced", r)
		}
		if len(r) == 2 && (r[1].Code == nil || *r[1].Code != voltpay.EINVALID || !strings.Contains(*r[1].Error, "no tariff")) {
			t.Errorf("meter without a tariff: got %+v, want INVALID_INPUT saying it has no tariff", r[1])
		}
		if n := ctlCommandsWithKey(t, env, key); n != 0 {
			t.Errorf("stored %d commands, want none", n)
		}
	})

	t.Run("Credit", func(t *testing.T) {
		prepaid := ctlMeter(t, env, 0, voltpay.PrepaidMeter)
		key := newKey()
		in := map[string]any{"meterIds": []any{outside.ID, prepaid.ID}, "kind": "credit", "amountFen": 5000, "idempotencyKey": key}
		var got ctlControlData
		manager.do(t, ctlControl, map[string]any{"in": in}).Decode(t, &got)
		r := got.ControlMeters.Results
		if len(r) != 2 {
			t.Fatalf("got %+v, want two results", r)
		}
		if r[0].Code == nil || *r[0].Code != voltpay.EINVALID || !strings.Contains(*r[0].Error, "platform") {
			t.Errorf("platform meter: got %+v, want INVALID_INPUT explaining its balance is on the platform", r[0])
		}
		var params struct{ AmountFen int64 }
		if r[1].Command == nil || json.Unmarshal([]byte(r[1].Command.Params), &params) != nil || params.AmountFen != 5000 {
			t.Errorf("meter-balance meter: got %+v, want a credit of 5000 fen", r[1])
		}
		if n := ctlCommandsWithKey(t, env, key); n != 1 {
			t.Errorf("stored %d credits, want 1", n)
		}
	})
}

// TestControl_Invalid refuses bad batches as a whole, enqueuing nothing.
func TestControl_Invalid(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	m := ctlMeter(t, env, 0, voltpay.PrepaidMeter)
	many := make([]any, 2001)
	for i := range many {
		many[i] = m.ID + int64(i)
	}
	for name, c := range map[string]struct {
		in         map[string]any
		code, word string
	}{
		"NoSelection":     {map[string]any{"kind": "trip"}, voltpay.EINVALID, "meterIds"},
		"EmptySelection":  {map[string]any{"kind": "trip", "meterIds": []any{}}, voltpay.EINVALID, "meterIds"},
		"TooMany":         {map[string]any{"kind": "trip", "meterIds": many}, voltpay.EINVALID, "2000"},
		"CreditNoAmount":  {map[string]any{"kind": "credit", "meterIds": []any{m.ID}}, voltpay.EINVALID, "amountFen"},
		"CreditZero":      {map[string]any{"kind": "credit", "amountFen": 0, "meterIds": []any{m.ID}}, voltpay.EINVALID, "more than 0"},
		"AmountWithTrip":  {map[string]any{"kind": "trip", "amountFen": 100, "meterIds": []any{m.ID}}, voltpay.EINVALID, "credit only"},
		"BadKind":         {map[string]any{"kind": "explode", "meterIds": []any{m.ID}}, voltpay.EINVALID, "explode"},
		"BadTTL":          {map[string]any{"kind": "trip", "ttlSeconds": 0, "meterIds": []any{m.ID}}, voltpay.EINVALID, "ttlSeconds"},
		"UnknownBuilding": {map[string]any{"kind": "trip", "buildingId": 987654321013}, voltpay.ENOTFOUND, "building"},
	} {
		t.Run(name, func(t *testing.T) {
			key := newKey()
			c.in["idempotencyKey"] = key
			resp := manager.do(t, ctlControl, map[string]any{"in": c.in})
			if resp.Code() != c.code || !strings.Contains(resp.Errors[0].Message, c.word) {
				t.Errorf("got %+v, want %s mentioning %q", resp.Errors, c.code, c.word)
			}
			if n := ctlCommandsWithKey(t, env, key); n != 0 {
				t.Errorf("%d commands stored, want none", n)
			}
		})
	}
	t.Run("ShortKey", func(t *testing.T) {
		resp := manager.do(t, ctlControl, map[string]any{"in": map[string]any{"kind": "trip", "meterIds": []any{m.ID}, "idempotencyKey": "short"}})
		if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "idempotencyKey" {
			t.Errorf("got %+v, want INVALID_INPUT on idempotencyKey", resp.Errors)
		}
	})
}

// TestControl_Commands lists commands with filters, reads one, lists a
// meter's, and cancels.
func TestControl_Commands(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	viewer := env.operator(t, voltpay.RoleViewer)
	a, b := ctlMeter(t, env, 0, ""), ctlMeter(t, env, 0, "")
	enqueue := func(m *voltpay.Meter, kind string) *voltpay.Command {
		t.Helper()
		c, err := env.Res.CommandService.EnqueueCommand(sys(), voltpay.CommandInput{MeterID: m.ID, Kind: kind, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	trip, closeA, tripB := enqueue(a, voltpay.CmdTrip), enqueue(a, voltpay.CmdClose), enqueue(b, voltpay.CmdTrip)

	const list = `query($f: CommandFilter, $first: Int, $after: String) {
	  commands(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind state meter { id } } }
	}`
	type page struct {
		Commands struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Nodes []struct{ ID, Kind, State string }
		}
	}
	ids := func(p page) []string {
		var out []string
		for _, n := range p.Commands.Nodes {
			out = append(out, n.ID)
		}
		return out
	}
	for name, c := range map[string]struct {
		f    map[string]any
		want []*voltpay.Command
	}{
		"Meter":         {map[string]any{"meterId": a.ID}, []*voltpay.Command{closeA, trip}},
		"MeterAndKind":  {map[string]any{"meterId": a.ID, "kind": "trip"}, []*voltpay.Command{trip}},
		"MeterAndState": {map[string]any{"meterId": b.ID, "state": "pending"}, []*voltpay.Command{tripB}},
		"NoneConfirmed": {map[string]any{"meterId": b.ID, "state": "confirmed"}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			var got page
			viewer.do(t, list, map[string]any{"f": c.f}).Decode(t, &got)
			var want []string
			for _, w := range c.want {
				want = append(want, fmt.Sprint(w.ID))
			}
			if !slices.Equal(ids(got), want) || got.Commands.TotalCount != len(want) {
				t.Errorf("got %v (total %d), want %v newest first", ids(got), got.Commands.TotalCount, want)
			}
		})
	}
	t.Run("Pages", func(t *testing.T) {
		var p1, p2 page
		viewer.do(t, list, map[string]any{"f": map[string]any{"meterId": a.ID}, "first": 1}).Decode(t, &p1)
		viewer.do(t, list, map[string]any{"f": map[string]any{"meterId": a.ID}, "first": 1, "after": p1.Commands.PageInfo.EndCursor}).Decode(t, &p2)
		if !p1.Commands.PageInfo.HasNextPage || !slices.Equal(append(ids(p1), ids(p2)...), []string{fmt.Sprint(closeA.ID), fmt.Sprint(trip.ID)}) {
			t.Errorf("pages: got %v then %v", ids(p1), ids(p2))
		}
	})
	t.Run("BadState", func(t *testing.T) {
		if resp := viewer.do(t, list, map[string]any{"f": map[string]any{"state": "lost"}}); resp.Code() != voltpay.EINVALID {
			t.Errorf("got %+v, want INVALID_INPUT", resp.Errors)
		}
	})
	t.Run("One", func(t *testing.T) {
		var got struct {
			Command struct {
				ID, Kind, State, Params, IdempotencyKey string
				Meter                                   struct{ ID, Address string }
				ExpiresAt                               time.Time
				DoneAt                                  *time.Time
			}
		}
		viewer.do(t, `query($id: ID!) { command(id: $id) { id kind state params idempotencyKey meter { id address } expiresAt doneAt } }`,
			map[string]any{"id": trip.ID}).Decode(t, &got)
		c := got.Command
		if c.ID != fmt.Sprint(trip.ID) || c.Kind != "trip" || c.State != "pending" || c.Meter.Address != a.Address ||
			c.IdempotencyKey != trip.IdempotencyKey || !c.ExpiresAt.Equal(trip.ExpiresAt) || c.DoneAt != nil {
			t.Errorf("got %+v, want %+v", c, trip)
		}
		wantHidden(t, "unknown command", viewer.do(t, `{ command(id: "987654321014") { id } }`, nil))
	})
	t.Run("OfMeter", func(t *testing.T) {
		const q = `query($id: ID!) { meter(id: $id) { id commands(first: 10) { totalCount nodes { id } } } }`
		var got struct {
			Meter struct {
				Commands *struct {
					TotalCount int
					Nodes      []struct{ ID string }
				}
			}
		}
		viewer.do(t, q, map[string]any{"id": a.ID}).Decode(t, &got)
		if c := got.Meter.Commands; c == nil || c.TotalCount != 2 || c.Nodes[0].ID != fmt.Sprint(closeA.ID) {
			t.Errorf("got %+v, want meter %d's two commands", c, a.ID)
		}
		acct := env.openAccount(t, 0, a.ID)
		resp := env.tenant(t, acct.ID).do(t, q, map[string]any{"id": a.ID})
		var tenant struct {
			Meter *struct{ Commands *struct{ TotalCount int } }
		}
		json.Unmarshal(resp.Data, &tenant)
		if resp.Code() != voltpay.EFORBIDDEN || tenant.Meter == nil || tenant.Meter.Commands != nil {
			t.Errorf("tenant: got %s %+v, want their meter without commands, FORBIDDEN", resp.Data, resp.Errors)
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		const cancel = `mutation($id: ID!) { cancelCommand(id: $id) { id state doneAt } }`
		var got struct {
			CancelCommand struct {
				ID, State string
				DoneAt    *time.Time
			}
		}
		manager.do(t, cancel, map[string]any{"id": tripB.ID}).Decode(t, &got)
		if got.CancelCommand.State != "cancelled" || got.CancelCommand.DoneAt == nil {
			t.Errorf("got %+v, want cancelled", got.CancelCommand)
		}
		if resp := manager.do(t, cancel, map[string]any{"id": tripB.ID}); resp.Code() != voltpay.ECONFLICT {
			t.Errorf("cancel twice: got %+v, want CONFLICT", resp.Errors)
		}
		if resp := manager.do(t, cancel, map[string]any{"id": "987654321015"}); resp.Code() != voltpay.ENOTFOUND {
			t.Errorf("unknown: got %+v, want NOT_FOUND", resp.Errors)
		}
		if resp := viewer.do(t, cancel, map[string]any{"id": closeA.ID}); resp.Code() != voltpay.EFORBIDDEN {
			t.Errorf("viewer: got %+v, want FORBIDDEN", resp.Errors)
		}
	})
}

type wsCommand struct {
	CommandProgress struct {
		ID, State, IdempotencyKey string
		Meter                     struct{ ID string }
	}
}

// TestControl_CommandProgress follows a batch, and one command by id, over
// websockets while the queue moves the commands.
func TestControl_CommandProgress(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	a, b, other := ctlMeter(t, env, 0, ""), ctlMeter(t, env, 0, ""), ctlMeter(t, env, 0, "")
	const sub = `subscription($ids: [ID!], $batch: String) { commandProgress(ids: $ids, batchKey: $batch) { id state idempotencyKey meter { id } } }`

	byBatch := wsConnect(t, env, env.operator(t, voltpay.RoleViewer).bearer)
	key := newKey()
	byBatch.subscribe(t, "batch", sub, map[string]any{"batch": key})
	wsAwaitSubscribers(t, byBatch.ctx, env, 1)

	// Another batch, and a batch whose key extends this one's: not followed.
	for _, k := range []string{newKey(), key + "-1"} {
		manager.do(t, ctlControl, map[string]any{"in": map[string]any{"meterIds": []any{other.ID}, "kind": "trip", "idempotencyKey": k}}).Decode(t, &ctlControlData{})
	}
	var batch ctlControlData
	manager.do(t, ctlControl, map[string]any{"in": map[string]any{"meterIds": []any{a.ID, b.ID}, "kind": "trip", "idempotencyKey": key}}).Decode(t, &batch)
	ids := map[string]bool{}
	for _, r := range batch.ControlMeters.Results {
		ids[r.Command.ID] = true
	}
	next := func(ws *wsClient, op string) wsCommand {
		t.Helper()
		var got wsCommand
		ws.next(t, op, &got)
		if c := got.CommandProgress; !ids[c.ID] || !strings.HasPrefix(c.IdempotencyKey, key+":") {
			t.Fatalf("%s: got %+v, want a command of batch %s", op, c, key)
		}
		return got
	}
	for i := range 2 {
		if c := next(byBatch, "batch").CommandProgress; c.State != "pending" {
			t.Fatalf("event %d: got %+v, want pending", i, c)
		}
	}

	first := batch.ControlMeters.Results[0].Command.ID
	byID := wsConnect(t, env, env.operator(t, voltpay.RoleManager).bearer)
	byID.subscribe(t, "id", sub, map[string]any{"ids": []any{first}})
	wsAwaitSubscribers(t, byID.ctx, env, 2)

	claimed, err := env.Res.CommandService.ClaimCommands(sys(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var firstID int64
	fmt.Sscan(first, &firstID)
	if !slices.ContainsFunc(claimed, func(c *voltpay.Command) bool { return c.ID == firstID }) {
		t.Fatalf("claimed %d commands without %d", len(claimed), firstID)
	}
	sent := map[string]bool{}
	for range 2 {
		c := next(byBatch, "batch").CommandProgress
		if c.State != "sent" {
			t.Fatalf("got %+v, want sent", c)
		}
		sent[c.ID] = true
	}
	if len(sent) != 2 {
		t.Fatalf("sent events for %v, want both commands", sent)
	}
	if c := next(byID, "id").CommandProgress; c.ID != first || c.State != "sent" {
		t.Fatalf("by id: got %+v, want %s sent", c, first)
	}
	if _, err := env.Res.CommandService.ConfirmCommand(sys(), firstID); err != nil {
		t.Fatal(err)
	}
	for op, ws := range map[string]*wsClient{"batch": byBatch, "id": byID} {
		if c := next(ws, op).CommandProgress; c.ID != first || c.State != "confirmed" || c.Meter.ID != fmt.Sprint(a.ID) {
			t.Errorf("%s: got %+v, want %s confirmed on meter %d", op, c, first, a.ID)
		}
	}

	t.Run("Tenant", func(t *testing.T) {
		acct := env.openAccount(t, 0, other.ID)
		ws := wsConnect(t, env, env.tenant(t, acct.ID).bearer)
		ws.subscribe(t, "t", sub, map[string]any{"batch": key})
		if errs := ws.refused(t, "t"); errs[0].Extensions.Code != voltpay.EFORBIDDEN {
			t.Errorf("got %+v, want FORBIDDEN", errs)
		}
	})
}

// fakeReader is a MeterReader answering from a script: meters in fail do
// not answer, meters in away are on no gateway, the others are read.
type fakeReader struct {
	env        *testEnv
	fail, away map[int64]bool
	mu         sync.Mutex
	asked      [][]int64
}

func (f *fakeReader) ReadMeters(ctx context.Context, ids []int64) ([]*voltpay.Reading, error) {
	f.mu.Lock()
	f.asked = append(f.asked, slices.Clone(ids))
	f.mu.Unlock()
	var out []*voltpay.Reading
	var errs []error
	var notFound, silent []string
	volts, open := 2201, voltpay.RelayOpen
	for _, id := range ids {
		switch {
		case f.away[id]:
			notFound = append(notFound, fmt.Sprint(id))
		case f.fail[id]:
			silent = append(silent, fmt.Sprint(id))
		default:
			out = append(out, &voltpay.Reading{MeterID: id, ReadAt: time.Now().UTC().Truncate(time.Microsecond),
				EnergyWh: voltpay.Wh(id%1000*10 + 7), VoltageDV: &volts, Relay: &open})
		}
	}
	if len(notFound) > 0 {
		errs = append(errs, voltpay.Errorf(voltpay.ENOTFOUND, "meters on no gateway: %s", strings.Join(notFound, ", ")))
	}
	if len(silent) > 0 {
		errs = append(errs, voltpay.Errorf(voltpay.EUNAVAILABLE, "meters did not answer: %s", strings.Join(silent, ", ")))
	}
	if len(out) > 0 {
		if _, err := f.env.Res.ReadingService.RecordReadings(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, errors.Join(errs...)
}

const ctlRead = `mutation($ids: [ID!], $b: ID) {
  readMeters(meterIds: $ids, buildingId: $b) { readings { meter { id } energyWh voltageDv relay readAt } errors }
}`

type ctlReadData struct {
	ReadMeters struct {
		Readings []struct {
			Meter     struct{ ID string }
			EnergyWh  int64
			VoltageDv *int
			Relay     *string
			ReadAt    time.Time
		}
		Errors []string
	}
}

// TestControl_ReadMeters reads meters on demand through the MeterReader,
// and is UNAVAILABLE without one.
func TestControl_ReadMeters(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	building := ctlBuilding(t, env)
	ok1, ok2 := ctlMeter(t, env, building, ""), ctlMeter(t, env, 0, "")
	silent, away := ctlMeter(t, env, building, ""), ctlMeter(t, env, 0, "")
	const unknown = 987654321016

	resp := manager.do(t, ctlRead, map[string]any{"ids": []any{ok1.ID}})
	if resp.Code() != voltpay.EUNAVAILABLE || !strings.Contains(resp.Errors[0].Message, "VOLTPAY_POLLER=1") {
		t.Fatalf("without a reader: got %+v, want UNAVAILABLE naming VOLTPAY_POLLER=1", resp.Errors)
	}

	reader := &fakeReader{env: env, fail: map[int64]bool{silent.ID: true}, away: map[int64]bool{away.ID: true}}
	env.Res.MeterReader = reader
	var got ctlReadData
	manager.do(t, ctlRead, map[string]any{"b": building, "ids": []any{ok2.ID, away.ID, unknown}}).Decode(t, &got)
	r := got.ReadMeters
	if len(r.Readings) != 2 || r.Readings[0].Meter.ID != fmt.Sprint(ok1.ID) || r.Readings[1].Meter.ID != fmt.Sprint(ok2.ID) ||
		r.Readings[0].EnergyWh != ok1.ID%1000*10+7 || r.Readings[0].VoltageDv == nil || *r.Readings[0].VoltageDv != 2201 ||
		r.Readings[0].Relay == nil || *r.Readings[0].Relay != "open" {
		t.Errorf("readings: got %+v, want meters %d and %d read", r.Readings, ok1.ID, ok2.ID)
	}
	errs := strings.Join(r.Errors, "\n")
	if len(r.Errors) != 3 || !strings.Contains(errs, fmt.Sprint(unknown)) || !strings.Contains(errs, "no gateway: "+fmt.Sprint(away.ID)) ||
		!strings.Contains(errs, "did not answer: "+fmt.Sprint(silent.ID)) {
		t.Errorf("errors: got %q, want the unknown, away and silent meters explained", r.Errors)
	}
	wantAsked := []int64{ok1.ID, ok2.ID, silent.ID, away.ID}
	slices.Sort(wantAsked)
	if len(reader.asked) != 1 || !slices.Equal(reader.asked[0], wantAsked) {
		t.Errorf("the reader was asked %v, want %v once", reader.asked, wantAsked)
	}

	var latest struct {
		Meter struct {
			LatestReading *struct {
				EnergyWh int64
				Meter    struct{ ID string }
			}
		}
	}
	manager.do(t, `query($id: ID!) { meter(id: $id) { latestReading { energyWh meter { id } } } }`, map[string]any{"id": ok2.ID}).Decode(t, &latest)
	if l := latest.Meter.LatestReading; l == nil || l.EnergyWh != ok2.ID%1000*10+7 || l.Meter.ID != fmt.Sprint(ok2.ID) {
		t.Errorf("latestReading: got %+v, want the reading just taken", l)
	}

	t.Run("TooMany", func(t *testing.T) {
		many := make([]any, graph.MaxReadMeters+1)
		for i := range many {
			many[i] = ok1.ID + int64(i)
		}
		if resp := manager.do(t, ctlRead, map[string]any{"ids": many}); resp.Code() != voltpay.EINVALID || !strings.Contains(resp.Errors[0].Message, "500") {
			t.Errorf("got %+v, want INVALID_INPUT naming the limit of 500", resp.Errors)
		}
	})
	t.Run("NothingSelected", func(t *testing.T) {
		if resp := manager.do(t, ctlRead, nil); resp.Code() != voltpay.EINVALID {
			t.Errorf("got %+v, want INVALID_INPUT", resp.Errors)
		}
	})
	t.Run("Broken", func(t *testing.T) {
		env.Res.MeterReader = brokenReader{}
		if resp := manager.do(t, ctlRead, map[string]any{"ids": []any{ok1.ID}}); resp.Code() != voltpay.EINTERNAL {
			t.Errorf("got %+v, want INTERNAL", resp.Errors)
		}
	})
}

// brokenReader fails as a bug would.
type brokenReader struct{}

func (brokenReader) ReadMeters(context.Context, []int64) ([]*voltpay.Reading, error) {
	return nil, errors.New("reader exploded")
}

// TestControl_ConstantQueries proves that meters with their latest readings,
// and commands with their meters, cost a constant number of statements
// whatever the page size.
func TestControl_ConstantQueries(t *testing.T) {
	env, counter := newCountingEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)
	const n = 60
	var batch []*voltpay.Reading
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		m := ctlMeter(t, env, 0, "")
		if i%3 != 2 { // a third never read
			batch = append(batch, &voltpay.Reading{MeterID: m.ID, ReadAt: at, EnergyWh: voltpay.Wh(i)},
				&voltpay.Reading{MeterID: m.ID, ReadAt: at.Add(time.Minute), EnergyWh: voltpay.Wh(1000 + i)})
		}
		if _, err := env.Res.CommandService.EnqueueCommand(sys(), voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdTimeSync, IdempotencyKey: newKey()}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.Res.ReadingService.RecordReadings(sys(), batch); err != nil {
		t.Fatal(err)
	}

	const meters = `query($site: ID!, $first: Int!) {
	  meters(first: $first, filter: {siteId: $site}) { nodes { id latestReading { energyWh readAt meter { id } } } }
	}`
	const commands = `query($first: Int!) { commands(first: $first) { nodes { id meter { id address } } } }`
	count := func(q string, vars map[string]any, v any) int64 {
		t.Helper()
		counter.reset()
		resp := viewer.do(t, q, vars)
		// The session lookup is a prepared statement, prepared once per
		// pooled connection: whether it counts depends on the connection.
		log := strings.Split(strings.TrimSpace(counter.statements()), "\n\t")
		log = slices.DeleteFunc(log, func(q string) bool { return strings.Contains(q, "s.expires_at, s.tenant_user_id") })
		got := int64(len(log))
		t.Logf("%d statements:\n\t%s", got, strings.Join(log, "\n\t"))
		resp.Decode(t, v)
		return got
	}
	type meterPage struct {
		Meters struct {
			Nodes []struct {
				ID            string
				LatestReading *struct {
					EnergyWh int64
					ReadAt   time.Time
				}
			}
		}
	}
	var small, large meterPage
	q5 := count(meters, map[string]any{"site": env.Site.ID, "first": 5}, &small)
	qn := count(meters, map[string]any{"site": env.Site.ID, "first": n}, &large)
	if q5 != qn || len(large.Meters.Nodes) != n {
		t.Errorf("meters with latest readings: %d statements for 5, %d for %d (got %d meters)", q5, qn, n, len(large.Meters.Nodes))
	}
	for i, m := range large.Meters.Nodes {
		r := m.LatestReading
		if (r == nil) != (i%3 == 2) || (r != nil && (r.EnergyWh != int64(1000+i) || !r.ReadAt.Equal(at.Add(time.Minute)))) {
			t.Fatalf("meter %d (%s): got %+v", i, m.ID, r)
		}
	}

	type cmdPage struct {
		Commands struct {
			Nodes []struct {
				ID    string
				Meter struct{ ID, Address string }
			}
		}
	}
	var cs, cl cmdPage
	c5 := count(commands, map[string]any{"first": 5}, &cs)
	cn := count(commands, map[string]any{"first": n}, &cl)
	if c5 != cn || len(cl.Commands.Nodes) != n {
		t.Errorf("commands with meters: %d statements for 5, %d for %d", c5, cn, n)
	}
	t.Logf("statements: %d for meters with readings, %d for commands with meters", qn, cn)
}
