package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"

	"github.com/voltpay/voltpay"
)

// providerRefund records refund n, which we did not ask for (SettleRefund),
// against its order, locked first so that copies of the notice and the
// trade's payment notification settle one after the other.
func (s *RechargeStore) providerRefund(ctx context.Context, tx *Tx, n RefundNotice, res *RefundResult) error {
	flag := func(format string, args ...any) {
		res.Outcome, res.Detail = OutcomeFlagged, fmt.Sprintf(format, args...)
	}
	if n.OutTradeNo == "" {
		flag("refund %s we did not ask for names no order: nothing recorded", n.OutRefundNo)
		return nil
	}
	row := &orderRow{}
	err := tx.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE out_trade_no = $1 FOR UPDATE`, n.OutTradeNo)
	if errors.Is(err, sql.ErrNoRows) {
		flag("refund %s of order %s, which is not ours: nothing recorded", n.OutRefundNo, n.OutTradeNo)
		return nil
	}
	if err != nil {
		return err
	}
	o := row.order()
	no := providerRefundNo(n)
	var known bool
	if err := tx.GetContext(ctx, &known, `SELECT EXISTS (SELECT 1 FROM recharge_refunds WHERE out_refund_no = $1)`, no); err != nil {
		return err
	}
	if known { // a copy of this notice settled it while we waited for the order
		res.Detail = "refund " + no + " already recorded"
		return nil
	}
	if !n.Succeeded {
		res.Outcome, res.Detail = OutcomeIgnored, "refund "+n.OutRefundNo+" made at the provider did not succeed: no money moved"
		return nil
	}
	amount := n.AmountFen
	if n.Cumulative {
		// Alipay tells the trade's refunded total: this refund is what
		// exceeds what we have recorded. Nothing more: an older notice.
		if amount -= o.RefundedFen; amount <= 0 {
			res.Detail = fmt.Sprintf("the trade's refunds (%s yuan) are already recorded", n.AmountFen)
			return nil
		}
	}
	if p, err := providerRefundProblem(ctx, tx, o, n, amount); err != nil || p != "" {
		if err != nil {
			return err
		}
		flag("%s", p)
		return s.flagOrder(ctx, tx, o, p)
	}
	pay := &PayResult{}
	var before voltpay.Fen
	switch {
	case o.State == voltpay.OrderPending || o.State == voltpay.OrderClosed:
		// Paid, and we never heard: the sale first, then its refund.
		if before, err = s.credit(ctx, tx, o, PaidNotice{Channel: o.Channel, OutTradeNo: o.OutTradeNo,
			TransactionID: n.TransactionID, AmountFen: o.AmountFen, PaidAt: n.PaidAt}, pay); err != nil {
			return err
		}
		if pay.Entry == nil {
			p := fmt.Sprintf("%s; the provider has also refunded %s yuan of it (refund %s)", pay.Problem, amount, n.OutRefundNo)
			flag("%s", p)
			return s.flagOrder(ctx, tx, pay.Order, p)
		}
		res.Sale = pay.Entry
	case o.EntryID == nil:
		p := fmt.Sprintf("the provider refunded %s yuan (refund %s) of a payment never credited here (%s): settle it by hand", amount, n.OutRefundNo, o.Flag)
		flag("%s", p)
		return s.flagOrder(ctx, tx, o, p)
	}
	r := &voltpay.OrderRefund{}
	if err := tx.GetContext(ctx, r, `
		INSERT INTO recharge_refunds (order_id, out_refund_no, amount_fen, reason, actor, idempotency_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING `+refundColumns,
		o.ID, no, amount, "refunded at "+o.Channel+" (merchant console), not through Voltpay", o.Channel,
		"provider-refund:"+no, tx.now); err != nil {
		return err
	}
	at := n.At
	if at.IsZero() {
		at = tx.now
	}
	if err := s.refunded(ctx, tx, r, n, at); err != nil {
		return err
	}
	res.Refund, res.Outcome = r, OutcomeRefunded
	res.Detail = fmt.Sprintf("refund %s of %s yuan made at the provider, recorded", no, amount)
	if res.Sale != nil {
		res.Detail = fmt.Sprintf("payment %s credited (its notification had not come) and refund %s of %s yuan made at the provider, recorded",
			n.TransactionID, no, amount)
		if err := s.closeIfLifted(ctx, tx, o.AccountID, before, pay); err != nil {
			return err
		}
		res.Closes = pay.Closes
	}
	return nil
}

// providerRefundProblem says why refund n of amount cannot be recorded
// against order o (locked), or "".
func providerRefundProblem(ctx context.Context, tx *Tx, o *voltpay.RechargeOrder, n RefundNotice, amount voltpay.Fen) (string, error) {
	switch {
	case n.Channel != o.Channel:
		return fmt.Sprintf("order %s is a %s order, but %s reports refund %s of it", o.OutTradeNo, o.Channel, n.Channel, n.OutRefundNo), nil
	case n.TransactionID == "":
		return fmt.Sprintf("%s reports refund %s without the trade's transaction id: not recorded; query the trade", n.Channel, n.OutRefundNo), nil
	case o.TransactionID != nil && *o.TransactionID != n.TransactionID:
		return fmt.Sprintf("order %s was paid by transaction %s, but refund %s is of transaction %s", o.OutTradeNo, *o.TransactionID, n.OutRefundNo, n.TransactionID), nil
	case n.TradeFen != 0 && n.TradeFen != o.AmountFen:
		return fmt.Sprintf("refund %s is of a %s yuan trade, the order is for %s yuan: not recorded", n.OutRefundNo, n.TradeFen, o.AmountFen), nil
	case amount > o.AmountFen-o.RefundedFen:
		return fmt.Sprintf("refund %s of %s yuan made at the provider exceeds what is left of order %s (paid %s, refunded %s): not recorded",
			n.OutRefundNo, amount, o.OutTradeNo, o.AmountFen, o.RefundedFen), nil
	}
	if n.Cumulative {
		// The refunded total may include a refund of ours still
		// processing: which part is whose cannot be told.
		var open int
		if err := tx.GetContext(ctx, &open, `SELECT count(*) FROM recharge_refunds WHERE order_id = $1 AND state = 'processing'`, o.ID); err != nil {
			return "", err
		}
		if open > 0 {
			return fmt.Sprintf("refund %s made at the provider while a refund of ours is processing: the trade's refunded total (%s yuan) cannot be split; match them by hand",
				n.OutRefundNo, n.AmountFen), nil
		}
	}
	return "", nil
}

// refundNoPattern is what recharge_refunds.out_refund_no holds.
var refundNoPattern = regexp.MustCompile(`^[A-Za-z0-9]{6,64}$`)

// providerRefundNo is the number a refund made at the provider is recorded
// under: the provider's own when it fits our column, else one derived from
// what identifies it (Alipay may send no out_biz_no for a console refund;
// its refunded total then tells its refunds apart).
func providerRefundNo(n RefundNotice) string {
	if refundNoPattern.MatchString(n.OutRefundNo) {
		return n.OutRefundNo
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%s|%s|%d", n.Channel, n.OutTradeNo, n.TransactionID, n.OutRefundNo, n.AmountFen))
	return "PR" + hex.EncodeToString(sum[:20])
}
