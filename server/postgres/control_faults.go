package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// ReadingFaults brings the reading_fault alarms of meterIDs (of every meter
// when nil: the controller's sweep) in line with their charge series
// (meter_billing.fault, which only the charging service writes): open while
// charging is stopped on a fault that waits for an operator
// (voltpay.ChargeFaultRetried false), cleared once the series runs again.
// One statement: raises go through alarms_open_meter_uniq, so a fault seen
// again never opens a second alarm. The alarms changed are published after
// commit and returned. Errors: UNAVAILABLE.
func (s *ControlStore) ReadingFaults(ctx context.Context, meterIDs []int64) ([]*voltpay.Alarm, error) {
	if meterIDs != nil && len(meterIDs) == 0 {
		return nil, nil
	}
	var out []*voltpay.Alarm
	err := s.db.inTx(ctx, func(tx *Tx) error {
		out = []*voltpay.Alarm{}
		if err := tx.SelectContext(ctx, &out, `
			WITH f AS (
				SELECT b.meter_id, b.fault, m.account_id, m.address
				FROM meter_billing b JOIN meters m ON m.id = b.meter_id
				WHERE ($1::bigint[] IS NULL OR b.meter_id = ANY($1)) AND b.fault <> '' AND NOT starts_with(b.fault, $2)
			), raised AS (
				INSERT INTO alarms (kind, account_id, meter_id, message, raised_at)
				SELECT $3, account_id, meter_id, format('meter %s: charging stopped: %s', address, fault), $4
				FROM f ORDER BY meter_id
				`+meterAlarmConflict+`
				RETURNING `+alarmColumns+`
			), cleared AS (
				UPDATE alarms a SET cleared_at = $4
				WHERE a.kind = $3 AND a.cleared_at IS NULL AND a.meter_id IS NOT NULL
				  AND ($1::bigint[] IS NULL OR a.meter_id = ANY($1))
				  AND NOT EXISTS (SELECT 1 FROM f WHERE f.meter_id = a.meter_id)
				RETURNING a.id, a.kind, a.account_id, a.meter_id, a.gateway_id, a.message, a.raised_at, a.cleared_at
			)
			SELECT * FROM raised UNION ALL SELECT * FROM cleared`,
			pq.Array(meterIDs), voltpay.FaultNoTariff, voltpay.AlarmReadingFault, tx.now); err != nil {
			return mapError(err)
		}
		publishAlarms(tx, out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
