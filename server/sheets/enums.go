package sheets

// enumTexts translates the API's enum values, by enum (its GraphQL type
// name), into both languages. The words are the trade's (docs/
// ARCHITECTURE.md §5, the glossary). A value missing here is written as
// it is, so a new value shows up untranslated rather than blank (and
// TestExport_EnumsTranslated fails).
var enumTexts = map[string]map[string]Text{
	"MeterStatus": {
		"active":   {"在用", "Active"},
		"replaced": {"已换表", "Replaced"},
		"retired":  {"已拆除", "Retired"},
	},
	"ReportPeriod": {
		"day":   {"按日", "By day"},
		"month": {"按月", "By month"},
		"year":  {"按年", "By year"},
	},
	"RelayState": {
		"closed":  {"合闸", "Closed (power on)"},
		"open":    {"拉闸", "Open (tripped)"},
		"unknown": {"未知", "Unknown"},
	},
	"ControlMode": {
		"prepaid":     {"预付费", "Prepaid"},
		"guarantee":   {"保电", "Guarantee"},
		"forced_trip": {"强制拉闸", "Forced trip"},
	},
	"MeterProtocol": {
		"dlt645": {"DL/T 645", "DL/T 645"},
		"modbus": {"Modbus", "Modbus"},
	},
	"GatewayProtocol": {
		"dlt645":     {"DL/T 645", "DL/T 645"},
		"modbus_rtu": {"Modbus RTU", "Modbus RTU"},
		"modbus_tcp": {"Modbus TCP", "Modbus TCP"},
	},
	"PrepaidMode": {
		"platform": {"平台预付费", "On the platform"},
		"meter":    {"表内预付费", "On the meter"},
	},
	"AccountStatus": {
		"open":   {"正常", "Open"},
		"closed": {"已销户", "Closed"},
	},
	"BalanceMode": {
		"shared":    {"共用余额", "Shared"},
		"per_meter": {"分表余额", "Per meter"},
	},
	"EntryType": {
		"sale":          {"售电", "Sale"},
		"refund":        {"退电", "Refund"},
		"reversal":      {"冲正", "Reversal"},
		"transfer":      {"转账", "Transfer"},
		"charge":        {"扣费", "Charge"},
		"correction":    {"补正", "Correction"},
		"service_fee":   {"服务费", "Service fee"},
		"apportionment": {"公摊", "Shared cost"},
	},
	"Channel": {
		"cash":   {"现金", "Cash"},
		"bank":   {"银行转账", "Bank transfer"},
		"wechat": {"微信支付", "WeChat Pay"},
		"alipay": {"支付宝", "Alipay"},
	},
	"ArrearsLevel": {
		"arrears": {"欠费", "Arrears"},
		"alarm2":  {"报警2", "Alarm 2"},
		"alarm1":  {"报警1", "Alarm 1"},
	},
	"MeterDisplayStatus": {
		"not_opened": {"未开户", "Not opened"},
		"offline":    {"失联", "Offline"},
		"guarantee":  {"保电", "Guarantee"},
		"tripped":    {"拉闸", "Tripped"},
		"arrears":    {"欠费", "Arrears"},
		"alarm2":     {"报警2", "Alarm 2"},
		"alarm1":     {"报警1", "Alarm 1"},
		"normal":     {"正常", "Normal"},
	},
	"ApportionRole": {
		"common": {"公共表", "Common area"},
		"master": {"总表", "Master"},
	},
	"AlarmKind": {
		"alarm1":           {"报警1", "Alarm 1"},
		"alarm2":           {"报警2", "Alarm 2"},
		"arrears":          {"欠费", "Arrears"},
		"overload":         {"过载", "Overload"},
		"offline":          {"失联", "Offline"},
		"gateway_offline":  {"网关失联", "Gateway offline"},
		"reading_fault":    {"抄表异常", "Reading fault"},
		"balance_mismatch": {"表内余额不符", "Balance mismatch"},
	},
	"CommandKind": {
		"trip":            {"拉闸", "Trip"},
		"close":           {"合闸", "Close"},
		"close_allowed":   {"允许合闸", "Allow close"},
		"guarantee_on":    {"保电", "Guarantee on"},
		"guarantee_off":   {"取消保电", "Guarantee off"},
		"restore_prepaid": {"恢复预付费", "Restore prepaid"},
		"push_tariff":     {"电价下发", "Push tariff"},
		"push_settings":   {"设置下发", "Push settings"},
		"credit":          {"充值下发", "Credit"},
		"time_sync":       {"校时", "Time sync"},
	},
	"CommandState": {
		"pending":   {"待执行", "Pending"},
		"sent":      {"已发送", "Sent"},
		"confirmed": {"已确认", "Confirmed"},
		"failed":    {"失败", "Failed"},
		"expired":   {"已过期", "Expired"},
		"cancelled": {"已取消", "Cancelled"},
	},
	"RechargeOrderState": {
		"pending":  {"待支付", "Pending"},
		"paid":     {"已支付", "Paid"},
		"closed":   {"已关闭", "Closed"},
		"refunded": {"已退款", "Refunded"},
	},
	"PayMethod": {
		"mini_program": {"小程序", "Mini-program"},
		"qr":           {"扫码", "QR code"},
		"h5":           {"H5", "H5"},
	},
	"Role": {
		"admin":   {"管理员", "Administrator"},
		"manager": {"经理", "Manager"},
		"cashier": {"收银员", "Cashier"},
		"finance": {"财务", "Finance"},
		"viewer":  {"只读", "Viewer"},
	},
	"ActorKind": {
		"operator":  {"操作员", "Operator"},
		"apikey":    {"API 密钥", "API key"},
		"tenant":    {"商户", "Tenant"},
		"system":    {"系统", "System"},
		"anonymous": {"匿名", "Anonymous"},
	},
	"TariffKind": {
		"flat":   {"单一电价", "Flat"},
		"tou":    {"分时电价", "Time of use"},
		"tiered": {"阶梯电价", "Tiered"},
	},
	"Rate": {
		"sharp":  {"尖", "sharp"},
		"peak":   {"峰", "peak"},
		"flat":   {"平", "flat"},
		"valley": {"谷", "valley"},
	},
	"BillingPeriod": {
		"month": {"按月", "Monthly"},
		"year":  {"按年", "Yearly"},
	},
	// An audit entry's result: ok, or an ErrorCode.
	"AuditResult": {
		"ok":                   {"成功", "OK"},
		"UNAUTHENTICATED":      {"未登录", "Not signed in"},
		"FORBIDDEN":            {"无权限", "Forbidden"},
		"NOT_FOUND":            {"不存在", "Not found"},
		"INVALID_INPUT":        {"输入有误", "Invalid input"},
		"CONFLICT":             {"冲突", "Conflict"},
		"INSUFFICIENT_BALANCE": {"余额不足", "Insufficient balance"},
		"UNAVAILABLE":          {"暂不可用", "Unavailable"},
		"INTERNAL":             {"内部错误", "Internal error"},
	},
}

// Translate returns value of enum in l, or value itself when it has no
// translation.
func Translate(enum, value string, l Lang) string {
	if t, ok := enumTexts[enum][value]; ok {
		return t.In(l)
	}
	return value
}

// HasTranslation reports whether value of enum is translated.
func HasTranslation(enum, value string) bool {
	_, ok := enumTexts[enum][value]
	return ok
}

var yesNo = [2]Text{{"否", "No"}, {"是", "Yes"}}

// YesNo is 是/否 or Yes/No in l.
func YesNo(b bool, l Lang) string {
	if b {
		return yesNo[1].In(l)
	}
	return yesNo[0].In(l)
}
