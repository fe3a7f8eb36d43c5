package payment

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const sampleAlipayBill = `#支付宝业务明细查询
#账号：[20880000000000010156]
#起始日期：[2026年11月25日 00:00:00]   终止日期：[2026年11月26日 00:00:00]
#-----------------------------------------业务明细列表----------------------------------------
支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注
2026112522001400001000000001	,VP0001	,交易	,电费充值 A-0101	,2026-11-25 10:00:00	,2026-11-25 10:00:05	,	,	,	,	,buyer	,100.00	,100.00	,0.00	,0.00	,0.00	,0.00	,0.00	,	,0.00	,0.00	,	,-0.60	,0.00	,
2026112522001400001000000001	,VP0001	,退款	,电费充值 A-0101	,2026-11-25 10:00:00	,2026-11-25 11:00:00	,	,	,	,	,buyer	,-30.00	,-30.00	,0.00	,0.00	,0.00	,0.00	,0.00	,	,0.00	,0.00	,RF0001	,0.18	,0.00	,
2026112522001400001000000002	,VP0002	,其他	,x	,	,	,	,	,	,	,	,1.00	,1.00	,	,	,	,	,	,	,	,	,	,	,
#-----------------------------------------业务明细列表结束------------------------------------
#交易合计：1笔，商家实收共100.00元，商家优惠共0.00元
#导出时间：[2026年11月26日 09:00:00]
`

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseAlipayBill(t *testing.T) {
	for name, data := range map[string][]byte{
		"GBK":  gbk(t, strings.ReplaceAll(sampleAlipayBill, "\n", "\r\n")),
		"UTF8": []byte("\xef\xbb\xbf" + sampleAlipayBill),
	} {
		t.Run(name, func(t *testing.T) {
			lines, err := parseAlipayBill(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != 2 {
				t.Fatalf("got %d lines, want 2: %+v", len(lines), lines)
			}
			p, r := lines[0], lines[1]
			if p.Refund || p.OutTradeNo != "VP0001" || p.TransactionID != "2026112522001400001000000001" || p.AmountFen != 10000 ||
				p.At.Format("2006-01-02 15:04:05") != "2026-11-25 10:00:05" {
				t.Errorf("payment line = %+v", p)
			}
			if !r.Refund || r.OutRefundNo != "RF0001" || r.AmountFen != 3000 || r.OutTradeNo != "VP0001" {
				t.Errorf("refund line = %+v", r)
			}
		})
	}
	t.Run("ErrNoHeader", func(t *testing.T) {
		if _, err := parseAlipayBill([]byte("#only comments\n")); err == nil {
			t.Fatal("want an error")
		}
	})
	t.Run("ErrBadAmount", func(t *testing.T) {
		bad := strings.Replace(sampleAlipayBill, ",100.00	,100.00", ",1e2	,1e2", 1)
		if _, err := parseAlipayBill([]byte(bad)); err == nil {
			t.Fatal("want an error")
		}
	})
	t.Run("Zip", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range []struct{ name, body string }{
			{"2088_20261125_业务明细(汇总).csv", "#汇总\n门店编号,交易订单总笔数\n,1\n"},
			{"2088_20261125_业务明细.csv", sampleAlipayBill},
		} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: string(gbk(t, f.name)), NonUTF8: true})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(gbk(t, f.body))
		}
		zw.Close()
		lines, err := parseAlipayBillZip(buf.Bytes())
		if err != nil || len(lines) != 2 {
			t.Fatalf("got %+v, %v", lines, err)
		}
	})
}

func FuzzParseAlipayBill(f *testing.F) {
	f.Add([]byte(sampleAlipayBill))
	f.Add(gbk(f, sampleAlipayBill))
	f.Add([]byte("支付宝交易号,商户订单号,业务类型,订单金额(元)\n1,2,交易,1.00\n1,2,退款,-1\n"))
	f.Add([]byte("\"a,\"b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := parseAlipayBill(data)
		if err != nil {
			return
		}
		for _, l := range lines {
			if l.AmountFen < 0 || l.AmountFen > MaxYuanFen {
				t.Fatalf("amount out of range: %+v", l)
			}
			if !l.Refund && l.OutRefundNo != "" {
				t.Fatalf("payment with a refund number: %+v", l)
			}
		}
	})
}
