package postgres

import (
	"context"
	"slices"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// alarmsInRange is the alarms of an alarm report as a CTE "al": raised in
// [$1, $2) (alarms_raised_idx), of site $3 through their meter, account or
// gateway, of kinds $4 (empty: all), each with its duration in seconds (to
// $5, now, while open) and its local day in the site's zone.
const alarmsInRange = `
	WITH tz AS (SELECT coalesce((SELECT timezone FROM sites WHERE id = $3), '` + voltpay.DefaultTimezone + `') AS zone),
	al AS (
		SELECT al.id, al.kind, al.meter_id, al.account_id, al.cleared_at,
			extract(epoch FROM coalesce(al.cleared_at, $5::timestamptz) - al.raised_at)::bigint AS secs,
			to_char(al.raised_at AT TIME ZONE tz.zone, 'YYYY-MM-DD') AS day
		FROM alarms al CROSS JOIN tz
		LEFT JOIN meters m ON m.id = al.meter_id
		LEFT JOIN accounts a ON a.id = al.account_id
		LEFT JOIN gateways g ON g.id = al.gateway_id
		WHERE al.raised_at >= $1 AND al.raised_at < $2
			AND ($3::bigint IS NULL OR coalesce(m.site_id, a.site_id, g.site_id) = $3)
			AND (cardinality($4::text[]) = 0 OR al.kind = ANY($4))
	)`

// alarmStatsQueries are the report's parts over alarmsInRange.
const (
	alarmDaysQuery = alarmsInRange + `
		SELECT day, kind, count(*) AS raised, round(avg(secs))::bigint AS mean_seconds, max(secs) AS longest_seconds
		FROM al GROUP BY day, kind ORDER BY day, kind`
	alarmKindsQuery = alarmsInRange + `
		SELECT kind, count(*) AS raised, count(*) FILTER (WHERE cleared_at IS NULL) AS still_open,
			round(avg(secs))::bigint AS mean_seconds, max(secs) AS longest_seconds, 0 AS open_now
		FROM al GROUP BY kind`
	alarmTopMetersQuery = alarmsInRange + `
		SELECT al.meter_id AS id, m.address || CASE WHEN m.room = '' THEN '' ELSE ' ' || m.room END AS label,
			count(*) AS n, sum(secs) AS total_seconds
		FROM al JOIN meters m ON m.id = al.meter_id
		GROUP BY al.meter_id, m.address, m.room ORDER BY n DESC, total_seconds DESC, id LIMIT $6`
	alarmTopAccountsQuery = alarmsInRange + `
		SELECT al.account_id AS id, a.no || ' ' || a.tenant_name AS label, count(*) AS n, sum(secs) AS total_seconds
		FROM al JOIN accounts a ON a.id = al.account_id
		GROUP BY al.account_id, a.no, a.tenant_name ORDER BY n DESC, total_seconds DESC, id LIMIT $6`
	// alarmsOpenNowQuery counts the open alarms by kind whenever raised
	// (alarms_active_idx): the live part.
	alarmsOpenNowQuery = `
		SELECT al.kind, count(*) AS n FROM alarms al
		LEFT JOIN meters m ON m.id = al.meter_id
		LEFT JOIN accounts a ON a.id = al.account_id
		LEFT JOIN gateways g ON g.id = al.gateway_id
		WHERE al.cleared_at IS NULL AND ($1::bigint IS NULL OR coalesce(m.site_id, a.site_id, g.site_id) = $1)
			AND (cardinality($2::text[]) = 0 OR al.kind = ANY($2))
		GROUP BY al.kind`
)

// AlarmStats counts the alarms raised in f's range by kind (every kind
// asked for, zeros included, in the order of voltpay.AlarmKinds) and by
// local day, and ranks the meters and accounts that raised most: five
// grouped queries over the range. Errors: INVALID_INPUT (range, kinds),
// FORBIDDEN (tenants), UNAVAILABLE.
func (s *OpsReportService) AlarmStats(ctx context.Context, f voltpay.AlarmStatsFilter) (*voltpay.AlarmStats, error) {
	if err := staffOnly(ctx, "alarms"); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	kinds := pq.Array(append([]string{}, f.Kinds...))
	args := []any{f.From, f.To, f.SiteID, kinds, s.db.Now(), voltpay.MaxAlarmTop}
	out := &voltpay.AlarmStats{Days: []*voltpay.AlarmDayCount{}, TopMeters: []*voltpay.AlarmTop{}, TopAccounts: []*voltpay.AlarmTop{}}
	if err := s.db.SelectContext(ctx, &out.Days, alarmDaysQuery, args[:5]...); err != nil {
		return nil, mapError(err)
	}
	got := []*voltpay.AlarmKindStats{}
	if err := s.db.SelectContext(ctx, &got, alarmKindsQuery, args[:5]...); err != nil {
		return nil, mapError(err)
	}
	if err := s.db.SelectContext(ctx, &out.TopMeters, alarmTopMetersQuery, args...); err != nil {
		return nil, mapError(err)
	}
	if err := s.db.SelectContext(ctx, &out.TopAccounts, alarmTopAccountsQuery, args...); err != nil {
		return nil, mapError(err)
	}
	open := []struct {
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}{}
	if err := s.db.SelectContext(ctx, &open, alarmsOpenNowQuery, f.SiteID, kinds); err != nil {
		return nil, mapError(err)
	}
	for _, k := range voltpay.AlarmKinds {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, k) {
			continue
		}
		st := &voltpay.AlarmKindStats{Kind: k}
		for _, g := range got {
			if g.Kind == k {
				st = g
			}
		}
		for _, o := range open {
			if o.Kind == k {
				st.OpenNow = o.N
			}
		}
		out.ByKind = append(out.ByKind, st)
	}
	return out, nil
}
