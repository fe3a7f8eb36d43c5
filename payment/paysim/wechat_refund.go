package paysim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/voltpay/voltpay/payment"
)

type wxRefundReq struct {
	TransactionID string `json:"transaction_id,omitempty"`
	OutTradeNo    string `json:"out_trade_no,omitempty"`
	OutRefundNo   string `json:"out_refund_no"`
	Reason        string `json:"reason,omitempty"`
	NotifyURL     string `json:"notify_url,omitempty"`
	Amount        *struct {
		Refund   int64  `json:"refund"`
		Total    int64  `json:"total"`
		Currency string `json:"currency"`
	} `json:"amount"`
}

// createRefund accepts a refund as PROCESSING and settles it after
// RefundDelay with RefundOutcome, then notifies.
func (f *WechatFake) createRefund(w http.ResponseWriter, r *http.Request) {
	var req wxRefundReq
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "请求体不是合法的JSON")
		return
	}
	if req.OutRefundNo == "" || req.Amount == nil || req.Amount.Refund <= 0 || req.Amount.Total <= 0 || req.Amount.Currency != "CNY" {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "out_refund_no、amount.refund、amount.total、amount.currency(CNY) 必填且金额大于0")
		return
	}
	status, resp := f.refund(&req)
	f.reply(w, status, resp)
}

// refund applies a refund request under the lock and returns the answer.
func (f *WechatFake) refund(req *wxRefundReq) (int, any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	errBody := func(code, msg string) map[string]string { return map[string]string{"code": code, "message": msg} }
	if rf := f.refunds[req.OutRefundNo]; rf != nil {
		// Asking again with the same out_refund_no asks about the same refund.
		return http.StatusOK, f.refundJSON(rf)
	}
	var t *wxTrade
	if req.OutTradeNo != "" {
		t = f.trades[req.OutTradeNo]
	} else {
		for _, c := range f.trades {
			if c.TransactionID != "" && c.TransactionID == req.TransactionID {
				t = c
			}
		}
	}
	switch {
	case t == nil:
		return http.StatusNotFound, errBody("RESOURCE_NOT_EXISTS", "订单不存在")
	case t.State != "SUCCESS" && t.State != "REFUND":
		return http.StatusBadRequest, errBody("INVALID_REQUEST", "订单未支付，不能退款")
	case req.Amount.Total != t.Amount:
		return http.StatusBadRequest, errBody("PARAM_ERROR", "订单金额与原订单金额不一致")
	case req.Amount.Refund > t.Amount-t.Refunded:
		return http.StatusBadRequest, errBody("NOT_ENOUGH", "申请退款金额超过订单可退金额")
	}
	rf := &wxRefund{
		OutRefundNo: req.OutRefundNo, OutTradeNo: t.OutTradeNo, TransactionID: t.TransactionID,
		RefundID: "50" + wxRandDigits(27), NotifyURL: req.NotifyURL, Reason: req.Reason,
		Amount: req.Amount.Refund, Total: t.Amount, Status: "PROCESSING", CreatedAt: time.Now(),
	}
	if rf.NotifyURL == "" {
		rf.NotifyURL = t.NotifyURL
	}
	t.Refunded += rf.Amount
	f.refunds[rf.OutRefundNo] = rf
	f.later.after(f.opts.RefundDelay, func() { f.settleRefund(rf.OutRefundNo) })
	return http.StatusOK, f.refundJSON(rf)
}

// ConsoleRefund refunds amountFen of a paid trade as the merchant console
// does, without a refund request from the merchant's server: the refund
// gets an out_refund_no of WeChat's making, settles after RefundDelay and
// is told by a REFUND.* notification to the trade's notify_url, like any
// other. It returns the out_refund_no.
func (f *WechatFake) ConsoleRefund(outTradeNo string, amountFen int64) (string, error) {
	f.mu.Lock()
	t := f.trades[outTradeNo]
	var total int64
	if t != nil {
		total = t.Amount
	}
	f.mu.Unlock()
	if t == nil {
		return "", fmt.Errorf("paysim wechat: no trade %q", outTradeNo)
	}
	no := "50" + wxRandDigits(30)
	req := &wxRefundReq{OutTradeNo: outTradeNo, OutRefundNo: no, Reason: "商户后台退款"}
	req.Amount = &struct {
		Refund   int64  `json:"refund"`
		Total    int64  `json:"total"`
		Currency string `json:"currency"`
	}{Refund: amountFen, Total: total, Currency: "CNY"}
	if status, resp := f.refund(req); status != http.StatusOK {
		return "", fmt.Errorf("paysim wechat: console refund of %s: %v", outTradeNo, resp)
	}
	return no, nil
}

// settleRefund gives a refund its final state and notifies the merchant.
func (f *WechatFake) settleRefund(outRefundNo string) {
	f.mu.Lock()
	rf := f.refunds[outRefundNo]
	if f.later.isStopped() || rf == nil || rf.Status != "PROCESSING" {
		f.mu.Unlock()
		return
	}
	rf.Status = f.opts.RefundOutcome
	t := f.trades[rf.OutTradeNo]
	if rf.Status == "SUCCESS" {
		rf.SuccessAt = time.Now()
		t.State = "REFUND"
	} else {
		t.Refunded -= rf.Amount
	}
	plain := f.refundNotice(rf)
	notifyURL := rf.NotifyURL
	f.mu.Unlock()
	f.send(notifyURL, "REFUND."+rf.Status, "refund", plain)
}

func (f *WechatFake) queryRefund(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	rf := f.refunds[r.PathValue("no")]
	var body map[string]any
	if rf != nil {
		body = f.refundJSON(rf)
	}
	f.mu.Unlock()
	if rf == nil {
		f.fail(w, http.StatusNotFound, "RESOURCE_NOT_EXISTS", "退款单不存在")
		return
	}
	f.reply(w, http.StatusOK, body)
}

// refundJSON is a refund as refunddomestic.Refund JSON.
func (f *WechatFake) refundJSON(rf *wxRefund) map[string]any {
	m := map[string]any{
		"refund_id": rf.RefundID, "out_refund_no": rf.OutRefundNo, "transaction_id": rf.TransactionID,
		"out_trade_no": rf.OutTradeNo, "channel": "ORIGINAL", "user_received_account": "支付用户零钱",
		"create_time": rf.CreatedAt.In(payment.Shanghai).Format(time.RFC3339), "status": rf.Status,
		"funds_account": "AVAILABLE",
		"amount": map[string]any{
			"total": rf.Total, "refund": rf.Amount, "payer_total": rf.Total, "payer_refund": rf.Amount,
			"settlement_refund": rf.Amount, "settlement_total": rf.Total, "discount_refund": 0, "currency": "CNY",
		},
	}
	if !rf.SuccessAt.IsZero() {
		m["success_time"] = rf.SuccessAt.In(payment.Shanghai).Format(time.RFC3339)
	}
	return m
}

// refundNotice is the plaintext of a REFUND.* notification.
func (f *WechatFake) refundNotice(rf *wxRefund) map[string]any {
	m := map[string]any{
		"mchid": f.opts.MchID, "out_trade_no": rf.OutTradeNo, "transaction_id": rf.TransactionID,
		"out_refund_no": rf.OutRefundNo, "refund_id": rf.RefundID, "refund_status": rf.Status,
		"user_received_account": "支付用户零钱",
		"amount":                map[string]any{"total": rf.Total, "refund": rf.Amount, "payer_total": rf.Total, "payer_refund": rf.Amount},
	}
	if !rf.SuccessAt.IsZero() {
		m["success_time"] = rf.SuccessAt.In(payment.Shanghai).Format(time.RFC3339)
	}
	return m
}
