package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
)

// A list resolver primes its page's references, one query per kind, before
// gqlgen resolves the items (one goroutine each). Left to the loaders'
// time window alone, a long page outlasts the wait and its loads split
// into several batches, so the query count would grow with the page.

// prefetchMeters primes what the query selects on a page of meters.
func prefetchMeters(ctx context.Context, ms []*voltpay.Meter) {
	sel := nodeFields(ctx, "Meter")
	l := loaders(ctx)
	prefetch(ctx, sel["account"] || sel["displayStatus"], l.Account, ms, func(m *voltpay.Meter) *int64 { return m.AccountID })
	prefetch(ctx, sel["activeAlarms"], l.ActiveAlarms, ms, func(m *voltpay.Meter) *int64 { return &m.ID })
	prefetch(ctx, sel["tariff"], l.Tariff, ms, func(m *voltpay.Meter) *int64 { return m.TariffID })
	prefetch(ctx, sel["gateway"], l.Gateway, ms, func(m *voltpay.Meter) *int64 { return m.GatewayID })
	prefetch(ctx, sel["building"], l.Building, ms, func(m *voltpay.Meter) *int64 { return m.BuildingID })
	prefetch(ctx, sel["latestReading"], l.LatestReading, ms, func(m *voltpay.Meter) *int64 { return &m.ID })
	primeMeters(ctx, ms)
}

// primeMeters caches meters already loaded, for the objects under them
// that point back at them (a reading's meter): no query at all.
func primeMeters(ctx context.Context, ms []*voltpay.Meter) {
	l := loaders(ctx).Meter
	for _, m := range ms {
		l.Prime(m.ID, m)
	}
}

// prefetchCommands primes the meters of a page of commands.
func prefetchCommands(ctx context.Context, cs []*voltpay.Command) {
	prefetch(ctx, nodeFields(ctx, "Command")["meter"], loaders(ctx).Meter, cs, func(c *voltpay.Command) *int64 { return &c.MeterID })
}

// prefetchAccounts primes the meters of a page of accounts.
func prefetchAccounts(ctx context.Context, as []*voltpay.Account) {
	prefetch(ctx, nodeFields(ctx, "Account")["meters"], loaders(ctx).MetersByAccount, as, func(a *voltpay.Account) *int64 { return &a.ID })
}

// prefetchAlarms primes the accounts, meters and gateways of a page of alarms.
func prefetchAlarms(ctx context.Context, as []*voltpay.Alarm) {
	sel := nodeFields(ctx, "Alarm")
	l := loaders(ctx)
	prefetch(ctx, sel["account"], l.Account, as, func(a *voltpay.Alarm) *int64 { return a.AccountID })
	prefetch(ctx, sel["meter"], l.Meter, as, func(a *voltpay.Alarm) *int64 { return a.MeterID })
	prefetch(ctx, sel["gateway"] && !voltpay.PrincipalFrom(ctx).IsTenant(), l.Gateway, as, func(a *voltpay.Alarm) *int64 { return a.GatewayID })
}

// prefetchEntries primes the accounts and meters of a page of entries.
func prefetchEntries(ctx context.Context, es []*voltpay.LedgerEntry) {
	sel := nodeFields(ctx, "LedgerEntry")
	l := loaders(ctx)
	prefetch(ctx, sel["account"], l.Account, es, func(e *voltpay.LedgerEntry) *int64 { return &e.AccountID })
	prefetch(ctx, sel["meter"], l.Meter, es, func(e *voltpay.LedgerEntry) *int64 { return e.MeterID })
}

// nodeFields returns the names of the fields selected on the nodes (of
// GraphQL type typ) of the connection being resolved, as nodes or as
// edges { node }.
func nodeFields(ctx context.Context, typ string) map[string]bool {
	out := map[string]bool{}
	oc := graphql.GetOperationContext(ctx)
	collect := func(set ast.SelectionSet) {
		for _, g := range graphql.CollectFields(oc, set, []string{typ}) {
			out[g.Name] = true
		}
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "nodes":
			collect(f.Selections)
		case "edges":
			for _, e := range graphql.CollectFields(oc, f.Selections, []string{typ + "Edge"}) {
				if e.Name == "node" {
					collect(e.Selections)
				}
			}
		}
	}
	return out
}

// prefetch primes l with the distinct non-nil ids of items, if selected.
func prefetch[T, V any](ctx context.Context, selected bool, l *loader[V], items []T, id func(T) *int64) {
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
	l.prime(ctx, ids)
}
