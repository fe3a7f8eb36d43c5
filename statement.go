package voltpay

import (
	"context"
	"fmt"
	"regexp"
	"time"
)

// StatementService answers the monthly statement of an account (单户费用清单).
// Errors: INVALID_INPUT, NOT_FOUND, UNAVAILABLE.
type StatementService interface {
	// AccountStatement is the account's statement for month (yyyy-mm, in
	// the local time of its site). Tenants may read their own current
	// account's; any other id answers NOT_FOUND, as one that does not
	// exist. Staff need PermReadAccounts (checked by the API).
	AccountStatement(ctx context.Context, accountID int64, month string) (*AccountStatement, error)
}

// AccountStatement is an account's money over one local month: the balance at its
// start (Opening: the balance after the last entry before it, 0 before the
// first), every entry booked in it totalled by type (ByType, in
// EntryTypes order), the sales and refunds by channel, the charges split
// by meter, rate and tier (charge_rate_days; charges the rollup cannot
// split, entered through the API, are UnsplitChargeFen), and the balance at
// its end (Closing). Opening plus the sum of ByType is Closing, to the fen.
type AccountStatement struct {
	AccountID  int64
	SiteID     int64
	AccountNo  string
	TenantName string
	ShopNo     string
	SiteName   string
	Month      string
	From, To   time.Time // the month's local edges
	OpeningFen Fen
	ClosingFen Fen
	ByType     []*EntryTypeTotal
	Purchases  []*ChannelTotal // sales by channel (positive)
	Refunds    []*ChannelTotal // refunds by channel (negative, as in the ledger)
	Charges    []*StatementCharge
	// UnsplitChargeFen is what charge entries took (negative, as in the
	// ledger) that no charge split covers.
	UnsplitChargeFen Fen
}

// StatementCharge is what charging took in the month from one meter at one
// rate and tier: energy and money (positive: what the tenant paid).
type StatementCharge struct {
	MeterID   int64  `db:"meter_id"`
	Address   string `db:"address"`
	Rate      string `db:"rate"`
	Tier      int    `db:"tier"`
	EnergyWh  Wh     `db:"energy_wh"`
	AmountFen Fen    `db:"amount_fen"`
}

// Total returns the net amount of entries of type typ in the statement.
func (s *AccountStatement) Total(typ string) Fen {
	for _, t := range s.ByType {
		if t.Type == typ {
			return t.AmountFen
		}
	}
	return 0
}

var monthPattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// MonthEdges returns the start of month (yyyy-mm) in loc and the start of
// the next. Errors: INVALID_INPUT naming the format, or a month the API
// does not accept (ValidateTime).
func MonthEdges(month string, loc *time.Location) (time.Time, time.Time, error) {
	if !monthPattern.MatchString(month) {
		if len(month) > 20 {
			month = month[:20] + "…" // quoted back, not echoed whole
		}
		return time.Time{}, time.Time{}, Invalid("month", "month %q must be written yyyy-mm, e.g. 2026-11", month)
	}
	t, err := time.ParseInLocation("2006-01", month, loc)
	if err != nil {
		return time.Time{}, time.Time{}, Invalid("month", "month %q must be written yyyy-mm, e.g. 2026-11", month)
	}
	if err := ValidateTime("month", t); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return t, t.AddDate(0, 1, 0), nil
}

// StatementPath is where the server serves the PDF of an account's
// statement for month (yyyy-mm), as the caller.
func StatementPath(accountID int64, month string) string {
	return fmt.Sprintf("/statements/%d/%s.pdf", accountID, month)
}
