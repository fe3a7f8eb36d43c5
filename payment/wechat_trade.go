package payment

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/jsapi"
	"github.com/wechatpay-apiv3/wechatpay-go/services/refunddomestic"
)

// QueryTrade asks WeChat Pay for a trade by our order number. The query
// and close endpoints are shared by JSAPI, Native and H5 trades, so the
// JSAPI service serves all three. ErrTradeNotFound when WeChat has never
// seen it.
func (g *WechatGateway) QueryTrade(ctx context.Context, outTradeNo string) (*Trade, error) {
	svc := jsapi.JsapiApiService{Client: g.client}
	tx, _, err := svc.QueryOrderByOutTradeNo(ctx, jsapi.QueryOrderByOutTradeNoRequest{
		OutTradeNo: core.String(outTradeNo), Mchid: core.String(g.cfg.MchID),
	})
	if err != nil {
		var ae *core.APIError
		if errors.As(err, &ae) && (ae.Code == "ORDER_NOT_EXIST" || ae.StatusCode == http.StatusNotFound) {
			return nil, fmt.Errorf("wechat pay query %s: %w", outTradeNo, ErrTradeNotFound)
		}
		return nil, wxAPIError("query "+outTradeNo, err)
	}
	return wechatTrade(tx), nil
}

// CloseTrade closes an unpaid trade. Closing a paid trade is refused by
// WeChat (ErrProvider).
func (g *WechatGateway) CloseTrade(ctx context.Context, outTradeNo string) error {
	svc := jsapi.JsapiApiService{Client: g.client}
	if _, err := svc.CloseOrder(ctx, jsapi.CloseOrderRequest{
		OutTradeNo: core.String(outTradeNo), Mchid: core.String(g.cfg.MchID),
	}); err != nil {
		return wxAPIError("close "+outTradeNo, err)
	}
	return nil
}

// Refund asks for a refund; WeChat usually answers PROCESSING and tells
// the final state by notification (or QueryRefund). Refusals (amount too
// large, trade not paid…) wrap ErrProvider.
func (g *WechatGateway) Refund(ctx context.Context, req RefundRequest) (*Refund, error) {
	if req.AmountFen <= 0 || req.TotalFen <= 0 || req.AmountFen > req.TotalFen {
		return nil, fmt.Errorf("wechat pay refund %s: amount %d of total %d fen is not valid", req.OutRefundNo, req.AmountFen, req.TotalFen)
	}
	create := refunddomestic.CreateRequest{
		OutTradeNo:  core.String(req.OutTradeNo),
		OutRefundNo: core.String(req.OutRefundNo),
		NotifyUrl:   core.String(g.cfg.NotifyURL),
		Amount: &refunddomestic.AmountReq{
			Refund: core.Int64(req.AmountFen), Total: core.Int64(req.TotalFen), Currency: core.String("CNY"),
		},
	}
	if req.Reason != "" {
		create.Reason = core.String(req.Reason)
	}
	svc := refunddomestic.RefundsApiService{Client: g.client}
	r, _, err := svc.Create(ctx, create)
	if err != nil {
		return nil, wxAPIError("refund "+req.OutRefundNo, err)
	}
	return wechatRefund(r), nil
}

// QueryRefund asks for a refund by our refund number.
func (g *WechatGateway) QueryRefund(ctx context.Context, outTradeNo, outRefundNo string) (*Refund, error) {
	svc := refunddomestic.RefundsApiService{Client: g.client}
	r, _, err := svc.QueryByOutRefundNo(ctx, refunddomestic.QueryByOutRefundNoRequest{OutRefundNo: core.String(outRefundNo)})
	if err != nil {
		return nil, wxAPIError("query refund "+outRefundNo, err)
	}
	out := wechatRefund(r)
	if out.OutTradeNo == "" {
		out.OutTradeNo = outTradeNo
	}
	return out, nil
}

func wechatTrade(tx *payments.Transaction) *Trade {
	t := &Trade{
		Provider:      Wechat,
		OutTradeNo:    wxStr(tx.OutTradeNo),
		TransactionID: wxStr(tx.TransactionId),
		ProviderState: wxStr(tx.TradeState),
		State:         wechatTradeState(wxStr(tx.TradeState)),
		AppID:         wxStr(tx.Appid),
		MerchantID:    wxStr(tx.Mchid),
	}
	if tx.Amount != nil {
		t.AmountFen = wxI64(tx.Amount.Total)
	}
	if tx.Payer != nil {
		t.PayerID = wxStr(tx.Payer.Openid)
	}
	if s := wxStr(tx.SuccessTime); s != "" {
		if at, err := time.Parse(time.RFC3339, s); err == nil {
			t.PaidAt = at
		}
	}
	return t
}

// wechatTradeState maps trade_state. Unknown words count as not paid: only
// SUCCESS may ever credit.
func wechatTradeState(s string) TradeState {
	switch s {
	case "SUCCESS":
		return TradePaid
	case "CLOSED", "REVOKED", "PAYERROR":
		return TradeClosed
	case "REFUND":
		return TradeRefunded
	default: // NOTPAY, USERPAYING
		return TradeNotPaid
	}
}

func wechatRefundState(s string) RefundState {
	switch s {
	case "SUCCESS":
		return RefundSucceeded
	case "CLOSED", "ABNORMAL":
		return RefundFailed
	default: // PROCESSING
		return RefundProcessing
	}
}

func wechatRefund(r *refunddomestic.Refund) *Refund {
	out := &Refund{
		Provider:      Wechat,
		OutTradeNo:    wxStr(r.OutTradeNo),
		OutRefundNo:   wxStr(r.OutRefundNo),
		RefundID:      wxStr(r.RefundId),
		TransactionID: wxStr(r.TransactionId),
	}
	if r.Status != nil {
		out.ProviderState = string(*r.Status)
		out.State = wechatRefundState(out.ProviderState)
	} else {
		out.State = RefundProcessing
	}
	if r.Amount != nil {
		out.AmountFen = wxI64(r.Amount.Refund)
	}
	if r.SuccessTime != nil {
		out.SucceededAt = *r.SuccessTime
	}
	return out
}
