package postgres

import (
	"context"
	"encoding/json"

	"github.com/voltpay/voltpay"
)

// arrearsQuery lists the open accounts at or below a level ($3), most debt
// first, with in one pass what each row shows: since when the level's
// alarm is open (on the account, or on one of its meters for an account
// keeping a balance per meter), the building of its first meter, its
// meters and their relays (as JSON), and its last sale. It reads one row
// more than MaxArrearsRows ($4) so that the service can tell a filter
// matching too many.
const arrearsQuery = `
	WITH acc AS (
		SELECT a.id, a.no, a.tenant_name, a.shop_no, a.phone, a.balance_fen, a.alarm1_fen, a.alarm2_fen,
			CASE WHEN a.balance_fen <= 0 THEN 'arrears' WHEN a.balance_fen <= a.alarm2_fen THEN 'alarm2' ELSE 'alarm1' END AS level
		FROM accounts a
		WHERE a.status = 'open' AND ($1::bigint IS NULL OR a.site_id = $1)
			AND a.balance_fen <= CASE $3::text WHEN 'alarm1' THEN a.alarm1_fen WHEN 'alarm2' THEN a.alarm2_fen ELSE 0 END
			AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id AND m.building_id = $2))
		ORDER BY a.balance_fen, a.id
		LIMIT $4
	)
	SELECT acc.*, greatest(-acc.balance_fen, 0) AS debt_fen,
		(SELECT min(al.raised_at) FROM alarms al WHERE al.account_id = acc.id AND al.kind = acc.level AND al.cleared_at IS NULL) AS since,
		ms.building_id, coalesce(b.name, '') AS building_name, coalesce(ms.meters, '[]') AS meters,
		lp.created_at AS last_payment_at, lp.amount_fen AS last_payment_fen
	FROM acc
	LEFT JOIN LATERAL (
		SELECT (array_agg(m.building_id ORDER BY m.id))[1] AS building_id,
			json_agg(json_build_object('id', m.id, 'address', m.address, 'room', m.room, 'relay', m.relay, 'online', m.online)
				ORDER BY m.id) AS meters
		FROM meters m WHERE m.account_id = acc.id AND m.status = 'active') ms ON true
	LEFT JOIN buildings b ON b.id = ms.building_id
	LEFT JOIN LATERAL (
		SELECT e.created_at, e.amount_fen FROM ledger_entries e
		WHERE e.account_id = acc.id AND e.type = 'sale' ORDER BY e.id DESC LIMIT 1) lp ON true
	ORDER BY acc.balance_fen, acc.id`

// Arrears lists the open accounts at or below f's level, most debt first
// (the lowest balance), with their totals and the totals by building.
// Errors: INVALID_INPUT (level; more than MaxArrearsRows accounts),
// FORBIDDEN (tenants), UNAVAILABLE.
func (s *OpsReportService) Arrears(ctx context.Context, f voltpay.ArrearsFilter) (*voltpay.ArrearsReport, error) {
	if err := staffOnly(ctx, "arrears"); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows := []*struct {
		voltpay.ArrearsRow
		MetersJSON []byte `db:"meters"`
	}{}
	if err := s.db.SelectContext(ctx, &rows, arrearsQuery, f.SiteID, f.BuildingID, f.Level, voltpay.MaxArrearsRows+1); err != nil {
		return nil, mapError(err)
	}
	if len(rows) > voltpay.MaxArrearsRows {
		return nil, voltpay.Invalid("siteId", "more than %d accounts are at or below level %s: choose a site (siteId) or a building (buildingId) to list fewer",
			voltpay.MaxArrearsRows, f.Level)
	}
	out := &voltpay.ArrearsReport{Rows: make([]*voltpay.ArrearsRow, len(rows)), ByBuilding: []*voltpay.ArrearsBuilding{}}
	byBuilding := map[int64]*voltpay.ArrearsBuilding{}
	for i, r := range rows {
		row := &r.ArrearsRow
		if err := json.Unmarshal(r.MetersJSON, &row.Meters); err != nil {
			return nil, voltpay.Errorf(voltpay.EINTERNAL, "arrears: reading the meters of account %d: %v", row.AccountID, err)
		}
		out.Rows[i] = row
		out.Count++
		out.DebtFen += row.DebtFen
		out.BalanceFen += row.BalanceFen
		var key int64 // 0: no building
		if row.BuildingID != nil {
			key = *row.BuildingID
		}
		b := byBuilding[key]
		if b == nil {
			b = &voltpay.ArrearsBuilding{BuildingID: row.BuildingID, BuildingName: row.BuildingName}
			byBuilding[key] = b
			out.ByBuilding = append(out.ByBuilding, b) // in the order of their biggest debtor
		}
		b.Count++
		b.DebtFen += row.DebtFen
	}
	return out, nil
}
