package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// rebuildBatch is how many meters one rebuild transaction takes: a meter
// read every 2 minutes for a year is 260,000 readings streamed through Go.
const rebuildBatch = 20

// RebuildEnergyDays recomputes the energy rollup of the meters from all
// their raw readings, rebuildBatch meters per transaction, each holding the
// meters' rows locked as RecordReadings does (so a batch of readings
// arriving meanwhile waits, then folds into the rebuilt days), and takes
// them off the backfill queue (energy_backfill). Running it twice gives
// the same rows. Errors: UNAVAILABLE.
func RebuildEnergyDays(ctx context.Context, db *DB, ids []int64) error {
	for start := 0; start < len(ids); start += rebuildBatch {
		chunk := ids[start:min(start+rebuildBatch, len(ids))]
		if err := db.inTx(ctx, func(tx *Tx) error { return rebuildMeters(ctx, tx, chunk) }); err != nil {
			return err
		}
	}
	return nil
}

// BackfillEnergyDays rebuilds the meters queued in energy_backfill (read
// before the rollup existed; filled when schema version 23 is first
// applied) until none is left, and returns how many it rebuilt. The server
// runs it at start, beside the poller: a meter's days are whole once its
// transaction commits. Errors: UNAVAILABLE.
func BackfillEnergyDays(ctx context.Context, db *DB) (int, error) {
	done := 0
	for {
		ids := []int64{}
		if err := db.SelectContext(ctx, &ids, `SELECT meter_id FROM energy_backfill ORDER BY meter_id LIMIT $1`,
			rebuildBatch); err != nil {
			return done, mapError(err)
		}
		if len(ids) == 0 {
			return done, nil
		}
		if err := RebuildEnergyDays(ctx, db, ids); err != nil {
			return done, err
		}
		done += len(ids)
	}
}

// rebuildMeters locks the meters (in id order), streams their readings
// into days and replaces their rows.
func rebuildMeters(ctx context.Context, tx *Tx, ids []int64) error {
	if _, err := tx.ExecContext(ctx, `SELECT id FROM meters WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`,
		pq.Array(ids)); err != nil {
		return mapError(err)
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT meter_id, read_at, energy_wh, sharp_wh, peak_wh, flat_wh, valley_wh, reverse_wh
		FROM meter_readings WHERE meter_id = ANY($1) ORDER BY meter_id, read_at`, pq.Array(ids))
	if err != nil {
		return mapError(err)
	}
	samples := map[int64][]energySample{}
	for rows.Next() {
		var r voltpay.Reading
		if err := rows.Scan(&r.MeterID, &r.ReadAt, &r.EnergyWh, &r.SharpWh, &r.PeakWh, &r.FlatWh, &r.ValleyWh, &r.ReverseWh); err != nil {
			rows.Close()
			return mapError(err)
		}
		samples[r.MeterID] = append(samples[r.MeterID], sampleOf(&r))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapError(err)
	}
	for _, q := range []string{`DELETE FROM energy_days WHERE meter_id = ANY($1)`,
		`DELETE FROM energy_backfill WHERE meter_id = ANY($1)`} {
		if _, err := tx.ExecContext(ctx, q, pq.Array(ids)); err != nil {
			return mapError(err)
		}
	}
	return foldSamples(ctx, tx, samples)
}
