package postgres

import (
	"context"
	"strings"

	"github.com/voltpay/voltpay"
)

// CorrectCharge corrects (补正) one charge entry to the amount it should
// have cost, by a correction entry of the difference (charged − corrected:
// positive gives money back, negative takes more) on the charge's account
// and meter, naming the charge (corrects_id). The charge stays as it was:
// the ledger is append-only, and the pair of entries is the history. A
// charge is corrected once (the unique corrects_id decides races) and a
// reversed charge not at all: the reversal already gave all of it back.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT.
func (s *LedgerService) CorrectCharge(ctx context.Context, in voltpay.CorrectChargeInput) (*voltpay.LedgerEntry, error) {
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return nil, voltpay.Invalid("reason", "say why the charge is corrected (the wrong reading or price); the reason is printed on the receipt and kept in the audit log")
	}
	if in.AmountFen < 0 || in.AmountFen > voltpay.MaxTransactionFen {
		return nil, voltpay.Invalid("amountFen", "the corrected amount is what the charge should have cost: between 0 and %s yuan, got %s yuan", voltpay.MaxTransactionFen, in.AmountFen)
	}
	orig, err := s.FindEntryByID(ctx, in.EntryID)
	if err != nil {
		return nil, err
	}
	if orig.Type != voltpay.EntryCharge {
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "entry %s is a %s, not a charge; only charges are corrected (reverse a sale or refund instead)", orig.ReceiptNo, orig.Type)
	}
	diff := -orig.AmountFen - in.AmountFen
	if diff == 0 {
		return nil, voltpay.Invalid("amountFen", "charge %s already cost %s yuan; give the amount it should have cost", orig.ReceiptNo, in.AmountFen)
	}
	want := &voltpay.LedgerEntry{AccountID: orig.AccountID, Type: voltpay.EntryCorrection, AmountFen: diff,
		IdempotencyKey: in.IdempotencyKey, CorrectsID: &orig.ID, MeterID: orig.MeterID,
		Note: strings.TrimSpace("correction of " + orig.ReceiptNo + " to " + in.AmountFen.String() + " yuan: " + in.Reason)}
	return s.postThen(ctx, want, func(tx *Tx, a *voltpay.Account) error {
		if err := requireOpen(a, "correct a charge of"); err != nil {
			return err
		}
		var by string
		err := tx.GetContext(ctx, &by, `SELECT receipt_no FROM ledger_entries WHERE reverses_id = $1`, orig.ID)
		if err == nil {
			return voltpay.Errorf(voltpay.ECONFLICT, "charge %s was reversed by %s, which gave all of it back; there is nothing left to correct", orig.ReceiptNo, by)
		}
		if err := ignoreNoRows(err); err != nil {
			return err
		}
		return refuseCorrected(ctx, tx, orig, "corrected again")
	}, func(tx *Tx, a *voltpay.Account, got *voltpay.LedgerEntry) error {
		return s.correctChargeFee(ctx, tx, a, orig, in)
	})
}

// correctChargeFee corrects the service fee taken beside charge orig (its
// key is the charge's with ":fee"), if any, in the same proportion as the
// charge: the fee becomes the original fee × corrected ÷ charged, rounded
// half away from zero, by a correction entry naming the fee.
func (s *LedgerService) correctChargeFee(ctx context.Context, tx *Tx, a *voltpay.Account, orig *voltpay.LedgerEntry, in voltpay.CorrectChargeInput) error {
	fee, err := findEntryByKey(ctx, tx, feeKey(orig.IdempotencyKey))
	if err != nil || fee == nil || fee.Type != voltpay.EntryServiceFee {
		return err
	}
	charged, taken := -orig.AmountFen, -fee.AmountFen
	corrected := voltpay.Fen((2*int64(taken)*int64(in.AmountFen) + int64(charged)) / (2 * int64(charged))) // half up; all ≥ 0
	diff := taken - corrected
	if diff == 0 {
		return nil
	}
	e := &voltpay.LedgerEntry{AccountID: fee.AccountID, Type: voltpay.EntryCorrection, AmountFen: diff,
		IdempotencyKey: in.IdempotencyKey + ":fee", CorrectsID: &fee.ID, MeterID: fee.MeterID,
		Note: "service fee " + fee.ReceiptNo + " corrected with its charge " + orig.ReceiptNo + " to " + corrected.String() + " yuan"}
	fillActor(ctx, e)
	_, err = s.insert(ctx, tx, a, e)
	return err
}

// refuseCorrected returns CONFLICT when entry orig has a correction: it
// cannot then be action (corrected again, reversed) without counting the
// money twice.
func refuseCorrected(ctx context.Context, tx *Tx, orig *voltpay.LedgerEntry, action string) error {
	var by string
	err := tx.GetContext(ctx, &by, `SELECT receipt_no FROM ledger_entries WHERE corrects_id = $1`, orig.ID)
	if err == nil {
		return voltpay.Errorf(voltpay.ECONFLICT, "charge %s was already corrected by %s and cannot be %s; a charge is corrected once", orig.ReceiptNo, by, action)
	}
	return ignoreNoRows(err)
}
