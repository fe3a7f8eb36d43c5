package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/voltpay/voltpay"
)

// StatementService implements voltpay.StatementService from the ledger
// (balances and totals by type, over ledger_account_idx) and the charge
// rollup (charge_rate_days: the charges by meter, rate and tier).
type StatementService struct{ db *DB }

// NewStatementService returns a StatementService on db.
func NewStatementService(db *DB) *StatementService { return &StatementService{db: db} }

var _ voltpay.StatementService = (*StatementService)(nil)

// statementAccount is the account a statement is for, with its site.
type statementAccount struct {
	SiteID     int64  `db:"site_id"`
	No         string `db:"no"`
	TenantName string `db:"tenant_name"`
	ShopNo     string `db:"shop_no"`
	SiteName   string `db:"site_name"`
	Timezone   string `db:"timezone"`
}

// balanceBeforeQuery is the account's balance after its last entry booked
// before $2 (0 before its first): the entries are numbered as booked, so
// the last by id is the last by time.
const balanceBeforeQuery = `
	SELECT coalesce((SELECT balance_after_fen FROM ledger_entries
		WHERE account_id = $1 AND created_at < $2 ORDER BY id DESC LIMIT 1), 0)`

// AccountStatement answers voltpay.StatementService.AccountStatement.
func (s *StatementService) AccountStatement(ctx context.Context, accountID int64, month string) (*voltpay.AccountStatement, error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() && p.AccountID != accountID {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "account %d not found", accountID) // another's: as nothing
	}
	a := statementAccount{}
	if err := s.db.GetContext(ctx, &a, `
		SELECT a.site_id, a.no, a.tenant_name, a.shop_no, s.name AS site_name, s.timezone
		FROM accounts a JOIN sites s ON s.id = a.site_id WHERE a.id = $1`, accountID); err != nil {
		return nil, notFound(err, "account", accountID)
	}
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		return nil, fmt.Errorf("statement: time zone of the site: %w", err)
	}
	from, to, err := voltpay.MonthEdges(month, loc)
	if err != nil {
		return nil, err
	}
	st := &voltpay.AccountStatement{AccountID: accountID, SiteID: a.SiteID, AccountNo: a.No, TenantName: a.TenantName, ShopNo: a.ShopNo,
		SiteName: a.SiteName, Month: month, From: from, To: to}
	if err := s.db.GetContext(ctx, &st.OpeningFen, balanceBeforeQuery, accountID, from); err != nil {
		return nil, mapError(err)
	}
	if err := s.db.GetContext(ctx, &st.ClosingFen, balanceBeforeQuery, accountID, to); err != nil {
		return nil, mapError(err)
	}
	if err := s.addTotals(ctx, st); err != nil {
		return nil, err
	}
	if err := s.addCharges(ctx, st); err != nil {
		return nil, err
	}
	return st, nil
}

// addTotals totals the month's entries by type, and sales and refunds by
// channel.
func (s *StatementService) addTotals(ctx context.Context, st *voltpay.AccountStatement) error {
	rows := []struct {
		Type    string      `db:"type"`
		Channel *string     `db:"channel"`
		Amount  voltpay.Fen `db:"amount_fen"`
		Count   int         `db:"n"`
	}{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT type, channel, sum(amount_fen) AS amount_fen, count(*) AS n FROM ledger_entries
		WHERE account_id = $1 AND created_at >= $2 AND created_at < $3
		GROUP BY type, channel`, st.AccountID, st.From, st.To); err != nil {
		return mapError(err)
	}
	for _, typ := range voltpay.EntryTypes {
		t := &voltpay.EntryTypeTotal{Type: typ}
		for _, r := range rows {
			if r.Type == typ {
				t.AmountFen += r.Amount
				t.Count += r.Count
			}
		}
		if t.Count > 0 {
			st.ByType = append(st.ByType, t)
		}
	}
	for _, ch := range voltpay.Channels {
		for _, r := range rows {
			if r.Channel == nil || *r.Channel != ch {
				continue
			}
			c := &voltpay.ChannelTotal{Channel: ch, AmountFen: r.Amount, Count: r.Count}
			switch r.Type {
			case voltpay.EntrySale:
				st.Purchases = append(st.Purchases, c)
			case voltpay.EntryRefund:
				st.Refunds = append(st.Refunds, c)
			}
		}
	}
	return nil
}

// addCharges reads the month's charges by meter, rate and tier from the
// rollup, by the local day they were booked (as the ledger totals go by
// created_at), and what charge entries took beyond them.
func (s *StatementService) addCharges(ctx context.Context, st *voltpay.AccountStatement) error {
	rows := []*voltpay.StatementCharge{}
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT c.meter_id, m.address, c.rate, c.tier, sum(c.energy_wh) AS energy_wh, sum(c.amount_fen) AS amount_fen
		FROM charge_rate_days c JOIN meters m ON m.id = c.meter_id
		WHERE c.account_id = $1 AND c.booked_on >= $2::date AND c.booked_on < $3::date
		GROUP BY c.meter_id, m.address, c.rate, c.tier
		ORDER BY c.meter_id, c.tier`, st.AccountID, st.From.Format(time.DateOnly), st.To.Format(time.DateOnly)); err != nil {
		return mapError(err)
	}
	slices.SortStableFunc(rows, func(a, b *voltpay.StatementCharge) int {
		if d := cmp.Compare(a.MeterID, b.MeterID); d != 0 {
			return d
		}
		if d := slices.Index(voltpay.TOURates, a.Rate) - slices.Index(voltpay.TOURates, b.Rate); d != 0 {
			return d
		}
		return a.Tier - b.Tier
	})
	st.Charges = rows
	split := voltpay.Fen(0)
	for _, r := range rows {
		split += r.AmountFen
	}
	st.UnsplitChargeFen = st.Total(voltpay.EntryCharge) + split
	return nil
}
