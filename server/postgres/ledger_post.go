package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// post writes one entry idempotently. check runs under the account's row
// lock, then the entry is inserted. A key seen before surfaces as the
// insert's unique violation (rolling everything back) and is answered from
// the first entry, or CONFLICT when the request differs; a retry whose
// check now fails (a refund replayed after the balance fell) is answered
// the same way. So the common case pays no extra lookup for idempotency.
func (s *LedgerService) post(ctx context.Context, want *voltpay.LedgerEntry, check func(*Tx, *voltpay.Account) error) (*voltpay.LedgerEntry, error) {
	return s.postThen(ctx, want, check, nil)
}

// postThen is post with then (when not nil) run in the transaction right
// after the entry got is inserted (not on a replay): what must be written
// with it, e.g. the reversal of a reversed sale's fee.
func (s *LedgerService) postThen(ctx context.Context, want *voltpay.LedgerEntry, check func(*Tx, *voltpay.Account) error,
	then func(tx *Tx, a *voltpay.Account, got *voltpay.LedgerEntry) error) (*voltpay.LedgerEntry, error) {
	fillActor(ctx, want)
	var got *voltpay.LedgerEntry
	err := s.db.inTx(ctx, func(tx *Tx) error {
		a, err := lockAccount(ctx, tx, want.AccountID)
		if err != nil {
			return err
		}
		if err := check(tx, a); err != nil {
			if prev, rerr := s.replay(ctx, tx, want); prev != nil || rerr != nil {
				got = prev
				return rerr
			}
			return err
		}
		got, err = s.insert(ctx, tx, a, want)
		if err == nil && then != nil {
			err = then(tx, a, got)
		}
		return err
	})
	if isKeyRace(err) {
		return s.replayAfterRace(ctx, want)
	}
	if err != nil {
		return nil, err
	}
	return got, nil
}

// insert appends the entry; the trigger fills receipt_no and balance_after.
// a is the entry's account, locked by the caller; after commit the change
// is published with a's new balance (Tx.balanceChanged).
func (s *LedgerService) insert(ctx context.Context, tx *Tx, a *voltpay.Account, e *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	got := &voltpay.LedgerEntry{}
	err := tx.getPrepared(ctx, got, `
		INSERT INTO ledger_entries (account_id, type, channel, amount_fen, balance_after_fen, idempotency_key,
			receipt_no, reverses_id, meter_id, operator_id, api_key_id, actor, external_ref, note, created_at,
			corrects_id, fee_of_id)
		VALUES ($1, $2, $3, $4, 0, $5, '', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		RETURNING `+entryColumns,
		e.AccountID, e.Type, e.Channel, e.AmountFen, e.IdempotencyKey, e.ReversesID, e.MeterID,
		e.OperatorID, e.APIKeyID, e.Actor, e.ExternalRef, e.Note, tx.now, e.CorrectsID, e.FeeOfID)
	if err != nil {
		if isKeyRace(err) {
			return nil, err // raw: post answers it as a replay
		}
		return nil, s.insertError(err, e)
	}
	a.BalanceFen = got.BalanceAfterFen
	tx.balanceChanged(a, got)
	if got.Type == voltpay.EntrySale {
		if err := s.takeSaleFee(ctx, tx, a, got); err != nil {
			return nil, err
		}
	}
	return got, nil
}

// insertError explains why inserting e failed.
func (s *LedgerService) insertError(err error, e *voltpay.LedgerEntry) error {
	switch {
	case isUnique(err, "ledger_entries_external_ref_key"):
		return voltpay.Errorf(voltpay.ECONFLICT, "payment transaction %s was already credited", deref(e.ExternalRef))
	case isUnique(err, "ledger_entries_reverses_id_key"):
		return voltpay.Errorf(voltpay.ECONFLICT, "that entry was already reversed; an entry can be reversed once")
	case isUnique(err, "ledger_entries_corrects_id_key"):
		return voltpay.Errorf(voltpay.ECONFLICT, "that charge was already corrected; a charge can be corrected once")
	}
	return mapError(err)
}

// replay returns the entry already recorded under want's key, nil when there
// is none, or CONFLICT when the key was used for a different request.
func (s *LedgerService) replay(ctx context.Context, q queryer, want *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	prev, err := findEntryByKey(ctx, q, want.IdempotencyKey)
	if prev == nil || err != nil {
		return nil, err
	}
	if prev.AccountID != want.AccountID || prev.Type != want.Type || prev.AmountFen != want.AmountFen ||
		deref(prev.Channel) != deref(want.Channel) || derefID(prev.ReversesID) != derefID(want.ReversesID) ||
		derefID(prev.CorrectsID) != derefID(want.CorrectsID) {
		return nil, voltpay.Errorf(voltpay.ECONFLICT,
			"idempotency key %q was already used for a different request (receipt %s); use a new key for a new operation",
			want.IdempotencyKey, prev.ReceiptNo)
	}
	markReplayed(ctx, q)
	return prev, nil
}

// replayAfterRace answers a request whose key was already recorded (by an
// earlier call or a concurrent twin): that entry is the answer.
func (s *LedgerService) replayAfterRace(ctx context.Context, want *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	got, err := s.replay(ctx, s.db, want)
	if err == nil && got == nil {
		err = voltpay.Errorf(voltpay.ECONFLICT, "a concurrent request with idempotency key %q failed; retry", want.IdempotencyKey)
	}
	return got, err
}

// fillActor records who causes the entry, from the request's principal.
func fillActor(ctx context.Context, e *voltpay.LedgerEntry) {
	p := voltpay.PrincipalFrom(ctx)
	if p == nil {
		return
	}
	e.Actor = p.Name
	switch p.Kind {
	case voltpay.PrincipalOperator:
		e.OperatorID = &p.ID
	case voltpay.PrincipalAPIKey:
		e.APIKeyID = &p.ID
	}
}

func isKeyRace(err error) bool { return isUnique(err, "ledger_entries_idempotency_key_key") }

func isUnique(err error, constraint string) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code.Name() == "unique_violation" && pe.Constraint == constraint
}

func validateMoney(amount voltpay.Fen, channel, key string) error {
	return firstErr(voltpay.ValidateAmount("amountFen", amount), voltpay.ValidateChannel(channel),
		voltpay.ValidateIdempotencyKey(key))
}

func requireOpen(a *voltpay.Account, action string) error {
	if a.Status != voltpay.AccountOpen {
		return voltpay.Errorf(voltpay.ECONFLICT, "cannot %s account %s: it is closed; open a new account for the tenant", action, a.No)
	}
	return nil
}

func requireBalance(a *voltpay.Account, amount voltpay.Fen, action string) error {
	if a.BalanceFen < amount {
		return voltpay.Insufficient(a.BalanceFen, "cannot %s %s yuan: account %s has a balance of %s yuan",
			action, amount, a.No, a.BalanceFen)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func ignoreNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return mapError(err)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
