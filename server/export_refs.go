package main

import (
	"context"
	"slices"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

// refs are the other objects one page of rows names (a meter's building,
// an entry's account), loaded with one query per type as the API's
// dataloaders load them, and only the types the caller may see below the
// rows (the same rule as the columns that show them).
type refs struct {
	p             *voltpay.Principal
	buildings     map[int64]*voltpay.Building
	gateways      map[int64]*voltpay.Gateway
	tariffs       map[int64]*voltpay.Tariff
	accounts      map[int64]*voltpay.Account
	meters        map[int64]*voltpay.Meter
	meterBalances map[int64]voltpay.Fen
}

func newRefs(p *voltpay.Principal) *refs { return &refs{p: p} }

// byID loads the objects of GraphQL type typ with the given ids, when the
// caller may see them.
func byID[T any](ctx context.Context, r *refs, typ string, ids []int64, find func(context.Context, []int64) ([]T, error), id func(T) int64) (map[int64]T, error) {
	out := map[int64]T{}
	if len(ids) == 0 || !graph.MaySee(r.p, typ, true) {
		return out, nil
	}
	items, err := find(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		out[id(it)] = it
	}
	return out, nil
}

// idsOf collects the distinct ids items name through ref.
func idsOf[T any](items []T, ref func(T) *int64) []int64 {
	var ids []int64
	for _, it := range items {
		if id := ref(it); id != nil && !slices.Contains(ids, *id) {
			ids = append(ids, *id)
		}
	}
	return ids
}

func (r *refs) loadBuildings(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.buildings, err = byID(ctx, r, "Building", ids, res.SiteService.FindBuildingsByIDs, func(b *voltpay.Building) int64 { return b.ID })
	return err
}

func (r *refs) loadGateways(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.gateways, err = byID(ctx, r, "Gateway", ids, res.SiteService.FindGatewaysByIDs, func(g *voltpay.Gateway) int64 { return g.ID })
	return err
}

func (r *refs) loadTariffs(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.tariffs, err = byID(ctx, r, "Tariff", ids, res.TariffService.FindTariffsByIDs, func(t *voltpay.Tariff) int64 { return t.ID })
	return err
}

func (r *refs) loadAccounts(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.accounts, err = byID(ctx, r, "Account", ids, res.AccountService.FindAccountsByIDs, func(a *voltpay.Account) int64 { return a.ID })
	return err
}

func (r *refs) loadMeters(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.meters, err = byID(ctx, r, "Meter", ids, res.MeterService.FindMetersByIDs, func(m *voltpay.Meter) int64 { return m.ID })
	return err
}

// loadMeterBalances loads the balances of meters on per-meter accounts.
func (r *refs) loadMeterBalances(ctx context.Context, res *graph.Resolver, ids []int64) (err error) {
	r.meterBalances = map[int64]voltpay.Fen{}
	if len(ids) > 0 && graph.MaySee(r.p, "Account", true) {
		r.meterBalances, err = res.AccountService.MeterBalances(ctx, ids)
	}
	return err
}

// The names rows show of the objects they refer to; nil (an empty cell)
// for none.

func (r *refs) buildingName(id *int64) any {
	return nameOf(r.buildings, id, func(b *voltpay.Building) string { return b.Name })
}

func (r *refs) gatewayName(id *int64) any {
	return nameOf(r.gateways, id, func(g *voltpay.Gateway) string { return g.Name })
}

func (r *refs) tariffName(id *int64) any {
	return nameOf(r.tariffs, id, func(t *voltpay.Tariff) string { return t.Name })
}

func (r *refs) accountNo(id *int64) any {
	return nameOf(r.accounts, id, func(a *voltpay.Account) string { return a.No })
}

func (r *refs) tenantName(id *int64) any {
	return nameOf(r.accounts, id, func(a *voltpay.Account) string { return a.TenantName })
}

func (r *refs) meterAddress(id *int64) any {
	return nameOf(r.meters, id, func(m *voltpay.Meter) string { return m.Address })
}

// nameOf is name of the object of m with id, or nil when there is none
// (or the caller may not see it, and it was not loaded).
func nameOf[T any](m map[int64]*T, id *int64, name func(*T) string) any {
	if v := lookup(m, id); v != nil {
		return name(v)
	}
	return nil
}

// meterFunds is the balance funding meter m: its own on an account that
// keeps one per meter, else its account's; nil without an account.
func (r *refs) meterFunds(m *voltpay.Meter) any {
	a := lookup(r.accounts, m.AccountID)
	switch {
	case a == nil:
		return nil
	case a.BalanceMode == voltpay.BalancePerMeter:
		return r.meterBalances[m.ID]
	}
	return a.BalanceFen
}

func lookup[T any](m map[int64]*T, id *int64) *T {
	if id == nil {
		return nil
	}
	return m[*id]
}

func ptr(id int64) *int64 { return &id }
