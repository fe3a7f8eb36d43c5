package main

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/Khan/genqlient/graphql"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// bearer sends every request with the credential, a session token or an API
// key: `Authorization: Bearer <token>`.
type bearer struct{ token string }

func (b bearer) Do(r *http.Request) (*http.Response, error) {
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultClient.Do(r)
}

// wsDialer lets genqlient's websocket client, written against gorilla's API,
// use github.com/coder/websocket (the library the server uses too).
type wsDialer struct{}

func (wsDialer) DialContext(ctx context.Context, url string, header http.Header) (graphql.WSConn, error) {
	h := header.Clone()
	protocols := strings.Split(h.Get("Sec-WebSocket-Protocol"), ",")
	h.Del("Sec-WebSocket-Protocol")
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h, Subprotocols: protocols})
	if err != nil {
		return nil, err
	}
	return &wsConn{c: c}, nil
}

// wsConn is a coder/websocket connection with gorilla's three methods.
type wsConn struct {
	c       *websocket.Conn
	closing atomic.Bool
}

// gorillaCloseMessage is gorilla's message type for a close frame, which
// genqlient's Close writes first; the close handshake itself is Close's job
// here.
const gorillaCloseMessage = 8

func (w *wsConn) WriteMessage(typ int, data []byte) error {
	if typ == gorillaCloseMessage {
		w.closing.Store(true)
		return nil
	}
	return w.c.Write(context.Background(), websocket.MessageType(typ), data)
}

// ReadMessage drops what arrives once genqlient's Close has begun: Close
// sends complete for each subscription and then closes their channels
// itself, and the complete the server sends back in the meantime makes
// genqlient v0.8.1 close a channel a second time, which panics (about one
// run in thirty here).
func (w *wsConn) ReadMessage() (int, []byte, error) {
	for {
		typ, data, err := w.c.Read(context.Background())
		if err != nil || !w.closing.Load() {
			return int(typ), data, err
		}
	}
}

func (w *wsConn) Close() error { return w.c.Close(websocket.StatusNormalClosure, "") }

// wsURL turns the HTTP endpoint into the websocket one: the same path.
func wsURL(endpoint string) string {
	if rest, ok := strings.CutPrefix(endpoint, "https://"); ok {
		return "wss://" + rest
	}
	return "ws://" + strings.TrimPrefix(endpoint, "http://")
}

// graphQLErrors returns the GraphQL errors in err: genqlient returns them as
// a gqlerror.List when the server answers 200, and inside an HTTPError with
// any other status.
func graphQLErrors(err error) gqlerror.List {
	var list gqlerror.List
	if errors.As(err, &list) {
		return list
	}
	var httpErr *graphql.HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.Response.Errors
	}
	return nil
}
