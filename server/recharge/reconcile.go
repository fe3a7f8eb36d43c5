package recharge

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// ReconcileConfig tunes the reconciler.
type ReconcileConfig struct {
	// Every is how often pending orders and processing refunds are looked
	// at (1 min).
	Every time.Duration
	// PendingAfter is how long an order waits for its notification before
	// the provider is asked (2 min; notifications come in seconds).
	PendingAfter time.Duration
	// Batch bounds one pass (200).
	Batch int
}

func (c ReconcileConfig) withDefaults() ReconcileConfig {
	if c.Every <= 0 {
		c.Every = time.Minute
	}
	if c.PendingAfter <= 0 {
		c.PendingAfter = 2 * time.Minute
	}
	if c.Batch <= 0 {
		c.Batch = 200
	}
	return c
}

// RunReconciler reconciles every cfg.Every until ctx ends.
func (s *Service) RunReconciler(ctx context.Context, cfg ReconcileConfig) error {
	cfg = cfg.withDefaults()
	t := time.NewTicker(cfg.Every)
	defer t.Stop()
	for {
		if _, err := s.Reconcile(ctx, cfg); err != nil && ctx.Err() == nil {
			s.log.Warn("recharge: reconciliation pass failed; next pass retries", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// ReconcileStats counts what one pass did.
type ReconcileStats struct {
	Asked, Credited, Closed, Refunds int
}

// Reconcile asks the providers about orders pending longer than
// cfg.PendingAfter and refunds still processing, and settles them as the
// provider says: a paid trade is credited (the lost notification), a paid
// and refunded one is flagged (its amounts come with the refund
// notification or the bill), an expired one is closed at the provider and
// here, so it can no longer be paid.
func (s *Service) Reconcile(ctx context.Context, cfg ReconcileConfig) (ReconcileStats, error) {
	cfg = cfg.withDefaults()
	var st ReconcileStats
	now := time.Now()
	orders, err := s.store.PendingOrders(ctx, now.Add(-cfg.PendingAfter), cfg.Batch)
	if err != nil {
		return st, err
	}
	for _, o := range orders {
		gw := s.gateways[o.Channel]
		if gw == nil {
			continue
		}
		st.Asked++
		done, err := s.reconcileOrder(ctx, gw, o, now)
		if err != nil {
			s.log.Warn("recharge: could not reconcile order", "order", o.OutTradeNo, "err", err)
			continue
		}
		switch done {
		case voltpay.OrderPaid:
			st.Credited++
		case voltpay.OrderClosed:
			st.Closed++
		}
	}
	refunds, err := s.store.OpenRefunds(ctx, now.Add(-cfg.PendingAfter/2), cfg.Batch)
	if err != nil {
		return st, err
	}
	for _, r := range refunds {
		o, err := s.store.FindOrder(ctx, r.OrderID)
		if err != nil {
			return st, err
		}
		gw := s.gateways[o.Channel]
		if gw == nil {
			continue
		}
		rf, err := gw.QueryRefund(ctx, o.OutTradeNo, r.OutRefundNo)
		if err != nil {
			s.log.Warn("recharge: could not ask about a refund", "refund", r.OutRefundNo, "err", err)
			continue
		}
		if _, err := s.settleRefund(ctx, o.Channel, rf, nil); err != nil {
			return st, err
		}
		if rf.State != payment.RefundProcessing {
			st.Refunds++
		}
	}
	return st, nil
}

// reconcileOrder settles one pending order as its provider says, and
// returns the state it moved to ("" for none).
func (s *Service) reconcileOrder(ctx context.Context, gw payment.Gateway, o *voltpay.RechargeOrder, now time.Time) (string, error) {
	t, err := gw.QueryTrade(ctx, o.OutTradeNo)
	switch {
	case errors.Is(err, payment.ErrTradeNotFound):
		t = &payment.Trade{State: payment.TradeNotPaid}
	case err != nil:
		return "", err
	}
	switch t.State {
	case payment.TradePaid:
		res, err := s.settlePaid(ctx, t, &postgres.NoticeLog{Channel: o.Channel, Remote: "reconciler", Detail: "found by reconciliation"})
		if err != nil {
			return "", err
		}
		if res.Outcome == postgres.OutcomeCredited {
			return voltpay.OrderPaid, nil
		}
		return "", nil
	case payment.TradeRefunded:
		// Paid and refunded at the provider, and we heard of neither. The
		// query does not tell the refunds' amounts, so nothing is credited
		// yet: the refund notification (SettleRefund posts the sale and
		// the refund) or the daily bill (CheckStatement) tells them.
		flag := fmt.Sprintf("%s says the trade was paid and refunded (%s), and neither notification reached us: nothing credited; "+
			"the refund notification or the daily bill will tell the amounts", channelName(o.Channel), t.ProviderState)
		changed, err := s.store.FlagPendingOrder(ctx, o.ID, flag)
		if err != nil || !changed {
			return "", err
		}
		s.log.Warn("recharge: order paid and refunded at the provider; flagged for finance", "order", o.OutTradeNo, "channel", o.Channel)
		return "", s.store.LogNotification(ctx, o.Channel, o.OutTradeNo, postgres.OutcomeFlagged, "found by reconciliation: "+flag, "reconciler")
	case payment.TradeClosed:
		_, err := s.store.CloseOrder(ctx, o.ID, "")
		return voltpay.OrderClosed, err
	}
	if now.Before(o.ExpiresAt) {
		return "", nil // the payer may still pay
	}
	// Expired: close it at the provider first, so it cannot be paid after
	// we closed it (a payment arriving anyway is still credited).
	if err := gw.CloseTrade(ctx, o.OutTradeNo); err != nil && !errors.Is(err, payment.ErrTradeNotFound) {
		return "", err
	}
	_, err = s.store.CloseOrder(ctx, o.ID, "")
	return voltpay.OrderClosed, err
}
