package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"
	"github.com/voltpay/voltpay"
)

// RecordGatewayStates sets the online flag and last-seen time of many
// gateways and keeps their gateway_offline alarms, in one statement (a
// cycle reports every gateway it polled): a gateway reported offline gets
// an alarm unless one is open (alarms_open_gateway_uniq), one reported
// online has its open alarm cleared. The alarms changed are published
// after commit. Unknown ids are ignored. Errors: UNAVAILABLE.
func (s *ReadingService) RecordGatewayStates(ctx context.Context, states []voltpay.GatewayState) error {
	if len(states) == 0 {
		return nil
	}
	ids := make([]int64, len(states))
	online := make([]bool, len(states))
	seen := make([]*time.Time, len(states))
	for i, st := range states {
		ids[i], online[i], seen[i] = st.GatewayID, st.Online, st.SeenAt
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		changed := []*voltpay.Alarm{}
		if err := tx.SelectContext(ctx, &changed, `
			WITH s AS (
				SELECT * FROM unnest($1::bigint[], $2::boolean[], $3::timestamptz[]) AS s (id, online, seen)
			), states AS (
				UPDATE gateways g
				SET online = s.online, last_seen_at = coalesce(s.seen, g.last_seen_at)
				FROM s
				WHERE g.id = s.id AND (g.online IS DISTINCT FROM s.online OR s.seen IS NOT NULL)
			), raised AS (
				INSERT INTO alarms (kind, gateway_id, message, raised_at)
				SELECT DISTINCT ON (g.id) $4, g.id, format('gateway %s (%s:%s) does not answer', g.name, g.host, g.port), $5
				FROM s JOIN gateways g ON g.id = s.id
				WHERE NOT s.online
				ORDER BY g.id
				ON CONFLICT (gateway_id, kind) WHERE cleared_at IS NULL AND gateway_id IS NOT NULL DO NOTHING
				RETURNING `+alarmColumns+`
			), cleared AS (
				UPDATE alarms a SET cleared_at = $5
				FROM s
				WHERE a.gateway_id = s.id AND s.online AND a.kind = $4 AND a.cleared_at IS NULL
				RETURNING a.id, a.kind, a.account_id, a.meter_id, a.gateway_id, a.message, a.raised_at, a.cleared_at
			)
			SELECT * FROM raised UNION ALL SELECT * FROM cleared`,
			pq.Array(ids), pq.Array(online), pq.Array(timeArray(seen)), voltpay.AlarmGatewayOffline, tx.now); err != nil {
			return mapError(err)
		}
		publishAlarms(tx, changed)
		return nil
	})
}

// timeArray renders optional times for a timestamptz[] parameter (nil → NULL).
func timeArray(ts []*time.Time) []any {
	out := make([]any, len(ts))
	for i, t := range ts {
		if t != nil {
			out[i] = t.UTC().Format(time.RFC3339Nano)
		}
	}
	return out
}
