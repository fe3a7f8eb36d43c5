package paysim

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/voltpay/voltpay/payment"
)

// billURL answers the bill download URL query with a URL on the same host
// as the request. A day without payments or refunds has no bill, as at
// Alipay (isp.bill_not_exist).
func (f *AlipayFake) billURL(r *http.Request, c *aliCall) map[string]any {
	if c.str("bill_type") != "trade" {
		return bizFail("isv.invalid-bill-type", "paysim serves bill_type trade only")
	}
	day, err := time.ParseInLocation("2006-01-02", c.str("bill_date"), payment.Shanghai)
	if err != nil {
		return bizFail("isv.invalid-bill-date", "bill_date must be yyyy-MM-dd")
	}
	if len(f.billRows(day)) == 0 {
		return bizFail("isp.bill_not_exist", "账单不存在")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	u := scheme + "://" + r.Host + AlipayBillPath + "?" + url.Values{"bill_date": {day.Format("2006-01-02")}}.Encode()
	return map[string]any{"bill_download_url": u}
}

// serveBill serves the zip of one day's bill.
func (f *AlipayFake) serveBill(w http.ResponseWriter, r *http.Request) {
	day, err := time.ParseInLocation("2006-01-02", r.URL.Query().Get("bill_date"), payment.Shanghai)
	if err != nil {
		http.Error(w, "bill_date must be yyyy-MM-dd", http.StatusBadRequest)
		return
	}
	z, err := f.BillZip(day)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	_, _ = w.Write(z)
}

// billRows are the detail rows of one Beijing day: payments by payment
// time, refunds by refund time, oldest first.
func (f *AlipayFake) billRows(day time.Time) [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, payment.Shanghai)
	end := start.AddDate(0, 0, 1)
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(start) && t.Before(end) }
	type row struct {
		at    time.Time
		cells []string
	}
	var rows []row
	cell := func(s string) string { return strings.NewReplacer(",", "，", "\n", " ", "\"", "'").Replace(s) }
	ts := func(t time.Time) string { return t.In(payment.Shanghai).Format(aliTimeFormat) }
	for _, t := range f.trades {
		if in(t.paidAt) {
			amount := payment.FormatYuan(t.info.AmountFen)
			rows = append(rows, row{t.paidAt, []string{t.tradeNo, t.info.OutTradeNo, "交易", cell(t.info.Description),
				ts(t.info.CreatedAt), ts(t.paidAt), "", "", "", "", "paysim-buyer", amount, amount,
				"0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", "", "0.00", "0.00", ""}})
		}
		for _, no := range t.refundOrder {
			rf := t.refunds[no]
			if !in(rf.at) {
				continue
			}
			amount := "-" + payment.FormatYuan(rf.amountFen)
			rows = append(rows, row{rf.at, []string{t.tradeNo, t.info.OutTradeNo, "退款", cell(t.info.Description),
				ts(t.info.CreatedAt), ts(rf.at), "", "", "", "", "paysim-buyer", amount, amount,
				"0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", rf.outRequestNo, "0.00", "0.00", ""}})
		}
	}
	for i := 1; i < len(rows); i++ { // insertion sort: few rows, stable
		for j := i; j > 0 && rows[j].at.Before(rows[j-1].at); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.cells
	}
	return out
}

// aliBillHeader is the header row of Alipay's trade bill detail.
var aliBillHeader = []string{"支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "门店编号", "门店名称",
	"操作员", "终端号", "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）",
	"商家优惠（元）", "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）", "退款批次号/请求号",
	"服务费（元）", "分润（元）", "备注"}

// BillZip builds one day's bill as Alipay ships it: a zip holding the
// detail CSV and a summary CSV, GBK-encoded (names too), with '#' comment
// lines around a header row and tab-padded cells.
func (f *AlipayFake) BillZip(day time.Time) ([]byte, error) {
	rows := f.billRows(day)
	d := day.In(payment.Shanghai)
	var detail strings.Builder
	detail.WriteString("#支付宝业务明细查询\r\n")
	fmt.Fprintf(&detail, "#账号：[%s]\r\n", f.opts.SellerID)
	fmt.Fprintf(&detail, "#起始日期：[%s 00:00:00]   终止日期：[%s 00:00:00]\r\n", d.Format("2006年01月02日"), d.AddDate(0, 0, 1).Format("2006年01月02日"))
	detail.WriteString("#-----------------------------------------业务明细列表----------------------------------------\r\n")
	detail.WriteString(strings.Join(aliBillHeader, ",") + "\r\n")
	var paid, refunded int
	for _, r := range rows {
		if r[2] == "交易" {
			paid++
		} else {
			refunded++
		}
		detail.WriteString(strings.Join(r, "\t,") + "\t\r\n")
	}
	detail.WriteString("#-----------------------------------------业务明细列表结束------------------------------------\r\n")
	fmt.Fprintf(&detail, "#交易合计：%d笔\r\n#退款合计：%d笔\r\n", paid, refunded)
	fmt.Fprintf(&detail, "#导出时间：[%s]\r\n", time.Now().In(payment.Shanghai).Format("2006年01月02日 15:04:05"))
	summary := fmt.Sprintf("#支付宝业务汇总查询\r\n#账号：[%s]\r\n门店编号,门店名称,交易订单总笔数,退款订单总笔数\r\n,,%d,%d\r\n#结束\r\n",
		f.opts.SellerID, paid, refunded)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	base := f.opts.SellerID + "_" + d.Format("20060102")
	for _, file := range []struct{ name, body string }{
		{base + "_业务明细.csv", detail.String()},
		{base + "_业务明细(汇总).csv", summary},
	} {
		name, err := simplifiedchinese.GBK.NewEncoder().String(file.name)
		if err != nil {
			return nil, err
		}
		body, err := simplifiedchinese.GBK.NewEncoder().String(file.body)
		if err != nil {
			return nil, fmt.Errorf("paysim alipay: bill text not GBK-encodable: %w", err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, NonUTF8: true, Modified: time.Now()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
