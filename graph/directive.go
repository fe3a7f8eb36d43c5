package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// Directives returns the implementations of the schema's access directives.
// Every root field carries exactly one of them (TestSchema_EveryFieldGuarded),
// so no resolver checks permissions by hand.
func Directives() generated.DirectiveRoot {
	return generated.DirectiveRoot{
		Can: func(ctx context.Context, _ any, next graphql.Resolver, perm voltpay.Permission) (any, error) {
			p := voltpay.PrincipalFrom(ctx)
			if p == nil {
				return nil, unauthenticated(ctx)
			}
			if !p.Can(perm) {
				return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "%s %q lacks permission %s for this operation; ask an administrator", principalWord(p), p.Name, perm)
			}
			return next(ctx)
		},
		Authenticated: func(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
			if voltpay.PrincipalFrom(ctx) == nil {
				return nil, unauthenticated(ctx)
			}
			return next(ctx)
		},
		Public: func(ctx context.Context, _ any, next graphql.Resolver) (any, error) { return next(ctx) },
	}
}

// unauthenticated explains why an anonymous caller was refused: the
// credential it sent was bad, or it sent none.
func unauthenticated(ctx context.Context) error {
	if err := RequestInfoFrom(ctx).AuthError; err != nil {
		return err
	}
	return voltpay.Errorf(voltpay.EUNAUTHENTICATED,
		"sign in first: call login, then send the session cookie or `Authorization: Bearer <token or API key>`")
}

func principalWord(p *voltpay.Principal) string {
	switch p.Kind {
	case voltpay.PrincipalOperator:
		return "operator (role " + string(p.Role) + ")"
	case voltpay.PrincipalAPIKey:
		return "API key"
	case voltpay.PrincipalTenant:
		return "tenant"
	}
	return string(p.Kind)
}
