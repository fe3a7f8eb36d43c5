package graph

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// Limits bound what one request may ask of the server.
type Limits struct {
	MaxDepth      int // nesting of selections
	MaxComplexity int // fields, lists counted by their page size
	// OriginPatterns are the host patterns allowed to open websockets from a
	// browser (the admin SPA's own origin is always allowed).
	OriginPatterns []string
}

// DefaultLimits fit the admin SPA's heaviest page (1,000 meters with their
// account, tariff and gateway) with room to spare.
var DefaultLimits = Limits{MaxDepth: 12, MaxComplexity: 250_000}

// NewHandler returns the GraphQL HTTP handler: graphql-transport-ws
// websockets, GET (queries only, cacheable, persisted-query hashes), POST,
// with depth and complexity limits, per-operation dataloaders, the audit
// log of every mutation and one error presenter.
func NewHandler(r *Resolver, lim Limits, log *slog.Logger) *handler.Server {
	cfg := generated.Config{Resolvers: r, Directives: Directives()}
	setComplexity(&cfg.Complexity)
	srv := handler.New(generated.NewExecutableSchema(cfg))

	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitFunc:              r.websocketInit,
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{OriginPatterns: lim.OriginPatterns}},
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(lim.MaxComplexity))
	srv.Use(depthLimit{max: lim.MaxDepth})
	srv.Use(loaderExtension{r: r})
	srv.Use(newAuditExtension(r.AuditService, log))

	srv.SetErrorPresenter(errorPresenter(log))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p, "request_id", RequestInfoFrom(ctx).RequestID, "stack", string(debug.Stack()))
		return voltpay.Errorf(voltpay.EINTERNAL, "internal error (request %s); it has been logged", RequestInfoFrom(ctx).RequestID)
	})
	return srv
}

// websocketInit authenticates a websocket from its connection_init payload
// ({"authorization": "Bearer …"}) or, for the SPA, the session cookie the
// upgrade request carried (already in ctx).
func (r *Resolver) websocketInit(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	if tok := bearer(payload.Authorization()); tok != "" {
		p, err := r.AuthService.Authenticate(ctx, tok)
		if err != nil {
			// Refuse as graphql-transport-ws asks (4403 Forbidden) and say why,
			// rather than a normal closure the client cannot tell from a goodbye.
			code := 4403
			if voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
				code = int(websocket.StatusInternalError)
			}
			reason := voltpay.ErrorMessage(err)
			if len(reason) > 123 { // the most a close frame carries
				reason = strings.ToValidUTF8(reason[:120], "") + "…"
			}
			ctx = transport.AppendCloseReason(transport.WithWebsocketCloseCode(ctx, code), reason)
			return ctx, nil, err
		}
		p.IP = RequestInfoFrom(ctx).IP
		ctx = voltpay.WithPrincipal(ctx, p)
	}
	return ctx, nil, nil
}

// RequestInfo is what the HTTP layer knows of a request that resolvers need.
type RequestInfo struct {
	RequestID    string
	IP           string
	SessionToken string               // the caller's session token, for logout
	SetCookie    func(c *http.Cookie) // nil outside HTTP (tests, websockets)
	SecureCookie bool
	// AuthError says why the credential the request carried was refused;
	// the access directives report it instead of a generic "sign in".
	AuthError error
}

type requestInfoKey struct{}

// WithRequestInfo returns ctx carrying info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, info)
}

// RequestInfoFrom returns the request's info, or an empty one.
func RequestInfoFrom(ctx context.Context) *RequestInfo {
	if info, ok := ctx.Value(requestInfoKey{}).(*RequestInfo); ok {
		return info
	}
	return &RequestInfo{}
}

var _ graphql.HandlerExtension = depthLimit{}
