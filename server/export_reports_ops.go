package main

import (
	"context"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/graph/model"
	"github.com/voltpay/voltpay/server/sheets"
)

// The operational reports' exports (OpsReportService). The paged ones
// (meterSnapshot, offlineMeters) stream page after page like every list;
// the bounded ones (an arrears list of at most voltpay.MaxArrearsRows, a
// range's days, a run's lines) are read whole, as one page.

// whole makes a table's page function of a report read whole: one page,
// nothing after it.
func whole[T any](read func(ctx context.Context, res *graph.Resolver, filter any) ([]T, error)) func(context.Context, *graph.Resolver, any, voltpay.PageArgs) (*voltpay.Page[T], error) {
	return func(ctx context.Context, res *graph.Resolver, filter any, _ voltpay.PageArgs) (*voltpay.Page[T], error) {
		items, err := read(ctx, res, filter)
		if err != nil {
			return nil, err
		}
		return &voltpay.Page[T]{Items: items, Total: len(items)}, nil
	}
}

// pagedFilter is reportFilter with page p.
func pagedFilter[F any, PF interface {
	*F
	SetPage(voltpay.PageArgs)
}](filter any, p voltpay.PageArgs) F {
	f := reportFilter[F](filter)
	PF(&f).SetPage(p)
	return f
}

var arrearsTable = &totalled[*voltpay.ArrearsRow]{
	table: &table[*voltpay.ArrearsRow]{
		ownTotals: true,
		name:      sheets.Text{Zh: "欠费", En: "arrears"},
		page: whole(func(ctx context.Context, res *graph.Resolver, f any) ([]*voltpay.ArrearsRow, error) {
			rep, err := res.OpsReportService.Arrears(ctx, reportFilter[voltpay.ArrearsFilter](f))
			if err != nil {
				return nil, err
			}
			return rep.Rows, nil
		}),
		id: func(r *voltpay.ArrearsRow) int64 { return r.AccountID },
		cols: []col[*voltpay.ArrearsRow]{
			c(colText, "户号", "Account no.", 14, func(r *voltpay.ArrearsRow, _ *refs) any { return r.AccountNo }),
			c(colText, "商户", "Tenant", 16, func(r *voltpay.ArrearsRow, _ *refs) any { return r.TenantName }),
			c(colText, "商铺号", "Shop no.", 10, func(r *voltpay.ArrearsRow, _ *refs) any { return r.ShopNo }),
			c(colText, "电话", "Phone", 14, func(r *voltpay.ArrearsRow, _ *refs) any { return r.Phone }),
			c(colText, "建筑", "Building", 12, func(r *voltpay.ArrearsRow, _ *refs) any { return r.BuildingName }),
			c(colMoney, "余额(元)", "Balance (yuan)", 14, func(r *voltpay.ArrearsRow, _ *refs) any { return r.BalanceFen }),
			c(colMoney, "欠费(元)", "Debt (yuan)", 14, func(r *voltpay.ArrearsRow, _ *refs) any { return r.DebtFen }),
			c(colText, "级别", "Level", 8, func(r *voltpay.ArrearsRow, _ *refs) any { return r.Level }).enum("ArrearsLevel"),
			c(colTime, "起始时间", "Since", 20, func(r *voltpay.ArrearsRow, _ *refs) any { return r.Since }),
			c(colText, "电表(继电器)", "Meters (relay)", 30, func(r *voltpay.ArrearsRow, _ *refs) any {
				return sheets.Text{Zh: meterList(r.Meters, sheets.ZhCN), En: meterList(r.Meters, sheets.EnUS)}
			}),
			c(colTime, "最近缴费", "Last payment", 20, func(r *voltpay.ArrearsRow, _ *refs) any { return r.LastPaymentAt }),
			c(colMoney, "缴费金额(元)", "Last payment (yuan)", 14, func(r *voltpay.ArrearsRow, _ *refs) any { return r.LastPaymentFen }),
		},
	},
	// The totals row: the sums of the money columns.
	totals: map[string]func(rows []*voltpay.ArrearsRow) any{
		"Balance (yuan)": func(rows []*voltpay.ArrearsRow) any {
			return sumFen(rows, func(r *voltpay.ArrearsRow) voltpay.Fen { return r.BalanceFen })
		},
		"Debt (yuan)": func(rows []*voltpay.ArrearsRow) any {
			return sumFen(rows, func(r *voltpay.ArrearsRow) voltpay.Fen { return r.DebtFen })
		},
	},
}

var snapshotTable = &table[*voltpay.MeterSnapshot]{
	// Registers and balances of a snapshot are not summed.
	ownTotals: true,
	name:      sheets.Text{Zh: "抄表", En: "meter snapshot"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.MeterSnapshot], error) {
		return res.OpsReportService.MeterSnapshot(ctx, pagedFilter[voltpay.MeterSnapshotFilter](f, p))
	},
	id: func(m *voltpay.MeterSnapshot) int64 { return m.MeterID },
	cols: []col[*voltpay.MeterSnapshot]{
		c(colNumber, "电表ID", "Meter ID", 8, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.MeterID }),
		c(colText, "电表地址", "Address", 16, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Address }),
		c(colNumber, "通道", "Channel", 6, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Channel }),
		c(colText, "建筑", "Building", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.BuildingName }),
		c(colText, "楼层", "Floor", 8, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Floor }),
		c(colText, "房间", "Room", 10, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Room }),
		c(colText, "户号", "Account no.", 14, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.AccountNo }),
		c(colText, "商户", "Tenant", 16, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.TenantName }),
		c(colNumber, "CT变比", "CT ratio", 8, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.CTRatio }),
		c(colEnergy, "总电量(kWh)", "Total (kWh)", 14, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.EnergyWh }),
		c(colEnergy, "尖(kWh)", "Sharp (kWh)", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.SharpWh }),
		c(colEnergy, "峰(kWh)", "Peak (kWh)", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.PeakWh }),
		c(colEnergy, "平(kWh)", "Flat (kWh)", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.FlatWh }),
		c(colEnergy, "谷(kWh)", "Valley (kWh)", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.ValleyWh }),
		c(colEnergy, "反向(kWh)", "Reverse (kWh)", 12, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.ReverseWh }),
		c(colMoney, "余额(元)", "Balance (yuan)", 14, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.BalanceFen }),
		c(colMoney, "表内余额(元)", "Meter's balance (yuan)", 14, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.MeterBalanceFen }),
		c(colText, "继电器", "Relay", 10, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Relay }).enum("RelayState"),
		c(colText, "状态", "Status", 10, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.DisplayStatus }).enum("MeterDisplayStatus"),
		c(colBool, "在线", "Online", 6, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.Online }),
		c(colTime, "最近抄表", "Last read", 20, func(m *voltpay.MeterSnapshot, _ *refs) any { return m.LastReadAt }),
	},
}

var offlineTable = &table[*voltpay.OfflineMeter]{
	name: sheets.Text{Zh: "失联表", En: "offline meters"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.OfflineMeter], error) {
		return res.OpsReportService.OfflineMeters(ctx, pagedFilter[voltpay.OfflineFilter](f, p))
	},
	id: func(m *voltpay.OfflineMeter) int64 { return m.MeterID },
	cols: []col[*voltpay.OfflineMeter]{
		c(colNumber, "电表ID", "Meter ID", 8, func(m *voltpay.OfflineMeter, _ *refs) any { return m.MeterID }),
		c(colText, "电表地址", "Address", 16, func(m *voltpay.OfflineMeter, _ *refs) any { return m.Address }),
		c(colText, "建筑", "Building", 12, func(m *voltpay.OfflineMeter, _ *refs) any { return m.BuildingName }),
		c(colText, "楼层", "Floor", 8, func(m *voltpay.OfflineMeter, _ *refs) any { return m.Floor }),
		c(colText, "房间", "Room", 10, func(m *voltpay.OfflineMeter, _ *refs) any { return m.Room }),
		c(colText, "通讯管理机", "Gateway", 14, func(m *voltpay.OfflineMeter, _ *refs) any { return m.GatewayName }),
		c(colBool, "管理机在线", "Gateway online", 10, func(m *voltpay.OfflineMeter, _ *refs) any { return m.GatewayOnline }),
		c(colTime, "失联时间", "Offline since", 20, func(m *voltpay.OfflineMeter, _ *refs) any { return m.Since }),
		c(colTime, "最近抄表", "Last read", 20, func(m *voltpay.OfflineMeter, _ *refs) any { return m.LastReadAt }),
		c(colNumber, "失联时长(小时)", "Offline (hours)", 12, func(m *voltpay.OfflineMeter, _ *refs) any { return hours(m.OfflineSeconds) }),
	},
}

var alarmDaysTable = &table[*voltpay.AlarmDayCount]{
	name: sheets.Text{Zh: "告警统计", En: "alarm statistics"},
	page: whole(func(ctx context.Context, res *graph.Resolver, f any) ([]*voltpay.AlarmDayCount, error) {
		st, err := res.OpsReportService.AlarmStats(ctx, reportFilter[voltpay.AlarmStatsFilter](f))
		if err != nil {
			return nil, err
		}
		return st.Days, nil
	}),
	id: func(*voltpay.AlarmDayCount) int64 { return 0 },
	cols: []col[*voltpay.AlarmDayCount]{
		c(colText, "日期", "Day", 12, func(d *voltpay.AlarmDayCount, _ *refs) any { return d.Day }),
		c(colText, "类型", "Kind", 12, func(d *voltpay.AlarmDayCount, _ *refs) any { return d.Kind }).enum("AlarmKind"),
		c(colNumber, "次数", "Raised", 8, func(d *voltpay.AlarmDayCount, _ *refs) any { return d.Raised }),
		c(colNumber, "平均时长(分钟)", "Mean (minutes)", 12, func(d *voltpay.AlarmDayCount, _ *refs) any { return d.MeanSeconds / 60 }),
		c(colNumber, "最长时长(分钟)", "Longest (minutes)", 12, func(d *voltpay.AlarmDayCount, _ *refs) any { return d.LongestSeconds / 60 }),
	},
}

var statementTable = &totalled[*voltpay.ApportionStatementLine]{
	table: &table[*voltpay.ApportionStatementLine]{
		ownTotals: true,
		name:      sheets.Text{Zh: "公摊", En: "shared cost"},
		page: whole(func(ctx context.Context, res *graph.Resolver, f any) ([]*voltpay.ApportionStatementLine, error) {
			st, err := res.OpsReportService.ApportionStatement(ctx, reportFilter[model.ApportionStatementFilter](f).RunID)
			if err != nil {
				return nil, err
			}
			return st.Lines, nil
		}),
		id: func(l *voltpay.ApportionStatementLine) int64 { return l.AccountID },
		cols: []col[*voltpay.ApportionStatementLine]{
			c(colText, "户号", "Account no.", 14, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.AccountNo }),
			c(colText, "商户", "Tenant", 16, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.TenantName }),
			c(colNumber, "分摊依据", "Weight", 12, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.Weight }),
			c(colNumber, "比例(万分之)", "Share (bp)", 10, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.ShareBP }),
			c(colEnergy, "分摊电量(kWh)", "Energy (kWh)", 14, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.EnergyWh }),
			c(colMoney, "金额(元)", "Amount (yuan)", 14, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.AmountFen }),
			c(colNumber, "流水号", "Entry", 10, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.EntryID }),
			c(colMoney, "入账(元)", "Posted (yuan)", 14, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.EntryFen }),
			c(colBool, "已对账", "Reconciled", 8, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.Reconciled }),
			c(colText, "说明", "Note", 30, func(l *voltpay.ApportionStatementLine, _ *refs) any { return l.Note }),
		},
	},
	totals: map[string]func([]*voltpay.ApportionStatementLine) any{
		"Energy (kWh)": func(ls []*voltpay.ApportionStatementLine) any {
			var wh voltpay.Wh
			for _, l := range ls {
				wh += l.EnergyWh
			}
			return wh
		},
		"Amount (yuan)": func(ls []*voltpay.ApportionStatementLine) any {
			return sumFen(ls, func(l *voltpay.ApportionStatementLine) voltpay.Fen { return l.AmountFen })
		},
		"Posted (yuan)": func(ls []*voltpay.ApportionStatementLine) any {
			return sumFen(ls, func(l *voltpay.ApportionStatementLine) voltpay.Fen { return l.EntryFen })
		},
	},
}

// hours is a duration in seconds as whole hours, rounded down.
func hours(s *int64) any {
	if s == nil {
		return nil
	}
	return *s / 3600
}

func sumFen[T any](items []T, fen func(T) voltpay.Fen) voltpay.Fen {
	var sum voltpay.Fen
	for _, it := range items {
		sum += fen(it)
	}
	return sum
}

// meterList is how an arrears row's meters are written in one cell:
// "address room (relay)" each, the relay in the sheet's language.
func meterList(ms []voltpay.ArrearsMeter, lang sheets.Lang) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		s := m.Address
		if m.Room != "" {
			s += " " + m.Room
		}
		parts[i] = s + " (" + sheets.Translate("RelayState", m.Relay, lang) + ")"
	}
	return strings.Join(parts, "; ")
}

// totalled is a table whose file ends with a totals row (合计): the sums
// its totals compute over every row, under the columns of those headers
// (English). A file cut at maxExportRows gets no totals row, since they
// would not be the sums of what it holds. Only for reports read whole,
// whose rows are few (the rows are kept for the sums).
type totalled[T any] struct {
	*table[T]
	totals map[string]func([]T) any
}

func (t *totalled[T]) write(ctx context.Context, res *graph.Resolver, filter any, lang sheets.Lang, loc *time.Location) (*exportResult, error) {
	var rows []T
	keep := *t.table
	keep.page = func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[T], error) {
		pg, err := t.table.page(ctx, res, f, p)
		if err == nil {
			rows = append(rows, pg.Items...)
		}
		return pg, err
	}
	out, err := keep.write(ctx, res, filter, lang, loc)
	if err != nil || out.cut {
		return out, err
	}
	cols := t.visible(voltpay.PrincipalFrom(ctx))
	values := make([]any, len(cols))
	values[0] = sheets.Text{Zh: "合计", En: "Total"}
	for i, c := range cols {
		if sum := t.totals[c.Header.En]; sum != nil {
			values[i] = sum(rows)
		}
	}
	if err := out.w.Add(values); err != nil {
		out.w.Close()
		return nil, err
	}
	return out, nil
}
