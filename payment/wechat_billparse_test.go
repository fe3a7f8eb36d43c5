package payment

import (
	"strings"
	"testing"
	"time"
)

const wxBillSample = "\ufeff交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n" +
	"`2026-11-25 10:00:01,`wx0000000000demo,`1900000001,`0,`,`4200000001202611250000000001,`PAY000000001,`oUser,`NATIVE,`SUCCESS,`OTHERS,`CNY,`20.00,`0.00,`0,`0,`0.00,`0.00,`,`,`电费充值,`,`0.12000,`0.60%,`20.00,`0.00,`\r\n" +
	"`2026-11-25 11:00:00,`wx0000000000demo,`1900000001,`0,`,`4200000001202611250000000001,`PAY000000001,`oUser,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300,`RF0000000001,`8.5,`0.00,`ORIGINAL,`SUCCESS,`电费充值,`,`0.00000,`0.60%,`0.00,`8.50,`\r\n" +
	"`2026-11-25 12:00:00,`wx0000000000demo,`1900000001,`0,`,`4200000001202611250000000002,`PAY000000002,`oUser,`NATIVE,`REVOKED,`OTHERS,`CNY,`0.00,`0.00,`0,`0,`0.00,`0.00,`,`,`电费充值,`,`0.00000,`0.60%,`5.00,`0.00,`\r\n" +
	"总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n" +
	"`3,`20.00,`8.50,`0.00,`0.12000,`25.00,`8.50\r\n"

func TestParseWechatBill(t *testing.T) {
	lines, err := parseWechatBill([]byte(wxBillSample))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 10, 0, 1, 0, Shanghai)
	want := []StatementLine{
		{OutTradeNo: "PAY000000001", TransactionID: "4200000001202611250000000001", AmountFen: 2000, At: at},
		{OutTradeNo: "PAY000000001", TransactionID: "4200000001202611250000000001", AmountFen: 850, Refund: true,
			OutRefundNo: "RF0000000001", At: at.Add(time.Hour - time.Second)},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %+v, want %d", len(lines), lines, len(want))
	}
	for i := range want {
		got, w := lines[i], want[i]
		if !got.At.Equal(w.At) {
			t.Errorf("line %d at %v, want %v", i, got.At, w.At)
		}
		got.At, w.At = time.Time{}, time.Time{}
		if got != w {
			t.Errorf("line %d = %+v, want %+v", i, lines[i], want[i])
		}
	}
	for _, bad := range []string{
		"not,a,bill\r\n`x,`y,`z\r\n",
		strings.Replace(wxBillSample, "`0.60%,`20.00,", "`0.60%,`20.001,", 1),
		strings.Replace(wxBillSample, "`2026-11-25 10:00:01", "`yesterday", 1),
	} {
		if _, err := parseWechatBill([]byte(bad)); err == nil {
			t.Errorf("accepted a bad bill:\n%s", bad)
		}
	}
	if l, err := parseWechatBill(nil); err != nil || l != nil {
		t.Errorf("empty bill: %v, %v", l, err)
	}
}

func FuzzParseWechatBill(f *testing.F) {
	f.Add([]byte(wxBillSample))
	f.Add([]byte("交易时间,商户订单号\r\n`a,`b\r\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := parseWechatBill(data)
		if err != nil {
			return
		}
		for _, l := range lines {
			if l.AmountFen < 0 || l.OutTradeNo == "" || (l.Refund && l.OutRefundNo == "") || l.At.IsZero() {
				t.Fatalf("bad line %+v from %q", l, data)
			}
		}
	})
}
