package recharge

import (
	"context"
	"errors"
	"net/http"

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
// own failure (the database) is a 500 so that the provider retries.
func (s *Service) Webhook(channel string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gw := s.gateways[channel]
		if gw == nil {
			http.Error(w, s.unavailable(channel), http.StatusNotFound)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			gw.Reject(w, http.StatusMethodNotAllowed, "POST only")
			return
		}
		ctx := r.Context()
		n, err := gw.ParseNotification(ctx, r)
		if err != nil {
			s.log.Warn("recharge: notification rejected", "channel", channel, "remote", r.RemoteAddr, "err", err)
			s.logNotification(r, channel, "", "rejected", err.Error())
			status := http.StatusBadRequest
			if errors.Is(err, payment.ErrUnverified) {
				status = http.StatusUnauthorized
			}
			gw.Reject(w, status, "notification not verified")
			return
		}
		if err := s.handle(r, channel, n); err != nil {
			s.log.Error("recharge: notification not handled; the provider will retry", "channel", channel, "err", err)
			gw.Reject(w, http.StatusInternalServerError, "temporarily unable to process; retry")
			return
		}
		gw.Ack(w)
	})
}

// handle applies one verified notification; an error means "retry".
func (s *Service) handle(r *http.Request, channel string, n *payment.Notification) error {
	ctx := r.Context()
	switch {
	case n.Foreign != "":
		no := ""
		if n.Trade != nil {
			no = n.Trade.OutTradeNo
		}
		s.log.Warn("recharge: authentic notification for another merchant or app; not credited", "channel", channel,
			"order", no, "why", n.Foreign)
		s.logNotification(r, channel, no, postgres.OutcomeFlagged, n.Foreign)
		return nil
	case n.Refund != nil:
		// A refund notification never credits: it only settles our refund.
		return s.settleRefund(ctx, channel, n.Refund, func(outcome, detail string) {
			s.logNotification(r, channel, n.Refund.OutTradeNo, outcome, detail)
		})
	case n.Trade != nil && n.Trade.State == payment.TradePaid:
		res, err := s.settlePaid(ctx, n.Trade)
		if err != nil {
			return err
		}
		s.logNotification(r, channel, n.Trade.OutTradeNo, res.Outcome, res.Problem)
		return nil
	case n.Trade != nil:
		s.logNotification(r, channel, n.Trade.OutTradeNo, "ignored", "trade state "+n.Trade.ProviderState)
		return nil
	}
	s.logNotification(r, channel, "", "ignored", "neither a trade nor a refund")
	return nil
}

// settlePaid credits a trade the provider says is paid (notification or
// query) and logs what it did.
func (s *Service) settlePaid(ctx context.Context, t *payment.Trade) (*postgres.PayResult, error) {
	res, err := s.store.MarkPaid(ctx, postgres.PaidNotice{Channel: t.Provider, OutTradeNo: t.OutTradeNo,
		TransactionID: t.TransactionID, AmountFen: voltpay.Fen(t.AmountFen), PaidAt: t.PaidAt, PayerID: t.PayerID})
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
