package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voltpay/voltpay"
)

// Introspection says who may introspect the schema (VOLTPAY_INTROSPECTION).
type Introspection string

// The introspection modes.
const (
	// IntrospectionSignedIn lets any signed-in caller introspect: GraphiQL
	// sends the browser's session cookie, so it works once signed in.
	IntrospectionSignedIn Introspection = "signed-in"
	IntrospectionAll      Introspection = "all" // anyone, e.g. on a developer's machine
	IntrospectionOff      Introspection = "off" // nobody
)

// ParseIntrospection reads an introspection mode.
func ParseIntrospection(s string) (Introspection, error) {
	switch m := Introspection(s); m {
	case IntrospectionSignedIn, IntrospectionAll, IntrospectionOff:
		return m, nil
	}
	return "", fmt.Errorf("introspection %q: use signed-in, all or off", s)
}

// introspection enables __schema and __type for the callers its mode allows
// (gqlgen disables them unless an extension enables them).
type introspection struct{ mode Introspection }

func (introspection) ExtensionName() string                   { return "Introspection" }
func (introspection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (i introspection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	oc.DisableIntrospection = !(i.mode == IntrospectionAll || i.mode == IntrospectionSignedIn && voltpay.PrincipalFrom(ctx) != nil)
	return nil
}

// operationGuard bounds how long an operation may hold the server: queries
// and mutations end after timeout, and subscriptions are served only over
// websockets, whose connection the client keeps (and closes) itself;
// over POST or GET a subscription would hold the request open forever.
type operationGuard struct{ timeout time.Duration }

func (operationGuard) ExtensionName() string                   { return "OperationGuard" }
func (operationGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (operationGuard) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation != nil && oc.Operation.Operation == ast.Subscription && !isWebsocket(ctx) {
		return validationError("subscriptions are served over websockets only (graphql-transport-ws on /graphql); use query or mutation over HTTP")
	}
	return nil
}

// errRequestTimeout is why an operation's context ended at its deadline.
var errRequestTimeout = voltpay.Errorf(voltpay.EUNAVAILABLE, "the request took too long and was stopped; ask for less (smaller pages, fewer fields) or retry later")

// InterceptOperation implements graphql.OperationInterceptor. The request's
// context already ends when the client goes away (net/http cancels it);
// this adds a deadline, and the database calls of every resolver stop with
// it.
func (g operationGuard) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if g.timeout <= 0 || oc.Operation == nil || oc.Operation.Operation == ast.Subscription {
		return next(ctx)
	}
	ctx, cancel := context.WithTimeoutCause(ctx, g.timeout, errRequestTimeout)
	responses := next(ctx)
	// A query or mutation answers once: its work is over when that answer
	// is built. (The timer also releases ctx if a transport never asks.)
	return func(ctx context.Context) *graphql.Response {
		defer cancel()
		return responses(ctx)
	}
}

type websocketKey struct{}

// withWebsocket marks ctx as a websocket connection's.
func withWebsocket(ctx context.Context) context.Context {
	return context.WithValue(ctx, websocketKey{}, true)
}

func isWebsocket(ctx context.Context) bool {
	ws, _ := ctx.Value(websocketKey{}).(bool)
	return ws
}

var (
	_ graphql.OperationParameterMutator = costGuard{}
	_ graphql.OperationContextMutator   = introspection{}
	_ graphql.OperationContextMutator   = operationGuard{}
	_ graphql.OperationInterceptor      = operationGuard{}
)
