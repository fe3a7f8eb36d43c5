package postgres

import (
	"cmp"
	"context"
	"slices"

	"github.com/voltpay/voltpay"
)

// SalesReportService implements voltpay.SalesReportService from the
// ledger's daily rollup (ledger_daily): every query reads rollup rows of
// the range's days, never ledger entries, so its cost is accounts × days
// with money moved, not entries.
type SalesReportService struct{ db *DB }

// NewSalesReportService returns a SalesReportService on db.
func NewSalesReportService(db *DB) *SalesReportService { return &SalesReportService{db: db} }

var _ voltpay.SalesReportService = (*SalesReportService)(nil)

// salesRowsQuery adds up the rollup's rows with a channel (sales, refunds
// and their reversals) of the days [$1, $2] per period start (date_trunc
// of $3), channel, type and who made them: a few hundred rows for a year
// of an office, which Go folds into the report. Who is the operator, or
// for entries no operator made the name they record. The sales index
// (ledger_daily_sales_idx) serves a site; every site reads the range of
// the primary key.
const salesRowsQuery = `
	WITH r AS (
		SELECT date_trunc($3::text, d.day::timestamp)::date AS start, d.channel, d.type, d.operator_id, d.actor,
			sum(d.amount_fen)::bigint AS amount_fen, sum(d.entries)::bigint AS n
		FROM ledger_daily d
		WHERE d.channel <> '' AND d.day BETWEEN $1::date AND $2::date
			AND ($4::bigint IS NULL OR d.site_id = $4)
			AND ($5::bigint IS NULL OR d.operator_id = $5)
			AND ($6::bigint IS NULL OR d.api_key_id = $6)
		GROUP BY 1, 2, 3, 4, 5
	)
	SELECT to_char(r.start, 'YYYY-MM-DD') AS start, r.channel, r.type, nullif(r.operator_id, 0) AS operator_id,
		coalesce(nullif(o.display_name, ''), o.username, r.actor) AS name, r.amount_fen, r.n
	FROM r LEFT JOIN operators o ON o.id = r.operator_id`

// salesRollupRow is one row of salesRowsQuery.
type salesRollupRow struct {
	Start      string      `db:"start"`
	Channel    string      `db:"channel"`
	Type       string      `db:"type"`
	OperatorID *int64      `db:"operator_id"`
	Name       string      `db:"name"`
	AmountFen  voltpay.Fen `db:"amount_fen"`
	N          int         `db:"n"`
}

// figures are the row's money as SalesFigures: by its type, and in Net.
func (r salesRollupRow) figures() voltpay.SalesFigures {
	f := voltpay.SalesFigures{NetFen: r.AmountFen}
	switch r.Type {
	case voltpay.EntrySale:
		f.SalesFen, f.SalesCount = r.AmountFen, r.N
	case voltpay.EntryRefund:
		f.RefundsFen, f.RefundCount = r.AmountFen, r.N
	case voltpay.EntryReversal:
		f.ReversalsFen, f.ReversalCount = r.AmountFen, r.N
	}
	return f
}

// salesScope is whose money a caller may see in the sales reports: the
// operator or API key to keep to (nil: everyone's). A caller holding
// read_audit sees everyone's or names one operator; an operator without
// it sees their own, an API key its own; a tenant is refused, as is an
// operator naming another. Errors: FORBIDDEN.
func salesScope(ctx context.Context, operatorID *int64) (opID, keyID *int64, err error) {
	switch p := voltpay.PrincipalFrom(ctx); {
	case p == nil:
		return nil, nil, voltpay.Errorf(voltpay.EUNAUTHENTICATED, "sign in to read the sales reports")
	case p.IsTenant():
		return nil, nil, voltpay.Errorf(voltpay.EFORBIDDEN, "the sales reports are the office's: a tenant reads their own account's records instead")
	case p.Can(voltpay.PermReadAudit):
		return operatorID, nil, nil
	case operatorID != nil && (p.Kind != voltpay.PrincipalOperator || *operatorID != p.ID):
		return nil, nil, voltpay.Errorf(voltpay.EFORBIDDEN, "%s may see only their own takings: leave operatorId out; another operator's need permission %s",
			p.Name, voltpay.PermReadAudit)
	case p.Kind == voltpay.PrincipalAPIKey:
		return nil, &p.ID, nil
	default:
		return &p.ID, nil, nil
	}
}

// salesRows reads the rollup's sales rows of [from, to] by period as the
// caller may see them.
func (s *SalesReportService) salesRows(ctx context.Context, siteID *int64, from, to, period string, operatorID *int64) ([]salesRollupRow, error) {
	opID, keyID, err := salesScope(ctx, operatorID)
	if err != nil {
		return nil, err
	}
	rows := []salesRollupRow{}
	if err := s.db.SelectContext(ctx, &rows, salesRowsQuery, from, to, period, siteID, opID, keyID); err != nil {
		return nil, mapError(err)
	}
	return rows, nil
}

// SalesReport totals sales, refunds and reversals per period and channel
// over f's days. Errors: INVALID_INPUT, FORBIDDEN.
func (s *SalesReportService) SalesReport(ctx context.Context, f voltpay.SalesReportFilter) (*voltpay.SalesReport, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, err := s.salesRows(ctx, f.SiteID, f.From, f.To, f.Period, f.OperatorID)
	if err != nil {
		return nil, err
	}
	out := &voltpay.SalesReport{}
	periods := map[string]*voltpay.SalesPeriod{}
	channels := channelSums{}
	operators := operatorSums{}
	periodChannels := map[string]channelSums{}
	for _, r := range rows {
		fig := r.figures()
		p := periods[r.Start]
		if p == nil {
			p = &voltpay.SalesPeriod{Start: r.Start}
			periods[r.Start], periodChannels[r.Start] = p, channelSums{}
			out.Periods = append(out.Periods, p)
		}
		p.Total.Add(fig)
		periodChannels[r.Start].add(r.Channel, fig)
		channels.add(r.Channel, fig)
		operators.add(r.OperatorID, r.Name, fig)
		out.Total.Add(fig)
	}
	slices.SortFunc(out.Periods, func(a, b *voltpay.SalesPeriod) int { return cmp.Compare(a.Start, b.Start) })
	for _, p := range out.Periods {
		p.ByChannel = periodChannels[p.Start].list()
	}
	out.ByChannel = channels.list()
	out.ByOperator = operators.list(voltpay.MaxSummaryOperators)
	if out.Periods == nil {
		out.Periods = []*voltpay.SalesPeriod{}
	}
	return out, nil
}

// DailySettlement is what each cashier took on f.Day, by channel.
// Errors: INVALID_INPUT, FORBIDDEN.
func (s *SalesReportService) DailySettlement(ctx context.Context, f voltpay.SettlementFilter) (*voltpay.DailySettlement, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, err := s.salesRows(ctx, f.SiteID, f.Day, f.Day, voltpay.PeriodDay, f.OperatorID)
	if err != nil {
		return nil, err
	}
	out := &voltpay.DailySettlement{Day: f.Day}
	channels := channelSums{}
	cashiers := operatorSums{}
	cashierChannels := map[operatorKey]channelSums{}
	for _, r := range rows {
		fig := r.figures()
		k := cashiers.add(r.OperatorID, r.Name, fig)
		if cashierChannels[k] == nil {
			cashierChannels[k] = channelSums{}
		}
		cashierChannels[k].add(r.Channel, fig)
		channels.add(r.Channel, fig)
		out.Total.Add(fig)
	}
	// A day has a few dozen cashiers at most; their order is by name, as a
	// settlement sheet is read and signed.
	for _, o := range cashiers.list(0) {
		out.Cashiers = append(out.Cashiers, &voltpay.CashierSettlement{OperatorID: o.OperatorID, Name: o.Name,
			ByChannel: cashierChannels[keyOf(o.OperatorID, o.Name)].list(), Total: o.SalesFigures})
	}
	slices.SortStableFunc(out.Cashiers, func(a, b *voltpay.CashierSettlement) int { return cmp.Compare(a.Name, b.Name) })
	if out.Cashiers == nil {
		out.Cashiers = []*voltpay.CashierSettlement{}
	}
	out.ByChannel = channels.list()
	return out, nil
}

// channelSums adds up figures by channel.
type channelSums map[string]*voltpay.ChannelSales

func (c channelSums) add(channel string, f voltpay.SalesFigures) {
	if c[channel] == nil {
		c[channel] = &voltpay.ChannelSales{Channel: channel}
	}
	c[channel].Add(f)
}

// list is the channels in the order of voltpay.Channels.
func (c channelSums) list() []*voltpay.ChannelSales {
	out := []*voltpay.ChannelSales{}
	for _, ch := range voltpay.Channels {
		if c[ch] != nil {
			out = append(out, c[ch])
		}
	}
	return out
}

// operatorKey tells apart who made entries: an operator by id, anyone
// else by the name their entries record.
type operatorKey struct {
	id   int64
	name string
}

func keyOf(id *int64, name string) operatorKey {
	if id != nil {
		return operatorKey{id: *id}
	}
	return operatorKey{name: name}
}

// operatorSums adds up figures by who made the entries.
type operatorSums map[operatorKey]*voltpay.OperatorSales

func (o operatorSums) add(id *int64, name string, f voltpay.SalesFigures) operatorKey {
	k := keyOf(id, name)
	if o[k] == nil {
		o[k] = &voltpay.OperatorSales{OperatorID: id, Name: name}
	}
	o[k].Add(f)
	return k
}

// list is the operators, the largest net first, then by name; with max >
// 0, at most max rows, the last adding up the rest (voltpay.OtherOperators).
func (o operatorSums) list(max int) []*voltpay.OperatorSales {
	out := make([]*voltpay.OperatorSales, 0, len(o))
	for _, v := range o {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *voltpay.OperatorSales) int {
		if a.NetFen != b.NetFen {
			return cmp.Compare(b.NetFen, a.NetFen)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	if max > 0 && len(out) > max {
		rest := &voltpay.OperatorSales{Name: voltpay.OtherOperators}
		for _, v := range out[max-1:] {
			rest.Add(v.SalesFigures)
		}
		out = append(out[:max-1], rest)
	}
	return out
}
