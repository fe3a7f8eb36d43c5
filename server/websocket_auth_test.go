package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

// wsCloseWithin is how long a socket may outlive its credential in these
// tests: the server checks every 2 s.
const wsCloseWithin = 8 * time.Second

// wsBalanceSub follows every balance change the caller may see.
const wsBalanceSub = `subscription { balanceChanged { account { id tenantName balanceFen } } }`

// wsConnectCookie opens a websocket authenticated by the session cookie
// of the upgrade request, as the admin SPA does.
func wsConnectCookie(t *testing.T, env *testEnv, token string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	url := "ws" + strings.TrimPrefix(env.Srv.URL, "http") + "/graphql"
	h := http.Header{}
	h.Set("Cookie", graph.SessionCookie+"="+token)
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: h})
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(websocket.StatusNormalClosure, "") })
	c := &wsClient{ctx: ctx, conn: conn}
	c.send(t, wsMessage{Type: "connection_init"})
	if m := c.read(t); m.Type != "connection_ack" {
		t.Fatalf("after connection_init: got %s %s, want connection_ack", m.Type, m.Payload)
	}
	return c
}

// wsAwaitClose reads until the server closes the socket, at most
// wsCloseWithin, and returns the close frame. Data delivered on the way
// fails the test: the credential is already gone.
func wsAwaitClose(t *testing.T, ws *wsClient) websocket.CloseError {
	t.Helper()
	ctx, cancel := context.WithTimeout(ws.ctx, wsCloseWithin)
	defer cancel()
	for {
		var m wsMessage
		err := wsjson.Read(ctx, ws.conn, &m)
		var ce websocket.CloseError
		switch {
		case errors.As(err, &ce):
			return ce
		case err != nil:
			t.Fatalf("the socket was not closed within %s of losing its credential: %v", wsCloseWithin, err)
		case m.Type == "ping":
			wsjson.Write(ctx, ws.conn, wsMessage{Type: "pong"})
		case m.Type == "next" && !strings.Contains(string(m.Payload), `"errors"`):
			t.Fatalf("the socket streamed after its credential was gone: %s", m.Payload)
		}
	}
}

// wsMe returns the id of the caller behind c.
func wsMe(t *testing.T, c *client) string {
	t.Helper()
	var me struct{ Me struct{ ID string } }
	c.do(t, `{ me { id } }`, nil).Decode(t, &me)
	return me.Me.ID
}

// TestSecurity_SocketOutlivesCredential is finding 4: after logout, after
// the operator was disabled, after the API key was revoked and after a
// tenant's account was closed, open sockets kept streaming balanceChanged.
// Each must now close with 4401 and the reason, within seconds.
func TestSecurity_SocketOutlivesCredential(t *testing.T) {
	env := newEnv(t)
	for _, tc := range []struct {
		name   string
		open   func(t *testing.T) (*wsClient, func(t *testing.T))
		reason string
	}{
		{"LogoutBearer", func(t *testing.T) (*wsClient, func(*testing.T)) {
			c := env.operator(t, voltpay.RoleViewer)
			return wsConnect(t, env, c.bearer), func(t *testing.T) { c.do(t, `mutation { logout }`, nil).Decode(t, &struct{}{}) }
		}, "log in again"},
		{"LogoutCookie", func(t *testing.T) (*wsClient, func(*testing.T)) {
			c := env.operator(t, voltpay.RoleViewer)
			ws := wsConnectCookie(t, env, c.bearer)
			cookie := &client{env: env, cookie: &http.Cookie{Name: graph.SessionCookie, Value: c.bearer}}
			return ws, func(t *testing.T) { cookie.do(t, `mutation { logout }`, nil).Decode(t, &struct{}{}) }
		}, "log in again"},
		{"OperatorDisabled", func(t *testing.T) (*wsClient, func(*testing.T)) {
			c := env.operator(t, voltpay.RoleViewer)
			return wsConnect(t, env, c.bearer), func(t *testing.T) {
				var me struct{ Me struct{ ID, Name string } }
				c.do(t, `{ me { id name } }`, nil).Decode(t, &me)
				env.operator(t, voltpay.RoleAdmin).do(t, `mutation($id: ID!, $in: OperatorInput!) { updateOperator(id: $id, input: $in) { id } }`,
					map[string]any{"id": me.Me.ID, "in": map[string]any{"username": me.Me.Name, "displayName": me.Me.Name, "role": "viewer",
						"password": "", "disabled": true}}).Decode(t, &struct{}{})
			}
		}, "log in again"}, // disabling an operator ends their sessions
		{"APIKeyRevoked", func(t *testing.T) (*wsClient, func(*testing.T)) {
			c := env.apiKey(t, voltpay.PermReadAccounts)
			return wsConnect(t, env, c.bearer), func(t *testing.T) {
				env.operator(t, voltpay.RoleAdmin).do(t, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
					map[string]any{"id": wsMe(t, c)}).Decode(t, &struct{}{})
			}
		}, "revoked"},
		{"TenantAccountClosed", func(t *testing.T) (*wsClient, func(*testing.T)) {
			a := env.openAccount(t, 0) // no final refund: closing moves no balance
			return wsConnect(t, env, env.tenant(t, a.ID).bearer), func(t *testing.T) {
				if _, err := env.Res.AccountService.CloseAccount(sys(), voltpay.CloseAccountInput{AccountID: a.ID,
					Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}); err != nil {
					t.Fatal(err)
				}
			}
		}, "closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, revoke := tc.open(t)
			ws.subscribe(t, "b", wsBalanceSub, nil)
			time.Sleep(100 * time.Millisecond) // the subscription is live
			revoke(t)
			ce := wsAwaitClose(t, ws)
			if ce.Code != 4401 || !strings.Contains(ce.Reason, tc.reason) {
				t.Errorf("closed with %d %q, want 4401 saying %q", ce.Code, ce.Reason, tc.reason)
			}
		})
	}
}

// TestSecurity_SubscribeAfterLogout is finding 4's second half: a new
// subscribe on a socket whose session was ended was accepted. It must be
// refused at once (or the socket closed), never run.
func TestSecurity_SubscribeAfterLogout(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 1000)
	cashier := env.operator(t, voltpay.RoleCashier)
	c := env.operator(t, voltpay.RoleViewer)
	ws := wsConnect(t, env, c.bearer)
	c.do(t, `mutation { logout }`, nil).Decode(t, &struct{}{})
	ws.subscribe(t, "late", wsBalanceSub, nil)
	cashier.do(t, valSell, valSale(acct.ID, 100)).Decode(t, &struct{}{})

	var m wsMessage
	err := wsjson.Read(ws.ctx, ws.conn, &m)
	var ce websocket.CloseError
	switch {
	case errors.As(err, &ce):
		if ce.Code != 4401 {
			t.Errorf("closed with %d %q, want 4401", ce.Code, ce.Reason)
		}
	case err != nil:
		t.Fatal(err)
	default:
		var resp gqlResponse
		if m.Type == "error" {
			json.Unmarshal(m.Payload, &resp.Errors)
		} else {
			json.Unmarshal(m.Payload, &resp)
		}
		if m.ID != "late" || string(resp.Data) != "" && string(resp.Data) != "null" || resp.Code() != voltpay.EUNAUTHENTICATED {
			t.Errorf("subscribe after logout: got %s %s, want UNAUTHENTICATED and no data", m.Type, m.Payload)
		}
	}
}

// TestSocket_PermissionsChanged closes a socket whose operator got another
// role (4403): its subscriptions ran with the old role's permissions.
func TestSocket_PermissionsChanged(t *testing.T) {
	env := newEnv(t)
	c := env.operator(t, voltpay.RoleCashier)
	ws := wsConnect(t, env, c.bearer)
	ws.subscribe(t, "b", wsBalanceSub, nil)
	var me struct{ Me struct{ ID, Name string } }
	c.do(t, `{ me { id name } }`, nil).Decode(t, &me)
	env.operator(t, voltpay.RoleAdmin).do(t, `mutation($id: ID!, $in: OperatorInput!) { updateOperator(id: $id, input: $in) { id } }`,
		map[string]any{"id": me.Me.ID, "in": map[string]any{"username": me.Me.Name, "displayName": me.Me.Name, "role": "viewer",
			"password": ""}}).Decode(t, &struct{}{})
	if ce := wsAwaitClose(t, ws); ce.Code != 4403 || !strings.Contains(ce.Reason, "permissions changed") {
		t.Errorf("closed with %d %q, want 4403 saying the permissions changed", ce.Code, ce.Reason)
	}
}
