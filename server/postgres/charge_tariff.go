package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// loadSchedules returns the tariff schedule of each meter the batch charges
// (platform-billed, with new readings, its account in billed), each tariff
// loaded once for the batch whatever the number of its meters.
//
// A meter's schedule is its rows in meter_tariffs, each tariff in force from
// its effective_from to the next; a meter without rows there has its
// current meters.tariff_id in force since the epoch (so changing that
// column re-prices readings not yet charged: add rows to meter_tariffs to
// make a change take effect at a given time). A meter with neither has an
// empty schedule: voltpay.FaultNoTariff.
func loadSchedules(ctx context.Context, tx *Tx, states []*chargeState, billed billedAccounts) (map[int64]billing.Schedule, error) {
	var meterIDs, tariffIDs []int64
	for _, c := range states {
		if len(c.readings) > 0 && billed.has(c.AccountID) && c.PrepaidMode == voltpay.PrepaidPlatform {
			meterIDs = append(meterIDs, c.MeterID)
			if c.TariffID != nil {
				tariffIDs = append(tariffIDs, *c.TariffID)
			}
		}
	}
	out := make(map[int64]billing.Schedule, len(meterIDs))
	if len(meterIDs) == 0 {
		return out, nil
	}
	var history []struct {
		MeterID       int64     `db:"meter_id"`
		TariffID      int64     `db:"tariff_id"`
		EffectiveFrom time.Time `db:"effective_from"`
	}
	if err := tx.SelectContext(ctx, &history, `
		SELECT meter_id, tariff_id, effective_from
		FROM meter_tariffs
		WHERE meter_id = ANY($1)
		ORDER BY meter_id, effective_from`, pq.Array(meterIDs)); err != nil {
		return nil, mapError(err)
	}
	for _, h := range history {
		tariffIDs = append(tariffIDs, h.TariffID)
	}
	slices.Sort(tariffIDs)
	tariffs, err := lockTariffs(ctx, tx, slices.Compact(tariffIDs))
	if err != nil {
		return nil, err
	}
	for _, h := range history {
		if t := tariffs[h.TariffID]; t != nil {
			out[h.MeterID] = append(out[h.MeterID], billing.Version{From: h.EffectiveFrom, Tariff: t})
		}
	}
	for _, c := range states {
		if _, ok := out[c.MeterID]; !ok && c.TariffID != nil && tariffs[*c.TariffID] != nil {
			out[c.MeterID] = billing.Schedule{{Tariff: tariffs[*c.TariffID]}} // zero From: since the epoch
		}
	}
	return out, nil
}

// lockTariffs reads the tariffs with their prices, periods and tiers. The
// share lock on each tariff row waits out an edit in progress (UpdateTariff
// rewrites a tariff's rows in one transaction), so the children read next
// are all of one version.
func lockTariffs(ctx context.Context, tx *Tx, ids []int64) (map[int64]*voltpay.Tariff, error) {
	out := map[int64]*voltpay.Tariff{}
	if len(ids) == 0 {
		return out, nil
	}
	ts := []*voltpay.Tariff{}
	if err := tx.SelectContext(ctx, &ts, `
		SELECT `+tariffColumns+`
		FROM tariffs
		WHERE id = ANY($1)
		ORDER BY id
		FOR SHARE`, pq.Array(ids)); err != nil {
		return nil, mapError(err)
	}
	if err := loadTariffChildren(ctx, tx, ts); err != nil {
		return nil, err
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}
