package recharge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// Webhook returns the notify endpoint of channel. It never talks to a
// meter: crediting and the close command commit in one transaction and
// meterlink sends the command. Answers: a notification that does not
// verify is rejected (the provider retries, a forger learns nothing); an
// authentic one is acknowledged once handled, also when it is a duplicate
// or cannot be credited (flagged for finance: a retry cannot fix it); our
// own failure (the database, a panic) is a 500 in the provider's format so
// that the provider retries.
//
// Every request is logged in payment_notifications, whatever its method,
// content or fate: a credit or refund in the transaction that posts it,
// anything else (refusals, 405, our failures) on its own.
func (s *Service) Webhook(channel string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gw := s.gateways[channel]
		if gw == nil {
			s.logNotification(r, channel, "", postgres.OutcomeRejected, s.unavailable(channel))
			http.Error(w, s.unavailable(channel), http.StatusNotFound)
			return
		}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("recharge: notification handler panicked; the provider will retry", "channel", channel,
					"panic", p, "stack", string(debug.Stack()))
				s.logNotification(r, channel, "", postgres.OutcomeError, fmt.Sprintf("panic: %v", p))
				gw.Reject(w, http.StatusInternalServerError, "temporarily unable to process; retry")
			}
		}()
		if r.Method != http.MethodPost {
			s.logNotification(r, channel, "", postgres.OutcomeRejected, "method "+r.Method+": POST only")
			w.Header().Set("Allow", http.MethodPost)
			gw.Reject(w, http.StatusMethodNotAllowed, "POST only")
			return
		}
		ctx := r.Context()
		n, err := gw.ParseNotification(ctx, r)
		if err != nil {
			s.log.Warn("recharge: notification rejected", "channel", channel, "remote", r.RemoteAddr, "err", err)
			s.logNotification(r, channel, "", postgres.OutcomeRejected, err.Error())
			status := http.StatusBadRequest
			if errors.Is(err, payment.ErrUnverified) {
				status = http.StatusUnauthorized
			}
			gw.Reject(w, status, "notification not verified")
			return
		}
		if err := s.handle(r, channel, n); err != nil {
			s.log.Error("recharge: notification not handled; the provider will retry", "channel", channel, "err", err)
			s.logNotification(r, channel, notificationOrder(n), postgres.OutcomeError, "not handled, the provider will retry: "+err.Error())
			gw.Reject(w, http.StatusInternalServerError, "temporarily unable to process; retry")
			return
		}
		gw.Ack(w)
	})
}

// notificationOrder is the order number a notification names, or "".
func notificationOrder(n *payment.Notification) string {
	switch {
	case n.Trade != nil:
		return n.Trade.OutTradeNo
	case n.Refund != nil:
		return n.Refund.OutTradeNo
	}
	return ""
}

// handle applies one verified notification; an error means "retry".
func (s *Service) handle(r *http.Request, channel string, n *payment.Notification) error {
	ctx := r.Context()
	log := &postgres.NoticeLog{Channel: channel, Remote: r.RemoteAddr}
	switch {
	case n.Foreign != "":
		no := notificationOrder(n)
		s.log.Warn("recharge: authentic notification for another merchant or app; not credited", "channel", channel,
			"order", no, "why", n.Foreign)
		s.logNotification(r, channel, no, postgres.OutcomeFlagged, n.Foreign)
		return nil
	case n.Refund != nil:
		// A refund notification settles our refund, or records one made
		// at the provider (with the sale it implies: SettleRefund).
		_, err := s.settleRefund(ctx, channel, n.Refund, log)
		return err
	case n.Trade != nil && n.Trade.State == payment.TradePaid:
		_, err := s.settlePaid(ctx, n.Trade, log)
		return err
	case n.Trade != nil:
		s.logNotification(r, channel, n.Trade.OutTradeNo, postgres.OutcomeIgnored, "trade state "+n.Trade.ProviderState)
		return nil
	}
	s.logNotification(r, channel, "", postgres.OutcomeIgnored, "neither a trade nor a refund")
	return nil
}

// settlePaid credits a trade the provider says is paid (notification or
// query); log is written with the outcome in the crediting transaction.
func (s *Service) settlePaid(ctx context.Context, t *payment.Trade, log *postgres.NoticeLog) (*postgres.PayResult, error) {
	res, err := s.store.MarkPaid(ctx, postgres.PaidNotice{Channel: t.Provider, OutTradeNo: t.OutTradeNo,
		TransactionID: t.TransactionID, AmountFen: voltpay.Fen(t.AmountFen), PaidAt: t.PaidAt, PayerID: t.PayerID, Log: log})
	if err != nil {
		return nil, err
	}
	switch res.Outcome {
	case postgres.OutcomeCredited:
		s.log.Info("recharge: paid and credited", "order", t.OutTradeNo, "channel", t.Provider, "amount_fen", t.AmountFen,
			"transaction", t.TransactionID, "closes", len(res.Closes))
	case postgres.OutcomeFlagged:
		s.log.Warn("recharge: paid but not credited; finance must act", "order", t.OutTradeNo, "channel", t.Provider,
			"problem", res.Problem)
	}
	if s.Credited != nil {
		s.Credited(res)
	}
	return res, nil
}

func (s *Service) logNotification(r *http.Request, channel, no, outcome, detail string) {
	if err := s.store.LogNotification(context.WithoutCancel(r.Context()), channel, no, outcome, detail, r.RemoteAddr); err != nil {
		s.log.Error("recharge: writing the notification log", "err", err)
	}
}
