package paysim

import (
	"fmt"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// refund refunds synchronously, like Alipay: the money moves now
// (fund_change Y) and a notification follows after RefundDelay. The same
// out_request_no again answers about the same refund (fund_change N).
func (f *AlipayFake) refund(c *aliCall) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.lookup(c)
	if t == nil {
		return aliNotExist
	}
	reqNo := c.str("out_request_no")
	if reqNo == "" {
		reqNo = t.info.OutTradeNo // Alipay's default
	}
	amount, err := payment.ParseYuan(c.str("refund_amount"))
	if err != nil || amount <= 0 {
		return bizFail("ACQ.INVALID_PARAMETER", "refund_amount must be a positive yuan amount with at most two decimals")
	}
	rsp := func(change string) map[string]any {
		return map[string]any{
			"out_trade_no":   t.info.OutTradeNo,
			"trade_no":       t.tradeNo,
			"buyer_logon_id": "pay***@example.com",
			"buyer_open_id":  t.buyerOpenID,
			"fund_change":    change,
			"refund_fee":     payment.FormatYuan(t.refundedFen),
		}
	}
	if r := t.refunds[reqNo]; r != nil {
		if r.amountFen != amount {
			return bizFail("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改: the same out_request_no with another amount")
		}
		return rsp("N")
	}
	if fail := f.addRefund(t, reqNo, amount); fail != nil {
		return fail
	}
	return rsp("Y")
}

// addRefund refunds amount of trade t now under out_request_no reqNo and
// notifies after RefundDelay, or answers Alipay's refusal; f.mu is held.
func (f *AlipayFake) addRefund(t *alipayTrade, reqNo string, amount int64) map[string]any {
	if t.paidAt.IsZero() {
		return bizFail("ACQ.TRADE_STATUS_ERROR", "交易状态不合法: "+t.info.State)
	}
	if t.refundedFen+amount > t.info.AmountFen {
		return bizFail("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限: refunds would exceed the trade's total")
	}
	r := &alipayRefund{outRequestNo: reqNo, amountFen: amount, at: time.Now()}
	t.refunds[reqNo] = r
	t.refundOrder = append(t.refundOrder, reqNo)
	t.refundedFen += amount
	if t.refundedFen == t.info.AmountFen {
		t.info.State = "TRADE_CLOSED"
	}
	values := f.refundNotifyValues(t, r, t.refundedFen)
	no, notifyURL := t.info.OutTradeNo, t.notifyURL
	f.later.after(f.opts.RefundDelay, func() { f.notify(no, notifyURL, values) })
	return nil
}

// ConsoleRefund refunds amountFen of a paid trade as the merchant console
// (商家中心) does, without a refund request from the merchant's server: a
// refund number of Alipay's making, the money back at once, and the refund
// notification (refund_fee the trade's refunded total, TRADE_CLOSED once
// all is refunded) after RefundDelay. It returns the refund number
// (out_biz_no in the notification).
func (f *AlipayFake) ConsoleRefund(outTradeNo string, amountFen int64) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.trades[outTradeNo]
	if t == nil {
		return "", fmt.Errorf("paysim alipay: no trade %q", outTradeNo)
	}
	reqNo := "HZ" + aliRandDigits(24)
	if fail := f.addRefund(t, reqNo, amountFen); fail != nil {
		return "", fmt.Errorf("paysim alipay: console refund of %s: %v", outTradeNo, fail)
	}
	return reqNo, nil
}

// refundQuery answers REFUND_SUCCESS for a known refund; for an unknown
// one Alipay answers success without refund_status.
func (f *AlipayFake) refundQuery(c *aliCall) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.lookup(c)
	if t == nil {
		return aliNotExist
	}
	reqNo := c.str("out_request_no")
	rsp := map[string]any{"out_trade_no": t.info.OutTradeNo, "trade_no": t.tradeNo, "out_request_no": reqNo}
	if r := t.refunds[reqNo]; r != nil {
		rsp["total_amount"] = payment.FormatYuan(t.info.AmountFen)
		rsp["refund_amount"] = payment.FormatYuan(r.amountFen)
		rsp["refund_status"] = "REFUND_SUCCESS"
		rsp["gmt_refund_pay"] = r.at.In(payment.Shanghai).Format(aliTimeFormat)
	}
	return rsp
}
