package postgres

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/voltpay/voltpay"
)

// findPage reads one keyset page of table: rows matching w, in id order
// (newest first when desc), within the page's window (after its After id,
// before its Before id) and from the window's start, or its end when the
// page goes backward. It costs two queries: the page (one row more than
// asked, to know whether more follow in its direction) and the total
// matching the filter regardless of the cursors, which also tells whether
// rows lie beyond the cursor the page starts from (at or before After going
// forward, at or after Before going backward): the other direction's flag.
// With page.SkipTotal only the page is read: Total is 0, and so is the
// other direction's flag.
func findPage[T any](ctx context.Context, q queryer, columns, table string, w where, page voltpay.PageArgs, desc bool) (*voltpay.Page[T], error) {
	return findKeyPage[T](ctx, q, columns, table, idKey, w, page, desc)
}

// pageKey is the column a list is ordered and paged by, unique within the
// list, and how a cursor's number becomes a value to compare it with.
type pageKey struct {
	column string
	value  func(cursor int64) any
}

// idKey pages by id, the cursor being the id.
var idKey = pageKey{column: "id", value: func(c int64) any { return c }}

// findKeyPage is findPage ordered and paged by key.
func findKeyPage[T any](ctx context.Context, q queryer, columns, table string, key pageKey, w where, page voltpay.PageArgs, desc bool) (*voltpay.Page[T], error) {
	// In the list's order a row follows another with a greater key, or a
	// smaller one when the list is newest first.
	follows, precedes, order, reverse := ">", "<", "ASC", "DESC"
	if desc {
		follows, precedes, order, reverse = "<", ">", "DESC", "ASC"
	}
	// from is the cursor the page starts from, beyond which (in the other
	// direction) rows may lie; beyond compares a key with it.
	from, beyond := page.After, precedes+"="
	if page.Backward {
		from, beyond, order = page.Before, follows+"=", reverse
	}
	var total int
	var outside bool
	if !page.SkipTotal {
		args := slices.Clone(w.args)
		flag := "false"
		if from > 0 {
			args = append(args, key.value(from))
			flag = fmt.Sprintf("coalesce(bool_or(%s %s $%d), false)", key.column, beyond, len(args))
		}
		row := q.QueryRowxContext(ctx, `SELECT count(*), `+flag+` FROM `+table+` `+w.sql(), args...)
		if err := row.Scan(&total, &outside); err != nil {
			return nil, mapError(err)
		}
	}
	args := slices.Clone(w.args)
	var window []string
	for _, c := range []struct {
		cursor int64
		op     string
	}{{page.After, follows}, {page.Before, precedes}} {
		if c.cursor > 0 {
			args = append(args, key.value(c.cursor))
			window = append(window, fmt.Sprintf("%s %s $%d", key.column, c.op, len(args)))
		}
	}
	limit := page.Limit()
	args = append(args, limit+1)
	items := []T{}
	query := fmt.Sprintf(`SELECT %s FROM %s %s ORDER BY %s %s LIMIT $%d`, columns, table, w.sql(window...), key.column, order, len(args))
	if err := q.SelectContext(ctx, &items, query, args...); err != nil {
		return nil, mapError(err)
	}
	more := len(items) > limit
	if more {
		items = items[:limit]
	}
	p := &voltpay.Page[T]{Items: items, Total: total, HasNext: more, HasPrev: outside}
	if page.Backward {
		slices.Reverse(items) // read from the end: back in the list's order
		p.HasNext, p.HasPrev = outside, more
	}
	return p, nil
}

// findRowPage is findPage for a table read into a row type, each row then
// turned into the domain value conv makes of it.
func findRowPage[R, T any](ctx context.Context, q queryer, columns, table string, w where, page voltpay.PageArgs, desc bool, conv func(R) T) (*voltpay.Page[T], error) {
	p, err := findPage[R](ctx, q, columns, table, w, page, desc)
	if err != nil {
		return nil, err
	}
	out := &voltpay.Page[T]{Items: make([]T, len(p.Items)), Total: p.Total, HasNext: p.HasNext, HasPrev: p.HasPrev}
	for i, r := range p.Items {
		out.Items[i] = conv(r)
	}
	return out, nil
}

func isNilPtr(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Slice) && rv.IsNil()
}
