package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// Directives returns the implementations of the schema's access directives
// and of @length. Every root field carries exactly one access directive
// (TestSchema_EveryFieldGuarded), so no resolver checks permissions by
// hand; every String input carries @length (TestSchema_EveryStringBounded),
// so no resolver checks lengths or encodings by hand.
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
		Length: length,
	}
}

// length enforces @length(max) on a String argument or input field, or on
// each element of a list of them. The String scalar has already refused
// bad encodings; the error presenter names the field from the path.
func length(ctx context.Context, _ any, next graphql.Resolver, max int) (any, error) {
	v, err := next(ctx)
	if err != nil {
		return v, err
	}
	switch x := v.(type) {
	case string:
		err = voltpay.ValidateText("", x, max)
	case *string:
		if x != nil {
			err = voltpay.ValidateText("", *x, max)
		}
	case []string:
		for i := range x {
			if err = voltpay.ValidateText("", x[i], max); err != nil {
				err = voltpay.Errorf(voltpay.EINVALID, "element %d: %s", i, voltpay.ErrorMessage(err))
				break
			}
		}
	default:
		// The schema put @length on something that is not text: a bug
		// TestSchema_EveryStringBounded catches.
		err = fmt.Errorf("@length on a %T value", v)
	}
	return v, err
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
