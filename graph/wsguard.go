package graph

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voltpay/voltpay"
)

// A websocket outlives the request that opened it by hours, so its
// credential is checked for the socket's whole life: every
// socketRecheckEvery, and again at every subscribe, which then runs with
// the principal the credential gives now. A credential that stopped
// working (logout, expiry, a disabled operator, a revoked API key, a
// tenant's closed account) closes the socket with 4401 and the reason; one
// that now grants something else (a new role, other scopes) closes it with
// 4403, so that the client reconnects with what it holds now.
//
// An API key is trusted for up to 5 s after it was verified
// (server/postgres keyCache): a key revoked on another server closes its
// sockets here within socketRecheckEvery plus that.

// socketRecheckEvery is how often a live socket's credential is checked.
const socketRecheckEvery = 2 * time.Second

// socketCheckFailures is how many checks in a row may fail for another
// reason than the credential (the database not answering) before the
// socket is closed all the same: a credential nobody can check is not
// trusted for long.
const socketCheckFailures = 3

// Close codes of graphql-transport-ws for a credential that is gone, or
// that no longer grants what the socket was opened with.
const (
	closeUnauthorized = 4401
	closeForbidden    = 4403
)

// guardWebsocket returns ws as a transport whose sockets live only as
// long as their credential.
func (r *Resolver) guardWebsocket(ws transport.Websocket) graphql.Transport {
	if ws.Implementation == nil {
		ws.Implementation = transport.CoderWebsocketImplementation{}
	}
	return socketTransport{ws: ws}
}

// socketTransport gives each websocket a socket record that its
// connection, its init function and its operations share.
type socketTransport struct{ ws transport.Websocket }

// Supports implements graphql.Transport.
func (t socketTransport) Supports(r *http.Request) bool { return t.ws.Supports(r) }

// Do implements graphql.Transport.
func (t socketTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	// The credential the upgrade request carried, in the order the HTTP
	// authenticator takes them: a bearer token, else the session cookie.
	s := &socket{token: bearer(r.Header.Get("Authorization"))}
	if c, err := r.Cookie(SessionCookie); s.token == "" && err == nil {
		s.token = c.Value
	}
	ws := t.ws
	ws.Implementation = socketAcceptor{inner: t.ws.Implementation, s: s}
	ws.Do(w, r.WithContext(context.WithValue(r.Context(), socketKey{}, s)), exec)
}

// socket is one websocket's credential and, once decided, why it ends.
type socket struct {
	mu        sync.Mutex
	token     string             // the credential; "" for an anonymous socket
	principal *voltpay.Principal // what it gave when the socket opened
	cancel    context.CancelFunc // ends the socket
	code      int                // the close code to send, once ending
	reason    string
}

type socketKey struct{}

func socketFrom(ctx context.Context) *socket {
	s, _ := ctx.Value(socketKey{}).(*socket)
	return s
}

// watch starts checking the socket's credential, which gave p, for as
// long as ctx lives, and returns the socket's context: cancelling it
// closes the socket. Anonymous sockets have nothing to outlive.
func (s *socket) watch(ctx context.Context, auth voltpay.AuthService, token string, p *voltpay.Principal) context.Context {
	if token == "" || p == nil {
		s.token = ""
		return ctx
	}
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.token, s.principal, s.cancel = token, p, cancel
	s.mu.Unlock()
	go func() {
		t := time.NewTicker(socketRecheckEvery)
		defer t.Stop()
		failures := 0
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			_, err := s.check(ctx, auth)
			switch {
			case err == nil:
				failures = 0
			case ctx.Err() != nil:
				return
			case voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED && voltpay.ErrorCode(err) != voltpay.EFORBIDDEN:
				if failures++; failures >= socketCheckFailures {
					s.end(int(websocket.StatusTryAgainLater), "your credential could not be checked: "+voltpay.ErrorMessage(err)+"; reconnect")
				}
			}
		}
	}()
	return ctx
}

// check authenticates the socket's credential again and returns the
// principal it gives now. A credential that no longer works, or grants
// something else than when the socket opened, ends the socket.
func (s *socket) check(ctx context.Context, auth voltpay.AuthService) (*voltpay.Principal, error) {
	p, err := auth.Authenticate(ctx, s.token)
	if err != nil {
		if voltpay.ErrorCode(err) == voltpay.EUNAUTHENTICATED {
			s.end(closeUnauthorized, voltpay.ErrorMessage(err))
		}
		return nil, err
	}
	if !samePrincipal(p, s.principal) {
		err := voltpay.Errorf(voltpay.EFORBIDDEN, "your permissions changed since this websocket opened; reconnect")
		s.end(closeForbidden, voltpay.ErrorMessage(err))
		return nil, err
	}
	p.IP = s.principal.IP
	return p, nil
}

// end closes the socket with code and reason (the first reason given wins).
func (s *socket) end(code int, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.code == 0 {
		s.code, s.reason = code, closeReason(reason)
	}
	if s.cancel != nil {
		s.cancel()
	}
}

// closeFrame returns the code and reason to close with instead of code
// and reason, when the socket was ended for its credential.
func (s *socket) closeFrame(code int, reason string) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.code != 0 {
		return s.code, s.reason
	}
	return code, reason
}

// samePrincipal reports whether a and b grant the same things.
func samePrincipal(a, b *voltpay.Principal) bool {
	return a.Kind == b.Kind && a.ID == b.ID && a.Role == b.Role && a.AccountID == b.AccountID && slices.Equal(a.Scopes, b.Scopes)
}

// closeReason fits reason in a close frame (at most 123 bytes).
func closeReason(reason string) string {
	if len(reason) > 123 {
		reason = strings.ToValidUTF8(reason[:120], "") + "…"
	}
	return reason
}

// socketAcceptor accepts websockets as inner does, closing them with the
// socket's own code and reason when its credential ended it.
type socketAcceptor struct {
	inner transport.WebsocketImplementation
	s     *socket
}

// Accept implements transport.WebsocketImplementation.
func (a socketAcceptor) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	c, err := a.inner.Accept(w, r, opts)
	if err != nil {
		return nil, err
	}
	return &socketConn{WebsocketConn: c, s: a.s}, nil
}

// socketConn is a websocket connection of a guarded socket.
type socketConn struct {
	transport.WebsocketConn
	s *socket
}

// WriteClose implements transport.WebsocketConn: gqlgen closes a socket
// whose context ended as a normal closure; this says why instead.
func (c *socketConn) WriteClose(code int, reason string) error {
	return c.WebsocketConn.WriteClose(c.s.closeFrame(code, reason))
}

// SetReadLimit keeps the read limit of the connection underneath.
func (c *socketConn) SetReadLimit(limit int64) {
	if l, ok := c.WebsocketConn.(transport.WebsocketReadLimiter); ok {
		l.SetReadLimit(limit)
	}
}

// SetReadDeadline keeps the ping deadline of the connection underneath.
func (c *socketConn) SetReadDeadline(t time.Time) error {
	if d, ok := c.WebsocketConn.(transport.WebsocketReadDeadliner); ok {
		return d.SetReadDeadline(t)
	}
	return nil
}

// socketGuard runs each operation of a websocket (every subscribe) with
// the principal the socket's credential gives now, and refuses it when
// the credential is gone (the socket then closes too).
type socketGuard struct{ auth voltpay.AuthService }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = socketGuard{}

// ExtensionName implements graphql.HandlerExtension.
func (socketGuard) ExtensionName() string { return "SocketGuard" }

// Validate implements graphql.HandlerExtension.
func (socketGuard) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation implements graphql.OperationInterceptor.
func (g socketGuard) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	s := socketFrom(ctx)
	if s == nil || s.token == "" {
		return next(ctx)
	}
	p, err := s.check(ctx, g.auth)
	if err != nil {
		code := voltpay.ErrorCode(err)
		if code != voltpay.EUNAUTHENTICATED && code != voltpay.EFORBIDDEN {
			code = voltpay.EUNAVAILABLE
		}
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message: voltpay.ErrorMessage(err), Extensions: map[string]any{"code": code}}}})
	}
	return next(voltpay.WithPrincipal(ctx, p))
}
