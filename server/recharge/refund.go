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
		if _, _, serr := s.store.SettleRefund(context.WithoutCancel(ctx), postgres.RefundNotice{OutRefundNo: r.OutRefundNo}); serr != nil {
			return nil, serr
		}
		return nil, voltpay.Errorf(voltpay.EINVALID, "%s refused the refund: %v", channelName(o.Channel), err)
	case err != nil:
		// Unknown: it may have been made. The reconciler asks again.
		s.log.Warn("recharge: refund request unanswered; the reconciler will ask", "refund", r.OutRefundNo, "err", err)
		return r, nil
	}
	if err := s.settleRefund(ctx, o.Channel, got, func(outcome, detail string) {}); err != nil {
		return nil, err
	}
	return s.store.FindRefund(ctx, r.ID)
}

// settleRefund applies a provider's account of a refund when it is final.
func (s *Service) settleRefund(ctx context.Context, channel string, rf *payment.Refund, logged func(outcome, detail string)) error {
	if rf.State == payment.RefundProcessing {
		logged("ignored", "refund still processing")
		return nil
	}
	r, outcome, err := s.store.SettleRefund(ctx, postgres.RefundNotice{OutRefundNo: rf.OutRefundNo, RefundID: rf.RefundID,
		Succeeded: rf.State == payment.RefundSucceeded, At: rf.SucceededAt})
	if voltpay.ErrorCode(err) == voltpay.ENOTFOUND {
		s.log.Warn("recharge: refund notification for a refund we did not ask for", "channel", channel, "refund", rf.OutRefundNo)
		logged(postgres.OutcomeFlagged, "unknown refund "+rf.OutRefundNo)
		return nil
	}
	if err != nil {
		return err
	}
	s.log.Info("recharge: refund settled", "refund", r.OutRefundNo, "state", r.State, "outcome", outcome)
	logged(outcome, string(rf.State))
	return nil
}
