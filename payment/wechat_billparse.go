package payment

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// WeChat trade bill columns we read, by their header names (the column
// order has changed over the years; the names have not).
const (
	wxBillColTime        = "交易时间"
	wxBillColTxID        = "微信订单号"
	wxBillColOutTradeNo  = "商户订单号"
	wxBillColState       = "交易状态"
	wxBillColTotal       = "订单金额"
	wxBillColSettleTotal = "应结订单金额"
	wxBillColOutRefundNo = "商户退款单号"
	wxBillColRefund      = "退款金额"
	wxBillColRefundState = "退款状态"
	wxBillSummaryFirst   = "总交易单数"
)

// parseWechatBill decodes a WeChat Pay trade bill (CSV, UTF-8): a header
// row, data rows whose every field starts with a backtick, then summary
// rows. It returns the successful payments and the successful refunds
// (amount: the refund's). The file comes from outside: every field is
// checked and no row is trusted to have the header's shape.
func parseWechatBill(data []byte) ([]StatementLine, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false

	header, err := r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bill header: %w", err)
	}
	col := map[string]int{}
	for i, name := range header {
		col[strings.TrimSpace(name)] = i
	}
	for _, need := range []string{wxBillColTime, wxBillColTxID, wxBillColOutTradeNo, wxBillColState, wxBillColOutRefundNo, wxBillColRefund} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("bill header lacks column %q: not a WeChat Pay trade bill", need)
		}
	}
	totalCol, ok := col[wxBillColTotal]
	if !ok {
		if totalCol, ok = col[wxBillColSettleTotal]; !ok {
			return nil, fmt.Errorf("bill header lacks column %q", wxBillColTotal)
		}
	}

	var lines []StatementLine
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("bill row %d: %w", row, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if strings.TrimSpace(rec[0]) == wxBillSummaryFirst {
			break // the summary: totals, not trades
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("bill row %d has %d fields, the header %d", row, len(rec), len(header))
		}
		field := func(name string) string {
			i, ok := col[name]
			if !ok {
				return ""
			}
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rec[i]), "`"))
		}
		line, keep, err := billLine(field, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rec[totalCol]), "`")))
		if err != nil {
			return nil, fmt.Errorf("bill row %d: %w", row, err)
		}
		if keep {
			lines = append(lines, line)
		}
	}
	return lines, nil
}

// billLine reads one data row; keep is false for rows that are neither a
// successful payment nor a successful refund.
func billLine(field func(string) string, total string) (line StatementLine, keep bool, err error) {
	at, err := time.ParseInLocation(time.DateTime, field(wxBillColTime), Shanghai)
	if err != nil {
		return line, false, fmt.Errorf("trade time %q is not YYYY-MM-DD hh:mm:ss", field(wxBillColTime))
	}
	line = StatementLine{OutTradeNo: field(wxBillColOutTradeNo), TransactionID: field(wxBillColTxID), At: at}
	if line.OutTradeNo == "" {
		return line, false, errors.New("no merchant order number")
	}
	switch field(wxBillColState) {
	case "SUCCESS":
		if line.AmountFen, err = ParseYuan(total); err != nil {
			return line, false, fmt.Errorf("order amount: %w", err)
		}
		return line, true, nil
	case "REFUND":
		if s := field(wxBillColRefundState); s != "" && s != "SUCCESS" {
			return line, false, nil
		}
		line.Refund = true
		line.OutRefundNo = field(wxBillColOutRefundNo)
		if line.OutRefundNo == "" {
			return line, false, errors.New("refund row without merchant refund number")
		}
		if line.AmountFen, err = ParseYuan(field(wxBillColRefund)); err != nil {
			return line, false, fmt.Errorf("refund amount: %w", err)
		}
		return line, true, nil
	default: // REVOKED and the like: no money moved
		return line, false, nil
	}
}
