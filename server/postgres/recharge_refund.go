package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

const refundColumns = `id, order_id, out_refund_no, amount_fen, reason, state, refund_id, entry_id, actor, flag,
	created_at, settled_at`

// InsertRefund records a refund of a paid order, processing, before the
// provider is asked: so a crash between the two leaves a row the
// reconciler asks about, never money sent back unrecorded. The amount must
// fit in what is paid and not yet refunded or being refunded, and in the
// account's balance (the money goes back to the payer). The same
// idempotency key returns the first refund and false. Errors:
// INVALID_INPUT, NOT_FOUND, CONFLICT, INSUFFICIENT_BALANCE.
func (s *RechargeStore) InsertRefund(ctx context.Context, in voltpay.OrderRefundInput) (*voltpay.OrderRefund, *voltpay.RechargeOrder, bool, error) {
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, nil, false, err
	}
	if in.AmountFen <= 0 {
		return nil, nil, false, voltpay.Invalid("amountFen", "a refund must be at least 1 fen, got %d", in.AmountFen)
	}
	if prev, o, err := s.refundByKey(ctx, in); prev != nil || err != nil {
		return prev, o, false, err
	}
	actor := ""
	if p := voltpay.PrincipalFrom(ctx); p != nil {
		actor = p.Name
	}
	var got *voltpay.OrderRefund
	var order *voltpay.RechargeOrder
	err := s.db.inTx(ctx, func(tx *Tx) error {
		row := &orderRow{}
		err := tx.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE id = $1 FOR UPDATE`, in.OrderID)
		if err != nil {
			return notFound(err, "recharge order", in.OrderID)
		}
		order = row.order()
		if order.State != voltpay.OrderPaid || order.EntryID == nil {
			return voltpay.Errorf(voltpay.ECONFLICT, "order %s is %s: only a paid and credited order can be refunded", order.OutTradeNo, order.State)
		}
		var open voltpay.Fen
		if err := tx.GetContext(ctx, &open, `SELECT coalesce(sum(amount_fen), 0) FROM recharge_refunds
			WHERE order_id = $1 AND state = 'processing'`, order.ID); err != nil {
			return err
		}
		if room := order.AmountFen - order.RefundedFen - open; in.AmountFen > room {
			return voltpay.Invalid("amountFen", "order %s can be refunded at most %s yuan more (paid %s, refunded %s, being refunded %s)",
				order.OutTradeNo, room, order.AmountFen, order.RefundedFen, open)
		}
		a, err := lockAccount(ctx, tx, order.AccountID)
		if err != nil {
			return err
		}
		if err := requireBalance(a, in.AmountFen+open, "refund"); err != nil {
			return err
		}
		r := &voltpay.OrderRefund{}
		if err := tx.GetContext(ctx, r, `
			INSERT INTO recharge_refunds (order_id, out_refund_no, amount_fen, reason, actor, idempotency_key, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING `+refundColumns,
			order.ID, "RF"+tx.now.In(billing.ChinaTime).Format("20060102")+rand.Text()[:16], in.AmountFen, in.Reason, actor,
			in.IdempotencyKey, tx.now); err != nil {
			return err
		}
		got = r
		return nil
	})
	if isUnique(err, "recharge_refunds_idempotency_key_key") {
		prev, o, err := s.refundByKey(ctx, in)
		return prev, o, false, err
	}
	if err != nil {
		return nil, nil, false, mapError(err)
	}
	return got, order, true, nil
}

func (s *RechargeStore) refundByKey(ctx context.Context, in voltpay.OrderRefundInput) (*voltpay.OrderRefund, *voltpay.RechargeOrder, error) {
	r := &voltpay.OrderRefund{}
	err := s.db.GetContext(ctx, r, `SELECT `+refundColumns+` FROM recharge_refunds WHERE idempotency_key = $1`, in.IdempotencyKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, mapError(err)
	}
	if r.OrderID != in.OrderID || r.AmountFen != in.AmountFen {
		return nil, nil, voltpay.Errorf(voltpay.ECONFLICT, "idempotency key %q was already used for another refund (%s); use a new key for a new refund",
			in.IdempotencyKey, r.OutRefundNo)
	}
	markReplayed(ctx, s.db)
	o, err := s.FindOrder(ctx, r.OrderID)
	return r, o, err
}

// RefundNotice is a provider's word on a refund's state.
type RefundNotice struct {
	OutRefundNo string
	RefundID    string
	Succeeded   bool // final and the money went back; false: final and it did not
	At          time.Time
	// What the provider told of the trade, which a refund we did not ask
	// for (made at the provider's merchant console) needs: see
	// SettleRefund. Empty when the refund is ours.
	Channel       string
	OutTradeNo    string
	TransactionID string
	AmountFen     voltpay.Fen // this refund's, or the trade's refunded total when Cumulative
	Cumulative    bool        // Alipay's refund_fee
	TradeFen      voltpay.Fen // the trade's total; 0 when not told
	PaidAt        time.Time   // when the trade was paid; zero when not told
	// Log, when set, is written to the notification log in the
	// transaction that settles the notice, with its outcome.
	Log *NoticeLog
}

// RefundResult is what settling a refund notice did.
type RefundResult struct {
	Outcome string // OutcomeRefunded, OutcomeDuplicate, OutcomeFlagged or OutcomeIgnored
	Detail  string // what the log says: the refund's state, or why it was flagged
	Refund  *voltpay.OrderRefund
	// Sale is the sale posted with a refund of a trade whose payment we had
	// not credited (the payment notification lost or late).
	Sale   *voltpay.LedgerEntry
	Closes []*voltpay.Command // relay closes handed to meterlink, when the net effect lifted the account
}

// SettleRefund applies a refund's final state once: on success the refund
// entry (which may take the balance below zero: the provider has paid the
// money back, whatever the tenant spent since), the order's refunded sum
// and, when all is refunded, its state. A refund already final changes
// nothing (OutcomeDuplicate).
//
// A refund we did not ask for was made at the provider (its merchant
// console): the ledger must say what happened to the money, as the
// provider's bill does. So it is recorded as a refund of the order, its
// refund entry posted; when the order was never credited (its payment
// notification lost or late) the sale is posted first, in the same
// transaction, and the relay closes only if the net effect lifts the
// account above zero. The late payment notification then finds the order
// paid. A notice that does not fit the order (another transaction or
// amount, more than is left to refund) is flagged for finance.
func (s *RechargeStore) SettleRefund(ctx context.Context, n RefundNotice) (*RefundResult, error) {
	var res *RefundResult
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res = &RefundResult{Outcome: OutcomeDuplicate}
		if err := s.settleRefund(ctx, tx, n, res); err != nil {
			return err
		}
		return n.Log.write(ctx, tx, n.OutTradeNo, res.Outcome, res.Detail)
	})
	if err != nil {
		return nil, mapError(err)
	}
	return res, nil
}

// settleRefund settles notice n in tx (SettleRefund).
func (s *RechargeStore) settleRefund(ctx context.Context, tx *Tx, n RefundNotice, res *RefundResult) error {
	r := &voltpay.OrderRefund{}
	err := tx.GetContext(ctx, r, `SELECT `+refundColumns+` FROM recharge_refunds WHERE out_refund_no = $1 FOR UPDATE`, n.OutRefundNo)
	if errors.Is(err, sql.ErrNoRows) {
		return s.providerRefund(ctx, tx, n, res)
	}
	if err != nil {
		return err
	}
	res.Refund, res.Detail = r, "refund "+r.OutRefundNo+" already "+r.State
	if r.State != voltpay.RefundProcessing {
		return nil
	}
	res.Outcome = OutcomeRefunded
	at := n.At
	if at.IsZero() {
		at = tx.now
	}
	if !n.Succeeded {
		res.Detail = "refund " + r.OutRefundNo + " failed"
		return tx.GetContext(ctx, r, `UPDATE recharge_refunds SET state = 'failed', settled_at = $2, refund_id = nullif($3, '')
			WHERE id = $1 RETURNING `+refundColumns, r.ID, at, n.RefundID)
	}
	res.Detail = "refund " + r.OutRefundNo + " succeeded"
	return s.refunded(ctx, tx, r, n, at)
}

// refunded records the succeeded refund r (locked).
func (s *RechargeStore) refunded(ctx context.Context, tx *Tx, r *voltpay.OrderRefund, n RefundNotice, at time.Time) error {
	row := &orderRow{}
	if err := tx.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE id = $1 FOR UPDATE`, r.OrderID); err != nil {
		return err
	}
	o := row.order()
	a, err := lockAccount(ctx, tx, o.AccountID)
	if err != nil {
		return err
	}
	ref := o.Channel + ":refund:" + r.OutRefundNo
	want := &voltpay.LedgerEntry{AccountID: o.AccountID, Type: voltpay.EntryRefund, Channel: &o.Channel,
		AmountFen: -r.AmountFen, IdempotencyKey: "refund:" + r.OutRefundNo, ExternalRef: &ref, Actor: r.Actor,
		Note: fmt.Sprintf("refund of recharge %s through %s: %s", o.OutTradeNo, o.Channel, r.Reason)}
	if len(o.MeterIDs) == 1 {
		want.MeterID = &o.MeterIDs[0]
	}
	var entryID *int64
	flag := ""
	if a.Status != voltpay.AccountOpen {
		flag = fmt.Sprintf("account %s was closed: the refund went back to the payer but is not in the ledger; settle it by hand", a.No)
	} else {
		e, err := s.ledger.insert(ctx, tx, a, want)
		if err != nil {
			return err
		}
		entryID = &e.ID
	}
	if err := tx.GetContext(ctx, r, `UPDATE recharge_refunds SET state = 'succeeded', settled_at = $2, entry_id = $3,
			refund_id = nullif($4, ''), flag = $5
		WHERE id = $1 RETURNING `+refundColumns, r.ID, at, entryID, n.RefundID, flag); err != nil {
		return err
	}
	if err := tx.GetContext(ctx, row, `UPDATE recharge_orders SET refunded_fen = refunded_fen + $2,
			state = CASE WHEN refunded_fen + $2 = amount_fen THEN 'refunded' ELSE state END, updated_at = $3
		WHERE id = $1 RETURNING `+orderColumns, o.ID, r.AmountFen, tx.now); err != nil {
		return err
	}
	tx.orderChanged(a, row.order())
	return nil
}

// OpenRefunds lists refunds still processing that were asked for before
// before, oldest first: the reconciler asks the provider about them.
func (s *RechargeStore) OpenRefunds(ctx context.Context, before time.Time, limit int) ([]*voltpay.OrderRefund, error) {
	out := []*voltpay.OrderRefund{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+refundColumns+` FROM recharge_refunds
		WHERE state = 'processing' AND created_at < $1 ORDER BY created_at LIMIT $2`, before, limit)
	return out, mapError(err)
}

// OrderRefunds lists an order's refunds, oldest first.
func (s *RechargeStore) OrderRefunds(ctx context.Context, orderID int64) ([]*voltpay.OrderRefund, error) {
	out := []*voltpay.OrderRefund{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+refundColumns+` FROM recharge_refunds WHERE order_id = $1 ORDER BY id`, orderID)
	return out, mapError(err)
}

// RefundsByOrderIDs lists the refunds of several orders (GraphQL
// dataloading), grouped by order.
func (s *RechargeStore) RefundsByOrderIDs(ctx context.Context, ids []int64) (map[int64][]*voltpay.OrderRefund, error) {
	rows := []*voltpay.OrderRefund{}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+refundColumns+` FROM recharge_refunds WHERE order_id = ANY($1) ORDER BY id`,
		pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	out := map[int64][]*voltpay.OrderRefund{}
	for _, r := range rows {
		out[r.OrderID] = append(out[r.OrderID], r)
	}
	return out, nil
}

// ChannelRefund is a refund with its order's number, for the daily
// statement check.
type ChannelRefund struct {
	voltpay.OrderRefund
	OutTradeNo string `db:"out_trade_no"`
}

// SucceededRefunds lists the refunds of channel that succeeded in
// [from, to), for the daily statement check.
func (s *RechargeStore) SucceededRefunds(ctx context.Context, channel string, from, to time.Time) ([]*ChannelRefund, error) {
	out := []*ChannelRefund{}
	err := s.db.SelectContext(ctx, &out, `SELECT r.id, r.order_id, r.out_refund_no, r.amount_fen, r.reason, r.state, r.refund_id,
			r.entry_id, r.actor, r.flag, r.created_at, r.settled_at, o.out_trade_no
		FROM recharge_refunds r JOIN recharge_orders o ON o.id = r.order_id
		WHERE o.channel = $1 AND r.state = 'succeeded' AND r.settled_at >= $2 AND r.settled_at < $3 ORDER BY r.settled_at`,
		channel, from, to)
	return out, mapError(err)
}

// FindRefund returns one refund. Errors: NOT_FOUND.
func (s *RechargeStore) FindRefund(ctx context.Context, id int64) (*voltpay.OrderRefund, error) {
	r := &voltpay.OrderRefund{}
	if err := s.db.GetContext(ctx, r, `SELECT `+refundColumns+` FROM recharge_refunds WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "refund", id)
	}
	return r, nil
}
