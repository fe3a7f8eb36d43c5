package postgres

import (
	"context"
	"fmt"
	"reflect"

	"github.com/voltpay/voltpay"
)

// findPage reads one keyset page of table: rows matching w, after the
// page's cursor id, in id order (newest first when desc). It costs two
// queries: the page (one row more than asked, to know if more follow) and
// the total matching the filter regardless of the cursor (unless
// page.SkipTotal).
func findPage[T any](ctx context.Context, q queryer, columns, table string, w where, page voltpay.PageArgs, desc bool) (*voltpay.Page[T], error) {
	limit := page.Limit()
	order, cmp := "ASC", ">"
	if desc {
		order, cmp = "DESC", "<"
	}
	var total int
	if !page.SkipTotal {
		if err := q.GetContext(ctx, &total, `SELECT count(*) FROM `+table+` `+w.sql(), w.args...); err != nil {
			return nil, mapError(err)
		}
	}
	var extra []string
	args := w.args
	if page.After > 0 {
		args = append(append([]any{}, args...), page.After)
		extra = append(extra, fmt.Sprintf("id %s $%d", cmp, len(args)))
	}
	args = append(args, limit+1)
	items := []T{}
	query := fmt.Sprintf(`SELECT %s FROM %s %s ORDER BY id %s LIMIT $%d`, columns, table, w.sql(extra...), order, len(args))
	if err := q.SelectContext(ctx, &items, query, args...); err != nil {
		return nil, mapError(err)
	}
	p := &voltpay.Page[T]{Items: items, Total: total}
	if len(items) > limit {
		p.Items, p.HasNext = items[:limit], true
	}
	return p, nil
}

func isNilPtr(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Slice) && rv.IsNil()
}
