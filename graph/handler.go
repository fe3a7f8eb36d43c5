package graph

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
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
	// SignedIn and Anonymous are the budgets of callers with and without a
	// principal; Anonymous is capped by SignedIn.
	SignedIn, Anonymous Budget
	// Introspection says who may introspect the schema.
	Introspection Introspection
	// RequestTimeout ends queries and mutations that run longer (0: none).
	// Websocket subscriptions live on; each of their operations is bounded.
	RequestTimeout time.Duration
	// OriginPatterns are the host patterns allowed to open websockets from a
	// browser (the admin SPA's own origin is always allowed).
	OriginPatterns []string
}

// DefaultLimits are the limits the server runs with unless configured.
var DefaultLimits = Limits{SignedIn: DefaultSignedIn, Anonymous: DefaultAnonymous,
	Introspection: IntrospectionSignedIn, RequestTimeout: 30 * time.Second}

// NewHandler returns the GraphQL HTTP handler: graphql-transport-ws
// websockets, GET (queries only, cacheable, persisted-query hashes), POST,
// with the caller's budget enforced before validation (tokens, fields,
// repeats, depth) and after it (complexity), per-operation dataloaders, the
// audit log of every mutation and one error presenter.
//
// HTTP status of a refused document: every refusal of the document as a
// whole (parse errors, gqlparser's validation, our budget, the complexity
// limit, a subscription over plain HTTP) carries a validation error kind, so
// the transports answer them all alike, by the GraphQL-over-HTTP rule that
// http_status.go states: 200 for application/json, 400 for
// application/graphql-response+json. Errors of resolvers answer 200 with
// data.
func NewHandler(r *Resolver, lim Limits, log *slog.Logger) *handler.Server {
	cfg := generated.Config{Resolvers: r, Directives: Directives()}
	setComplexity(&cfg.Complexity)
	schema := generated.NewExecutableSchema(cfg)
	srv := handler.New(schema)
	b := budgets{signedIn: lim.SignedIn, anonymous: lim.Anonymous.within(lim.SignedIn)}

	srv.AddTransport(r.guardWebsocket(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitFunc:              r.websocketInit,
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{OriginPatterns: lim.OriginPatterns}},
	}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(specTransport{transport.GET{}})
	srv.AddTransport(specTransport{transport.POST{}})

	// gqlgen parses with the larger (signed-in) token limit; costGuard has
	// already parsed with the caller's own before.
	srv.SetParserTokenLimit(b.signedIn.MaxTokens)
	cache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(cache)
	srv.Use(introspection{mode: lim.Introspection})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(costGuard{budgets: b, cache: cache})                  // after APQ, which fills the query
	srv.Use(emptyIsAbsent{schema: schema.Schema(), cache: cache}) // after costGuard, which bounds its parse
	srv.Use(complexityLimit{budgets: b, ComplexityLimit: &extension.ComplexityLimit{Func: func(ctx context.Context, _ *graphql.OperationContext) int {
		budget, _ := b.of(ctx)
		return budget.MaxComplexity
	}}})
	srv.Use(operationGuard{timeout: lim.RequestTimeout})
	srv.Use(loaderExtension{r: r})
	srv.Use(ObjectGuard{})
	srv.Use(socketGuard{auth: r.AuthService})
	srv.Use(newAuditExtension(r.AuditService, log))

	srv.SetErrorPresenter(errorPresenter(log))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p, "request_id", RequestInfoFrom(ctx).RequestID, "stack", string(debug.Stack()))
		return voltpay.Errorf(voltpay.EINTERNAL, "internal error (request %s); it has been logged", RequestInfoFrom(ctx).RequestID)
	})
	return srv
}

func init() {
	// The complexity limit refuses the document as a whole, like validation:
	// answer it with the same HTTP status (see NewHandler).
	errcode.RegisterErrorType(complexityLimitCode, errcode.KindProtocol)
}

// complexityLimitCode is the code gqlgen's ComplexityLimit gives its refusal.
const complexityLimitCode = "COMPLEXITY_LIMIT_EXCEEDED"

// websocketInit authenticates a websocket from its connection_init payload
// ({"authorization": "Bearer …"}) or, with an empty payload, the
// credential the upgrade request carried (the SPA's session cookie,
// already in ctx), and keeps checking that credential for the socket's
// life (wsguard.go). Any other payload closes the socket with 4400 and
// the accepted shape (initToken).
func (r *Resolver) websocketInit(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	tok, err := initToken(payload)
	if err != nil {
		ctx = transport.AppendCloseReason(transport.WithWebsocketCloseCode(ctx, closeBadInit), closeReason(voltpay.ErrorMessage(err)))
		return ctx, nil, err
	}
	s := socketFrom(ctx)
	token := ""
	if s != nil {
		token = s.token
	}
	if tok != "" {
		p, err := r.AuthService.Authenticate(ctx, tok)
		if err != nil {
			// Refuse as graphql-transport-ws asks (4403 Forbidden) and say why,
			// rather than a normal closure the client cannot tell from a goodbye.
			code := closeForbidden
			if voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
				code = int(websocket.StatusInternalError)
			}
			ctx = transport.AppendCloseReason(transport.WithWebsocketCloseCode(ctx, code), closeReason(voltpay.ErrorMessage(err)))
			return ctx, nil, err
		}
		p.IP = RequestInfoFrom(ctx).IP
		ctx = voltpay.WithPrincipal(ctx, p)
		token = tok
	}
	if s != nil {
		ctx = s.watch(ctx, r.AuthService, token, voltpay.PrincipalFrom(ctx))
	}
	return withWebsocket(ctx), nil, nil
}

// RequestInfo is what the HTTP layer knows of a request that resolvers need.
type RequestInfo struct {
	RequestID    string
	IP           string
	SessionToken string               // the caller's session token, for logout
	SetCookie    func(c *http.Cookie) // nil outside HTTP (tests, websockets)
	SecureCookie bool
	// Browser: the request came from a web page (it carries Sec-Fetch-Site
	// or Origin, which page scripts cannot forge or remove); login then
	// hands the session only as the HTTP-only cookie (see Resolver.login).
	Browser bool
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
