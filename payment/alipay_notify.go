package payment

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/smartwalle/alipay/v3"
)

// maxNotifyBody bounds a notification's form; Alipay's are a few KB.
const maxNotifyBody = 64 << 10

// ParseNotification verifies an Alipay notification (an RSA2 signature
// over the form) and decodes it. notify_time is not checked: Alipay
// retries for about 25 h and the signature is the control.
//
// A notification carrying refund_fee or out_biz_no reports a refund and
// becomes Notification.Refund, never a Trade, so that it cannot credit.
// Its AmountFen is refund_fee, which Alipay defines as the total refunded
// on the trade so far (cumulative over all its refunds), not the amount of
// this one refund; OutRefundNo is out_biz_no (our out_request_no).
//
// Errors wrap ErrUnverified when the signature does not verify.
func (g *AlipayGateway) ParseNotification(ctx context.Context, r *http.Request) (*Notification, error) {
	if r.Body != nil {
		r.Body = http.MaxBytesReader(nil, r.Body, maxNotifyBody)
	}
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("alipay notification: %w: unreadable form (%v)", ErrUnverified, err)
	}
	// PostForm, not Form: query parameters on the notify URL are not signed.
	form := r.PostForm
	if form.Get("sign") == "" {
		return nil, fmt.Errorf("alipay notification: %w: no sign field", ErrUnverified)
	}
	form, err := g.alipayCertGuard(form)
	if err != nil {
		return nil, err
	}
	n, err := g.client.DecodeNotification(ctx, form)
	if err != nil {
		reason := "bad signature"
		if errors.Is(err, alipay.ErrAliPublicKeyNotFound) {
			reason = "unknown alipay_cert_sn"
		}
		return nil, fmt.Errorf("alipay notification %s: %w: %s", form.Get("out_trade_no"), ErrUnverified, reason)
	}
	out := &Notification{Provider: Alipay, ID: n.NotifyId}
	switch {
	case n.AppId != g.cfg.AppID:
		out.Foreign = fmt.Sprintf("app_id %s is not ours (%s)", n.AppId, g.cfg.AppID)
	case g.cfg.SellerID != "" && n.SellerId != g.cfg.SellerID:
		out.Foreign = fmt.Sprintf("seller_id %s is not ours (%s)", n.SellerId, g.cfg.SellerID)
	}
	what := "alipay notification " + n.OutTradeNo
	if n.RefundFee != "" || n.OutBizNo != "" {
		rf := &Refund{
			Provider:      Alipay,
			OutTradeNo:    n.OutTradeNo,
			OutRefundNo:   n.OutBizNo,
			RefundID:      n.OutBizNo,
			TransactionID: n.TradeNo,
			State:         RefundSucceeded,
			ProviderState: "refund:" + string(n.TradeStatus),
			SucceededAt:   parseAlipayTime(n.GmtRefund),
			Cumulative:    true,
			PaidAt:        parseAlipayTime(n.GmtPayment),
		}
		if n.RefundFee != "" {
			if rf.AmountFen, err = ParseYuan(n.RefundFee); err != nil {
				return nil, fmt.Errorf("%s: refund_fee: %w", what, err)
			}
		}
		if n.TotalAmount != "" {
			if rf.TradeFen, err = ParseYuan(n.TotalAmount); err != nil {
				return nil, fmt.Errorf("%s: total_amount: %w", what, err)
			}
		}
		out.Refund = rf
		return out, nil
	}
	amount, err := ParseYuan(n.TotalAmount)
	if err != nil {
		return nil, fmt.Errorf("%s: total_amount: %w", what, err)
	}
	out.Trade = &Trade{
		Provider:      Alipay,
		OutTradeNo:    n.OutTradeNo,
		TransactionID: n.TradeNo,
		State:         alipayTradeState(n.TradeStatus, false),
		ProviderState: string(n.TradeStatus),
		AmountFen:     amount,
		PaidAt:        parseAlipayTime(n.GmtPayment),
		AppID:         n.AppId,
		MerchantID:    n.SellerId,
		PayerID:       strings.TrimSpace(firstNonEmpty(n.BuyerOpenId, n.BuyerId)),
	}
	return out, nil
}

// alipayCertGuard keeps an unauthenticated notification from making the
// library fetch a certificate: for an alipay_cert_sn it does not know, the
// library (in production mode) calls Alipay's cert download on the spot,
// once per request, whoever sent it. In public-key mode the field means
// nothing and is dropped (the signature does not cover it); in certificate
// mode only the configured certificate's SN is accepted.
func (g *AlipayGateway) alipayCertGuard(form url.Values) (url.Values, error) {
	sn := form.Get("alipay_cert_sn")
	switch {
	case sn == "" || sn == g.certSN:
		return form, nil
	case g.certSN == "":
		out := url.Values{}
		for k, v := range form {
			if k != "alipay_cert_sn" {
				out[k] = v
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("alipay notification %s: %w: alipay_cert_sn %s is not the configured Alipay certificate's (%s); if Alipay rotated its certificate, install the new one (VOLTPAY_ALIPAY_CERT_FILE)",
		form.Get("out_trade_no"), ErrUnverified, sn, g.certSN)
}
