package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/control"
)

// TestIssue11_WebsocketTokenPayload: a connection_init payload of another
// shape than {"authorization": "Bearer …"} (or none) was acknowledged as
// an anonymous socket, whose every subscription then failed with "sign
// in". It is now refused at connection_init with 4400 and a reason giving
// the accepted shape; the accepted shapes still open.
func TestIssue11_WebsocketTokenPayload(t *testing.T) {
	env := newEnv(t)
	tok := env.operator(t, voltpay.RoleViewer).bearer
	url := "ws" + strings.TrimPrefix(env.Srv.URL, "http") + "/graphql"
	// initWith sends connection_init with payload and returns the answer:
	// the message, or the close frame.
	initWith := func(t *testing.T, payload string) (wsMessage, *websocket.CloseError) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(websocket.StatusNormalClosure, "")
		init := wsMessage{Type: "connection_init"}
		if payload != "" {
			init.Payload = json.RawMessage(payload)
		}
		if err := wsjson.Write(ctx, conn, init); err != nil {
			t.Fatal(err)
		}
		for {
			var m wsMessage
			err := wsjson.Read(ctx, conn, &m)
			var ce websocket.CloseError
			switch {
			case errors.As(err, &ce):
				return m, &ce
			case err != nil:
				t.Fatalf("read: %v", err)
			case m.Type == "connection_ack":
				return m, nil
			}
		}
	}

	for name, payload := range map[string]string{
		"token":         `{"token": "` + tok + `"}`,
		"no-bearer":     `{"authorization": "` + tok + `"}`,
		"empty-bearer":  `{"authorization": "Bearer "}`,
		"not-a-string":  `{"authorization": 42}`,
		"extra-key":     `{"authorization": "Bearer ` + tok + `", "token": "` + tok + `"}`,
		"headers-style": `{"headers": {"Authorization": "Bearer ` + tok + `"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			m, ce := initWith(t, payload)
			if ce == nil {
				t.Fatalf("payload %s got %s, want the socket closed at connection_init", payload, m.Type)
			}
			if ce.Code != 4400 || !strings.Contains(ce.Reason, `{"authorization": "Bearer <token>"}`) {
				t.Errorf("payload %s: closed with %d %q, want 4400 giving the accepted shape", payload, ce.Code, ce.Reason)
			}
		})
	}

	for name, payload := range map[string]string{
		"authorization": `{"authorization": "Bearer ` + tok + `"}`,
		"header-case":   `{"Authorization": "bearer ` + tok + `"}`,
		"empty":         `{}`,
		"none":          ``,
	} {
		t.Run("accepted/"+name, func(t *testing.T) {
			if m, ce := initWith(t, payload); ce != nil {
				t.Errorf("payload %q closed with %d %q, want connection_ack", payload, ce.Code, ce.Reason)
			} else if m.Type != "connection_ack" {
				t.Errorf("payload %q got %s, want connection_ack", payload, m.Type)
			}
		})
	}
}

// TestIssue11_ActiveAlarmsWhileTripped: Meter.activeAlarms listed only
// alarms raised on the meter, so a meter tripped for its shared account's
// arrears showed none. It now shows the account's open balance alarms; a
// per-meter account's meters show only their own, and a tenant sees them
// on their meters too.
func TestIssue11_ActiveAlarmsWhileTripped(t *testing.T) {
	env := newEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)
	m1, m2, paid := env.createMeter(t, nil), env.createMeter(t, nil), env.createMeter(t, nil)
	p1, p2 := env.createMeter(t, nil), env.createMeter(t, nil)
	shared := env.openAccount(t, 0, m1.ID, m2.ID) // no credit: in arrears
	env.openAccount(t, 500_00, paid.ID)
	perMeter := env.openAccount(t, 0, p1.ID, p2.ID)
	if _, err := env.DB.Exec(`UPDATE accounts SET balance_mode = 'per_meter' WHERE id = $1`, perMeter.ID); err != nil {
		t.Fatal(err)
	}
	// p2's own balance is credited; p1's stays in arrears.
	if _, err := env.Res.LedgerService.Sell(sys(), voltpay.SaleInput{AccountID: perMeter.ID, MeterID: &p2.ID, AmountFen: 500_00,
		Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	bill := newBillingEngine(env.DB, slog.New(slog.DiscardHandler))
	if err := bill.controller.Evaluate(sys(), []int64{shared.ID, perMeter.ID}, nil); err != nil {
		t.Fatal(err)
	}

	const q = `query($site: ID) { meters(first: 100, filter: {siteId: $site}) { nodes { id activeAlarms { kind account { id } meter { id } } } } }`
	type apiMeter struct {
		ID           string
		ActiveAlarms []struct {
			Kind    string
			Account *struct{ ID string }
			Meter   *struct{ ID string }
		}
	}
	kinds := func(c *client) map[int64][]string {
		t.Helper()
		var got struct{ Meters struct{ Nodes []apiMeter } }
		c.do(t, q, map[string]any{"site": env.Site.ID}).Decode(t, &got)
		out := map[int64][]string{}
		for _, n := range got.Meters.Nodes {
			id, _ := strconv.ParseInt(n.ID, 10, 64)
			out[id] = []string{}
			for _, a := range n.ActiveAlarms {
				out[id] = append(out[id], a.Kind)
			}
		}
		return out
	}
	got := kinds(viewer)
	for id, want := range map[int64]bool{m1.ID: true, m2.ID: true, paid.ID: false, p1.ID: true, p2.ID: false} {
		if has := slices.Contains(got[id], voltpay.AlarmArrears); has != want {
			t.Errorf("meter %d: activeAlarms %v; arrears shown %v, want %v", id, got[id], has, want)
		}
	}
	for id, ks := range got {
		seen := map[string]bool{}
		for _, k := range ks {
			if seen[k] {
				t.Errorf("meter %d lists %s twice: %v", id, k, ks)
			}
			seen[k] = true
		}
	}
	tenant := kinds(env.tenant(t, shared.ID))
	for _, id := range []int64{m1.ID, m2.ID} {
		if !slices.Contains(tenant[id], voltpay.AlarmArrears) {
			t.Errorf("tenant: meter %d activeAlarms %v, want their account's arrears", id, tenant[id])
		}
	}
}

// TestIssue11_TripConfirmedRelay: the "confirmed" event of a trip on
// commandProgress showed meter.relay closed, because the meter's relay
// was stored by a reading after the event went out. The confirmation now
// records the relay it read back with the command, in one transaction,
// so its event shows the meter open (and a confirmed close, closed).
// Over a websocket, with the executor driving simulated meters.
func TestIssue11_TripConfirmedRelay(t *testing.T) {
	e := newControlEnv(t)
	env := newEnvOn(t, e.db, testConfig())
	e.start(t, quickControl())
	var m *voltpay.Meter
	for _, c := range e.meters {
		if control.ModelFor(c.Model).DirectClose {
			m = c
			break
		}
	}
	if m == nil {
		t.Fatal("no simulated meter the executor closes directly")
	}
	if _, err := e.db.Exec(`UPDATE meters SET relay = 'closed' WHERE id = $1`, m.ID); err != nil {
		t.Fatal(err)
	}
	ws := wsConnect(t, env, env.operator(t, voltpay.RoleViewer).bearer)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // the executor's attempts on a busy machine
	defer cancel()
	ws.ctx = ctx
	ws.subscribe(t, "c", `subscription { commandProgress { id state meter { id relay } } }`, nil)
	wsAwaitSubscribers(t, ws.ctx, env, 1)

	// confirmedRelay returns the relay the confirmed event of c shows.
	confirmedRelay := func(c *voltpay.Command) string {
		t.Helper()
		for {
			var got struct {
				CommandProgress struct {
					ID, State string
					Meter     struct{ ID, Relay string }
				}
			}
			ws.next(t, "c", &got)
			if p := got.CommandProgress; p.ID == strconv.FormatInt(c.ID, 10) && p.State == voltpay.CommandConfirmed {
				return p.Meter.Relay
			}
		}
	}
	trip := e.enqueue(t, m.ID, voltpay.CmdTrip, nil)
	if relay := confirmedRelay(trip); relay != voltpay.RelayOpen {
		t.Errorf("the confirmed trip's event shows meter.relay %s, want open", relay)
	}
	closing := e.enqueue(t, m.ID, voltpay.CmdClose, nil)
	if relay := confirmedRelay(closing); relay != voltpay.RelayClosed {
		t.Errorf("the confirmed close's event shows meter.relay %s, want closed", relay)
	}
}
