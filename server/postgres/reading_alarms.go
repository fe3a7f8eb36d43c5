package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// meterAlarms keeps the alarms that a batch of readings decides, in the
// batch's transaction: the offline alarms of cameOnline are cleared, and
// the overload alarms of overload (meters with a threshold whose state the
// batch advanced) follow their newest reading's power, set-based in one
// statement. Both lists are empty in a steady polling loop of meters
// without thresholds, which then costs nothing here.
func meterAlarms(ctx context.Context, tx *Tx, cameOnline, overload []int64) error {
	cleared, err := clearMeterAlarms(ctx, tx, voltpay.AlarmOffline, cameOnline)
	if err != nil {
		return err
	}
	publishAlarms(tx, cleared)
	if len(overload) == 0 {
		return nil
	}
	// The newest reading of each meter is the staged one its state moved
	// to (last_read_at): a late, older reading decides nothing. A reading
	// without power decides nothing either.
	changed := []*voltpay.Alarm{}
	if err := tx.SelectContext(ctx, &changed, `
		WITH r AS (
			SELECT m.id AS meter_id, m.account_id, m.address, m.overload_w, s.power_w
			FROM reading_stage s
			JOIN meters m ON m.id = s.meter_id AND m.last_read_at = s.read_at
			WHERE s.meter_id = ANY($1) AND s.power_w IS NOT NULL AND m.overload_w IS NOT NULL
		), raised AS (
			INSERT INTO alarms (kind, account_id, meter_id, message, raised_at)
			SELECT $2, account_id, meter_id,
				format('meter %s: power %s W is above its overload threshold %s W', address, power_w, overload_w), $3
			FROM r WHERE power_w > overload_w
			ORDER BY meter_id
			`+meterAlarmConflict+`
			RETURNING `+alarmColumns+`
		), cleared AS (
			UPDATE alarms a SET cleared_at = $3
			FROM r
			WHERE a.meter_id = r.meter_id AND a.kind = $2 AND a.cleared_at IS NULL AND r.power_w <= r.overload_w
			RETURNING a.id, a.kind, a.account_id, a.meter_id, a.gateway_id, a.message, a.raised_at, a.cleared_at
		)
		SELECT * FROM raised UNION ALL SELECT * FROM cleared`,
		pq.Array(overload), voltpay.AlarmOverload, tx.now); err != nil {
		return mapError(err)
	}
	publishAlarms(tx, changed)
	return nil
}
