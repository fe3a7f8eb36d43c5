package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// ReplaceMeter replaces an account's meter (换表) in one transaction: the old
// meter takes its final reading and becomes "replaced", the new meter joins
// the account with its starting reading (a new series for billing) and the
// old meter's tariff and prepaid mode when it has none of its own. A balance
// kept on the old meter (meter-balance mode) is carried over as a pair of
// transfer entries naming each meter (老表金额转入), so the ledger shows it.
//
// Billing (issue 4 item 2): the old meter's series is charged up to the
// final reading, at the time of the replacement, while it is still on the
// account (chargeFinal), and the new meter's series starts at
// NewStartEnergyWh at that time (startSeries), so its first reading is
// charged from there. Both billing states are locked right after the old
// meter and before the account, in the charging service's order (billing
// states, then accounts), so a replacement and a charging batch never
// deadlock. Errors: INVALID_INPUT, NOT_FOUND, CONFLICT.
func (s *AccountService) ReplaceMeter(ctx context.Context, in voltpay.ReplaceMeterInput) (*voltpay.Meter, *voltpay.LedgerEntry, error) {
	if in.FinalEnergyWh < 0 || in.NewStartEnergyWh < 0 {
		return nil, nil, voltpay.Invalid("finalEnergyWh", "readings cannot be negative")
	}
	if in.MeterBalanceFen < 0 || in.MeterBalanceFen > voltpay.MaxTransactionFen {
		return nil, nil, voltpay.Invalid("meterBalanceFen", "the balance left on the old meter must be between 0 and %s yuan", voltpay.MaxTransactionFen)
	}
	if in.OldMeterID == in.NewMeterID {
		return nil, nil, voltpay.Invalid("newMeterId", "the new meter must be another meter than the old one")
	}
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, nil, err
	}
	var newMeter *voltpay.Meter
	var carried *voltpay.LedgerEntry
	err := s.db.inTx(ctx, func(tx *Tx) error {
		old, err := lockMeter(ctx, tx, in.OldMeterID)
		if err != nil {
			return err
		}
		if old.Status == voltpay.MeterReplaced && derefID(old.ReplacedByID) == in.NewMeterID {
			newMeter, err = lockMeter(ctx, tx, in.NewMeterID) // a retry of this replacement
			markReplayed(ctx, tx)
			if err == nil {
				carried, err = findEntryByKey(ctx, tx, in.IdempotencyKey+"/in")
			}
			return err
		}
		if old.AccountID == nil || old.Status != voltpay.MeterActive {
			return voltpay.Errorf(voltpay.ECONFLICT, "meter %s is not an active meter of an account; only those are replaced", old.Address)
		}
		if old.LastEnergyWh != nil && in.FinalEnergyWh < *old.LastEnergyWh {
			return voltpay.Invalid("finalEnergyWh", "the old meter's final reading %d Wh is below its last reading %d Wh; check the reading", in.FinalEnergyWh, *old.LastEnergyWh)
		}
		if in.MeterBalanceFen > 0 && old.PrepaidMode != voltpay.PrepaidMeter {
			return voltpay.Invalid("meterBalanceFen", "meter %s is platform-billed and keeps no balance; its account's balance stays as it is", old.Address)
		}
		if _, err := lockChargeStates(ctx, tx, []int64{min(old.ID, in.NewMeterID), max(old.ID, in.NewMeterID)}); err != nil {
			return err
		}
		series, err := s.charge.chargeFinal(ctx, tx, old, billing.Registers{At: tx.now, EnergyWh: in.FinalEnergyWh})
		if err != nil {
			return err
		}
		a, err := lockAccount(ctx, tx, *old.AccountID)
		if err != nil {
			return err
		}
		nm, err := lockMeter(ctx, tx, in.NewMeterID)
		if err != nil {
			return err
		}
		if nm.AccountID != nil || nm.Status != voltpay.MeterActive || nm.SiteID != old.SiteID {
			return voltpay.Errorf(voltpay.ECONFLICT, "new meter %s must be an active, unassigned meter of the same site", nm.Address)
		}
		if newMeter, err = swapMeters(ctx, tx, a, old, nm, in); err != nil {
			return err
		}
		if err := startSeries(ctx, tx, series, nm.ID, a.ID, in.NewStartEnergyWh); err != nil {
			return err
		}
		if err := s.carryPerMeterBalance(ctx, tx, a, old, newMeter, in.IdempotencyKey); err != nil {
			return err
		}
		if in.MeterBalanceFen > 0 {
			carried, err = s.carryMeterBalance(ctx, tx, a, old, newMeter, in)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	s.publishMeter(newMeter, nil)
	return newMeter, carried, nil
}

// swapMeters retires the old meter at its final reading and puts the new
// one on the account, inheriting what it has not got of its own.
func swapMeters(ctx context.Context, tx *Tx, a *voltpay.Account, old, nm *voltpay.Meter, in voltpay.ReplaceMeterInput) (*voltpay.Meter, error) {
	if _, err := tx.ExecContext(ctx, `
		UPDATE meters SET status = 'replaced', replaced_by_id = $2, account_id = NULL, account_since = NULL, last_energy_wh = $3
		WHERE id = $1`, old.ID, nm.ID, in.FinalEnergyWh); err != nil {
		return nil, mapError(err)
	}
	// The new meter takes the old one's place, so this refuses only an
	// account that was over the limit already.
	if err := requireMeterRoom(ctx, tx, a); err != nil {
		return nil, err
	}
	m := &voltpay.Meter{}
	err := tx.GetContext(ctx, m, `
		UPDATE meters SET account_id = $2, account_since = $9, last_energy_wh = $3, tariff_id = coalesce(tariff_id, $4),
			prepaid_mode = $5, building_id = coalesce(building_id, $6),
			floor = CASE WHEN floor = '' THEN $7 ELSE floor END, room = CASE WHEN room = '' THEN $8 ELSE room END
		WHERE id = $1 RETURNING `+meterColumns,
		nm.ID, a.ID, in.NewStartEnergyWh, old.TariffID, old.PrepaidMode, old.BuildingID, old.Floor, old.Room, tx.now)
	return m, mapError(err)
}

// carryMeterBalance records the old meter's balance leaving it and arriving
// on the new one: two transfer entries on the same account, net zero.
func (s *AccountService) carryMeterBalance(ctx context.Context, tx *Tx, a *voltpay.Account, old, nm *voltpay.Meter, in voltpay.ReplaceMeterInput) (*voltpay.LedgerEntry, error) {
	into := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryTransfer, AmountFen: in.MeterBalanceFen,
		IdempotencyKey: in.IdempotencyKey + "/in", MeterID: &nm.ID, Note: "balance carried from replaced meter " + old.Address}
	out := &voltpay.LedgerEntry{AccountID: a.ID, Type: voltpay.EntryTransfer, AmountFen: -in.MeterBalanceFen,
		IdempotencyKey: in.IdempotencyKey + "/out", MeterID: &old.ID, Note: "balance carried to new meter " + nm.Address}
	fillActor(ctx, into)
	fillActor(ctx, out)
	got, err := s.ledger.insert(ctx, tx, a, into)
	if err == nil {
		_, err = s.ledger.insert(ctx, tx, a, out)
	}
	return got, err
}
