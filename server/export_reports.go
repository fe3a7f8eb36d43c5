package main

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// The sales and charges reports as export tables: one call of the report
// (as the caller, so its permissions and scoping apply) answers a single
// page; its rows are the report's tables one under the other, told apart
// by the first two columns (the period or section, and what the row
// adds up).

// reportFilter is the report's filter as ListFilters read it (a value
// for a required argument; a pointer in tests).
func reportFilter[F any](filter any) F {
	switch f := filter.(type) {
	case F:
		return f
	case *F:
		if f != nil {
			return *f
		}
	}
	var zero F
	return zero
}

// onePage is a report's rows as the single page of an export table.
func onePage[T any](rows []T) (*voltpay.Page[T], error) {
	return &voltpay.Page[T]{Items: rows, Total: len(rows)}, nil
}

// Labels of the report rows that add up others.
var (
	labelTotal     = sheets.Text{Zh: "合计", En: "Total"}
	labelSubtotal  = sheets.Text{Zh: "小计", En: "Subtotal"}
	labelByChannel = sheets.Text{Zh: "按付款方式", En: "By channel"}
	labelOperators = sheets.Text{Zh: "按经办人", En: "By operator"}
	labelTop       = sheets.Text{Zh: "费用最多的户", En: "Top accounts"}
)

// salesLine is one row of a sales report or settlement export: its
// section or period, the channel (nil on a total), the operator's name
// (or a label), and the figures.
type salesLine struct {
	section any // the period's first day (string) or a label (sheets.Text)
	channel string
	name    any
	fig     voltpay.SalesFigures
}

// salesLineCols are the columns of salesLine exports; first names the
// first column (期间 or 收款员).
func salesLineCols(first sheets.Text) []col[salesLine] {
	return []col[salesLine]{
		c(colText, first.Zh, first.En, 14, func(l salesLine, _ *refs) any { return l.section }),
		c(colText, "付款方式", "Channel", 12, func(l salesLine, _ *refs) any { return l.channel }).enum("Channel"),
		c(colText, "经办人", "Operator", 16, func(l salesLine, _ *refs) any { return l.name }),
		c(colNumber, "售电笔数", "Sales", 10, func(l salesLine, _ *refs) any { return l.fig.SalesCount }),
		c(colMoney, "售电金额(元)", "Sales (yuan)", 14, func(l salesLine, _ *refs) any { return l.fig.SalesFen }),
		c(colNumber, "退电笔数", "Refunds", 10, func(l salesLine, _ *refs) any { return l.fig.RefundCount }),
		c(colMoney, "退电金额(元)", "Refunds (yuan)", 14, func(l salesLine, _ *refs) any { return l.fig.RefundsFen }),
		c(colNumber, "冲正笔数", "Reversals", 10, func(l salesLine, _ *refs) any { return l.fig.ReversalCount }),
		c(colMoney, "冲正金额(元)", "Reversals (yuan)", 14, func(l salesLine, _ *refs) any { return l.fig.ReversalsFen }),
		c(colMoney, "净额(元)", "Net (yuan)", 14, func(l salesLine, _ *refs) any { return l.fig.NetFen }),
	}
}

// channelLines are a section's rows by channel.
func channelLines(section any, name any, chs []*voltpay.ChannelSales) []salesLine {
	out := make([]salesLine, 0, len(chs))
	for _, ch := range chs {
		out = append(out, salesLine{section: section, channel: ch.Channel, name: name, fig: ch.SalesFigures})
	}
	return out
}

var salesReportTable = &table[salesLine]{
	ownTotals: true,
	name:      sheets.Text{Zh: "销售统计", En: "sales report"},
	page: func(ctx context.Context, res *graph.Resolver, f any, _ voltpay.PageArgs) (*voltpay.Page[salesLine], error) {
		r, err := res.SalesReportService.SalesReport(ctx, reportFilter[voltpay.SalesReportFilter](f))
		if err != nil {
			return nil, err
		}
		var out []salesLine
		for _, p := range r.Periods {
			out = append(out, channelLines(p.Start, nil, p.ByChannel)...)
			out = append(out, salesLine{section: p.Start, name: labelSubtotal, fig: p.Total})
		}
		out = append(out, channelLines(labelByChannel, nil, r.ByChannel)...)
		for _, o := range r.ByOperator {
			out = append(out, salesLine{section: labelOperators, name: o.Name, fig: o.SalesFigures})
		}
		out = append(out, salesLine{section: labelTotal, name: labelTotal, fig: r.Total})
		return onePage(out)
	},
	id:   func(salesLine) int64 { return 0 },
	cols: salesLineCols(sheets.Text{Zh: "期间", En: "Period"}),
}

var settlementTable = &table[salesLine]{
	ownTotals: true,
	name:      sheets.Text{Zh: "日结", En: "daily settlement"},
	page: func(ctx context.Context, res *graph.Resolver, f any, _ voltpay.PageArgs) (*voltpay.Page[salesLine], error) {
		d, err := res.SalesReportService.DailySettlement(ctx, reportFilter[voltpay.SettlementFilter](f))
		if err != nil {
			return nil, err
		}
		var out []salesLine
		for _, c := range d.Cashiers {
			out = append(out, channelLines(d.Day, c.Name, c.ByChannel)...)
			out = append(out, salesLine{section: d.Day, name: c.Name, fig: c.Total})
		}
		out = append(out, channelLines(labelByChannel, labelTotal, d.ByChannel)...)
		out = append(out, salesLine{section: labelTotal, name: labelTotal, fig: d.Total})
		return onePage(out)
	},
	id:   func(salesLine) int64 { return 0 },
	cols: salesLineCols(sheets.Text{Zh: "日期", En: "Day"}),
}

// chargesLine is one row of a charges report export: a period, a top
// account, or the total.
type chargesLine struct {
	section    any
	accountNo  string
	tenantName string
	fig        voltpay.ChargeFigures
}

var chargesReportTable = &table[chargesLine]{
	ownTotals: true,
	name:      sheets.Text{Zh: "费用统计", En: "charges report"},
	page: func(ctx context.Context, res *graph.Resolver, f any, _ voltpay.PageArgs) (*voltpay.Page[chargesLine], error) {
		r, err := res.SalesReportService.ChargesReport(ctx, reportFilter[voltpay.ChargesReportFilter](f))
		if err != nil {
			return nil, err
		}
		var out []chargesLine
		for _, p := range r.Periods {
			out = append(out, chargesLine{section: p.Start, fig: p.ChargeFigures})
		}
		out = append(out, chargesLine{section: labelTotal, fig: r.Total})
		for _, a := range r.TopAccounts {
			out = append(out, chargesLine{section: labelTop, accountNo: a.AccountNo, tenantName: a.TenantName, fig: a.ChargeFigures})
		}
		return onePage(out)
	},
	id: func(chargesLine) int64 { return 0 },
	cols: []col[chargesLine]{
		c(colText, "期间", "Period", 14, func(l chargesLine, _ *refs) any { return l.section }),
		c(colText, "户号", "Account no.", 14, func(l chargesLine, _ *refs) any { return l.accountNo }),
		c(colText, "商户", "Tenant", 16, func(l chargesLine, _ *refs) any { return l.tenantName }),
		c(colNumber, "电费笔数", "Charges", 10, func(l chargesLine, _ *refs) any { return l.fig.ChargeCount }),
		c(colMoney, "电费(元)", "Charges (yuan)", 14, func(l chargesLine, _ *refs) any { return l.fig.ChargesFen }),
		c(colNumber, "服务费笔数", "Fees", 10, func(l chargesLine, _ *refs) any { return l.fig.FeeCount }),
		c(colMoney, "服务费(元)", "Fees (yuan)", 14, func(l chargesLine, _ *refs) any { return l.fig.FeesFen }),
		c(colMoney, "补正退回(元)", "Corrections (yuan)", 14, func(l chargesLine, _ *refs) any { return l.fig.CorrectionsFen }),
		c(colMoney, "冲正退回(元)", "Reversals (yuan)", 14, func(l chargesLine, _ *refs) any { return l.fig.ReversalsFen }),
		c(colMoney, "净收(元)", "Net (yuan)", 14, func(l chargesLine, _ *refs) any { return l.fig.NetFen }),
	},
}
