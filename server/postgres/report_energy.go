package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// energyScopes says, per voltpay.EnergyQuery scope, which meters it covers
// (a condition on meters m, its id $1) and how to find its site's time
// zone, its number of meters and the account it concerns (one row, none
// when the id names nothing).
var energyScopes = map[string]struct{ meters, resolve string }{
	voltpay.EnergyScopeMeter: {meters: `m.id = $1`, resolve: `
		SELECT s.timezone, 1 AS meters, m.account_id FROM meters m JOIN sites s ON s.id = m.site_id WHERE m.id = $1`},
	voltpay.EnergyScopeAccount: {meters: `m.account_id = $1 AND m.status = 'active'`, resolve: `
		SELECT s.timezone, (SELECT count(*) FROM meters m WHERE m.account_id = a.id AND m.status = 'active') AS meters,
			a.id AS account_id
		FROM accounts a JOIN sites s ON s.id = a.site_id WHERE a.id = $1`},
	voltpay.EnergyScopeBuilding: {meters: `m.building_id = $1`, resolve: `
		SELECT s.timezone, (SELECT count(*) FROM meters m WHERE m.building_id = b.id) AS meters, NULL::bigint AS account_id
		FROM buildings b JOIN sites s ON s.id = b.site_id WHERE b.id = $1`},
	voltpay.EnergyScopeSite: {meters: `m.site_id = $1`, resolve: `
		SELECT s.timezone, (SELECT count(*) FROM meters m WHERE m.site_id = s.id) AS meters, NULL::bigint AS account_id
		FROM sites s WHERE s.id = $1`},
}

// energyScope is what resolving a query's scope found.
type energyScope struct {
	Timezone string `db:"timezone"`
	Meters   int    `db:"meters"`
	// AccountID is the meter's account, or the account asked for.
	AccountID *int64 `db:"account_id"`
}

// fullReadingWalk is how many readings an edge's lookup walks to find a
// full reading, the one with rate and reverse registers: the poller's
// status cycles (every 2 minutes) read only the total register, its full
// cycles (every 30 minutes, or the gateway's poll interval) every register,
// so 64 samples cover two hours of status reads. A meter whose rate
// registers are never read costs no more than that per edge.
const fullReadingWalk = 64

// energyScopeCTE selects the meters of a scope (%s: the condition, $1 its
// id) with what reading their registers needs, and since: when counting
// starts for each ($2: from when it was attached to its account; else
// from the start).
const energyScopeCTE = `
	scope AS (
		SELECT m.id, m.ct_ratio, m.protocol,
			CASE WHEN $2 THEN coalesce(m.account_since, a.opened_at, 'infinity') ELSE '-infinity' END AS since
		FROM meters m LEFT JOIN accounts a ON a.id = m.account_id
		WHERE %s
	)`

// energyProbeQuery reads, for every meter of the scope and every edge ($3,
// numbered from 1), the registers at the edge: the total of the last
// reading before it, and the rate and reverse registers of the last full
// reading before it (within fullReadingWalk readings, $4), each lookup one
// walk down the primary key (meter_id, read_at). Edge 0 is the meter's
// first reading (and first full one) instead: the baseline of an interval
// before which the meter had never been read. An edge before since counts
// as since. Rows come in meter and edge order.
const energyProbeQuery = `
	WITH ` + energyScopeCTE + `
	SELECT s.id, s.ct_ratio, s.protocol, e.i, l.energy_wh, f.sharp_wh, f.peak_wh, f.flat_wh, f.valley_wh, f.reverse_wh
	FROM scope s
	CROSS JOIN unnest($3::timestamptz[]) WITH ORDINALITY AS e (at, i)
	LEFT JOIN LATERAL (
		SELECT r.energy_wh FROM meter_readings r
		WHERE r.meter_id = s.id AND r.read_at < greatest(e.at, s.since)
		ORDER BY r.read_at DESC LIMIT 1) l ON true
	LEFT JOIN LATERAL (
		SELECT w.sharp_wh, w.peak_wh, w.flat_wh, w.valley_wh, w.reverse_wh FROM (
			SELECT r.read_at, r.sharp_wh, r.peak_wh, r.flat_wh, r.valley_wh, r.reverse_wh FROM meter_readings r
			WHERE r.meter_id = s.id AND r.read_at < greatest(e.at, s.since)
			ORDER BY r.read_at DESC LIMIT $4) w
		WHERE num_nonnulls(w.sharp_wh, w.peak_wh, w.flat_wh, w.valley_wh, w.reverse_wh) > 0
		ORDER BY w.read_at DESC LIMIT 1) f ON true
	UNION ALL
	SELECT s.id, s.ct_ratio, s.protocol, 0, l.energy_wh, f.sharp_wh, f.peak_wh, f.flat_wh, f.valley_wh, f.reverse_wh
	FROM scope s
	LEFT JOIN LATERAL (
		SELECT r.energy_wh FROM meter_readings r
		WHERE r.meter_id = s.id AND r.read_at >= s.since
		ORDER BY r.read_at LIMIT 1) l ON true
	LEFT JOIN LATERAL (
		SELECT w.sharp_wh, w.peak_wh, w.flat_wh, w.valley_wh, w.reverse_wh FROM (
			SELECT r.read_at, r.sharp_wh, r.peak_wh, r.flat_wh, r.valley_wh, r.reverse_wh FROM meter_readings r
			WHERE r.meter_id = s.id AND r.read_at >= s.since
			ORDER BY r.read_at LIMIT $4) w
		WHERE num_nonnulls(w.sharp_wh, w.peak_wh, w.flat_wh, w.valley_wh, w.reverse_wh) > 0
		ORDER BY w.read_at LIMIT 1) f ON true
	ORDER BY 1, 4`

// energyAmountQuery totals, per point (width_bucket over the edges $3:
// point i is bucket i), what charging took from the scope's meters: charge
// and service fee entries, and the corrections and reversals of them,
// each at the time of the reading its charge was for (chargeKeyReadAt), from
// since on; $5 confines it to one account. The range on created_at is
// ledger_created_idx's: an entry is written after the reading it charges.
var energyAmountQuery = `
	WITH ` + energyScopeCTE + `
	SELECT i, -sum(amount_fen) AS amount_fen FROM (
		SELECT width_bucket(k.at, $3::timestamptz[]) AS i, e.amount_fen
		FROM ledger_entries e
		JOIN scope s ON s.id = e.meter_id
		LEFT JOIN ledger_entries o ON o.id = coalesce(e.corrects_id, e.reverses_id)
		CROSS JOIN LATERAL (SELECT coalesce(o.idempotency_key, e.idempotency_key) AS key) c
		CROSS JOIN LATERAL (SELECT CASE WHEN starts_with(c.key, 'charge:') THEN ` + chargeKeyReadAt("c.key") + ` END AS at) k
		WHERE e.created_at >= $4 AND ($5::bigint IS NULL OR e.account_id = $5)
			AND k.at >= greatest($4, s.since) AND k.at < $6
	) x
	GROUP BY i`

// EnergyUsage answers an energy chart (voltpay.EnergyQuery): the points'
// edges in the local time of the scope's site, each meter's registers at
// every edge in one query (their advance, by billing.Delta, is each
// point's energy), and the amounts charged per point in another.
// Errors: INVALID_INPUT (scope, interval, range, too many points or too
// much work), NOT_FOUND (nothing with the id, or nothing of a tenant's
// own), FORBIDDEN (a tenant asking for a building or site).
func (s *ReportService) EnergyUsage(ctx context.Context, q voltpay.EnergyQuery) ([]*voltpay.EnergyPoint, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	sc, since, err := s.resolveEnergyScope(ctx, q)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(sc.Timezone)
	if err != nil {
		return nil, fmt.Errorf("energy usage: time zone of the site: %w", err)
	}
	edges, err := voltpay.EnergyEdges(q, loc)
	if err != nil {
		return nil, err
	}
	if n := sc.Meters * len(edges); n > voltpay.MaxEnergyLookups {
		return nil, voltpay.Invalid("interval", "%d meters over %d points is too much for one chart (at most %d meters × points); widen the interval (day or month), shorten the range, or chart a building or an account",
			sc.Meters, len(edges)-1, voltpay.MaxEnergyLookups)
	}
	points := make([]*voltpay.EnergyPoint, len(edges)-1)
	for i := range points {
		points[i] = &voltpay.EnergyPoint{Start: edges[i], End: edges[i+1]}
	}
	cond := energyScopes[q.Scope].meters
	if days, ok := rollupEdges(q, since, edges, loc); ok && !s.readingsOnly {
		err = s.addEnergy(ctx, points, fmt.Sprintf(energyRollupProbeQuery, cond), q.ID, pq.Array(days))
	} else {
		err = s.addEnergy(ctx, points, fmt.Sprintf(energyProbeQuery, cond), q.ID, since, pq.Array(edges), fullReadingWalk)
	}
	if err != nil {
		return nil, err
	}
	var account *int64
	if since {
		account = sc.AccountID
	}
	if err := s.addAmounts(ctx, points, fmt.Sprintf(energyAmountQuery, cond), q.ID, since, edges, account); err != nil {
		return nil, err
	}
	return points, nil
}

// resolveEnergyScope finds q's scope and whether its meters count from
// when they were attached to their account: for the account scope, and
// for a tenant, who may see only their own account and its meters.
func (s *ReportService) resolveEnergyScope(ctx context.Context, q voltpay.EnergyQuery) (*energyScope, bool, error) {
	p := voltpay.PrincipalFrom(ctx)
	if p.IsTenant() && (q.Scope == voltpay.EnergyScopeBuilding || q.Scope == voltpay.EnergyScopeSite) {
		return nil, false, voltpay.Errorf(voltpay.EFORBIDDEN, "a tenant may chart their own account or its meters, not a %s", q.Scope)
	}
	sc := &energyScope{}
	err := s.db.GetContext(ctx, sc, energyScopes[q.Scope].resolve, q.ID)
	if err == nil && p.IsTenant() && (sc.AccountID == nil || *sc.AccountID != p.AccountID) {
		err = sql.ErrNoRows // another's, told apart from nothing by nobody
	}
	if err != nil {
		return nil, false, notFound(err, q.Scope, q.ID)
	}
	return sc, q.Scope == voltpay.EnergyScopeAccount || p.IsTenant(), nil
}

// energyRow is one row of energyProbeQuery: a meter's registers at an edge.
type energyRow struct {
	MeterID  int64
	CTRatio  int
	Protocol string
	Edge     int
	Total    sql.NullInt64
	Rates    [4]sql.NullInt64 // in voltpay.TOURates order
	Reverse  sql.NullInt64
}

// addEnergy runs a probe query (energyProbeQuery on the readings or
// energyRollupProbeQuery on the rollup) and adds each meter's advance
// between consecutive edges to the points.
func (s *ReportService) addEnergy(ctx context.Context, points []*voltpay.EnergyPoint, query string, args ...any) error {
	return s.eachMeterEdges(ctx, func(rows []energyRow) { addMeterEnergy(points, rows) }, query, args...)
}

// eachMeterEdges runs a probe query, whose energyRow rows come in meter
// and edge order, and calls fn with each meter's rows, streaming them (a
// meter at a time).
func (s *ReportService) eachMeterEdges(ctx context.Context, fn func(rows []energyRow), query string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return mapError(err)
	}
	defer rows.Close()
	var meter []energyRow // one meter's rows: edge 0 (its first reading), then 1..len(edges)
	for rows.Next() {
		var r energyRow
		if err := rows.Scan(&r.MeterID, &r.CTRatio, &r.Protocol, &r.Edge, &r.Total,
			&r.Rates[0], &r.Rates[1], &r.Rates[2], &r.Rates[3], &r.Reverse); err != nil {
			return mapError(err)
		}
		if len(meter) > 0 && meter[0].MeterID != r.MeterID {
			fn(meter)
			meter = meter[:0]
		}
		meter = append(meter, r)
	}
	if err := rows.Err(); err != nil {
		return mapError(err)
	}
	if len(meter) > 0 {
		fn(meter)
	}
	return nil
}

// addMeterEnergy adds one meter's energy to the points: point i is the
// advance of its registers from edge i+1 to edge i+2 (rows[i+1] to
// rows[i+2]), from its first reading (rows[0]) when it had never been read
// before edge i+1. A register that fell (a fault, a swapped meter) adds
// nothing, as billing charges nothing for it; a register not read near an
// edge (a full reading further back than fullReadingWalk) leaves its part
// of the point out rather than guess.
func addMeterEnergy(points []*voltpay.EnergyPoint, rows []energyRow) {
	first := rows[0]
	modulus := billing.RegisterModulus(first.Protocol)
	for i, p := range points {
		if i+2 >= len(rows) {
			break
		}
		prev, cur := rows[i+1], rows[i+2]
		if !prev.Total.Valid { // never read before this point: from its first reading
			prev = first
		}
		delta := func(a, b sql.NullInt64) (voltpay.Wh, bool) {
			if !a.Valid || !b.Valid {
				return 0, false
			}
			d, err := billing.Delta(voltpay.Wh(a.Int64), voltpay.Wh(b.Int64), modulus, first.CTRatio)
			return d, err == nil
		}
		if d, ok := delta(prev.Total, cur.Total); ok {
			p.EnergyWh += d
		}
		if d, ok := delta(prev.Reverse, cur.Reverse); ok {
			p.EnergyWh += d
		}
		for k, rate := range []**voltpay.Wh{&p.SharpWh, &p.PeakWh, &p.FlatWh, &p.ValleyWh} {
			if d, ok := delta(prev.Rates[k], cur.Rates[k]); ok {
				if *rate == nil {
					*rate = new(voltpay.Wh)
				}
				**rate += d
			}
		}
	}
}

// addAmounts runs the amount query and sets each point's amount.
func (s *ReportService) addAmounts(ctx context.Context, points []*voltpay.EnergyPoint, query string, id int64, since bool,
	edges []time.Time, account *int64) error {
	rows := []struct {
		I         int         `db:"i"`
		AmountFen voltpay.Fen `db:"amount_fen"`
	}{}
	if err := s.db.SelectContext(ctx, &rows, query, id, since, pq.Array(edges), edges[0], account, edges[len(edges)-1]); err != nil {
		return mapError(err)
	}
	for _, r := range rows {
		if r.I >= 1 && r.I <= len(points) {
			points[r.I-1].AmountFen = r.AmountFen
		}
	}
	return nil
}
