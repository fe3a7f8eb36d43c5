package receipt

import "strings"

// words are a receipt's labels in one language.
type words struct {
	kinds                                   map[Kind]string
	copies                                  map[Copy]string
	channels                                map[string]string
	no, amount, capitals, account, tenant   string
	shop, meters, before, after, channel    string
	operator, time, note, reverses, reprint string
	scan, cut, signOperator, signTenant     string
	moreMeters                              string
	labelW                                  float64 // mm, the width of the grid's labels
}

var zhCN = &words{
	kinds:    map[Kind]string{KindSale: "售电收据", KindRefund: "退电凭证", KindReversal: "冲正凭证", KindOpening: "开户收据"},
	copies:   map[Copy]string{CopyTenant: "第一联 客户联", CopyFinance: "第二联 财务联", CopyArchive: "第三联 存根联"},
	channels: map[string]string{"cash": "现金", "bank": "银行转账", "wechat": "微信支付", "alipay": "支付宝"},
	no:       "No.", amount: "金额", capitals: "人民币大写", account: "户号", tenant: "商户",
	shop: "铺位", meters: "电表", before: "变动前余额", after: "变动后余额", channel: "支付方式",
	operator: "操作员", time: "时间", note: "备注", reverses: "冲正原单", reprint: "重打 REPRINT",
	scan: "扫码查看电子收据", cut: "沿此线裁开", signOperator: "经办人签字：", signTenant: "客户签字：", labelW: 17,
	moreMeters: " 等共 %[1]d 块", // of all
}

var enUS = &words{
	kinds:    map[Kind]string{KindSale: "Sale receipt", KindRefund: "Refund voucher", KindReversal: "Reversal voucher", KindOpening: "Account opening receipt"},
	copies:   map[Copy]string{CopyTenant: "Copy 1: tenant", CopyFinance: "Copy 2: finance", CopyArchive: "Copy 3: archive"},
	channels: map[string]string{"cash": "Cash", "bank": "Bank transfer", "wechat": "WeChat Pay", "alipay": "Alipay"},
	no:       "No.", amount: "Amount", capitals: "in words", account: "Account", tenant: "Tenant",
	shop: "Shop", meters: "Meters", before: "Balance before", after: "Balance after", channel: "Paid by",
	operator: "Operator", time: "Time", note: "Note", reverses: "Reverses", reprint: "REPRINT 重打",
	scan: "Scan to view online", cut: "cut here", signOperator: "Operator signature: ", signTenant: "Tenant signature: ", labelW: 25,
	moreMeters: " and %[2]d more", // besides those printed
}

// labels is the words of lang: English for en*, else Chinese.
func labels(lang string) *words {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return enUS
	}
	return zhCN
}
