package postgres

import (
	"context"
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// chargeFinal charges a replaced meter's series (换表) up to its final
// reading, in the replacement's transaction and while the meter is still on
// its account: the readings not yet charged, then the final one, whose
// charge entry is keyed like any reading's (chargeKey at final.At). The
// caller holds the meter's billing state locked (lockChargeStates), before
// any account, in the charging service's lock order. A series stopped on a
// fault is charged from its last good reading to the final one: the final
// reading is the operator's, taken from the meter itself. CONFLICT when a
// billed meter has no tariff for its final interval: once replaced, nothing
// would ever charge it.
func (s *ChargeService) chargeFinal(ctx context.Context, tx *Tx, m *voltpay.Meter, final billing.Registers) (*chargeState, error) {
	var st voltpay.ChargeStats
	states, err := s.chargeBatch(ctx, tx, []int64{m.ID}, map[int64]billing.Registers{m.ID: final}, &st)
	if err != nil {
		return nil, err
	}
	if len(states) != 1 {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "meter %s not found; check the id", m.Address)
	}
	c := states[0]
	if c.changed && strings.HasPrefix(c.series.Fault, voltpay.FaultNoTariff) && c.SeriesAccountID != nil {
		return nil, voltpay.Errorf(voltpay.ECONFLICT, "meter %s cannot be charged up to its final reading: %s; assign it a tariff, then replace it",
			m.Address, c.series.Fault)
	}
	return c, nil
}

// startSeries starts the new meter's charge series for account accountID at
// its starting register (the baseline: its first reading after now is
// charged from there, not taken as a free baseline), so that readings
// taken before the installation are never charged. The old series' carries
// (the charges' and the service fee's) and tiered-tariff usage go on in
// the new one when it charged the same account: a replacement changes
// neither the tenant's rounding nor their tier. The start has no rate or reverse registers: the first interval is
// split by time, and the first reverse register read is its own baseline.
// The caller holds the new meter's billing state locked.
func startSeries(ctx context.Context, tx *Tx, old *chargeState, newMeterID, accountID int64, start voltpay.Wh) error {
	var carry, feeCarry billing.Micro
	var usage billing.Usage
	if old != nil && old.changed && old.SeriesAccountID != nil && *old.SeriesAccountID == accountID {
		carry, feeCarry, usage = old.series.Carry.Total, old.series.FeeCarry.Total, old.series.Usage
	}
	var period any
	if !usage.Period.IsZero() {
		period = usage.Period
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE meter_billing
		SET read_at = $2, energy_wh = $3, sharp_wh = NULL, peak_wh = NULL, flat_wh = NULL, valley_wh = NULL,
			reverse_wh = NULL, account_id = $4, carry_micro = $5, usage_period = $6, usage_wh = $7, fault = '',
			updated_at = $2, fee_carry_micro = $8
		WHERE meter_id = $1`, newMeterID, tx.now, start, accountID, carry, period, usage.Wh, feeCarry)
	return mapError(err)
}
