package graph

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// pageArgs turns the GraphQL first/after arguments into voltpay.PageArgs.
func pageArgs(first *int, after *string) (voltpay.PageArgs, error) {
	var p voltpay.PageArgs
	if first != nil {
		if *first < 0 || *first > voltpay.MaxPageSize {
			return p, voltpay.Invalid("first", "first must be between 0 and %d, got %d", voltpay.MaxPageSize, *first)
		}
		p.First = *first
	}
	if after != nil {
		id, err := voltpay.DecodeCursor(*after)
		if err != nil {
			return p, err
		}
		p.After = id
	}
	return p, nil
}

// pageInfo describes where page p ends, id giving each item's id.
func pageInfo[T any](p *voltpay.Page[T], id func(T) int64) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: p.HasNext}
	if n := len(p.Items); n > 0 {
		c := voltpay.EncodeCursor(id(p.Items[n-1]))
		pi.EndCursor = &c
	}
	return pi
}

// withPage returns filter (or an empty one) with the page from first/after.
func withPage[F any, PF interface {
	*F
	SetPage(voltpay.PageArgs)
}](filter *F, first *int, after *string) (*F, error) {
	if filter == nil {
		filter = new(F)
	}
	p, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	PF(filter).SetPage(p)
	return filter, nil
}

func accountID(a *voltpay.Account) int64   { return a.ID }
func meterID(m *voltpay.Meter) int64       { return m.ID }
func entryID(e *voltpay.LedgerEntry) int64 { return e.ID }
func alarmID(a *voltpay.Alarm) int64       { return a.ID }

// ledgerConnection reads one page of entries.
func (r *Resolver) ledgerConnection(ctx context.Context, f voltpay.LedgerFilter) (*model.LedgerEntryConnection, error) {
	p, err := r.LedgerService.FindEntries(ctx, f)
	if err != nil {
		return nil, err
	}
	prefetchEntries(ctx, p.Items)
	return &model.LedgerEntryConnection{Nodes: p.Items, PageInfo: pageInfo(p, entryID), TotalCount: p.Total}, nil
}
