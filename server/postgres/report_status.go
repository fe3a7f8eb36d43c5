package postgres

import (
	"context"
	"slices"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// meterFacts joins to meters m what their display status is decided on
// (billing.StatusFacts): the account, and its balance as the meter's
// displayStatus shows it, the account's or, in an account keeping one
// balance per meter, the meter's own (as AccountService.MeterBalances
// reads it).
const meterFacts = `meters m
	LEFT JOIN accounts a ON a.id = m.account_id
	LEFT JOIN meter_balances b ON a.balance_mode = 'per_meter' AND b.account_id = a.id AND b.meter_id = m.id
	CROSS JOIN LATERAL (SELECT CASE WHEN a.balance_mode = 'per_meter' THEN coalesce(b.balance_fen, 0)
		ELSE a.balance_fen END AS balance) f`

// meterFactsMask is the facts of a meter of meterFacts as one number, a bit
// per fact in the order of billing.StatusFacts (factsOfMask reads it): 128
// values at most, so meters are counted or filtered by status in SQL while
// the precedence of the facts stays in Go (billing.StatusOf).
const meterFactsMask = `(CASE WHEN a.status = 'open' THEN 1 ELSE 0 END
	| CASE WHEN m.online THEN 2 ELSE 0 END
	| CASE WHEN m.control_mode = '` + billing.ModeGuarantee + `' THEN 4 ELSE 0 END
	| CASE WHEN m.relay = '` + voltpay.RelayOpen + `' THEN 8 ELSE 0 END
	| CASE WHEN f.balance <= 0 THEN 16 ELSE 0 END
	| CASE WHEN f.balance <= a.alarm2_fen THEN 32 ELSE 0 END
	| CASE WHEN f.balance <= a.alarm1_fen THEN 64 ELSE 0 END)`

// factsMasks is how many values meterFactsMask takes.
const factsMasks = 1 << 7

// factsOfMask reads a meterFactsMask value.
func factsOfMask(mask int) billing.StatusFacts {
	bit := func(i int) bool { return mask&(1<<i) != 0 }
	return billing.StatusFacts{Opened: bit(0), Online: bit(1), Guarantee: bit(2), Tripped: bit(3),
		Arrears: bit(4), AtAlarm2: bit(5), AtAlarm1: bit(6)}
}

// masksShowing returns the meterFactsMask values of the meters showing one
// of statuses.
func masksShowing(statuses []string) []int64 {
	var out []int64
	for mask := range factsMasks {
		if slices.Contains(statuses, billing.StatusOf(factsOfMask(mask))) {
			out = append(out, int64(mask))
		}
	}
	return out
}

// meterStatusMask is the condition keeping the meters (of a query on table
// meters) that show one of the statuses whose masks are its argument.
const meterStatusMask = `id IN (SELECT m.id FROM ` + meterFacts + ` WHERE ` + meterFactsMask + ` = ANY(?))`

// meterFactsQuery counts the active meters of a site or building (or of a
// tenant's account) by the facts their display status is decided on, in
// one GROUP BY: at most 128 groups, whatever the number of meters.
const meterFactsQuery = `
	SELECT ` + meterFactsMask + ` AS mask, count(*) AS n
	FROM ` + meterFacts + `
	WHERE m.status = 'active' AND ($1::bigint IS NULL OR m.site_id = $1) AND ($2::bigint IS NULL OR m.building_id = $2)
		AND ($3::bigint IS NULL OR m.account_id = $3)
	GROUP BY 1`

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
		Mask int `db:"mask"`
		N    int `db:"n"`
	}{}
	if err := s.db.SelectContext(ctx, &groups, meterFactsQuery, f.SiteID, f.BuildingID, accountID); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.MeterStatusCount, len(billing.Statuses))
	byStatus := make(map[string]*voltpay.MeterStatusCount, len(out))
	for i, st := range billing.Statuses {
		out[i] = &voltpay.MeterStatusCount{Status: st}
		byStatus[st] = out[i]
	}
	for _, g := range groups {
		facts := factsOfMask(g.Mask)
		c := byStatus[billing.StatusOf(facts)]
		c.Count += g.N
		if facts.Online {
			c.Online += g.N
		} else {
			c.Offline += g.N
		}
	}
	return out, nil
}
