package postgres

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// Service fees on sales (voltpay.FeeOnSale): a site may take its service
// fee on each sale instead of on each charge. The fee is a service_fee
// entry of −FeeFen(sale, bp) written right after the sale in its
// transaction (insert calls takeSaleFee for every sale, whichever path
// wrote it), naming the sale in fee_of_id (at most one per sale), keyed
// the sale's key + ":fee", on the sale's meter; so the balance rises by
// the sale minus the fee and receipts show both. Reversing the sale
// reverses its fee in the same transaction (reverseSaleFee); the fee is
// never reversed alone.

// takeSaleFee writes the service fee of sale on account a (locked) when
// a's site takes its fee on sales; nothing when it does not, or when the
// fee rounds to 0 fen.
func (s *LedgerService) takeSaleFee(ctx context.Context, tx *Tx, a *voltpay.Account, sale *voltpay.LedgerEntry) error {
	var site struct {
		BP int    `db:"service_fee_bp"`
		On string `db:"service_fee_on"`
	}
	if err := tx.GetContext(ctx, &site, `SELECT service_fee_bp, service_fee_on FROM sites WHERE id = $1`, a.SiteID); err != nil {
		return mapError(err)
	}
	if site.On != voltpay.FeeOnSale || site.BP == 0 {
		return nil
	}
	fee := billing.FeeFen(sale.AmountFen, site.BP)
	if fee == 0 {
		return nil
	}
	e := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryServiceFee, AmountFen: -fee,
		IdempotencyKey: sale.IdempotencyKey + ":fee", MeterID: sale.MeterID, FeeOfID: &sale.ID,
		OperatorID: sale.OperatorID, APIKeyID: sale.APIKeyID, Actor: sale.Actor,
		Note: fmt.Sprintf("service fee %s on sale %s", billing.Percent(site.BP), sale.ReceiptNo)}
	_, err := s.insert(ctx, tx, a, e)
	return err
}

// reverseSaleFee reverses, with reversal rev of orig, the fee taken on orig
// when orig is a sale that bore one: a reversal of the fee keyed rev's key
// + ":fee".
func (s *LedgerService) reverseSaleFee(ctx context.Context, tx *Tx, a *voltpay.Account, orig, rev *voltpay.LedgerEntry) error {
	if orig.Type != voltpay.EntrySale {
		return nil
	}
	fee := &voltpay.LedgerEntry{}
	err := tx.GetContext(ctx, fee, `SELECT `+entryColumns+` FROM ledger_entries WHERE fee_of_id = $1`, orig.ID)
	if err != nil {
		return ignoreNoRows(err)
	}
	e := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryReversal, AmountFen: -fee.AmountFen,
		IdempotencyKey: rev.IdempotencyKey + ":fee", ReversesID: &fee.ID, MeterID: fee.MeterID,
		OperatorID: rev.OperatorID, APIKeyID: rev.APIKeyID, Actor: rev.Actor,
		Note: fmt.Sprintf("service fee of reversed sale %s: %s", orig.ReceiptNo, rev.Note)}
	_, err = s.insert(ctx, tx, a, e)
	return err
}

// FindSaleFees returns the service fee entries taken on the sales saleIDs
// (voltpay.FeeOnSale), by sale; sales without a fee are left out. The
// caller has authorised the sales. Errors: UNAVAILABLE.
func (s *LedgerService) FindSaleFees(ctx context.Context, saleIDs []int64) (map[int64]*voltpay.LedgerEntry, error) {
	fees := []*voltpay.LedgerEntry{}
	if err := s.db.SelectContext(ctx, &fees, `SELECT `+entryColumns+` FROM ledger_entries WHERE fee_of_id = ANY($1)`,
		pq.Array(saleIDs)); err != nil {
		return nil, mapError(err)
	}
	out := make(map[int64]*voltpay.LedgerEntry, len(fees))
	for _, f := range fees {
		out[*f.FeeOfID] = f
	}
	return out, nil
}
