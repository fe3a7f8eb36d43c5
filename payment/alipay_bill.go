package payment

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/smartwalle/alipay/v3"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxBillZip bounds a downloaded bill; a busy merchant's day is a few MB.
const maxBillZip = 64 << 20

// Statement downloads Alipay's trade bill of one day (Beijing calendar
// day) and returns its payments and refunds. Alipay makes a day's bill
// the next morning; for a day without trades (and before the bill is
// made) it answers isp.bill_not_exist, which is an empty statement, as
// WeChat Pay's NO_STATEMENT_EXIST is: the daily check runs after the bills
// are made, so there a missing bill means no trades.
func (g *AlipayGateway) Statement(ctx context.Context, day time.Time) ([]StatementLine, error) {
	date := day.In(Shanghai).Format("2006-01-02")
	what := "bill " + date
	rsp, err := g.client.BillDownloadURLQuery(ctx, alipay.BillDownloadURLQuery{BillType: "trade", BillDate: date})
	if err != nil || rsp == nil {
		return nil, alipayErr(what, err)
	}
	if !rsp.IsSuccess() {
		if rsp.SubCode == "isp.bill_not_exist" {
			return nil, nil
		}
		return nil, alipayBizErr(what, rsp.Error)
	}
	if rsp.BillDownloadURL == "" {
		return nil, fmt.Errorf("alipay %s: no bill_download_url in the answer", what)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rsp.BillDownloadURL, nil)
	if err != nil {
		return nil, fmt.Errorf("alipay %s: bad bill_download_url: %w", what, err)
	}
	resp, err := g.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("alipay %s: downloading: %w", what, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("alipay %s: downloading: HTTP %d", what, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBillZip+1))
	if err != nil {
		return nil, fmt.Errorf("alipay %s: downloading: %w", what, err)
	}
	if len(body) > maxBillZip {
		return nil, fmt.Errorf("alipay %s: bill larger than %d bytes", what, maxBillZip)
	}
	lines, err := parseAlipayBillZip(body)
	if err != nil {
		return nil, fmt.Errorf("alipay %s: %w", what, err)
	}
	return lines, nil
}

// parseAlipayBillZip finds the detail CSV (业务明细, not the 汇总 summary)
// in the bill zip and parses it. Entry names are GBK in real bills, so the
// file is recognised by its header, not its name.
func parseAlipayBillZip(b []byte) ([]StatementLine, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("bill is not a zip: %w", err)
	}
	var lastErr error = errors.New("bill zip holds no detail CSV (业务明细)")
	for _, f := range zr.File {
		name := decodeGBKIfNeeded([]byte(f.Name))
		if !strings.HasSuffix(strings.ToLower(name), ".csv") || strings.Contains(name, "汇总") {
			continue
		}
		if f.UncompressedSize64 > maxBillZip*4 {
			return nil, fmt.Errorf("bill entry %q too large", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("bill entry %q: %w", name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxBillZip*4))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("bill entry %q: %w", name, err)
		}
		lines, err := parseAlipayBill(data)
		if err == nil {
			return lines, nil
		}
		lastErr = fmt.Errorf("bill entry %q: %w", name, err)
	}
	return nil, lastErr
}

// decodeGBKIfNeeded returns b as text: as is when it is UTF-8 (with any
// BOM removed), else decoded from GBK, Alipay's bill encoding.
func decodeGBKIfNeeded(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(out)
}

// Columns of the detail CSV that we read (header names normalised: no
// spaces, ASCII parentheses).
const (
	billColTradeNo    = "支付宝交易号"
	billColOutTradeNo = "商户订单号"
	billColType       = "业务类型"
	billColFinished   = "完成时间"
	billColAmount     = "订单金额(元)"
	billColReceived   = "商家实收(元)"
	billColRequestNo  = "退款批次号/请求号"
)

// parseAlipayBill parses the detail CSV of Alipay's trade bill: GBK (or
// UTF-8) text, '#' comment lines before and after, one header row, then
// one row per payment (业务类型 交易) or refund (退款), cells often padded
// with tabs. Payments carry the order amount; refunds the refunded amount
// (商家实收 is negative on refund rows) and out_request_no. Other business
// types are skipped.
func parseAlipayBill(data []byte) ([]StatementLine, error) {
	text := decodeGBKIfNeeded(data)
	var rows []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		rows = append(rows, l)
	}
	r := csv.NewReader(strings.NewReader(strings.Join(rows, "\n")))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, errors.New("no header row in the bill detail")
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.NewReplacer(" ", "", "\t", "", "（", "(", "）", ")").Replace(h)
		col[h] = i
	}
	for _, need := range []string{billColTradeNo, billColOutTradeNo, billColType, billColAmount} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("bill detail header has no %s column", need)
		}
	}
	lines := []StatementLine{}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			return lines, nil
		}
		if err != nil {
			return nil, fmt.Errorf("bill detail row %d: %w", row, err)
		}
		cell := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		l := StatementLine{
			OutTradeNo:    cell(billColOutTradeNo),
			TransactionID: cell(billColTradeNo),
			At:            parseAlipayTime(cell(billColFinished)),
		}
		switch cell(billColType) {
		case "交易":
			if l.AmountFen, err = parseBillAmount(cell(billColAmount)); err != nil {
				return nil, fmt.Errorf("bill detail row %d (%s): %w", row, l.OutTradeNo, err)
			}
		case "退款":
			l.Refund = true
			l.OutRefundNo = cell(billColRequestNo)
			amount := cell(billColReceived)
			if a, _ := parseBillAmount(amount); a == 0 {
				amount = cell(billColAmount)
			}
			if l.AmountFen, err = parseBillAmount(amount); err != nil {
				return nil, fmt.Errorf("bill detail row %d (%s): %w", row, l.OutTradeNo, err)
			}
		default:
			continue
		}
		lines = append(lines, l)
	}
}

// parseBillAmount reads a bill amount, whose sign only says the direction.
func parseBillAmount(s string) (int64, error) {
	return ParseYuan(strings.TrimPrefix(s, "-"))
}
