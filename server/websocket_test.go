package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/events"
)

// wsMessage is one graphql-transport-ws message.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient is a graphql-transport-ws connection to the test server.
type wsClient struct {
	ctx  context.Context
	conn *websocket.Conn
}

// wsConnect opens /graphql over graphql-transport-ws and waits for
// connection_ack. token, when not empty, goes in the connection_init
// payload as the API does for clients that cannot send headers.
func wsConnect(t *testing.T, env *testEnv, token string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	url := "ws" + strings.TrimPrefix(env.Srv.URL, "http") + "/graphql"
	conn, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(websocket.StatusNormalClosure, "") })
	if got := resp.Header.Get("Sec-WebSocket-Protocol"); got != "graphql-transport-ws" {
		t.Fatalf("subprotocol: got %q, want graphql-transport-ws", got)
	}
	c := &wsClient{ctx: ctx, conn: conn}
	init := wsMessage{Type: "connection_init"}
	if token != "" {
		init.Payload = json.RawMessage(fmt.Sprintf(`{"authorization": "Bearer %s"}`, token))
	}
	c.send(t, init)
	if m := c.read(t); m.Type != "connection_ack" {
		t.Fatalf("after connection_init: got %s %s, want connection_ack", m.Type, m.Payload)
	}
	return c
}

func (c *wsClient) send(t *testing.T, m wsMessage) {
	t.Helper()
	if err := wsjson.Write(c.ctx, c.conn, m); err != nil {
		t.Fatalf("write %s: %v", m.Type, err)
	}
}

// read returns the next message, answering pings on the way.
func (c *wsClient) read(t *testing.T) wsMessage {
	t.Helper()
	for {
		var m wsMessage
		if err := wsjson.Read(c.ctx, c.conn, &m); err != nil {
			t.Fatalf("read: %v", err)
		}
		switch m.Type {
		case "ping":
			c.send(t, wsMessage{Type: "pong"})
		case "pong", "ka":
		default:
			return m
		}
	}
}

// subscribe starts operation id.
func (c *wsClient) subscribe(t *testing.T, id, query string, vars map[string]any) {
	t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	c.send(t, wsMessage{ID: id, Type: "subscribe", Payload: payload})
}

// next returns the data of the next "next" message of operation id,
// failing on anything else.
func (c *wsClient) next(t *testing.T, id string, v any) {
	t.Helper()
	m := c.read(t)
	if m.ID != id || m.Type != "next" {
		t.Fatalf("got %s for %q: %s; want next for %q", m.Type, m.ID, m.Payload, id)
	}
	resp := &gqlResponse{}
	if err := json.Unmarshal(m.Payload, resp); err != nil {
		t.Fatalf("next payload %s: %v", m.Payload, err)
	}
	resp.Decode(t, v)
}

// refused reads the answer to a subscription the server refuses: an
// "error" message, or a "next" carrying errors (then "complete"). It
// returns the errors.
func (c *wsClient) refused(t *testing.T, id string) []gqlError {
	t.Helper()
	m := c.read(t)
	if m.ID != id {
		t.Fatalf("got %s for %q: %s; want an error for %q", m.Type, m.ID, m.Payload, id)
	}
	var errs []gqlError
	switch m.Type {
	case "error":
		if err := json.Unmarshal(m.Payload, &errs); err != nil {
			t.Fatalf("error payload %s: %v", m.Payload, err)
		}
	case "next":
		resp := &gqlResponse{}
		if err := json.Unmarshal(m.Payload, resp); err != nil {
			t.Fatalf("next payload %s: %v", m.Payload, err)
		}
		if string(resp.Data) != "" && string(resp.Data) != "null" {
			t.Fatalf("refused subscription sent data %s", resp.Data)
		}
		errs = resp.Errors
		if end := c.read(t); end.ID != id || end.Type != "complete" {
			t.Errorf("after the refusal: got %s for %q, want complete", end.Type, end.ID)
		}
	default:
		t.Fatalf("got %s %s, want an error", m.Type, m.Payload)
	}
	if len(errs) == 0 {
		t.Fatalf("got %s without errors", m.Type)
	}
	t.Logf("refused with %s: %s", m.Type, m.Payload)
	return errs
}

// wsAwaitSubscribers waits (at most until ctx's deadline) until env's
// event bus has n live subscriptions, so that events published next
// cannot be missed.
func wsAwaitSubscribers(t *testing.T, ctx context.Context, env *testEnv, n int) {
	t.Helper()
	bus := env.DB.Events.(*events.Bus)
	for bus.Subscribers() < n {
		select {
		case <-ctx.Done():
			t.Fatalf("%d subscriptions live, want %d: %v", bus.Subscribers(), n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

type wsBalanceChange struct {
	BalanceChanged struct {
		Account struct {
			ID         string
			BalanceFen int64
		}
		Entry struct {
			ReceiptNo string
			AmountFen int64
		}
	}
}

// TestSubscription_BalanceChanged follows an account's balance over a
// websocket while sales happen over HTTP.
func TestSubscription_BalanceChanged(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	acct := env.openAccount(t, 1000)
	other := env.openAccount(t, 0)

	sell := func(t *testing.T, acctID int64, amount int64) (receipt string, balance int64) {
		t.Helper()
		var got struct {
			Sell struct {
				ReceiptNo       string
				BalanceAfterFen int64
			}
		}
		cashier.do(t, valSell, valSale(acctID, amount)).Decode(t, &got)
		return got.Sell.ReceiptNo, got.Sell.BalanceAfterFen
	}
	const sub = `subscription($id: ID) { balanceChanged(accountId: $id) { account { id balanceFen } entry { receiptNo amountFen } } }`

	t.Run("Operator", func(t *testing.T) {
		ws := wsConnect(t, env, env.operator(t, voltpay.RoleViewer).bearer)
		ws.subscribe(t, "1", sub, map[string]any{"id": acct.ID})
		wsAwaitSubscribers(t, ws.ctx, env, 1)

		sell(t, other.ID, 111) // another account's: not delivered
		for i, amount := range []int64{2500, 40} {
			receipt, balance := sell(t, acct.ID, amount)
			var got wsBalanceChange
			ws.next(t, "1", &got)
			c := got.BalanceChanged
			if c.Account.ID != fmt.Sprint(acct.ID) || c.Account.BalanceFen != balance || c.Entry.ReceiptNo != receipt || c.Entry.AmountFen != amount {
				t.Errorf("event %d: got %+v, want account %d at %d fen after receipt %s of %d", i, c, acct.ID, balance, receipt, amount)
			}
		}
		if want := int64(1000 + 2500 + 40); valSnapshot(t, env, acct.ID).Balances[acct.ID] != voltpay.Fen(want) {
			t.Errorf("balance is not %d", want)
		}

		ws.send(t, wsMessage{ID: "1", Type: "complete"})
		ws.conn.Close(websocket.StatusNormalClosure, "")
	})

	t.Run("TenantOwnAccount", func(t *testing.T) {
		ws := wsConnect(t, env, env.tenant(t, acct.ID).bearer)
		before := env.DB.Events.(*events.Bus).Subscribers()
		ws.subscribe(t, "own", sub, nil) // no id: a tenant follows their own account
		wsAwaitSubscribers(t, ws.ctx, env, before+1)
		sell(t, other.ID, 222)
		receipt, balance := sell(t, acct.ID, 5)
		var got wsBalanceChange
		ws.next(t, "own", &got)
		if c := got.BalanceChanged; c.Entry.ReceiptNo != receipt || c.Account.BalanceFen != balance {
			t.Errorf("got %+v, want receipt %s at %d fen", c, receipt, balance)
		}
	})

	t.Run("TenantOtherAccount", func(t *testing.T) {
		ws := wsConnect(t, env, env.tenant(t, acct.ID).bearer)
		ws.subscribe(t, "x", sub, map[string]any{"id": other.ID})
		errs := ws.refused(t, "x")
		if errs[0].Extensions.Code != voltpay.EFORBIDDEN {
			t.Errorf("got %+v, want FORBIDDEN", errs)
		}
	})

	t.Run("Unauthenticated", func(t *testing.T) {
		ws := wsConnect(t, env, "")
		ws.subscribe(t, "a", sub, map[string]any{"id": acct.ID})
		errs := ws.refused(t, "a")
		if errs[0].Extensions.Code != voltpay.EUNAUTHENTICATED || !strings.Contains(errs[0].Message, "sign in") {
			t.Errorf("got %+v, want UNAUTHENTICATED telling to sign in", errs)
		}
	})

	t.Run("InvalidOperation", func(t *testing.T) {
		ws := wsConnect(t, env, env.operator(t, voltpay.RoleViewer).bearer)
		deep := "id"
		for range 13 {
			deep = "replacedBy { " + deep + " }"
		}
		for id, q := range map[string]string{
			"unknown-field": `subscription { balanceChanged { account { color } } }`,
			"syntax":        `subscription { balanceChanged {`,
			"too-deep":      `subscription { meterChanged { ` + deep + ` } }`,
		} {
			ws.subscribe(t, id, q, nil)
			m := ws.read(t)
			var errs []gqlError
			if m.Type == "error" {
				json.Unmarshal(m.Payload, &errs)
			} else {
				resp := &gqlResponse{}
				json.Unmarshal(m.Payload, resp)
				errs = resp.Errors
				ws.read(t) // complete
			}
			if m.ID != id || len(errs) == 0 || errs[0].Extensions.Code != voltpay.EINVALID {
				t.Errorf("%s: got %s for %q: %s; want INVALID_INPUT", id, m.Type, m.ID, m.Payload)
			}
		}
	})

	t.Run("BadToken", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		url := "ws" + strings.TrimPrefix(env.Srv.URL, "http") + "/graphql"
		conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(websocket.StatusNormalClosure, "")
		wsjson.Write(ctx, conn, wsMessage{Type: "connection_init", Payload: json.RawMessage(`{"authorization": "Bearer vps_not-a-session"}`)})
		var m wsMessage
		err = wsjson.Read(ctx, conn, &m)
		if err == nil {
			t.Fatalf("a bad token got %s %s, want the connection refused", m.Type, m.Payload)
		}
		var ce websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != 4403 || !strings.Contains(ce.Reason, "log in again") {
			t.Errorf("got %v, want close 4403 saying to log in again", err)
		}
	})
}

// TestSubscription_MeterChanged sees a meter change when it is attached
// to an account.
func TestSubscription_MeterChanged(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	meter, otherMeter := env.createMeter(t, nil), env.createMeter(t, nil)
	acct := env.openAccount(t, 0)

	ws := wsConnect(t, env, env.operator(t, voltpay.RoleViewer).bearer)
	ws.subscribe(t, "m", `subscription($id: ID) { meterChanged(meterId: $id) { id address account { id no } } }`, map[string]any{"id": meter.ID})
	wsAwaitSubscribers(t, ws.ctx, env, 1)

	const attach = `mutation($a: ID!, $m: ID!) { attachMeter(accountId: $a, meterId: $m) { id } }`
	cashier.do(t, attach, map[string]any{"a": acct.ID, "m": otherMeter.ID}).Decode(t, &struct{}{}) // not followed
	cashier.do(t, attach, map[string]any{"a": acct.ID, "m": meter.ID}).Decode(t, &struct{}{})
	var got struct {
		MeterChanged struct {
			ID, Address string
			Account     *struct{ ID, No string }
		}
	}
	ws.next(t, "m", &got)
	m := got.MeterChanged
	if m.ID != fmt.Sprint(meter.ID) || m.Address != meter.Address || m.Account == nil || m.Account.ID != fmt.Sprint(acct.ID) || m.Account.No != acct.No {
		t.Errorf("got %+v, want meter %d attached to %d (%s)", m, meter.ID, acct.ID, acct.No)
	}
}
