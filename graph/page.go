package graph

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// pageArgs are a connection field's first, after, last and before.
type pageArgs struct {
	first  *int
	after  *string
	last   *int
	before *string
}

func pageOf(first *int, after *string, last *int, before *string) pageArgs {
	return pageArgs{first: first, after: after, last: last, before: before}
}

// page turns a into voltpay.PageArgs, reading the cursors with c: first
// and after page forward, last and before backward (before alone too, as
// a client paging back from a startCursor means).
func (a pageArgs) page(c voltpay.Cursors) (voltpay.PageArgs, error) {
	var p voltpay.PageArgs
	if a.first != nil && a.last != nil {
		return p, voltpay.Invalid("last", "send first or last, not both: first pages forward (after a cursor), last pages backward (before one)")
	}
	for _, n := range []struct {
		name string
		v    *int
	}{{"first", a.first}, {"last", a.last}} {
		if n.v != nil && (*n.v < 0 || *n.v > voltpay.MaxPageSize) {
			return p, voltpay.Invalid(n.name, "%s must be between 0 and %d, got %d", n.name, voltpay.MaxPageSize, *n.v)
		}
	}
	var err error
	if a.after != nil {
		if p.After, err = c.Decode(*a.after, "after"); err != nil {
			return p, err
		}
	}
	if a.before != nil {
		if p.Before, err = c.Decode(*a.before, "before"); err != nil {
			return p, err
		}
	}
	size := a.first
	if p.Backward = a.last != nil || p.Before > 0 && a.first == nil; p.Backward {
		size = a.last
	}
	if size != nil {
		p.First, p.Last, p.None = *size, *size, *size == 0
	}
	return p, nil
}

// withPage returns a copy of filter (or an empty one) with the page a asks
// for, and the cursors of list under filter, which the page's cursors must
// belong to.
func withPage[F any, PF interface {
	*F
	SetPage(voltpay.PageArgs)
}](list string, filter *F, a pageArgs) (*F, voltpay.Cursors, error) {
	f := new(F)
	if filter != nil {
		*f = *filter
	}
	PF(f).SetPage(voltpay.PageArgs{}) // the filter, not where in it a page is
	c, err := voltpay.NewCursors(list, f)
	if err != nil {
		return nil, c, err
	}
	p, err := a.page(c)
	if err != nil {
		return nil, c, err
	}
	PF(f).SetPage(p)
	return f, c, nil
}

// listPage reads the page a asks for of list, items selected by filter
// (nil: all) as find reads them, as a connection; id gives an item's id.
func listPage[F any, PF interface {
	*F
	SetPage(voltpay.PageArgs)
}, T any](ctx context.Context, list string, filter *F, a pageArgs, find func(context.Context, F) (*voltpay.Page[T], error), id func(T) int64) (*model.Connection[T], error) {
	f, c, err := withPage[F, PF](list, filter, a)
	if err != nil {
		return nil, err
	}
	p, err := find(ctx, *f)
	if err != nil {
		return nil, err
	}
	return connection(p, c, id), nil
}

// connection is page p as a connection, its cursors made with c.
func connection[T any](p *voltpay.Page[T], c voltpay.Cursors, id func(T) int64) *model.Connection[T] {
	out := &model.Connection[T]{Nodes: p.Items, Edges: make([]*model.Edge[T], len(p.Items)), TotalCount: p.Total,
		PageInfo: &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrev}}
	for i, it := range p.Items {
		out.Edges[i] = &model.Edge[T]{Cursor: c.Encode(id(it)), Node: it}
	}
	if n := len(out.Edges); n > 0 {
		out.PageInfo.StartCursor, out.PageInfo.EndCursor = &out.Edges[0].Cursor, &out.Edges[n-1].Cursor
	}
	return out
}

func accountID(a *voltpay.Account) int64   { return a.ID }
func meterID(m *voltpay.Meter) int64       { return m.ID }
func entryID(e *voltpay.LedgerEntry) int64 { return e.ID }
func alarmID(a *voltpay.Alarm) int64       { return a.ID }

// ledgerEntries reads one page of entries of filter (nil: all).
func (r *Resolver) ledgerEntries(ctx context.Context, filter *voltpay.LedgerFilter, a pageArgs) (*model.LedgerEntryConnection, error) {
	c, err := listPage(ctx, "ledgerEntries", filter, a, r.LedgerService.FindEntries, entryID)
	if err == nil {
		prefetchEntries(ctx, c.Nodes)
	}
	return c, err
}

func lineAccountID(l *voltpay.ApportionLine) int64 { return l.AccountID }

func snapshotID(m *voltpay.MeterSnapshot) int64 { return m.MeterID }
func offlineID(m *voltpay.OfflineMeter) int64   { return m.MeterID }

// valueOr is *p, or the zero value for nil (an omitted optional filter).
func valueOr[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}
