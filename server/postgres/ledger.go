package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/voltpay/voltpay"
)

// LedgerService implements voltpay.LedgerService. The database does the
// bookkeeping (ledger_before_insert moves the balance under the account's
// row lock); this code checks the request, takes the lock first so it can
// give clear errors, and makes every write idempotent on its key.
type LedgerService struct{ db *DB }

// NewLedgerService returns a LedgerService on db.
func NewLedgerService(db *DB) *LedgerService { return &LedgerService{db: db} }

var _ voltpay.LedgerService = (*LedgerService)(nil)

const entryColumns = `id, account_id, type, channel, amount_fen, balance_after_fen, idempotency_key,
	receipt_no, reverses_id, corrects_id, meter_id, meter_balance_after_fen, operator_id, api_key_id, actor, external_ref,
	note, created_at, fee_of_id`

// Sell records a sale. Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (closed
// account, key reused for another request, payment already credited).
func (s *LedgerService) Sell(ctx context.Context, in voltpay.SaleInput) (*voltpay.LedgerEntry, error) {
	if err := validateMoney(in.AmountFen, in.Channel, in.IdempotencyKey); err != nil {
		return nil, err
	}
	want := &voltpay.LedgerEntry{AccountID: in.AccountID, Type: voltpay.EntrySale, Channel: &in.Channel,
		AmountFen: in.AmountFen, IdempotencyKey: in.IdempotencyKey, MeterID: in.MeterID,
		ExternalRef: in.ExternalRef, Note: in.Note}
	return s.postOne(ctx, want)
}

// Refund takes money out of the balance back to the tenant.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT, INSUFFICIENT_BALANCE.
func (s *LedgerService) Refund(ctx context.Context, in voltpay.RefundInput) (*voltpay.LedgerEntry, error) {
	if err := validateMoney(in.AmountFen, in.Channel, in.IdempotencyKey); err != nil {
		return nil, err
	}
	want := &voltpay.LedgerEntry{AccountID: in.AccountID, Type: voltpay.EntryRefund, Channel: &in.Channel,
		AmountFen: -in.AmountFen, IdempotencyKey: in.IdempotencyKey, MeterID: in.MeterID, Note: in.Note}
	return s.post(ctx, want, func(tx *Tx, a *voltpay.Account) error {
		if err := requireOpen(a, "refund from"); err != nil {
			return err
		}
		if err := requireBalance(a, in.AmountFen, "refund"); err != nil {
			return err
		}
		return requireMeterBalance(ctx, tx, a, in.MeterID, in.AmountFen, "refund")
	})
}

// Charge records consumption charged by billing; it may take the balance
// below zero (arrears). Errors: INVALID_INPUT, NOT_FOUND, CONFLICT.
func (s *LedgerService) Charge(ctx context.Context, in voltpay.ChargeInput) (*voltpay.LedgerEntry, error) {
	if in.AmountFen <= 0 || in.AmountFen > voltpay.MaxTransactionFen {
		return nil, voltpay.Invalid("amountFen", "a charge must be between 1 fen and %s yuan, got %d fen", voltpay.MaxTransactionFen, in.AmountFen)
	}
	if err := voltpay.ValidateSystemKey(in.IdempotencyKey); err != nil { // billing's own "charge:…" keys
		return nil, err
	}
	want := &voltpay.LedgerEntry{AccountID: in.AccountID, Type: voltpay.EntryCharge, AmountFen: -in.AmountFen,
		IdempotencyKey: in.IdempotencyKey, MeterID: &in.MeterID, Note: in.Note}
	return s.post(ctx, want, func(tx *Tx, a *voltpay.Account) error { return requireOpen(a, "charge") })
}

// Reverse undoes one entry with a compensating entry. An entry is reversed
// at most once, and a reversal never; nor a correction or a corrected charge
// (the money would be given back twice: see CorrectCharge).
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT.
func (s *LedgerService) Reverse(ctx context.Context, in voltpay.ReverseInput) (*voltpay.LedgerEntry, error) {
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return nil, voltpay.Invalid("reason", "say why the entry is reversed; the reason is printed on the receipt and kept in the audit log")
	}
	orig, err := s.FindEntryByID(ctx, in.EntryID)
	if err != nil {
		return nil, err
	}
	want := &voltpay.LedgerEntry{AccountID: orig.AccountID, Type: voltpay.EntryReversal, Channel: orig.Channel,
		AmountFen: -orig.AmountFen, IdempotencyKey: in.IdempotencyKey, ReversesID: &orig.ID,
		MeterID: orig.MeterID, Note: in.Reason}
	return s.postThen(ctx, want, func(tx *Tx, a *voltpay.Account) error {
		if err := requireOpen(a, "reverse an entry of"); err != nil {
			return err
		}
		switch orig.Type {
		case voltpay.EntryReversal:
			return voltpay.Errorf(voltpay.ECONFLICT, "entry %s is itself a reversal and cannot be reversed; record a new sale or refund instead", orig.ReceiptNo)
		case voltpay.EntryTransfer:
			return voltpay.Errorf(voltpay.ECONFLICT, "entry %s is one side of a transfer; transfer the amount back instead of reversing one side", orig.ReceiptNo)
		case voltpay.EntryCorrection:
			return voltpay.Errorf(voltpay.ECONFLICT, "entry %s is a correction (补正), which is final: a charge is corrected once; record a sale or refund to adjust the balance", orig.ReceiptNo)
		}
		var by string
		err := tx.GetContext(ctx, &by, `SELECT receipt_no FROM ledger_entries WHERE reverses_id = $1`, orig.ID)
		if err == nil {
			return voltpay.Errorf(voltpay.ECONFLICT, "entry %s was already reversed by %s; an entry can be reversed once", orig.ReceiptNo, by)
		}
		if err := ignoreNoRows(err); err != nil {
			return err
		}
		if orig.Type == voltpay.EntryServiceFee && orig.FeeOfID != nil {
			return voltpay.Errorf(voltpay.ECONFLICT, "entry %s is the service fee of a sale; reverse the sale, which reverses its fee with it", orig.ReceiptNo)
		}
		return refuseCorrected(ctx, tx, orig, "reversed")
	}, func(tx *Tx, a *voltpay.Account, got *voltpay.LedgerEntry) error {
		return s.reverseSaleFee(ctx, tx, a, orig, got)
	})
}

// Transfer moves balance from one account to another as two entries, or,
// within an account that keeps one balance per meter, from one of its
// meters to another.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT, INSUFFICIENT_BALANCE.
func (s *LedgerService) Transfer(ctx context.Context, in voltpay.TransferInput) (out, into *voltpay.LedgerEntry, err error) {
	if err := voltpay.ValidateAmount("amountFen", in.AmountFen); err != nil {
		return nil, nil, err
	}
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, nil, err
	}
	within := in.FromAccountID == in.ToAccountID // between two meters of one per-meter account
	if within && (in.FromMeterID == nil || in.ToMeterID == nil || *in.FromMeterID == *in.ToMeterID) {
		return nil, nil, voltpay.Invalid("toAccountId", "cannot transfer an account's balance to itself; within an account that keeps one balance per meter, name two of its meters (fromMeterId, toMeterId)")
	}
	outWant := &voltpay.LedgerEntry{AccountID: in.FromAccountID, Type: voltpay.EntryTransfer, AmountFen: -in.AmountFen,
		IdempotencyKey: in.IdempotencyKey + "/out", MeterID: in.FromMeterID, Note: in.Note}
	inWant := &voltpay.LedgerEntry{AccountID: in.ToAccountID, Type: voltpay.EntryTransfer, AmountFen: in.AmountFen,
		IdempotencyKey: in.IdempotencyKey + "/in", MeterID: in.ToMeterID, Note: in.Note}
	fillActor(ctx, outWant)
	fillActor(ctx, inWant)
	err = s.db.inTx(ctx, func(tx *Tx) error {
		if out, err = s.replay(ctx, tx, outWant); out != nil || err != nil {
			if err == nil {
				into, err = s.replay(ctx, tx, inWant)
			}
			return err
		}
		// Lock both accounts in id order so that opposite transfers cannot deadlock.
		accts, err := lockAccounts(ctx, tx, in.FromAccountID, in.ToAccountID)
		if err != nil {
			return err
		}
		from, to := accts[in.FromAccountID], accts[in.ToAccountID]
		if within && !perMeter(from) {
			return voltpay.Invalid("toAccountId", "account %s keeps one balance for all its meters, so there is nothing to move between them", from.No)
		}
		if err := errors.Join(requireOpen(from, "transfer from"), requireOpen(to, "transfer to")); err != nil {
			return err
		}
		if !within { // within an account the total does not move: the meter's balance is what counts
			if err := requireBalance(from, in.AmountFen, "transfer"); err != nil {
				return err
			}
		}
		if err := requireMeterBalance(ctx, tx, from, in.FromMeterID, in.AmountFen, "transfer"); err != nil {
			return err
		}
		if perMeter(to) && in.ToMeterID == nil {
			return namePerMeter(to)
		}
		if err := errors.Join(requireOwnMeter(ctx, tx, from, in.FromMeterID), requireOwnMeter(ctx, tx, to, in.ToMeterID)); err != nil {
			return err
		}
		outWant.Note = strings.TrimSpace("to " + to.No + " " + in.Note)
		inWant.Note = strings.TrimSpace("from " + from.No + " " + in.Note)
		if within {
			outWant.Note = strings.TrimSpace(fmt.Sprintf("to meter %d %s", *in.ToMeterID, in.Note))
			inWant.Note = strings.TrimSpace(fmt.Sprintf("from meter %d %s", *in.FromMeterID, in.Note))
		}
		if out, err = s.insert(ctx, tx, from, outWant); err != nil {
			return err
		}
		into, err = s.insert(ctx, tx, to, inWant)
		return err
	})
	if isKeyRace(err) {
		out, err = s.replayAfterRace(ctx, outWant)
		if err == nil {
			into, err = s.replayAfterRace(ctx, inWant)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return out, into, nil
}
