package postgres

import (
	"cmp"
	"context"
	"slices"

	"github.com/voltpay/voltpay"
)

// ReportService implements voltpay.ReportService: the aggregates of the
// admin console (sales totals, energy charts, meter status counts), each
// answered by one aggregate query over what the ledger, the readings and
// the meters already hold.
type ReportService struct {
	db *DB
	// readingsOnly makes EnergyUsage probe the raw readings even where the
	// rollup answers (tests compare the two).
	readingsOnly bool
}

// NewReportService returns a ReportService on db.
func NewReportService(db *DB) *ReportService { return &ReportService{db: db} }

var _ voltpay.ReportService = (*ReportService)(nil)

// salesSummaryQuery totals the entries with a payment channel in one pass:
// the grouping sets give the rows by channel, by type, by who made them
// and the grand total (GROUPING says which a row is). Who is the operator,
// or for entries no operator made the name they record (an API key's, the
// payment webhooks'). The range uses ledger_created_idx.
const salesSummaryQuery = `
	WITH e AS (
		SELECT e.channel, e.type, e.operator_id, CASE WHEN e.operator_id IS NULL THEN e.actor ELSE '' END AS actor,
			e.amount_fen
		FROM ledger_entries e
		JOIN accounts a ON a.id = e.account_id
		WHERE e.channel IS NOT NULL AND e.created_at >= $1 AND e.created_at < $2
			AND ($3::bigint IS NULL OR a.site_id = $3)
			AND ($4::bigint IS NULL OR e.operator_id = $4)
			AND ($5::bigint IS NULL OR e.api_key_id = $5)
			AND ($6::bigint IS NULL OR e.account_id = $6)
	), t AS (
		SELECT GROUPING(channel) AS no_channel, GROUPING(type) AS no_type, GROUPING(operator_id, actor) AS no_operator,
			channel, type, operator_id, actor, coalesce(sum(amount_fen), 0) AS amount_fen, count(*) AS n
		FROM e
		GROUP BY GROUPING SETS ((channel), (type), (operator_id, actor), ())
	)
	SELECT t.no_channel, t.no_type, t.no_operator, coalesce(t.channel, '') AS channel, coalesce(t.type, '') AS type,
		t.operator_id, coalesce(nullif(o.display_name, ''), o.username, t.actor, '') AS name, t.amount_fen, t.n
	FROM t LEFT JOIN operators o ON o.id = t.operator_id`

// salesRow is one row of salesSummaryQuery.
type salesRow struct {
	NoChannel  int         `db:"no_channel"`
	NoType     int         `db:"no_type"`
	NoOperator int         `db:"no_operator"`
	Channel    string      `db:"channel"`
	Type       string      `db:"type"`
	OperatorID *int64      `db:"operator_id"`
	Name       string      `db:"name"`
	AmountFen  voltpay.Fen `db:"amount_fen"`
	N          int         `db:"n"`
}

// SalesSummary totals the money taken in and paid out over f's range (see
// voltpay.SalesSummaryFilter for whose entries a caller may total).
// Errors: INVALID_INPUT (range), FORBIDDEN (another operator's takings
// without read_audit).
func (s *ReportService) SalesSummary(ctx context.Context, f voltpay.SalesSummaryFilter) (*voltpay.SalesSummary, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var keyID, accountID *int64
	switch p := voltpay.PrincipalFrom(ctx); {
	case p.Can(voltpay.PermReadAudit):
	case f.OperatorID != nil && (p.Kind != voltpay.PrincipalOperator || *f.OperatorID != p.ID):
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "%s may total only their own takings: leave operatorId out; another operator's totals need permission %s",
			p.Name, voltpay.PermReadAudit)
	case p.IsTenant():
		accountID = &p.AccountID
	case p.Kind == voltpay.PrincipalAPIKey:
		keyID = &p.ID
	default:
		f.OperatorID = &p.ID
	}
	rows := []salesRow{}
	if err := s.db.SelectContext(ctx, &rows, salesSummaryQuery, f.From, f.To, f.SiteID, f.OperatorID, keyID, accountID); err != nil {
		return nil, mapError(err)
	}
	out := &voltpay.SalesSummary{ByChannel: []*voltpay.ChannelTotal{}, ByOperator: []*voltpay.OperatorTotal{},
		ByType: []*voltpay.EntryTypeTotal{}}
	for _, r := range rows {
		switch {
		case r.NoChannel == 0:
			out.ByChannel = append(out.ByChannel, &voltpay.ChannelTotal{Channel: r.Channel, AmountFen: r.AmountFen, Count: r.N})
		case r.NoType == 0:
			out.ByType = append(out.ByType, &voltpay.EntryTypeTotal{Type: r.Type, AmountFen: r.AmountFen, Count: r.N})
		case r.NoOperator == 0:
			out.ByOperator = append(out.ByOperator, &voltpay.OperatorTotal{OperatorID: r.OperatorID, Name: r.Name,
				AmountFen: r.AmountFen, Count: r.N})
		default:
			out.TotalFen, out.Count = r.AmountFen, r.N
		}
	}
	slices.SortFunc(out.ByChannel, func(a, b *voltpay.ChannelTotal) int {
		return slices.Index(voltpay.Channels, a.Channel) - slices.Index(voltpay.Channels, b.Channel)
	})
	slices.SortFunc(out.ByType, func(a, b *voltpay.EntryTypeTotal) int {
		return slices.Index(voltpay.EntryTypes, a.Type) - slices.Index(voltpay.EntryTypes, b.Type)
	})
	// Biggest takings first, then by name: the order a desk's list is read in.
	slices.SortStableFunc(out.ByOperator, func(a, b *voltpay.OperatorTotal) int {
		switch {
		case a.AmountFen != b.AmountFen:
			return cmp.Compare(b.AmountFen, a.AmountFen)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	if n := voltpay.MaxSummaryOperators; len(out.ByOperator) > n {
		rest := &voltpay.OperatorTotal{Name: voltpay.OtherOperators}
		for _, o := range out.ByOperator[n-1:] {
			rest.AmountFen += o.AmountFen
			rest.Count += o.Count
		}
		out.ByOperator = append(out.ByOperator[:n-1], rest)
	}
	return out, nil
}
