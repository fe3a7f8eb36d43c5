package postgres

import (
	"cmp"
	"context"
	"slices"

	"github.com/voltpay/voltpay"
)

// chargesWhere keeps the rollup's rows of charging: charges and service
// fees, and the corrections and reversals of them, of the days [$1, $2],
// site $3 and building $4 (the charged meter's).
const chargesWhere = `
	FROM ledger_daily d
	WHERE d.day BETWEEN $1::date AND $2::date
		AND (d.type IN ('charge', 'service_fee')
			OR d.type IN ('correction', 'reversal') AND d.of_type IN ('charge', 'service_fee'))
		AND ($3::bigint IS NULL OR d.site_id = $3)
		AND ($4::bigint IS NULL OR d.building_id = $4)`

// chargesPeriodsQuery adds up charging per period ($5: day or month) and
// entry type.
const chargesPeriodsQuery = `
	SELECT to_char(date_trunc($5::text, d.day::timestamp), 'YYYY-MM-DD') AS start, d.type,
		sum(d.amount_fen)::bigint AS amount_fen, sum(d.entries)::bigint AS n` + chargesWhere + `
	GROUP BY 1, 2`

// chargesTopQuery is the $5 accounts that charging took most from over
// the range (the lowest ledger sum), by entry type.
const chargesTopQuery = `
	WITH r AS (
		SELECT d.account_id, d.type, sum(d.amount_fen)::bigint AS amount_fen, sum(d.entries)::bigint AS n` + chargesWhere + `
		GROUP BY 1, 2
	), top AS (
		SELECT account_id FROM r GROUP BY account_id ORDER BY sum(amount_fen), account_id LIMIT $5
	)
	SELECT r.account_id, a.no, a.tenant_name, r.type, r.amount_fen, r.n
	FROM r JOIN top USING (account_id) JOIN accounts a ON a.id = r.account_id`

// chargesRow is one row of chargesPeriodsQuery or chargesTopQuery.
type chargesRow struct {
	Start      string      `db:"start"`      // the period's first day (periods)
	AccountID  int64       `db:"account_id"` // the account (top accounts)
	No         string      `db:"no"`
	TenantName string      `db:"tenant_name"`
	Type       string      `db:"type"`
	AmountFen  voltpay.Fen `db:"amount_fen"`
	N          int         `db:"n"`
}

// figures are the row's money as ChargeFigures, taken positive.
func (r chargesRow) figures() voltpay.ChargeFigures {
	f := voltpay.ChargeFigures{NetFen: -r.AmountFen}
	switch r.Type {
	case voltpay.EntryCharge:
		f.ChargesFen, f.ChargeCount = -r.AmountFen, r.N
	case voltpay.EntryServiceFee:
		f.FeesFen, f.FeeCount = -r.AmountFen, r.N
	case voltpay.EntryCorrection:
		f.CorrectionsFen, f.CorrectionCount = r.AmountFen, r.N
	case voltpay.EntryReversal:
		f.ReversalsFen, f.ReversalCount = r.AmountFen, r.N
	}
	return f
}

// ChargesReport totals charges and fees per period of f's days, with the
// accounts charged most. Errors: INVALID_INPUT, FORBIDDEN (tenants).
func (s *SalesReportService) ChargesReport(ctx context.Context, f voltpay.ChargesReportFilter) (*voltpay.ChargesReport, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if p := voltpay.PrincipalFrom(ctx); p == nil || p.IsTenant() {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "the charges report is the office's: a tenant reads their own account's records instead")
	}
	top := f.Top
	if top == 0 {
		top = voltpay.DefaultTopAccounts
	}
	var periods, accounts []chargesRow
	if err := s.db.SelectContext(ctx, &periods, chargesPeriodsQuery, f.From, f.To, f.SiteID, f.BuildingID, f.Period); err != nil {
		return nil, mapError(err)
	}
	if err := s.db.SelectContext(ctx, &accounts, chargesTopQuery, f.From, f.To, f.SiteID, f.BuildingID, top); err != nil {
		return nil, mapError(err)
	}
	out := &voltpay.ChargesReport{Periods: []*voltpay.ChargesPeriod{}, TopAccounts: []*voltpay.AccountCharges{}}
	byStart := map[string]*voltpay.ChargesPeriod{}
	for _, r := range periods {
		p := byStart[r.Start]
		if p == nil {
			p = &voltpay.ChargesPeriod{Start: r.Start}
			byStart[r.Start] = p
			out.Periods = append(out.Periods, p)
		}
		p.Add(r.figures())
		out.Total.Add(r.figures())
	}
	slices.SortFunc(out.Periods, func(a, b *voltpay.ChargesPeriod) int { return cmp.Compare(a.Start, b.Start) })
	byAccount := map[int64]*voltpay.AccountCharges{}
	for _, r := range accounts {
		a := byAccount[r.AccountID]
		if a == nil {
			a = &voltpay.AccountCharges{AccountID: r.AccountID, AccountNo: r.No, TenantName: r.TenantName}
			byAccount[r.AccountID] = a
			out.TopAccounts = append(out.TopAccounts, a)
		}
		a.Add(r.figures())
	}
	// Most kept first; the account id settles ties as the query chose them.
	slices.SortFunc(out.TopAccounts, func(a, b *voltpay.AccountCharges) int {
		if a.NetFen != b.NetFen {
			return cmp.Compare(b.NetFen, a.NetFen)
		}
		return cmp.Compare(a.AccountID, b.AccountID)
	})
	return out, nil
}
