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
// (gqlgen disables them unless an extension enables them) and refuses an
// operation that asks for them otherwise, saying why (gqlgen's own refusal
// is a bare error that reads as a bug).
type introspection struct{ mode Introspection }

func (introspection) ExtensionName() string                   { return "Introspection" }
func (introspection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (i introspection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	signedIn := voltpay.PrincipalFrom(ctx) != nil
	oc.DisableIntrospection = !(i.mode == IntrospectionAll || i.mode == IntrospectionSignedIn && signedIn)
	if !oc.DisableIntrospection || oc.Operation == nil || !introspects(oc.Doc, oc.Operation.SelectionSet, 0) {
		return nil
	}
	err := gqlerror.Errorf("introspection is off on this server (VOLTPAY_INTROSPECTION)")
	err.Extensions = map[string]any{"code": voltpay.EFORBIDDEN}
	if i.mode == IntrospectionSignedIn {
		err.Message = "sign in to introspect the schema (GraphiQL sends your session cookie)"
		err.Extensions["code"] = voltpay.EUNAUTHENTICATED
	}
	return err
}

// introspects reports whether the root selection set asks for __schema or
// __type (possibly through fragments; the document is already bounded by
// costGuard, and depth stops fragment cycles).
func introspects(doc *ast.QueryDocument, set ast.SelectionSet, depth int) bool {
	if depth > 10 {
		return false
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if introspects(doc, s.SelectionSet, depth+1) {
				return true
			}
		case *ast.FragmentSpread:
			if f := doc.Fragments.ForName(s.Name); f != nil && introspects(doc, f.SelectionSet, depth+1) {
				return true
			}
		}
	}
	return false
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
	answered := false
	return func(ctx context.Context) *graphql.Response {
		defer cancel()
		resp := responses(ctx)
		if resp == nil && !answered && ctx.Err() != nil {
			// gqlgen answers nothing at all (JSON null) to an operation
			// whose context ended before it started: say why instead.
			resp = &graphql.Response{Errors: gqlerror.List{{Message: errRequestTimeout.Message,
				Extensions: map[string]any{"code": voltpay.EUNAVAILABLE}}}}
		}
		answered = true
		return resp
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
