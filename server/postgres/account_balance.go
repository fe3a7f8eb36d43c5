package postgres

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// Per-meter balances (issue 4: one balance per meter). For an account in
// per-meter mode (voltpay.BalancePerMeter), meter_balances holds per meter
// the sum of the account's entries naming it: ledger_before_insert keeps
// it, and rebuilds it from the entries when the account switches to
// per-meter (so shared accounts, most of the charging traffic, pay nothing
// for it). The trigger requires every entry of a per-meter account to name
// a meter, so its balance is the sum of its meters' balances.

// perMeter reports whether a keeps one balance per meter.
func perMeter(a *voltpay.Account) bool { return a.BalanceMode == voltpay.BalancePerMeter }

// meterBalance returns meter meterID's balance within account accountID (0
// when no entry named it). Errors: UNAVAILABLE.
func meterBalance(ctx context.Context, q queryer, accountID, meterID int64) (voltpay.Fen, error) {
	var b voltpay.Fen
	err := q.GetContext(ctx, &b, `
		SELECT coalesce((SELECT balance_fen FROM meter_balances WHERE account_id = $1 AND meter_id = $2), 0)`,
		accountID, meterID)
	return b, mapError(err)
}

// MeterBalances returns the balances of meterIDs within the per-meter
// accounts that hold them now: the sum of the account's entries naming the
// meter. Meters without an account or on a shared account are left out.
// Errors: UNAVAILABLE.
func (s *AccountService) MeterBalances(ctx context.Context, meterIDs []int64) (map[int64]voltpay.Fen, error) {
	rows := []struct {
		MeterID int64       `db:"id"`
		Balance voltpay.Fen `db:"balance_fen"`
	}{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT m.id, coalesce(b.balance_fen, 0) AS balance_fen
		FROM meters m
		JOIN accounts a ON a.id = m.account_id AND a.balance_mode = 'per_meter'
		LEFT JOIN meter_balances b ON b.account_id = m.account_id AND b.meter_id = m.id
		WHERE m.id = ANY($1)`, pq.Array(meterIDs)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64]voltpay.Fen, len(rows))
	for _, r := range rows {
		out[r.MeterID] = r.Balance
	}
	return out, nil
}

// checkModeSwitch allows a (locked) to take balance mode to ("" keeps it).
// Back to shared is always allowed: the account's balance already funds all
// its meters. To per-meter only when every fen of the account is on a
// meter: its balance equals the sum of its entries naming a meter (so no
// money of sales made without a meter would be left funding none), which
// holds for an account without entries; the switch then rebuilds its meter
// balances from its entries (rebuild_meter_balances). Errors: CONFLICT.
func checkModeSwitch(ctx context.Context, tx *Tx, a *voltpay.Account, to string) error {
	if to != voltpay.BalancePerMeter || perMeter(a) {
		return nil
	}
	var onMeters voltpay.Fen
	if err := tx.GetContext(ctx, &onMeters, `
		SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries WHERE account_id = $1 AND meter_id IS NOT NULL`,
		a.ID); err != nil {
		return mapError(err)
	}
	if onMeters != a.BalanceFen {
		return voltpay.Errorf(voltpay.ECONFLICT, "account %s cannot keep one balance per meter yet: %s yuan of its %s yuan balance is not on any meter (sales or refunds made without one); switch when that part is 0, e.g. after refunding it",
			a.No, a.BalanceFen-onMeters, a.BalanceFen)
	}
	return nil
}

// requireMeterBalance refuses taking amount from meter meterID of a when a
// keeps one balance per meter and the meter's balance is below amount; a
// shared account is checked by requireBalance. Errors: INVALID_INPUT (no
// meter named), INSUFFICIENT_BALANCE.
func requireMeterBalance(ctx context.Context, tx *Tx, a *voltpay.Account, meterID *int64, amount voltpay.Fen, action string) error {
	if !perMeter(a) {
		return nil
	}
	if meterID == nil {
		return namePerMeter(a)
	}
	b, err := meterBalance(ctx, tx, a.ID, *meterID)
	if err != nil {
		return err
	}
	if b < amount {
		return voltpay.Insufficient(b, "cannot %s %s yuan: meter %d of account %s has a balance of %s yuan (the account keeps one balance per meter)",
			action, amount, *meterID, a.No, b)
	}
	return nil
}

// namePerMeter is the error for money without a meter on a per-meter account.
func namePerMeter(a *voltpay.Account) error {
	return voltpay.Invalid("meterId", "account %s keeps one balance per meter: name the meter the money is for", a.No)
}

// settleMeters refunds, at closing, each meter balance of per-meter account
// a (locked) through in.Channel: one refund per meter with money on it,
// keyed in.IdempotencyKey for the first and key/m<meter id> for the others;
// it returns the first. A meter in arrears must be settled by a sale to it
// first. Errors: CONFLICT.
func (s *AccountService) settleMeters(ctx context.Context, tx *Tx, a *voltpay.Account, in voltpay.CloseAccountInput) (*voltpay.LedgerEntry, error) {
	rows := []struct {
		MeterID int64       `db:"meter_id"`
		Balance voltpay.Fen `db:"balance_fen"`
	}{}
	if err := tx.SelectContext(ctx, &rows, `
		SELECT meter_id, balance_fen FROM meter_balances
		WHERE account_id = $1 AND balance_fen <> 0 ORDER BY meter_id`, a.ID); err != nil {
		return nil, mapError(err)
	}
	for _, r := range rows {
		if r.Balance < 0 {
			return nil, voltpay.Errorf(voltpay.ECONFLICT, "meter %d of account %s is in arrears by %s yuan; record a sale to that meter to settle it before closing", r.MeterID, a.No, -r.Balance)
		}
	}
	var first *voltpay.LedgerEntry
	for i, r := range rows {
		key := in.IdempotencyKey
		if i > 0 {
			key = fmt.Sprintf("%s/m%d", in.IdempotencyKey, r.MeterID)
		}
		refund := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryRefund, Channel: &in.Channel,
			AmountFen: -r.Balance, IdempotencyKey: key, MeterID: &r.MeterID, Note: "final settlement " + in.Note}
		fillActor(ctx, refund)
		got, err := s.ledger.insert(ctx, tx, a, refund)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = got
		}
	}
	return first, nil
}

// requireEmptyMeter refuses taking meter m off per-meter account accountID
// while its balance there is not 0: the money (or the debt) would be left
// funding no meter. Errors: CONFLICT.
func requireEmptyMeter(ctx context.Context, tx *Tx, accountID int64, m *voltpay.Meter) error {
	var mode string
	if err := tx.GetContext(ctx, &mode, `SELECT balance_mode FROM accounts WHERE id = $1`, accountID); err != nil {
		return mapError(err)
	}
	if mode != voltpay.BalancePerMeter {
		return nil
	}
	b, err := meterBalance(ctx, tx, accountID, m.ID)
	if err != nil || b == 0 {
		return err
	}
	return voltpay.Errorf(voltpay.ECONFLICT, "meter %s has a balance of %s yuan on its account, which keeps one balance per meter; refund it (or settle its arrears by a sale) before detaching the meter", m.Address, b)
}

// requireOwnMeter refuses a meter named for money of a that is not one of
// a's active meters (nil names none). Errors: INVALID_INPUT.
func requireOwnMeter(ctx context.Context, tx *Tx, a *voltpay.Account, meterID *int64) error {
	if meterID == nil {
		return nil
	}
	var ok bool
	if err := tx.GetContext(ctx, &ok, `
		SELECT EXISTS (SELECT 1 FROM meters WHERE id = $1 AND account_id = $2 AND status = 'active')`,
		*meterID, a.ID); err != nil {
		return mapError(err)
	}
	if !ok {
		return voltpay.Invalid("meterId", "meter %d is not an active meter of account %s; name one of its meters", *meterID, a.No)
	}
	return nil
}

// carryPerMeterBalance moves, at a replacement on per-meter account a
// (locked), the old meter's balance to the new meter: a pair of transfer
// entries on the account naming each meter, net zero (nothing when the old
// meter's balance is 0), keyed key/meter-out and key/meter-in. Errors:
// CONFLICT (the account in arrears: a transfer may not leave it below 0).
func (s *AccountService) carryPerMeterBalance(ctx context.Context, tx *Tx, a *voltpay.Account, old, nm *voltpay.Meter, key string) error {
	if !perMeter(a) {
		return nil
	}
	b, err := meterBalance(ctx, tx, a.ID, old.ID)
	if err != nil || b == 0 {
		return err
	}
	if a.BalanceFen < 0 { // a transfer entry may not leave the account below zero
		return voltpay.Errorf(voltpay.ECONFLICT, "account %s is in arrears by %s yuan, so meter %s's balance of %s yuan cannot be moved to the new meter by transfer entries; record a sale to settle the arrears first",
			a.No, -a.BalanceFen, old.Address, b)
	}
	out := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryTransfer, AmountFen: -b,
		IdempotencyKey: key + "/meter-out", MeterID: &old.ID, Note: "meter balance moved to new meter " + nm.Address}
	into := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryTransfer, AmountFen: b,
		IdempotencyKey: key + "/meter-in", MeterID: &nm.ID, Note: "meter balance moved from replaced meter " + old.Address}
	fillActor(ctx, out)
	fillActor(ctx, into)
	if b > 0 { // never below zero on the way: in first when it is money, out first when it is debt
		out, into = into, out
	}
	if _, err := s.ledger.insert(ctx, tx, a, out); err != nil {
		return err
	}
	_, err = s.ledger.insert(ctx, tx, a, into)
	return err
}
