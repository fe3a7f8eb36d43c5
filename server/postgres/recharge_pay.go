package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// PaidNotice is a provider's verified word that an order was paid (from a
// notification or a query).
type PaidNotice struct {
	Channel       string
	OutTradeNo    string
	TransactionID string
	AmountFen     voltpay.Fen
	PaidAt        time.Time
	PayerID       string
	// Log, when set, is written to the notification log in the
	// transaction that settles the notice, with its outcome: a credit
	// never commits without its log row.
	Log *NoticeLog
}

// Outcomes of settling a payment or refund, as logged.
const (
	OutcomeCredited  = "credited"  // the order became paid and the account was credited
	OutcomeDuplicate = "duplicate" // already settled: nothing changed
	OutcomeFlagged   = "flagged"   // authentic but not creditable: finance must look
	OutcomeRefunded  = "refund"    // a refund reached its final state
	OutcomeRejected  = "rejected"  // not authentic or malformed: refused, the provider retries
	OutcomeIgnored   = "ignored"   // authentic, nothing to do (e.g. a trade still unpaid)
	OutcomeError     = "error"     // our failure (database, panic): answered 5xx, the provider retries
)

// PayResult is what settling a payment did.
type PayResult struct {
	Outcome string
	Problem string // why flagged
	Order   *voltpay.RechargeOrder
	Entry   *voltpay.LedgerEntry
	Closes  []*voltpay.Command // relay closes handed to meterlink in the same transaction
}

// MarkPaid settles a paid order exactly once: in one transaction the
// order's first move to paid, the sale entry (unique on the provider's
// transaction, and on the order's key), and, when the payment lifts the
// balance from arrears above zero, the close command of each of the
// account's tripped prepaid meters (the outbox meterlink works through).
// A notice for an order already paid changes nothing. One that cannot be
// credited (unknown order, no transaction id, other amount, closed
// account, a meter's credit cap) is flagged on the order for finance and
// changes no balance. n.Log is written in the same transaction.
func (s *RechargeStore) MarkPaid(ctx context.Context, n PaidNotice) (*PayResult, error) {
	var res *PayResult
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res = &PayResult{}
		if err := s.markPaid(ctx, tx, n, res); err != nil {
			return err
		}
		return n.Log.write(ctx, tx, n.OutTradeNo, res.Outcome, res.Problem)
	})
	if err != nil {
		return nil, mapError(err)
	}
	return res, nil
}

// markPaid settles notice n in tx (MarkPaid).
func (s *RechargeStore) markPaid(ctx context.Context, tx *Tx, n PaidNotice, res *PayResult) error {
	row := &orderRow{}
	err := tx.GetContext(ctx, row, `SELECT `+orderColumns+` FROM recharge_orders WHERE out_trade_no = $1 FOR UPDATE`, n.OutTradeNo)
	if errors.Is(err, sql.ErrNoRows) {
		res.Outcome, res.Problem = OutcomeFlagged, "no such order: "+n.OutTradeNo
		return nil
	}
	if err != nil {
		return err
	}
	o := row.order()
	res.Order = o
	if p := paidProblem(o, n); p != "" {
		res.Outcome, res.Problem = OutcomeFlagged, p
		return s.flagOrder(ctx, tx, o, p)
	}
	if o.State == voltpay.OrderPaid || o.State == voltpay.OrderRefunded {
		res.Outcome = OutcomeDuplicate
		return nil
	}
	before, err := s.credit(ctx, tx, o, n, res)
	if err != nil {
		return err
	}
	return s.closeIfLifted(ctx, tx, o.AccountID, before, res)
}

// paidProblem says why notice n cannot settle order o, or "".
func paidProblem(o *voltpay.RechargeOrder, n PaidNotice) string {
	switch {
	case n.TransactionID == "":
		// The sale's external ref would be "wechat:" (or "alipay:"), which a
		// second such notice would collide with: never credit without it.
		return fmt.Sprintf("%s's notice names no transaction id: not credited; query the trade at %s", n.Channel, n.Channel)
	case o.Channel != n.Channel:
		return fmt.Sprintf("order %s is a %s order, but %s says it was paid", o.OutTradeNo, o.Channel, n.Channel)
	case voltpay.Fen(n.AmountFen) != o.AmountFen:
		return fmt.Sprintf("the provider says %s yuan were paid, the order is for %s yuan: not credited", n.AmountFen, o.AmountFen)
	case o.TransactionID != nil && *o.TransactionID != n.TransactionID:
		return fmt.Sprintf("order already paid by transaction %s; now %s says transaction %s paid it too: refund one of them", *o.TransactionID, n.Channel, n.TransactionID)
	}
	return ""
}

// credit moves order o (locked, pending or closed) to paid and credits it,
// and returns the account's balance before. A payment that lands after the
// order closed (the payer was quicker than our expiry) is credited all the
// same: the money arrived. The relay close is the caller's
// (closeIfLifted), once everything the transaction posts is in.
func (s *RechargeStore) credit(ctx context.Context, tx *Tx, o *voltpay.RechargeOrder, n PaidNotice, res *PayResult) (voltpay.Fen, error) {
	a, err := lockAccount(ctx, tx, o.AccountID)
	if err != nil {
		return 0, err
	}
	paidAt := n.PaidAt
	if paidAt.IsZero() {
		paidAt = tx.now
	}
	before := a.BalanceFen
	want := orderSale(o, n)
	var flag string
	var e *voltpay.LedgerEntry
	if a.Status != voltpay.AccountOpen {
		flag = fmt.Sprintf("account %s was closed before the payment arrived: refund the payer", a.No)
	} else if e, err = s.ledger.sellInTx(ctx, tx, a, want); err != nil {
		if voltpay.ErrorCode(err) != voltpay.EINVALID {
			return 0, err
		}
		flag = "not credited: " + voltpay.ErrorMessage(err) // checked before any write: tx is intact
	}
	var entryID *int64
	if e != nil {
		entryID = &e.ID
	}
	row := &orderRow{}
	if err := tx.GetContext(ctx, row, `
		UPDATE recharge_orders SET state = 'paid', transaction_id = $2, paid_at = $3, entry_id = $4, flag = $5,
			payer_id = CASE WHEN $6 = '' THEN payer_id ELSE $6 END, closed_at = NULL, updated_at = $7
		WHERE id = $1 RETURNING `+orderColumns,
		o.ID, n.TransactionID, paidAt, entryID, flag, n.PayerID, tx.now); err != nil {
		return 0, err
	}
	res.Order, res.Entry = row.order(), e
	if flag != "" {
		res.Outcome, res.Problem = OutcomeFlagged, flag
	} else {
		res.Outcome = OutcomeCredited
	}
	tx.orderChanged(a, res.Order)
	return before, nil
}

// closeIfLifted enqueues the relay closes when the sale in res lifted the
// account from before (≤ 0) above zero, judged on the balance after
// everything tx posted (a service fee taken on sales, a refund of the same
// trade posted beside it): no meter is closed for a credit taken back in
// the same transaction.
func (s *RechargeStore) closeIfLifted(ctx context.Context, tx *Tx, accountID int64, before voltpay.Fen, res *PayResult) error {
	if res.Entry == nil || before > 0 {
		return nil
	}
	var after voltpay.Fen
	if err := tx.GetContext(ctx, &after, `SELECT balance_fen FROM accounts WHERE id = $1`, accountID); err != nil {
		return err
	}
	if after <= 0 {
		return nil
	}
	var err error
	res.Closes, err = s.closeAfterCredit(ctx, tx, accountID, res.Entry.ID)
	return err
}

// orderSale is the sale entry that credits order o.
func orderSale(o *voltpay.RechargeOrder, n PaidNotice) *voltpay.LedgerEntry {
	ref := o.Channel + ":" + n.TransactionID
	actor := o.Actor
	if actor == "" {
		actor = o.Channel
	}
	want := &voltpay.LedgerEntry{AccountID: o.AccountID, Type: voltpay.EntrySale, Channel: &o.Channel,
		AmountFen: o.AmountFen, IdempotencyKey: "recharge:" + o.OutTradeNo, ExternalRef: &ref, Actor: actor,
		Note: "self-service recharge " + o.OutTradeNo}
	if len(o.MeterIDs) == 1 {
		want.MeterID = &o.MeterIDs[0]
	}
	return want
}

func (s *RechargeStore) flagOrder(ctx context.Context, tx *Tx, o *voltpay.RechargeOrder, flag string) error {
	_, err := tx.ExecContext(ctx, `UPDATE recharge_orders SET flag = $2, updated_at = $3 WHERE id = $1`, o.ID, flag, tx.now)
	o.Flag = flag
	return err
}

// closeAfterCredit enqueues, in tx, the relay close of every prepaid meter
// of the account that has no relay command on its way: the command the
// billing controller would send after the commit, under the same key
// (billing.AutoCommandKey with the turn of the crediting entry), so the
// controller's own decision later finds it done. The stored relay is not
// asked: right after a trip it can still say closed until the executor's
// read-back is stored, and a close of a closed relay costs one status
// read (the executor sends nothing when the meter already shows it).
func (s *RechargeStore) closeAfterCredit(ctx context.Context, tx *Tx, accountID, turn int64) ([]*voltpay.Command, error) {
	meters := []struct {
		ID          int64 `db:"id"`
		ModeCommand int64 `db:"control_command_id"`
	}{}
	if err := tx.SelectContext(ctx, &meters, `
		SELECT m.id, coalesce(m.control_command_id, 0) AS control_command_id FROM meters m
		WHERE m.account_id = $1 AND m.status = 'active' AND m.prepaid_mode = 'platform' AND m.protocol = 'dlt645'
			AND m.control_mode = $2
			AND NOT EXISTS (SELECT 1 FROM meter_commands c
				WHERE c.meter_id = m.id AND c.kind = ANY($3) AND c.state IN ('pending', 'sent'))
		ORDER BY m.id`, accountID, billing.ModePrepaid, liveControlKinds); err != nil {
		return nil, err
	}
	var out []*voltpay.Command
	for _, m := range meters {
		in := voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdClose,
			IdempotencyKey: billing.AutoCommandKey(m.ID, billing.ActionClose, m.ModeCommand, turn)}
		params, ttl, err := validateCommand(&in)
		if err != nil {
			return nil, err
		}
		c, err := s.cmds.enqueueTx(ctx, tx, nil, in, params, ttl, billing.ControlActor)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
