package payment

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/smartwalle/alipay/v3"
)

// alipayOutcome is a call's error, from the transport error err and the
// reply's business status (nil without a reply): ErrTradeNotFound for a trade Alipay never saw, ErrProvider for
// other refusals, nil on success.
func alipayOutcome(what string, err error, biz *alipay.Error) error {
	switch {
	case err != nil || biz == nil:
		if alipaySubCode(err) == alipayTradeNotExist {
			return fmt.Errorf("alipay %s: %w", what, ErrTradeNotFound)
		}
		return alipayErr(what, err)
	case !biz.IsSuccess():
		if biz.SubCode == alipayTradeNotExist {
			return fmt.Errorf("alipay %s: %w", what, ErrTradeNotFound)
		}
		return alipayBizErr(what, *biz)
	}
	return nil
}

// Alipay sub codes that mean something to us.
const (
	alipayTradeNotExist = "ACQ.TRADE_NOT_EXIST"
)

// QueryTrade asks Alipay for a trade. ErrTradeNotFound when Alipay never
// saw it: a wap-pay trade exists only once the payer opened the page, and
// at the real Alipay a precreated one only once its QR code was scanned
// (the fake knows it at once).
func (g *AlipayGateway) QueryTrade(ctx context.Context, outTradeNo string) (*Trade, error) {
	what := "trade query " + outTradeNo
	rsp, err := g.client.TradeQuery(ctx, alipay.TradeQuery{OutTradeNo: outTradeNo})
	var biz *alipay.Error
	if rsp != nil {
		biz = &rsp.Error
	}
	if err := alipayOutcome(what, err, biz); err != nil {
		return nil, err
	}
	amount, err := ParseYuan(rsp.TotalAmount)
	if err != nil {
		return nil, fmt.Errorf("alipay %s: total_amount: %w", what, err)
	}
	t := &Trade{
		Provider:      Alipay,
		OutTradeNo:    rsp.OutTradeNo,
		TransactionID: rsp.TradeNo,
		// A closed trade with a payment date was paid, then fully refunded.
		State:         alipayTradeState(rsp.TradeStatus, rsp.SendPayDate != ""),
		ProviderState: string(rsp.TradeStatus),
		AmountFen:     amount,
		PaidAt:        parseAlipayTime(rsp.SendPayDate),
		AppID:         g.cfg.AppID,
		MerchantID:    g.cfg.SellerID,
		PayerID:       firstNonEmpty(rsp.BuyerOpenId, rsp.BuyerUserId),
	}
	if t.OutTradeNo == "" {
		t.OutTradeNo = outTradeNo
	}
	return t, nil
}

// alipayTradeState normalises trade_status. TRADE_CLOSED means closed
// unpaid, or fully refunded; refunded tells which when known.
func alipayTradeState(s alipay.TradeStatus, refunded bool) TradeState {
	switch s {
	case alipay.TradeStatusSuccess, alipay.TradeStatusFinished:
		return TradePaid
	case alipay.TradeStatusClosed:
		if refunded {
			return TradeRefunded
		}
		return TradeClosed
	}
	return TradeNotPaid
}

// CloseTrade closes an unpaid trade. A trade Alipay never saw (the payer
// never opened it) cannot be paid either, so that is success.
func (g *AlipayGateway) CloseTrade(ctx context.Context, outTradeNo string) error {
	what := "trade close " + outTradeNo
	rsp, err := g.client.TradeClose(ctx, alipay.TradeClose{OutTradeNo: outTradeNo})
	var biz *alipay.Error
	if rsp != nil {
		biz = &rsp.Error
	}
	if err := alipayOutcome(what, err, biz); !errors.Is(err, ErrTradeNotFound) {
		return err
	}
	return nil
}

// Refund refunds through the original trade; OutRefundNo is Alipay's
// out_request_no, so asking again asks about the same refund. Alipay
// refunds synchronously: fund_change "Y" means the money moved now;
// otherwise (e.g. a repeated request) the refund query decides.
func (g *AlipayGateway) Refund(ctx context.Context, req RefundRequest) (*Refund, error) {
	what := fmt.Sprintf("refund %s/%s", req.OutTradeNo, req.OutRefundNo)
	if req.OutTradeNo == "" || req.OutRefundNo == "" || req.AmountFen <= 0 {
		return nil, fmt.Errorf("alipay %s: out_trade_no, out_refund_no and a positive amount are required", what)
	}
	rsp, err := g.client.TradeRefund(ctx, alipay.TradeRefund{
		OutTradeNo:   req.OutTradeNo,
		RefundAmount: FormatYuan(req.AmountFen),
		RefundReason: req.Reason,
		OutRequestNo: req.OutRefundNo,
	})
	if err != nil || rsp == nil {
		return nil, alipayErr(what, err)
	}
	if !rsp.IsSuccess() {
		return nil, alipayBizErr(what, rsp.Error)
	}
	if rsp.FundChange == "Y" {
		return &Refund{
			Provider:      Alipay,
			OutTradeNo:    req.OutTradeNo,
			OutRefundNo:   req.OutRefundNo,
			RefundID:      req.OutRefundNo, // Alipay has no refund id of its own
			TransactionID: rsp.TradeNo,
			State:         RefundSucceeded,
			ProviderState: "fund_change=Y",
			AmountFen:     req.AmountFen,
			SucceededAt:   time.Now().In(Shanghai), // the response has no refund time
		}, nil
	}
	r, err := g.QueryRefund(ctx, req.OutTradeNo, req.OutRefundNo)
	if err != nil {
		return nil, err
	}
	if r.AmountFen == 0 {
		r.AmountFen = req.AmountFen
	}
	return r, nil
}

// QueryRefund asks for a refund by out_request_no. Alipay answers
// REFUND_SUCCESS or nothing; nothing means not (yet) refunded, reported as
// processing: the caller asks again, and an unknown refund stays that way.
func (g *AlipayGateway) QueryRefund(ctx context.Context, outTradeNo, outRefundNo string) (*Refund, error) {
	what := fmt.Sprintf("refund query %s/%s", outTradeNo, outRefundNo)
	rsp, err := g.client.TradeFastPayRefundQuery(ctx, alipay.TradeFastPayRefundQuery{OutTradeNo: outTradeNo, OutRequestNo: outRefundNo})
	var biz *alipay.Error
	if rsp != nil {
		biz = &rsp.Error
	}
	if err := alipayOutcome(what, err, biz); err != nil {
		return nil, err
	}
	r := &Refund{
		Provider:      Alipay,
		OutTradeNo:    outTradeNo,
		OutRefundNo:   outRefundNo,
		RefundID:      outRefundNo,
		TransactionID: rsp.TradeNo,
		State:         RefundProcessing,
		ProviderState: rsp.RefundStatus,
	}
	if rsp.RefundAmount != "" {
		if r.AmountFen, err = ParseYuan(rsp.RefundAmount); err != nil {
			return nil, fmt.Errorf("alipay %s: refund_amount: %w", what, err)
		}
	}
	if rsp.RefundStatus == "REFUND_SUCCESS" {
		r.State = RefundSucceeded
		r.SucceededAt = parseAlipayTime(rsp.GMTRefundPay)
	}
	return r, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
