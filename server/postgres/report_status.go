package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// meterFactsQuery counts the active meters of a site or building (or of a
// tenant's account) by the facts their display status is decided on
// (billing.StatusFacts), in one GROUP BY: at most 2^7 groups, whatever the
// number of meters. The balance is the account's, or in an account keeping
// one balance per meter the meter's own (as AccountService.MeterBalances
// reads it), as the meter's displayStatus shows it. The precedence of the
// facts stays in Go (billing.StatusOf).
const meterFactsQuery = `
	SELECT coalesce(a.status = 'open', false) AS opened, m.online, m.control_mode = $4 AS guarantee,
		m.relay = 'open' AS tripped, coalesce(f.balance <= 0, false) AS arrears,
		coalesce(f.balance <= a.alarm2_fen, false) AS at_alarm2, coalesce(f.balance <= a.alarm1_fen, false) AS at_alarm1,
		count(*) AS n
	FROM meters m
	LEFT JOIN accounts a ON a.id = m.account_id
	LEFT JOIN meter_balances b ON a.balance_mode = 'per_meter' AND b.account_id = a.id AND b.meter_id = m.id
	CROSS JOIN LATERAL (SELECT CASE WHEN a.balance_mode = 'per_meter' THEN coalesce(b.balance_fen, 0)
		ELSE a.balance_fen END AS balance) f
	WHERE m.status = 'active' AND ($1::bigint IS NULL OR m.site_id = $1) AND ($2::bigint IS NULL OR m.building_id = $2)
		AND ($3::bigint IS NULL OR m.account_id = $3)
	GROUP BY 1, 2, 3, 4, 5, 6, 7`

// statusFacts is billing.StatusFacts as meterFactsQuery names its columns.
type statusFacts struct {
	Opened    bool `db:"opened"`
	Online    bool `db:"online"`
	Guarantee bool `db:"guarantee"`
	Tripped   bool `db:"tripped"`
	Arrears   bool `db:"arrears"`
	AtAlarm2  bool `db:"at_alarm2"`
	AtAlarm1  bool `db:"at_alarm1"`
}

// MeterStatusCounts counts the active meters of f by display status, every
// status of billing.Statuses in its order (zero counts included), each
// split into online and offline meters. A tenant's counts cover only their
// own account's meters. Errors: UNAVAILABLE.
func (s *ReportService) MeterStatusCounts(ctx context.Context, f voltpay.MeterStatusFilter) ([]*voltpay.MeterStatusCount, error) {
	var accountID *int64
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		accountID = &p.AccountID
	}
	groups := []struct {
		statusFacts
		N int `db:"n"`
	}{}
	if err := s.db.SelectContext(ctx, &groups, meterFactsQuery, f.SiteID, f.BuildingID, accountID, billing.ModeGuarantee); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.MeterStatusCount, len(billing.Statuses))
	byStatus := make(map[string]*voltpay.MeterStatusCount, len(out))
	for i, st := range billing.Statuses {
		out[i] = &voltpay.MeterStatusCount{Status: st}
		byStatus[st] = out[i]
	}
	for _, g := range groups {
		c := byStatus[billing.StatusOf(billing.StatusFacts(g.statusFacts))]
		c.Count += g.N
		if g.Online {
			c.Online += g.N
		} else {
			c.Offline += g.N
		}
	}
	return out, nil
}
