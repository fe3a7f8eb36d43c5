package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/voltpay/voltpay"
)

// Loaders batch the lookups that nested fields make, so that a list of
// 1,000 meters with their accounts and tariffs costs one query per kind of
// object instead of one per meter. A fresh set serves each operation.
type Loaders struct {
	Account         *loader[*voltpay.Account]
	Meter           *loader[*voltpay.Meter]
	MetersByAccount *loader[[]*voltpay.Meter]
	Tariff          *loader[*voltpay.Tariff]
	Gateway         *loader[*voltpay.Gateway]
	Building        *loader[*voltpay.Building]
	Site            *loader[*voltpay.Site]
	LatestReading   *loader[*voltpay.Reading]
	ActiveAlarms    *loader[[]*voltpay.Alarm]
	MeterBalance    *loader[*voltpay.Fen]
	SaleFee         *loader[*voltpay.LedgerEntry]
	// TenantUsersByAccount is each account's tenant logins.
	TenantUsersByAccount *loader[[]*voltpay.TenantUser]
	// BindingsByAccount is each account's tenant app bindings.
	BindingsByAccount *loader[[]*voltpay.TenantBinding]
	// BindingCode is each account's binding code.
	BindingCode *loader[string]
	// ReceiptLayout is each site's stored receipt layout (nil: none).
	ReceiptLayout *loader[[]byte]
}

// loader is a dataloader that a list resolver can also fill ahead of time
// (prime) with one call of its fetch function; see prefetch.go.
type loader[V any] struct {
	*dataloadgen.Loader[int64, V]
	fetch func(context.Context, []int64) (map[int64]V, error)
}

func newLoader[V any](fetch func(context.Context, []int64) (map[int64]V, error), opts ...dataloadgen.Option) *loader[V] {
	return &loader[V]{Loader: dataloadgen.NewMappedLoader(fetch, opts...), fetch: fetch}
}

// prime fetches ids in one query and caches the results, so that the loads
// the list's items make next are all hits. A failed fetch primes nothing:
// each item's own load then reports the error where it belongs.
func (l *loader[V]) prime(ctx context.Context, ids []int64) {
	if len(ids) == 0 {
		return
	}
	found, err := l.fetch(ctx, ids)
	if err != nil {
		return
	}
	for id, v := range found {
		l.Prime(id, v)
	}
}

// newLoaders builds the loaders of one operation. Subscriptions live for
// hours, so theirs batch but do not cache: each event sees fresh rows.
func (r *Resolver) newLoaders(cache bool) *Loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(time.Millisecond), dataloadgen.WithBatchCapacity(voltpay.MaxPageSize)}
	if !cache {
		opts = append(opts, dataloadgen.WithoutCache())
	}
	return &Loaders{
		Account:         newLoader(byID(r.AccountService.FindAccountsByIDs, func(a *voltpay.Account) int64 { return a.ID }), opts...),
		Meter:           newLoader(byID(r.MeterService.FindMetersByIDs, func(m *voltpay.Meter) int64 { return m.ID }), opts...),
		MetersByAccount: newLoader(listsByID(r.MeterService.FindMetersByAccountIDs), opts...),
		Tariff:          newLoader(byID(r.TariffService.FindTariffsByIDs, func(t *voltpay.Tariff) int64 { return t.ID }), opts...),
		Gateway:         newLoader(byID(r.SiteService.FindGatewaysByIDs, func(g *voltpay.Gateway) int64 { return g.ID }), opts...),
		Building:        newLoader(byID(r.SiteService.FindBuildingsByIDs, func(b *voltpay.Building) int64 { return b.ID }), opts...),
		Site:            newLoader(r.allSites, opts...),
		LatestReading:   newLoader(r.latestReadings, opts...),
		ActiveAlarms:    newLoader(listsByID(r.AlarmService.ActiveAlarmsByMeterIDs), opts...),
		MeterBalance:    newLoader(r.meterBalances, opts...),
		SaleFee:         newLoader(r.saleFees, opts...),

		TenantUsersByAccount: newLoader(listsByID(r.AuthService.FindTenantUsersByAccountIDs), opts...),
		BindingsByAccount:    newLoader(listsByID(r.TenantService.FindBindingsByAccountIDs), opts...),
		BindingCode:          newLoader(r.TenantService.BindingCodes, opts...),
		ReceiptLayout:        newLoader(r.receiptLayouts, opts...),
	}
}

// byID adapts a FindXByIDs service method to a mapped loader's fetch.
func byID[T any](find func(context.Context, []int64) ([]T, error), id func(T) int64) func(context.Context, []int64) (map[int64]T, error) {
	return func(ctx context.Context, ids []int64) (map[int64]T, error) {
		items, err := find(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[int64]T, len(items))
		for _, it := range items {
			out[id(it)] = it
		}
		return out, nil
	}
}

// listsByID adapts a service method finding the lists of several parents
// (an account's meters, a meter's alarms) to a mapped loader's fetch: every
// parent asked for gets its list, an empty one for a parent without items,
// since a mapped loader turns a missing key into ErrNotFound.
func listsByID[T any](find func(context.Context, []int64) (map[int64][]T, error)) func(context.Context, []int64) (map[int64][]T, error) {
	return func(ctx context.Context, ids []int64) (map[int64][]T, error) {
		out, err := find(ctx, ids)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = make(map[int64][]T, len(ids))
		}
		for _, id := range ids {
			if out[id] == nil {
				out[id] = []T{}
			}
		}
		return out, nil
	}
}

// meterBalances gives every meter asked for its own balance in its
// per-meter account (AccountService.MeterBalances), nil for one without an
// account or on a shared one: a mapped loader turns a missing key into
// ErrNotFound.
func (r *Resolver) meterBalances(ctx context.Context, ids []int64) (map[int64]*voltpay.Fen, error) {
	found, err := r.AccountService.MeterBalances(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*voltpay.Fen, len(ids))
	for _, id := range ids {
		if b, ok := found[id]; ok {
			out[id] = &b
		} else {
			out[id] = nil
		}
	}
	return out, nil
}

// saleFees gives every sale asked for the service fee entry taken on it,
// nil for one without: a mapped loader turns a missing key into ErrNotFound.
func (r *Resolver) saleFees(ctx context.Context, ids []int64) (map[int64]*voltpay.LedgerEntry, error) {
	out, err := r.LedgerService.FindSaleFees(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			out[id] = nil
		}
	}
	return out, nil
}

// latestReadings gives every meter asked for its newest reading, nil for
// one never read: a mapped loader turns a missing key into ErrNotFound.
func (r *Resolver) latestReadings(ctx context.Context, ids []int64) (map[int64]*voltpay.Reading, error) {
	out, err := r.ReadingService.LatestReadings(ctx, ids)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = make(map[int64]*voltpay.Reading, len(ids))
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			out[id] = nil
		}
	}
	return out, nil
}

// receiptLayouts loads the stored receipt layouts of sites ids, nil for
// a site without one.
func (r *Resolver) receiptLayouts(ctx context.Context, ids []int64) (map[int64][]byte, error) {
	out, err := r.SiteService.FindReceiptLayouts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			out[id] = nil
		}
	}
	return out, nil
}

// allSites loads every site: there are few, and one query serves all keys.
func (r *Resolver) allSites(ctx context.Context, _ []int64) (map[int64]*voltpay.Site, error) {
	sites, err := r.SiteService.FindSites(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*voltpay.Site, len(sites))
	for _, s := range sites {
		out[s.ID] = s
	}
	return out, nil
}

type loadersKey struct{}

// loaders returns the operation's loaders.
func loaders(ctx context.Context) *Loaders { return ctx.Value(loadersKey{}).(*Loaders) }

// loaderExtension installs fresh loaders around every operation.
type loaderExtension struct{ r *Resolver }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = loaderExtension{}

func (loaderExtension) ExtensionName() string                   { return "Loaders" }
func (loaderExtension) Validate(graphql.ExecutableSchema) error { return nil }
func (e loaderExtension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx).Operation
	cache := op == nil || op.Operation != ast.Subscription
	return next(context.WithValue(ctx, loadersKey{}, e.r.newLoaders(cache)))
}

// loadOpt loads an optional reference (a nil id gives nil).
func loadOpt[T any](ctx context.Context, l *loader[*T], id *int64) (*T, error) {
	if id == nil {
		return nil, nil
	}
	return l.Load(ctx, *id)
}
