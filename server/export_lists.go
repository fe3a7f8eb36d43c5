package main

import (
	"context"
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// exportTables are the lists GET /export/{list}.xlsx serves, by the name
// of their GraphQL root field: the filter is that field's, and so is the
// permission. Each declares its columns once, with both headers.
// Readings are listed only below their meter (Meter.readings), by no root
// field, so they have no export.
var exportTables = map[string]exportTable{
	"meters":         metersTable,
	"accounts":       accountsTable,
	"ledgerEntries":  ledgerTable,
	"alarms":         alarmsTable,
	"rechargeOrders": ordersTable,
	"commands":       commandsTable,
	"auditLog":       auditTable,
	"tariffs":        tariffsTable,
	"buildings":      buildingsTable,
	"gateways":       gatewaysTable,
	"operators":      operatorsTable,
	"apiKeys":        apiKeysTable,
	// Reports (export_reports.go): one call of the report, its tables one under the other.
	"salesReport":     salesReportTable,
	"dailySettlement": settlementTable,
	"chargesReport":   chargesReportTable,
	// Operational reports (export_reports_ops.go).
	"arrearsAccounts":         arrearsTable,
	"meterSnapshot":           snapshotTable,
	"offlineMeters":           offlineTable,
	"alarmDailyCounts":        alarmDaysTable,
	"apportionStatementLines": statementTable,
}

// c declares a column.
func c[T any](kind sheets.Kind, zh, en string, width float64, value func(T, *refs) any) col[T] {
	return col[T]{Column: sheets.Column{Header: sheets.Text{Zh: zh, En: en}, Width: width, Kind: kind}, value: value}
}

// enum makes the column's values translated values of enum.
func (c col[T]) enum(enum string) col[T] {
	c.Kind, c.Enum = sheets.KindEnum, enum
	return c
}

// noTotal leaves a money or energy column out of the totals row: its
// values do not add up to anything (a balance after each entry, a
// threshold, a register).
func (c col[T]) noTotal() col[T] {
	c.NoTotal = true
	return c
}

// from marks the column as showing an object of GraphQL type typ.
func (c col[T]) from(typ string) col[T] {
	c.of = typ
	return c
}

const (
	colText   = sheets.KindText
	colNumber = sheets.KindInt
	colMoney  = sheets.KindMoney
	colEnergy = sheets.KindEnergy
	colPrice  = sheets.KindPrice
	colTime   = sheets.KindTime
	colBool   = sheets.KindBool
)

var metersTable = &table[*voltpay.Meter]{
	name: sheets.Text{Zh: "电表", En: "meters"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Meter], error) {
		return res.MeterService.FindMeters(ctx, filterOf[voltpay.MeterFilter](f, p))
	},
	id: func(m *voltpay.Meter) int64 { return m.ID },
	refs: func(ctx context.Context, res *graph.Resolver, ms []*voltpay.Meter, r *refs) error {
		return firstErr(
			r.loadBuildings(ctx, res, idsOf(ms, func(m *voltpay.Meter) *int64 { return m.BuildingID })),
			r.loadGateways(ctx, res, idsOf(ms, func(m *voltpay.Meter) *int64 { return m.GatewayID })),
			r.loadTariffs(ctx, res, idsOf(ms, func(m *voltpay.Meter) *int64 { return m.TariffID })),
			r.loadAccounts(ctx, res, idsOf(ms, func(m *voltpay.Meter) *int64 { return m.AccountID })),
			r.loadMeterBalances(ctx, res, idsOf(ms, func(m *voltpay.Meter) *int64 { return ptr(m.ID) })))
	},
	cols: []col[*voltpay.Meter]{
		c(colNumber, "ID", "ID", 8, func(m *voltpay.Meter, _ *refs) any { return m.ID }),
		c(colText, "电表地址", "Address", 16, func(m *voltpay.Meter, _ *refs) any { return m.Address }),
		c(colNumber, "通道", "Channel", 6, func(m *voltpay.Meter, _ *refs) any { return m.Channel }),
		c(colText, "型号", "Model", 12, func(m *voltpay.Meter, _ *refs) any { return m.Model }),
		c(colNumber, "相数", "Phases", 6, func(m *voltpay.Meter, _ *refs) any { return m.Phases }),
		c(colText, "协议", "Protocol", 10, func(m *voltpay.Meter, _ *refs) any { return m.Protocol }).enum("MeterProtocol"),
		c(colText, "建筑", "Building", 14, func(m *voltpay.Meter, r *refs) any { return r.buildingName(m.BuildingID) }).from("Building"),
		c(colText, "楼层", "Floor", 8, func(m *voltpay.Meter, _ *refs) any { return m.Floor }),
		c(colText, "房间", "Room", 10, func(m *voltpay.Meter, _ *refs) any { return m.Room }),
		c(colText, "网关", "Gateway", 14, func(m *voltpay.Meter, r *refs) any { return r.gatewayName(m.GatewayID) }).from("Gateway"),
		c(colNumber, "CT变比", "CT ratio", 8, func(m *voltpay.Meter, _ *refs) any { return m.CTRatio }),
		c(colText, "电价", "Tariff", 14, func(m *voltpay.Meter, r *refs) any { return r.tariffName(m.TariffID) }).from("Tariff"),
		c(colText, "预付费方式", "Prepaid mode", 12, func(m *voltpay.Meter, _ *refs) any { return m.PrepaidMode }).enum("PrepaidMode"),
		c(colText, "户号", "Account no.", 14, func(m *voltpay.Meter, r *refs) any { return r.accountNo(m.AccountID) }).from("Account"),
		c(colText, "商户", "Tenant", 16, func(m *voltpay.Meter, r *refs) any { return r.tenantName(m.AccountID) }).from("Account"),
		c(colMoney, "余额(元)", "Balance (yuan)", 14, func(m *voltpay.Meter, r *refs) any { return r.meterFunds(m) }).from("Account"),
		c(colText, "继电器", "Relay", 10, func(m *voltpay.Meter, _ *refs) any { return m.Relay }).enum("RelayState"),
		c(colText, "控制模式", "Control mode", 10, func(m *voltpay.Meter, _ *refs) any { return m.ControlMode }).enum("ControlMode"),
		c(colBool, "在线", "Online", 6, func(m *voltpay.Meter, _ *refs) any { return m.Online }),
		c(colEnergy, "表底(kWh)", "Register (kWh)", 14, func(m *voltpay.Meter, _ *refs) any { return m.LastEnergyWh }).noTotal(),
		c(colTime, "最近抄表", "Last read", 20, func(m *voltpay.Meter, _ *refs) any { return m.LastReadAt }),
		c(colText, "状态", "Status", 8, func(m *voltpay.Meter, _ *refs) any { return m.Status }).enum("MeterStatus"),
		c(colTime, "创建时间", "Created", 20, func(m *voltpay.Meter, _ *refs) any { return m.CreatedAt }),
	},
}

var accountsTable = &table[*voltpay.Account]{
	name: sheets.Text{Zh: "账户", En: "accounts"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Account], error) {
		return res.AccountService.FindAccounts(ctx, filterOf[voltpay.AccountFilter](f, p))
	},
	id: func(a *voltpay.Account) int64 { return a.ID },
	cols: []col[*voltpay.Account]{
		c(colNumber, "ID", "ID", 8, func(a *voltpay.Account, _ *refs) any { return a.ID }),
		c(colText, "户号", "Account no.", 14, func(a *voltpay.Account, _ *refs) any { return a.No }),
		c(colText, "商户", "Tenant", 18, func(a *voltpay.Account, _ *refs) any { return a.TenantName }),
		c(colText, "商铺号", "Shop no.", 10, func(a *voltpay.Account, _ *refs) any { return a.ShopNo }),
		c(colText, "电话", "Phone", 14, func(a *voltpay.Account, _ *refs) any { return a.Phone }),
		c(colText, "状态", "Status", 8, func(a *voltpay.Account, _ *refs) any { return a.Status }).enum("AccountStatus"),
		c(colMoney, "余额(元)", "Balance (yuan)", 14, func(a *voltpay.Account, _ *refs) any { return a.BalanceFen }),
		c(colMoney, "报警1(元)", "Alarm 1 (yuan)", 12, func(a *voltpay.Account, _ *refs) any { return a.Alarm1Fen }).noTotal(),
		c(colMoney, "报警2(元)", "Alarm 2 (yuan)", 12, func(a *voltpay.Account, _ *refs) any { return a.Alarm2Fen }).noTotal(),
		c(colMoney, "透支额度(元)", "Overdraft (yuan)", 12, func(a *voltpay.Account, _ *refs) any { return a.OverdraftLimitFen }).noTotal(),
		c(colText, "余额方式", "Balance mode", 10, func(a *voltpay.Account, _ *refs) any { return a.BalanceMode }).enum("BalanceMode"),
		c(colText, "备注", "Note", 20, func(a *voltpay.Account, _ *refs) any { return a.Note }),
		c(colTime, "开户时间", "Opened", 20, func(a *voltpay.Account, _ *refs) any { return a.OpenedAt }),
		c(colTime, "销户时间", "Closed", 20, func(a *voltpay.Account, _ *refs) any { return a.ClosedAt }),
	},
}

var ledgerTable = &table[*voltpay.LedgerEntry]{
	name: sheets.Text{Zh: "流水", En: "ledger entries"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.LedgerEntry], error) {
		return res.LedgerService.FindEntries(ctx, filterOf[voltpay.LedgerFilter](f, p))
	},
	id: func(e *voltpay.LedgerEntry) int64 { return e.ID },
	refs: func(ctx context.Context, res *graph.Resolver, es []*voltpay.LedgerEntry, r *refs) error {
		return firstErr(
			r.loadAccounts(ctx, res, idsOf(es, func(e *voltpay.LedgerEntry) *int64 { return ptr(e.AccountID) })),
			r.loadMeters(ctx, res, idsOf(es, func(e *voltpay.LedgerEntry) *int64 { return e.MeterID })))
	},
	cols: []col[*voltpay.LedgerEntry]{
		c(colNumber, "ID", "ID", 8, func(e *voltpay.LedgerEntry, _ *refs) any { return e.ID }),
		c(colTime, "时间", "Time", 20, func(e *voltpay.LedgerEntry, _ *refs) any { return e.CreatedAt }),
		c(colText, "票据号", "Receipt no.", 18, func(e *voltpay.LedgerEntry, _ *refs) any { return e.ReceiptNo }),
		c(colText, "户号", "Account no.", 14, func(e *voltpay.LedgerEntry, r *refs) any { return r.accountNo(&e.AccountID) }).from("Account"),
		c(colText, "商户", "Tenant", 16, func(e *voltpay.LedgerEntry, r *refs) any { return r.tenantName(&e.AccountID) }).from("Account"),
		c(colText, "类型", "Type", 10, func(e *voltpay.LedgerEntry, _ *refs) any { return e.Type }).enum("EntryType"),
		c(colText, "付款方式", "Channel", 10, func(e *voltpay.LedgerEntry, _ *refs) any { return e.Channel }).enum("Channel"),
		c(colMoney, "金额(元)", "Amount (yuan)", 14, func(e *voltpay.LedgerEntry, _ *refs) any { return e.AmountFen }),
		c(colMoney, "余额(元)", "Balance after (yuan)", 14, func(e *voltpay.LedgerEntry, _ *refs) any { return e.BalanceAfterFen }).noTotal(),
		c(colText, "电表", "Meter", 16, func(e *voltpay.LedgerEntry, r *refs) any { return r.meterAddress(e.MeterID) }).from("Meter"),
		c(colNumber, "冲正原单", "Reverses", 10, func(e *voltpay.LedgerEntry, _ *refs) any { return e.ReversesID }),
		c(colText, "经办人", "By", 12, func(e *voltpay.LedgerEntry, _ *refs) any { return e.Actor }),
		c(colText, "支付单号", "Payment ref.", 20, func(e *voltpay.LedgerEntry, _ *refs) any { return e.ExternalRef }),
		c(colText, "备注", "Note", 20, func(e *voltpay.LedgerEntry, _ *refs) any { return e.Note }),
	},
}

var alarmsTable = &table[*voltpay.Alarm]{
	name: sheets.Text{Zh: "报警", En: "alarms"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Alarm], error) {
		return res.AlarmService.FindAlarms(ctx, filterOf[voltpay.AlarmFilter](f, p))
	},
	id: func(a *voltpay.Alarm) int64 { return a.ID },
	refs: func(ctx context.Context, res *graph.Resolver, as []*voltpay.Alarm, r *refs) error {
		return firstErr(
			r.loadAccounts(ctx, res, idsOf(as, func(a *voltpay.Alarm) *int64 { return a.AccountID })),
			r.loadMeters(ctx, res, idsOf(as, func(a *voltpay.Alarm) *int64 { return a.MeterID })),
			r.loadGateways(ctx, res, idsOf(as, func(a *voltpay.Alarm) *int64 { return a.GatewayID })))
	},
	cols: []col[*voltpay.Alarm]{
		c(colNumber, "ID", "ID", 8, func(a *voltpay.Alarm, _ *refs) any { return a.ID }),
		c(colText, "类型", "Kind", 12, func(a *voltpay.Alarm, _ *refs) any { return a.Kind }).enum("AlarmKind"),
		c(colText, "户号", "Account no.", 14, func(a *voltpay.Alarm, r *refs) any { return r.accountNo(a.AccountID) }).from("Account"),
		c(colText, "商户", "Tenant", 16, func(a *voltpay.Alarm, r *refs) any { return r.tenantName(a.AccountID) }).from("Account"),
		c(colText, "电表", "Meter", 16, func(a *voltpay.Alarm, r *refs) any { return r.meterAddress(a.MeterID) }).from("Meter"),
		c(colText, "网关", "Gateway", 14, func(a *voltpay.Alarm, r *refs) any { return r.gatewayName(a.GatewayID) }).from("Gateway"),
		c(colText, "内容", "Message", 40, func(a *voltpay.Alarm, _ *refs) any { return a.Message }),
		c(colTime, "发生时间", "Raised", 20, func(a *voltpay.Alarm, _ *refs) any { return a.RaisedAt }),
		c(colTime, "清除时间", "Cleared", 20, func(a *voltpay.Alarm, _ *refs) any { return a.ClearedAt }),
	},
}

var ordersTable = &table[*voltpay.RechargeOrder]{
	name: sheets.Text{Zh: "充值订单", En: "recharge orders"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.RechargeOrder], error) {
		if res.RechargeService == nil {
			return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "recharge orders are not served by this server")
		}
		return res.RechargeService.FindOrders(ctx, filterOf[voltpay.RechargeOrderFilter](f, p))
	},
	id: func(o *voltpay.RechargeOrder) int64 { return o.ID },
	refs: func(ctx context.Context, res *graph.Resolver, os []*voltpay.RechargeOrder, r *refs) error {
		return r.loadAccounts(ctx, res, idsOf(os, func(o *voltpay.RechargeOrder) *int64 { return ptr(o.AccountID) }))
	},
	cols: []col[*voltpay.RechargeOrder]{
		c(colNumber, "ID", "ID", 8, func(o *voltpay.RechargeOrder, _ *refs) any { return o.ID }),
		c(colText, "订单号", "Order no.", 24, func(o *voltpay.RechargeOrder, _ *refs) any { return o.OutTradeNo }),
		c(colText, "户号", "Account no.", 14, func(o *voltpay.RechargeOrder, r *refs) any { return r.accountNo(&o.AccountID) }).from("Account"),
		c(colText, "商户", "Tenant", 16, func(o *voltpay.RechargeOrder, r *refs) any { return r.tenantName(&o.AccountID) }).from("Account"),
		c(colText, "渠道", "Channel", 10, func(o *voltpay.RechargeOrder, _ *refs) any { return o.Channel }).enum("Channel"),
		c(colText, "方式", "Method", 10, func(o *voltpay.RechargeOrder, _ *refs) any { return o.Method }).enum("PayMethod"),
		c(colMoney, "金额(元)", "Amount (yuan)", 12, func(o *voltpay.RechargeOrder, _ *refs) any { return o.AmountFen }),
		c(colText, "状态", "State", 8, func(o *voltpay.RechargeOrder, _ *refs) any { return o.State }).enum("RechargeOrderState"),
		c(colText, "支付单号", "Transaction", 28, func(o *voltpay.RechargeOrder, _ *refs) any { return o.TransactionID }),
		c(colMoney, "已退款(元)", "Refunded (yuan)", 12, func(o *voltpay.RechargeOrder, _ *refs) any { return o.RefundedFen }),
		c(colText, "异常", "Flag", 20, func(o *voltpay.RechargeOrder, _ *refs) any { return o.Flag }),
		c(colTime, "创建时间", "Created", 20, func(o *voltpay.RechargeOrder, _ *refs) any { return o.CreatedAt }),
		c(colTime, "支付时间", "Paid", 20, func(o *voltpay.RechargeOrder, _ *refs) any { return o.PaidAt }),
	},
}

var commandsTable = &table[*voltpay.Command]{
	name: sheets.Text{Zh: "控制命令", En: "commands"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Command], error) {
		return res.CommandService.FindCommands(ctx, filterOf[voltpay.CommandFilter](f, p))
	},
	id: func(c *voltpay.Command) int64 { return c.ID },
	refs: func(ctx context.Context, res *graph.Resolver, cs []*voltpay.Command, r *refs) error {
		return r.loadMeters(ctx, res, idsOf(cs, func(c *voltpay.Command) *int64 { return ptr(c.MeterID) }))
	},
	cols: []col[*voltpay.Command]{
		c(colNumber, "ID", "ID", 8, func(c *voltpay.Command, _ *refs) any { return c.ID }),
		c(colText, "电表", "Meter", 16, func(c *voltpay.Command, r *refs) any { return r.meterAddress(&c.MeterID) }).from("Meter"),
		c(colText, "命令", "Kind", 12, func(c *voltpay.Command, _ *refs) any { return c.Kind }).enum("CommandKind"),
		c(colText, "状态", "State", 10, func(c *voltpay.Command, _ *refs) any { return c.State }).enum("CommandState"),
		c(colNumber, "尝试次数", "Attempts", 8, func(c *voltpay.Command, _ *refs) any { return c.Attempts }),
		c(colText, "最近错误", "Last error", 30, func(c *voltpay.Command, _ *refs) any { return c.LastError }),
		c(colText, "发起人", "By", 14, func(c *voltpay.Command, _ *refs) any { return c.CreatedBy }),
		c(colTime, "创建时间", "Created", 20, func(c *voltpay.Command, _ *refs) any { return c.CreatedAt }),
		c(colTime, "完成时间", "Done", 20, func(c *voltpay.Command, _ *refs) any { return c.DoneAt }),
		c(colTime, "过期时间", "Expires", 20, func(c *voltpay.Command, _ *refs) any { return c.ExpiresAt }),
	},
}

var auditTable = &table[*voltpay.AuditEntry]{
	name: sheets.Text{Zh: "操作日志", En: "audit log"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.AuditEntry], error) {
		return res.AuditService.FindAudit(ctx, filterOf[voltpay.AuditFilter](f, p))
	},
	id: func(e *voltpay.AuditEntry) int64 { return e.ID },
	cols: []col[*voltpay.AuditEntry]{
		c(colNumber, "ID", "ID", 8, func(e *voltpay.AuditEntry, _ *refs) any { return e.ID }),
		c(colTime, "时间", "Time", 20, func(e *voltpay.AuditEntry, _ *refs) any { return e.At }),
		c(colText, "操作者类型", "Actor kind", 10, func(e *voltpay.AuditEntry, _ *refs) any { return e.ActorKind }).enum("ActorKind"),
		c(colText, "操作者", "Actor", 14, func(e *voltpay.AuditEntry, _ *refs) any { return e.ActorName }),
		c(colText, "操作", "Operation", 18, func(e *voltpay.AuditEntry, _ *refs) any { return e.Operation }),
		c(colText, "结果", "Result", 12, func(e *voltpay.AuditEntry, _ *refs) any { return e.Result }).enum("AuditResult"),
		c(colText, "信息", "Message", 30, func(e *voltpay.AuditEntry, _ *refs) any { return e.Message }),
		c(colText, "IP", "IP", 14, func(e *voltpay.AuditEntry, _ *refs) any { return e.IP }),
		c(colNumber, "耗时(ms)", "Duration (ms)", 10, func(e *voltpay.AuditEntry, _ *refs) any { return e.DurationMS }),
		c(colText, "参数", "Arguments", 40, func(e *voltpay.AuditEntry, _ *refs) any { return string(e.Args) }),
	},
}

var tariffsTable = &table[*voltpay.Tariff]{
	name: sheets.Text{Zh: "电价", En: "tariffs"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Tariff], error) {
		return res.TariffService.FindTariffs(ctx, filterOf[voltpay.TariffFilter](f, p))
	},
	id: func(t *voltpay.Tariff) int64 { return t.ID },
	cols: []col[*voltpay.Tariff]{
		c(colNumber, "ID", "ID", 8, func(t *voltpay.Tariff, _ *refs) any { return t.ID }),
		c(colText, "名称", "Name", 18, func(t *voltpay.Tariff, _ *refs) any { return t.Name }),
		c(colText, "类型", "Kind", 10, func(t *voltpay.Tariff, _ *refs) any { return t.Kind }).enum("TariffKind"),
		c(colPrice, "尖(元/kWh)", "Sharp (yuan/kWh)", 12, func(t *voltpay.Tariff, _ *refs) any { return ratePrice(t, voltpay.RateSharp) }),
		c(colPrice, "峰(元/kWh)", "Peak (yuan/kWh)", 12, func(t *voltpay.Tariff, _ *refs) any { return ratePrice(t, voltpay.RatePeak) }),
		c(colPrice, "平(元/kWh)", "Flat (yuan/kWh)", 12, func(t *voltpay.Tariff, _ *refs) any { return ratePrice(t, voltpay.RateFlat) }),
		c(colPrice, "谷(元/kWh)", "Valley (yuan/kWh)", 12, func(t *voltpay.Tariff, _ *refs) any { return ratePrice(t, voltpay.RateValley) }),
		c(colText, "时段", "Periods", 30, func(t *voltpay.Tariff, _ *refs) any { return periods(t) }),
		c(colText, "计费周期", "Billing period", 10, func(t *voltpay.Tariff, _ *refs) any { return t.BillingPeriod }).enum("BillingPeriod"),
		c(colTime, "更新时间", "Updated", 20, func(t *voltpay.Tariff, _ *refs) any { return t.UpdatedAt }),
	},
}

var buildingsTable = &table[*voltpay.Building]{
	name: sheets.Text{Zh: "建筑", En: "buildings"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Building], error) {
		return res.SiteService.FindBuildings(ctx, filterOf[voltpay.BuildingFilter](f, p))
	},
	id: func(b *voltpay.Building) int64 { return b.ID },
	cols: []col[*voltpay.Building]{
		c(colNumber, "ID", "ID", 8, func(b *voltpay.Building, _ *refs) any { return b.ID }),
		c(colText, "名称", "Name", 18, func(b *voltpay.Building, _ *refs) any { return b.Name }),
		c(colText, "楼层", "Floors", 40, func(b *voltpay.Building, _ *refs) any { return strings.Join(b.Floors, ", ") }),
		c(colTime, "创建时间", "Created", 20, func(b *voltpay.Building, _ *refs) any { return b.CreatedAt }),
	},
}

var gatewaysTable = &table[*voltpay.Gateway]{
	name: sheets.Text{Zh: "网关", En: "gateways"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Gateway], error) {
		return res.SiteService.FindGateways(ctx, filterOf[voltpay.GatewayFilter](f, p))
	},
	id: func(g *voltpay.Gateway) int64 { return g.ID },
	refs: func(ctx context.Context, res *graph.Resolver, gs []*voltpay.Gateway, r *refs) error {
		return r.loadBuildings(ctx, res, idsOf(gs, func(g *voltpay.Gateway) *int64 { return g.BuildingID }))
	},
	// The proxy URL is left out: it may hold the site agent's password.
	cols: []col[*voltpay.Gateway]{
		c(colNumber, "ID", "ID", 8, func(g *voltpay.Gateway, _ *refs) any { return g.ID }),
		c(colText, "名称", "Name", 16, func(g *voltpay.Gateway, _ *refs) any { return g.Name }),
		c(colText, "建筑", "Building", 14, func(g *voltpay.Gateway, r *refs) any { return r.buildingName(g.BuildingID) }).from("Building"),
		c(colText, "地址", "Host", 16, func(g *voltpay.Gateway, _ *refs) any { return g.Host }),
		c(colNumber, "端口", "Port", 8, func(g *voltpay.Gateway, _ *refs) any { return g.Port }),
		c(colText, "协议", "Protocol", 12, func(g *voltpay.Gateway, _ *refs) any { return g.Protocol }).enum("GatewayProtocol"),
		c(colNumber, "抄表间隔(秒)", "Poll interval (s)", 12, func(g *voltpay.Gateway, _ *refs) any { return g.PollIntervalSeconds }),
		c(colBool, "在线", "Online", 6, func(g *voltpay.Gateway, _ *refs) any { return g.Online }),
		c(colTime, "最近通讯", "Last seen", 20, func(g *voltpay.Gateway, _ *refs) any { return g.LastSeenAt }),
		c(colTime, "创建时间", "Created", 20, func(g *voltpay.Gateway, _ *refs) any { return g.CreatedAt }),
	},
}

var operatorsTable = &table[*voltpay.Operator]{
	name: sheets.Text{Zh: "操作员", En: "operators"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.Operator], error) {
		return res.AuthService.FindOperators(ctx, filterOf[voltpay.OperatorFilter](f, p))
	},
	id: func(o *voltpay.Operator) int64 { return o.ID },
	cols: []col[*voltpay.Operator]{
		c(colNumber, "ID", "ID", 8, func(o *voltpay.Operator, _ *refs) any { return o.ID }),
		c(colText, "用户名", "Username", 14, func(o *voltpay.Operator, _ *refs) any { return o.Username }),
		c(colText, "姓名", "Name", 14, func(o *voltpay.Operator, _ *refs) any { return o.DisplayName }),
		c(colText, "角色", "Role", 10, func(o *voltpay.Operator, _ *refs) any { return string(o.Role) }).enum("Role"),
		c(colBool, "已停用", "Disabled", 8, func(o *voltpay.Operator, _ *refs) any { return o.Disabled }),
		c(colTime, "创建时间", "Created", 20, func(o *voltpay.Operator, _ *refs) any { return o.CreatedAt }),
		c(colTime, "最近登录", "Last login", 20, func(o *voltpay.Operator, _ *refs) any { return o.LastLoginAt }),
	},
}

var apiKeysTable = &table[*voltpay.APIKey]{
	name: sheets.Text{Zh: "API密钥", En: "API keys"},
	page: func(ctx context.Context, res *graph.Resolver, f any, p voltpay.PageArgs) (*voltpay.Page[*voltpay.APIKey], error) {
		return res.AuthService.FindAPIKeys(ctx, filterOf[voltpay.APIKeyFilter](f, p))
	},
	id: func(k *voltpay.APIKey) int64 { return k.ID },
	cols: []col[*voltpay.APIKey]{
		c(colNumber, "ID", "ID", 8, func(k *voltpay.APIKey, _ *refs) any { return k.ID }),
		c(colText, "名称", "Name", 16, func(k *voltpay.APIKey, _ *refs) any { return k.Name }),
		c(colText, "前缀", "Prefix", 14, func(k *voltpay.APIKey, _ *refs) any { return k.Prefix }),
		c(colText, "权限", "Scopes", 40, func(k *voltpay.APIKey, _ *refs) any { return scopes(k.Scopes) }),
		c(colText, "创建者", "Created by", 18, func(k *voltpay.APIKey, _ *refs) any { return k.Creator }),
		c(colTime, "创建时间", "Created", 20, func(k *voltpay.APIKey, _ *refs) any { return k.CreatedAt }),
		c(colTime, "吊销时间", "Revoked", 20, func(k *voltpay.APIKey, _ *refs) any { return k.RevokedAt }),
		c(colTime, "最近使用", "Last used", 20, func(k *voltpay.APIKey, _ *refs) any { return k.LastUsedAt }),
	},
}

// ratePrice is a tariff's price of rate, nil when it has none.
func ratePrice(t *voltpay.Tariff, rate string) any {
	if p, ok := t.Prices[rate]; ok {
		return p
	}
	return nil
}

// periods writes a TOU tariff's default day as "00:00 谷, 08:00 峰 …"
// ("00:00 valley, 08:00 peak …").
func periods(t *voltpay.Tariff) sheets.Text {
	var zh, en []string
	for _, p := range t.Periods {
		zh = append(zh, p.Start()+" "+sheets.Translate("Rate", p.Rate, sheets.ZhCN))
		en = append(en, p.Start()+" "+sheets.Translate("Rate", p.Rate, sheets.EnUS))
	}
	return sheets.Text{Zh: strings.Join(zh, ", "), En: strings.Join(en, ", ")}
}

func scopes(ps []voltpay.Permission) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
