package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/voltpay/voltpay"
)

// SetMeterTariff puts a meter on a tariff of its site from effectiveFrom
// (nil: now) on, as a row of meter_tariffs (一表一电价; see loadSchedules for
// how charging reads them), and sets meters.tariff_id to the tariff in
// force now. A meter with rows there is charged by them alone, so the first
// row written for a meter is preceded by its tariff until then, in force
// since the epoch. A second change at the same time replaces the first.
// Errors: NOT_FOUND (meter, tariff), INVALID_INPUT (a tariff of another
// site; a time before the meter's last charged reading).
func (s *TariffService) SetMeterTariff(ctx context.Context, meterID, tariffID int64, effectiveFrom *time.Time) (*voltpay.Meter, error) {
	ms, err := s.SetMetersTariff(ctx, []int64{meterID}, tariffID, effectiveFrom)
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// SetMetersTariff is SetMeterTariff for up to voltpay.MaxBulkMeters meters
// at once, in one transaction: all of them change, or none does (the error
// names the meter that could not). Meters are locked in id order, so two
// batches wait for each other rather than deadlock; the answer is in id
// order. Errors: as SetMeterTariff, and INVALID_INPUT (no meter, or more
// than the bound).
func (s *TariffService) SetMetersTariff(ctx context.Context, meterIDs []int64, tariffID int64, effectiveFrom *time.Time) ([]*voltpay.Meter, error) {
	ids := slices.Clone(meterIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 || len(ids) > voltpay.MaxBulkMeters {
		return nil, voltpay.Invalid("meterIds", "choose 1 to %d meters, got %d", voltpay.MaxBulkMeters, len(ids))
	}
	out := make([]*voltpay.Meter, 0, len(ids))
	err := s.db.inTx(ctx, func(tx *Tx) error {
		out = out[:0]
		from := tx.now
		if effectiveFrom != nil {
			from = *effectiveFrom
		}
		for _, id := range ids {
			m, err := setMeterTariff(ctx, tx, id, tariffID, from)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		if ev := s.db.Events; ev != nil {
			tx.AfterCommit(func() {
				for _, m := range out {
					ev.PublishMeter(m)
				}
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setMeterTariff puts one meter on tariffID from from, in tx.
func setMeterTariff(ctx context.Context, tx *Tx, meterID, tariffID int64, from time.Time) (*voltpay.Meter, error) {
	m, err := lockMeter(ctx, tx, meterID)
	if err != nil {
		return nil, err
	}
	chargedTo, err := lockChargedTo(ctx, tx, meterID)
	if err != nil {
		return nil, err
	}
	if err := checkInSite(ctx, tx, "tariffs", "tariff", "tariffId", &tariffID, m.SiteID); err != nil {
		return nil, err
	}
	if chargedTo != nil && from.Before(*chargedTo) {
		return nil, voltpay.Invalid("effectiveFrom", "meter %d is charged up to its reading of %s; a tariff change cannot take effect before that, as charged readings are never re-priced: use that time or later (or omit effectiveFrom for now)",
			meterID, chargedTo.Format(time.RFC3339))
	}
	if err := recordMeterTariff(ctx, tx, m, tariffID, from); err != nil {
		return nil, err
	}
	out := &voltpay.Meter{}
	if err := tx.GetContext(ctx, out, `
		UPDATE meters SET tariff_id = COALESCE((
			SELECT tariff_id FROM meter_tariffs
			WHERE meter_id = $1 AND effective_from <= $2
			ORDER BY effective_from DESC LIMIT 1), tariff_id)
		WHERE id = $1
		RETURNING `+meterColumns, meterID, tx.now); err != nil {
		return nil, mapError(err)
	}
	return out, nil
}

// lockChargedTo returns the time of the meter's last charged reading (nil:
// none yet) under the lock the charging service takes on the meter's
// series, so that no reading is charged until the change commits. The
// series row is created empty when missing, as the charging service does
// (an empty row is the same as none), so that there is a row to lock. The
// caller holds the meter's row: meter, then series, as a replacement
// locks them.
func lockChargedTo(ctx context.Context, tx *Tx, meterID int64) (*time.Time, error) {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO meter_billing (meter_id, updated_at)
		SELECT id, $2 FROM meters WHERE id = $1
		ON CONFLICT DO NOTHING`, meterID, tx.now); err != nil {
		return nil, mapError(err)
	}
	var readAt *time.Time
	err := tx.GetContext(ctx, &readAt, `SELECT read_at FROM meter_billing WHERE meter_id = $1 FOR UPDATE`, meterID)
	return readAt, mapError(err)
}

// recordMeterTariff writes the meter_tariffs row putting m on tariffID
// from from, first recording m's current tariff since the epoch when m has
// no rows yet (with rows, only they count: without it the time before the
// change would have no tariff).
func recordMeterTariff(ctx context.Context, tx *Tx, m *voltpay.Meter, tariffID int64, from time.Time) error {
	if m.TariffID != nil {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO meter_tariffs (meter_id, tariff_id, effective_from, created_at)
			SELECT $1, $2, 'epoch', $3
			WHERE NOT EXISTS (SELECT 1 FROM meter_tariffs WHERE meter_id = $1)`,
			m.ID, *m.TariffID, tx.now); err != nil {
			return mapError(err)
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO meter_tariffs (meter_id, tariff_id, effective_from, created_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (meter_id, effective_from) DO UPDATE SET tariff_id = EXCLUDED.tariff_id, created_at = EXCLUDED.created_at`,
		m.ID, tariffID, from, tx.now)
	return mapError(err)
}

// followTariffEdit keeps the tariff history of a meter edited by
// UpdateMeter in step with its new tariff. A meter with rows in
// meter_tariffs is charged by them alone, so a new tariff is recorded from
// now on (readings up to now keep the tariff they were taken under), and
// the meter cannot be left without one. A meter without rows needs
// nothing: its tariff_id is its whole schedule. Errors: INVALID_INPUT.
func followTariffEdit(ctx context.Context, tx *Tx, cur *voltpay.Meter, tariffID *int64) error {
	if tariffID != nil && cur.TariffID != nil && *tariffID == *cur.TariffID {
		return nil
	}
	var history bool
	if err := tx.GetContext(ctx, &history, `SELECT EXISTS (SELECT 1 FROM meter_tariffs WHERE meter_id = $1)`, cur.ID); err != nil {
		return mapError(err)
	}
	switch {
	case !history:
		return nil
	case tariffID == nil:
		return voltpay.Invalid("tariffId", "meter %d has a tariff history, so it cannot be left without a tariff; pick another tariff instead", cur.ID)
	}
	if _, err := lockChargedTo(ctx, tx, cur.ID); err != nil {
		return err
	}
	return recordMeterTariff(ctx, tx, cur, *tariffID, tx.now)
}
