package recharge

import (
	"context"
	"errors"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// RefundOrder refunds part or all of a paid order through its channel.
// The refund is recorded (processing) before the provider is asked; the
// ledger moves only when the provider says the refund is final and
// succeeded (at once, by its notification, or when the reconciler asks).
// The same idempotency key asks about the same refund. Errors:
// INVALID_INPUT, NOT_FOUND, CONFLICT, INSUFFICIENT_BALANCE, UNAVAILABLE.
func (s *Service) RefundOrder(ctx context.Context, in voltpay.OrderRefundInput) (*voltpay.OrderRefund, error) {
	if len(in.Reason) > 200 {
		return nil, voltpay.Invalid("reason", "the reason is at most 200 characters")
	}
	r, o, _, err := s.store.InsertRefund(ctx, in)
	if err != nil {
		return nil, err
	}
	if r.State != voltpay.RefundProcessing {
		return r, nil
	}
	gw, err := s.gateway(o.Channel)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, payment.DefaultTimeout)
	defer cancel()
	got, err := gw.Refund(pctx, payment.RefundRequest{OutTradeNo: o.OutTradeNo, OutRefundNo: r.OutRefundNo,
		AmountFen: int64(r.AmountFen), TotalFen: int64(o.AmountFen), Reason: r.Reason})
	switch {
	case errors.Is(err, payment.ErrProvider):
		// A refusal is final: nothing went back.
		if _, serr := s.store.SettleRefund(context.WithoutCancel(ctx), postgres.RefundNotice{OutRefundNo: r.OutRefundNo}); serr != nil {
			return nil, serr
		}
		return nil, voltpay.Errorf(voltpay.EINVALID, "%s refused the refund: %v", channelName(o.Channel), err)
	case err != nil:
		// Unknown: it may have been made. The reconciler asks again.
		s.log.Warn("recharge: refund request unanswered; the reconciler will ask", "refund", r.OutRefundNo, "err", err)
		return r, nil
	}
	if _, err := s.settleRefund(ctx, o.Channel, got, nil); err != nil {
		return nil, err
	}
	return s.store.FindRefund(ctx, r.ID)
}

// settleRefund applies a provider's account of a refund when it is final:
// ours, or one made at the provider (postgres.RechargeStore.SettleRefund).
// log, when set, is written with the outcome in the settling transaction.
func (s *Service) settleRefund(ctx context.Context, channel string, rf *payment.Refund, log *postgres.NoticeLog) (*postgres.RefundResult, error) {
	if rf.State == payment.RefundProcessing {
		if log != nil {
			if err := s.store.LogNotification(ctx, log.Channel, rf.OutTradeNo, postgres.OutcomeIgnored, "refund still processing", log.Remote); err != nil {
				return nil, err
			}
		}
		return &postgres.RefundResult{Outcome: postgres.OutcomeIgnored}, nil
	}
	res, err := s.store.SettleRefund(ctx, postgres.RefundNotice{OutRefundNo: rf.OutRefundNo, RefundID: rf.RefundID,
		Succeeded: rf.State == payment.RefundSucceeded, At: rf.SucceededAt,
		Channel: channel, OutTradeNo: rf.OutTradeNo, TransactionID: rf.TransactionID, AmountFen: voltpay.Fen(rf.AmountFen),
		Cumulative: rf.Cumulative, TradeFen: voltpay.Fen(rf.TradeFen), PaidAt: rf.PaidAt, Log: log})
	if err != nil {
		return nil, err
	}
	switch res.Outcome {
	case postgres.OutcomeFlagged:
		s.log.Warn("recharge: refund not recorded; finance must act", "channel", channel, "order", rf.OutTradeNo,
			"refund", rf.OutRefundNo, "problem", res.Detail)
	case postgres.OutcomeRefunded:
		s.log.Info("recharge: refund settled", "channel", channel, "order", rf.OutTradeNo, "refund", rf.OutRefundNo,
			"detail", res.Detail, "sale_posted", res.Sale != nil, "closes", len(res.Closes))
	}
	return res, nil
}
