package main

import (
	"context"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// maxExportRows is the most data rows one export file holds; past it the
// last row says the file was cut and how to narrow the filter. A variable
// so that a test can cut a small list. A million rows with the title,
// header, totals and note stay under Excel's 1,048,576 rows a sheet.
var maxExportRows = 1_000_000

type sheetTitleKey struct{}

// withSheetTitle hands the export's title row (exporter.exportTitle) to
// the table writing it. It travels in the context so that every
// exportTable, lists and reports alike, gets it through the write it
// already has, and calls sheetTitle when it makes its sheets.Writer.
func withSheetTitle(ctx context.Context, title string) context.Context {
	return context.WithValue(ctx, sheetTitleKey{}, title)
}

// sheetTitle is the title row withSheetTitle gave ctx ("": none).
func sheetTitle(ctx context.Context) string {
	s, _ := ctx.Value(sheetTitleKey{}).(string)
	return s
}

// exportTable is one list the export serves (exportTables).
type exportTable interface {
	// stem names the file ("meters", "电表") and the sheet.
	stem() sheets.Text
	// write pages the list's service with filter, as the caller in ctx,
	// into a new workbook in lang with times in loc.
	write(ctx context.Context, res *graph.Resolver, filter any, lang sheets.Lang, loc *time.Location) (*exportResult, error)
	// columns are all its columns: the header, and the GraphQL type of
	// the other object a column shows ("" for the row's own fields).
	columns() []columnInfo
}

// columnInfo describes one column of an export.
type columnInfo struct {
	header sheets.Text
	of     string
	enum   string // the enum whose values it translates, if any
	kind   sheets.Kind
}

// exportResult is a written workbook and what it holds.
type exportResult struct {
	w     *sheets.Writer
	rows  int  // data rows written
	total int  // rows matching the filter
	cut   bool // rows were left out (maxExportRows)
}

// table is an exportTable of items of type T.
type table[T any] struct {
	name sheets.Text
	cols []col[T]
	// page reads one keyset page of the list as its root field does.
	page func(ctx context.Context, res *graph.Resolver, filter any, p voltpay.PageArgs) (*voltpay.Page[T], error)
	// id is an item's keyset cursor (voltpay.PageArgs.After).
	id func(T) int64
	// refs loads what a page's rows name of other objects (nil: nothing).
	refs func(ctx context.Context, res *graph.Resolver, items []T, r *refs) error
	// ownTotals: the rows already hold their subtotals and totals (a
	// report's 小计 and 合计 lines), so the writer adds no totals row,
	// which would count them twice.
	ownTotals bool
}

// col is a column of items of type T.
type col[T any] struct {
	sheets.Column
	// of is the GraphQL type of another object the value comes from
	// (a meter's building); the column is left out for callers who may
	// not see that type below the row's object (graph.MaySee), as the
	// object guard would refuse it over GraphQL. "": the row's own field.
	of    string
	value func(T, *refs) any
}

func (t *table[T]) stem() sheets.Text { return t.name }

func (t *table[T]) columns() []columnInfo {
	out := make([]columnInfo, len(t.cols))
	for i, c := range t.cols {
		out[i] = columnInfo{header: c.Header, of: c.of, enum: c.Enum, kind: c.Kind}
	}
	return out
}

// visible is the columns the caller p may see.
func (t *table[T]) visible(p *voltpay.Principal) []col[T] {
	var out []col[T]
	for _, c := range t.cols {
		if c.of == "" || graph.MaySee(p, c.of, true) {
			out = append(out, c)
		}
	}
	return out
}

func (t *table[T]) write(ctx context.Context, res *graph.Resolver, filter any, lang sheets.Lang, loc *time.Location) (*exportResult, error) {
	cols := t.visible(voltpay.PrincipalFrom(ctx))
	header := make([]sheets.Column, len(cols))
	for i, c := range cols {
		header[i] = c.Column
		header[i].NoTotal = header[i].NoTotal || t.ownTotals
	}
	w, err := sheets.NewTitledWriter(t.name.In(lang), sheetTitle(ctx), header, lang, loc)
	if err != nil {
		return nil, err
	}
	out := &exportResult{w: w}
	err = t.fill(ctx, res, filter, cols, out)
	if err != nil {
		w.Close()
		return nil, err
	}
	return out, nil
}

// fill pages the service with the largest page the API allows, page
// after page by keyset, so that memory holds one page at a time; only the
// first page counts the rows matching the filter.
func (t *table[T]) fill(ctx context.Context, res *graph.Resolver, filter any, cols []col[T], out *exportResult) error {
	page := voltpay.PageArgs{First: voltpay.MaxPageSize}
	values := make([]any, len(cols))
	for first := true; ; first = false {
		p, err := t.page(ctx, res, filter, page)
		if err != nil {
			return err
		}
		if first {
			out.total = p.Total
		}
		r := newRefs(voltpay.PrincipalFrom(ctx))
		if t.refs != nil {
			if err := t.refs(ctx, res, p.Items, r); err != nil {
				return err
			}
		}
		for _, item := range p.Items {
			if out.rows == maxExportRows {
				out.cut = true
				return out.w.Note(cutNote(out.w, out.total))
			}
			for i, c := range cols {
				values[i] = c.value(item, r)
			}
			if err := out.w.Add(values); err != nil {
				return err
			}
			out.rows++
		}
		if !p.HasNext || len(p.Items) == 0 {
			return nil
		}
		page.After, page.SkipTotal = t.id(p.Items[len(p.Items)-1]), true
	}
}

// cutNote is the last row of a file cut at maxExportRows.
func cutNote(w *sheets.Writer, total int) string {
	return sheets.Text{
		Zh: fmt.Sprintf("文件已截断：仅导出前 %d 行，共 %d 行符合条件。请缩小筛选范围（如按站点、楼栋或起止时间）后分批导出。", maxExportRows, total),
		En: fmt.Sprintf("File cut: only the first %d of the %d matching rows are here. Narrow the filter (by site, building or from/to time) and export in parts.", maxExportRows, total),
	}.In(w.Lang())
}

// filterOf returns the list's filter (a nil pointer from ListFilters: the
// zero filter) with page p.
func filterOf[F any, PF interface {
	*F
	SetPage(voltpay.PageArgs)
}](filter any, p voltpay.PageArgs) F {
	var f F
	if ptr, ok := filter.(*F); ok && ptr != nil {
		f = *ptr
	}
	PF(&f).SetPage(p)
	return f
}
