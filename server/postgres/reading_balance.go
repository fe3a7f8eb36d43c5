package postgres

import (
	"context"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// balanceAlarms reconciles the balance that meter-billed meters report
// with the platform's mirror of it (voltpay/meter_billed.go), in the
// batch's transaction, set-based in one statement: for each of meterIDs
// whose newest staged reading (the one its state moved to) has a balance,
// the expectation is the previous reading with a balance plus the credits
// that certainly landed in between. A credit certainly landed in between
// when it was confirmed, reserved (just before its first push) after the
// previous reading and done by this one; a credit whose push straddles
// either reading, or that may have landed without being confirmed, makes
// the reading decide nothing. A difference above
// voltpay.BalanceMismatchToleranceFen raises AlarmBalanceMismatch; within
// it, an open one is cleared. Meters read for the first time decide
// nothing either (there is nothing to compare). meterIDs is empty in a
// batch without meter-billed meters, which then costs nothing here.
func balanceAlarms(ctx context.Context, tx *Tx, meterIDs []int64) error {
	if len(meterIDs) == 0 {
		return nil
	}
	changed := []*voltpay.Alarm{}
	if err := tx.SelectContext(ctx, &changed, `
		WITH n AS (
			SELECT m.id AS meter_id, m.account_id, m.address, s.read_at, s.balance_fen
			FROM reading_stage s
			JOIN meters m ON m.id = s.meter_id AND m.last_read_at = s.read_at
			WHERE s.meter_id = ANY($1) AND s.balance_fen IS NOT NULL
		), d AS (
			SELECT n.meter_id, n.account_id, n.address, n.balance_fen, p.balance_fen AS prev_fen, c.credited,
				n.balance_fen - p.balance_fen - c.credited AS diff, c.unsure
			FROM n
			CROSS JOIN LATERAL (
				SELECT balance_fen, read_at FROM meter_readings r
				WHERE r.meter_id = n.meter_id AND r.read_at < n.read_at AND r.balance_fen IS NOT NULL
				ORDER BY r.read_at DESC
				LIMIT 1) p
			CROSS JOIN LATERAL (
				SELECT coalesce(sum(k.amount) FILTER (WHERE k.inside), 0) AS credited,
					coalesce(bool_or(NOT k.inside), false) AS unsure
				FROM (
					SELECT (mc.params->>'amountFen')::bigint AS amount,
						mc.state = 'confirmed' AND cc.reserved_at > p.read_at AND mc.done_at <= n.read_at AS inside
					FROM meter_credit_counts cc
					JOIN meter_commands mc ON mc.id = cc.command_id
					WHERE cc.meter_id = n.meter_id AND cc.reserved_at <= n.read_at
						AND (mc.done_at IS NULL OR mc.done_at > p.read_at)) k) c
		), raised AS (
			INSERT INTO alarms (kind, account_id, meter_id, message, raised_at)
			SELECT $2, account_id, meter_id,
				format('meter %s: its own balance %s yuan is %s yuan off the %s yuan expected (its previous reading %s yuan plus %s yuan of credits since); look for purchases made outside Voltpay, a lost credit or a meter fault',
					address, `+yuanSQL("balance_fen")+`, `+yuanSQL("diff")+`, `+yuanSQL("prev_fen + credited")+`,
					`+yuanSQL("prev_fen")+`, `+yuanSQL("credited")+`), $3
			FROM d WHERE NOT unsure AND abs(diff) > $4
			ORDER BY meter_id
			`+meterAlarmConflict+`
			RETURNING `+alarmColumns+`
		), cleared AS (
			UPDATE alarms a SET cleared_at = $3
			FROM d
			WHERE a.meter_id = d.meter_id AND a.kind = $2 AND a.cleared_at IS NULL AND NOT d.unsure AND abs(d.diff) <= $4
			RETURNING a.id, a.kind, a.account_id, a.meter_id, a.gateway_id, a.message, a.raised_at, a.cleared_at
		)
		SELECT * FROM raised UNION ALL SELECT * FROM cleared`,
		pq.Array(meterIDs), voltpay.AlarmBalanceMismatch, tx.now, int64(voltpay.BalanceMismatchToleranceFen)); err != nil {
		return mapError(err)
	}
	publishAlarms(tx, changed)
	return nil
}

// yuanSQL formats the fen expression expr as yuan with two decimals.
func yuanSQL(expr string) string { return "to_char((" + expr + ") / 100.0, 'FM999999999990.00')" }
