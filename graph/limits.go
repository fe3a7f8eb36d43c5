package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// depthLimit refuses operations nested deeper than max, before any resolver
// runs: deep nesting is how a small query asks for an enormous answer.
type depthLimit struct{ max int }

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || d.max <= 0 {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc, 0, d.max+1); depth > d.max {
		err := gqlerror.Errorf("the operation is nested %d levels deep or more; the limit is %d: split it into several queries", depth, d.max)
		err.Extensions = map[string]any{"code": voltpay.EINVALID}
		return err
	}
	return nil
}

// selectionDepth returns the depth of set, stopping once it exceeds stop
// (so that fragment cycles cannot loop forever).
func selectionDepth(set ast.SelectionSet, doc *ast.QueryDocument, depth, stop int) int {
	if depth >= stop {
		return depth
	}
	max := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") { // introspection has its own shape
				continue
			}
			d = depth
			if len(s.SelectionSet) > 0 {
				d = selectionDepth(s.SelectionSet, doc, depth+1, stop)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, doc, depth, stop)
		case *ast.FragmentSpread:
			if f := doc.Fragments.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, doc, depth, stop)
			}
		}
		if d > max {
			max = d
		}
	}
	return max
}

// setComplexity makes lists cost their page size times what each item
// asks for, so that the complexity limit bounds the real work.
func setComplexity(c *generated.ComplexityRoot) {
	c.Query.Accounts = func(child int, _ *voltpay.AccountFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Meters = func(child int, _ *voltpay.MeterFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.LedgerEntries = func(child int, _ *voltpay.LedgerFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Gateways = func(child int, _ *voltpay.GatewayFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Buildings = func(child int, _ *voltpay.BuildingFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Tariffs = func(child int, _ *voltpay.TariffFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.AuditLog = func(child int, _ *voltpay.AuditFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Account.Entries = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.Query.Commands = func(child int, _ *voltpay.CommandFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Meter.Commands = func(child int, first *int, _ *string) int { return listCost(child, first) }
	// Batches cost as much as the most meters they may select.
	c.ControlMetersResult.Results = func(child int) int { return 1 + MaxControlMeters*child }
	c.ReadMetersResult.Readings = func(child int) int { return 1 + MaxReadMeters*child }
	// An account rarely has more than a handful of meters.
	c.Account.Meters = func(child int) int { return 1 + 10*child }
}

func listCost(child int, first *int) int {
	n := voltpay.DefaultPageSize
	if first != nil && *first > 0 {
		n = min(*first, voltpay.MaxPageSize)
	}
	return 1 + n*child
}

// bearer extracts the token of an "Authorization: Bearer <token>" value.
func bearer(h string) string {
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
