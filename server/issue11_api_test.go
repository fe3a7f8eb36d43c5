package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/voltpay/voltpay"
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
