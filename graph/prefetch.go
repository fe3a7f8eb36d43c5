package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// prefetchMeters queues, in one batch per loader, the references that the
// query selects on a page of meters, before gqlgen resolves the items one
// goroutine each: their own loads then hit the cache. Without it a long
// page outlasts the loaders' wait and its loads split into many batches.
func prefetchMeters(ctx context.Context, ms []*voltpay.Meter) {
	sel := nodeFields(ctx, "Meter")
	l := loaders(ctx)
	prefetch(ctx, sel["account"], l.Account, ms, func(m *voltpay.Meter) *int64 { return m.AccountID })
	prefetch(ctx, sel["tariff"], l.Tariff, ms, func(m *voltpay.Meter) *int64 { return m.TariffID })
	prefetch(ctx, sel["gateway"], l.Gateway, ms, func(m *voltpay.Meter) *int64 { return m.GatewayID })
	prefetch(ctx, sel["building"], l.Building, ms, func(m *voltpay.Meter) *int64 { return m.BuildingID })
}

// prefetchAccounts queues the meters of a page of accounts.
func prefetchAccounts(ctx context.Context, as []*voltpay.Account) {
	if nodeFields(ctx, "Account")["meters"] {
		ids := make([]int64, len(as))
		for i, a := range as {
			ids[i] = a.ID
		}
		loaders(ctx).MetersByAccount.LoadAllThunk(ctx, ids)
	}
}

// prefetchEntries queues the accounts and meters of a page of entries.
func prefetchEntries(ctx context.Context, es []*voltpay.LedgerEntry) {
	sel := nodeFields(ctx, "LedgerEntry")
	l := loaders(ctx)
	prefetch(ctx, sel["account"], l.Account, es, func(e *voltpay.LedgerEntry) *int64 { return &e.AccountID })
	prefetch(ctx, sel["meter"], l.Meter, es, func(e *voltpay.LedgerEntry) *int64 { return e.MeterID })
}

// nodeFields returns the names of the fields selected on the nodes (of
// GraphQL type typ) of the connection being resolved.
func nodeFields(ctx context.Context, typ string) map[string]bool {
	out := map[string]bool{}
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "nodes" {
			for _, g := range graphql.CollectFields(oc, f.Selections, []string{typ}) {
				out[g.Name] = true
			}
		}
	}
	return out
}

// prefetch queues the distinct non-nil ids of items in loader l.
func prefetch[T, V any](ctx context.Context, selected bool, l interface {
	LoadAllThunk(context.Context, []int64) func() ([]V, error)
}, items []T, id func(T) *int64) {
	if !selected {
		return
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, it := range items {
		if p := id(it); p != nil && !seen[*p] {
			seen[*p] = true
			ids = append(ids, *p)
		}
	}
	if len(ids) > 0 {
		l.LoadAllThunk(ctx, ids)
	}
}
