package payment

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/services/payments"
)

// wechatRefundNotice is the plaintext of a REFUND.* notification (the SDK
// has no model for it).
type wechatRefundNotice struct {
	MchID         string `json:"mchid"`
	OutTradeNo    string `json:"out_trade_no"`
	TransactionID string `json:"transaction_id"`
	OutRefundNo   string `json:"out_refund_no"`
	RefundID      string `json:"refund_id"`
	RefundStatus  string `json:"refund_status"`
	SuccessTime   string `json:"success_time"`
	Amount        struct {
		Total       int64 `json:"total"`
		Refund      int64 `json:"refund"`
		PayerTotal  int64 `json:"payer_total"`
		PayerRefund int64 `json:"payer_refund"`
	} `json:"amount"`
}

// ParseNotification verifies (signature, timestamp, serial) and decrypts
// one notification with the SDK, then decodes it. Failures of
// authenticity wrap ErrUnverified with a short reason; the SDK's own
// error, which embeds the whole request, is never returned or logged.
// The envelope is checked before the SDK sees it (checkWechatEnvelope).
func (g *WechatGateway) ParseNotification(ctx context.Context, r *http.Request) (*Notification, error) {
	if err := checkWechatEnvelope(r); err != nil {
		g.log.Info("wechat pay: notification rejected", "reason", err.Error(), "remote", r.RemoteAddr)
		return nil, fmt.Errorf("wechat pay notification: %w", err)
	}
	var plain json.RawMessage
	req, err := g.notify.ParseNotifyRequest(ctx, r, &plain)
	if err != nil {
		reason := g.unverifiedReason(r, err)
		g.log.Info("wechat pay: notification rejected", "reason", reason, "remote", r.RemoteAddr)
		return nil, fmt.Errorf("wechat pay notification: %w: %s", ErrUnverified, reason)
	}
	n := &Notification{Provider: Wechat, ID: req.ID}
	body := []byte(req.Resource.Plaintext)
	switch {
	case req.EventType == "TRANSACTION.SUCCESS":
		var tx payments.Transaction
		if err := json.Unmarshal(body, &tx); err != nil {
			return nil, fmt.Errorf("wechat pay notification %s: transaction plaintext is not JSON: %s", req.ID, wxFirstLine(err.Error()))
		}
		n.Trade = wechatTrade(&tx)
		if n.Trade.OutTradeNo == "" {
			return nil, fmt.Errorf("wechat pay notification %s: transaction without out_trade_no", req.ID)
		}
		switch {
		case n.Trade.MerchantID != g.cfg.MchID:
			n.Foreign = fmt.Sprintf("mchid %q, not ours (%s)", n.Trade.MerchantID, g.cfg.MchID)
		case n.Trade.AppID != g.cfg.AppID:
			n.Foreign = fmt.Sprintf("appid %q, not ours (%s)", n.Trade.AppID, g.cfg.AppID)
		}
	case strings.HasPrefix(req.EventType, "REFUND."):
		var rn wechatRefundNotice
		if err := json.Unmarshal(body, &rn); err != nil {
			return nil, fmt.Errorf("wechat pay notification %s: refund plaintext is not JSON: %s", req.ID, wxFirstLine(err.Error()))
		}
		if rn.OutRefundNo == "" {
			return nil, fmt.Errorf("wechat pay notification %s: refund without out_refund_no", req.ID)
		}
		n.Refund = &Refund{
			Provider: Wechat, OutTradeNo: rn.OutTradeNo, OutRefundNo: rn.OutRefundNo, RefundID: rn.RefundID,
			TransactionID: rn.TransactionID, ProviderState: rn.RefundStatus,
			State: wechatRefundState(rn.RefundStatus), AmountFen: rn.Amount.Refund, TradeFen: rn.Amount.Total,
		}
		if at, err := time.Parse(time.RFC3339, rn.SuccessTime); err == nil {
			n.Refund.SucceededAt = at
		}
		if rn.MchID != g.cfg.MchID {
			n.Foreign = fmt.Sprintf("mchid %q, not ours (%s)", rn.MchID, g.cfg.MchID)
		}
	default:
		return nil, fmt.Errorf("wechat pay notification %s: event type %q is not handled", req.ID, req.EventType)
	}
	return n, nil
}

// unverifiedReason names why the SDK refused a notification, from the
// request's headers (the SDK's error text is a dump of the request).
func (g *WechatGateway) unverifiedReason(r *http.Request, sdkErr error) string {
	h := r.Header
	serial, sig := h.Get("Wechatpay-Serial"), h.Get("Wechatpay-Signature")
	ts, nonce := h.Get("Wechatpay-Timestamp"), h.Get("Wechatpay-Nonce")
	switch {
	case serial == "" || sig == "" || ts == "" || nonce == "":
		return "missing Wechatpay-Serial/Signature/Timestamp/Nonce headers"
	case strings.HasPrefix(sig, "WECHATPAY/SIGNTEST/"):
		return "signature probe (WECHATPAY/SIGNTEST)"
	}
	if t := h.Get("Wechatpay-Signature-Type"); t != "" && t != "WECHATPAY2-SHA256-RSA2048" {
		return "unsupported signature type " + strconv.Quote(wxFirstLine(t))
	}
	if sec, err := strconv.ParseInt(ts, 10, 64); err != nil {
		return "bad timestamp"
	} else if math.Abs(float64(time.Now().Unix()-sec)) >= 300 {
		return "stale timestamp (more than 5 minutes off)"
	}
	if !g.serials[serial] {
		return "unknown serial " + strconv.Quote(wxFirstLine(serial))
	}
	msg := sdkErr.Error()
	switch {
	case strings.HasPrefix(msg, "invalid notification"):
		return "bad signature"
	case strings.Contains(msg, "decrypt"):
		return "resource does not decrypt with our APIv3 key"
	case strings.Contains(msg, "algorithm"):
		return "unsupported resource algorithm"
	default:
		return "malformed body"
	}
}

// Ack answers 204: WeChat stops retrying.
func (g *WechatGateway) Ack(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}

// Reject answers with status and WeChat's FAIL body, so that it retries.
func (g *WechatGateway) Reject(w http.ResponseWriter, status int, message string) {
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	body, _ := json.Marshal(map[string]string{"code": "FAIL", "message": message})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
