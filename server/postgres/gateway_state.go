package postgres

import (
	"context"
	"time"

	"github.com/lib/pq"
	"github.com/voltpay/voltpay"
)

// RecordGatewayStates sets the online flag and last-seen time of many
// gateways in one statement (a cycle reports every gateway it polled).
// Unknown ids are ignored. Errors: UNAVAILABLE.
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
	_, err := s.db.ExecContext(ctx, `
		UPDATE gateways g
		SET online = s.online, last_seen_at = coalesce(s.seen, g.last_seen_at)
		FROM unnest($1::bigint[], $2::boolean[], $3::timestamptz[]) AS s (id, online, seen)
		WHERE g.id = s.id AND (g.online IS DISTINCT FROM s.online OR s.seen IS NOT NULL)`,
		pq.Array(ids), pq.Array(online), pq.Array(timeArray(seen)))
	return mapError(err)
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
