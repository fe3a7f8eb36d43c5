package voltpay

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Account states.
const (
	AccountOpen   = "open"
	AccountClosed = "closed"
)

// Balance modes of an account (issue 4: shared accounts).
const (
	// BalanceShared: one balance funds all the account's meters (一户多表
	// 共用余额), the default.
	BalanceShared = "shared"
	// BalancePerMeter: each meter of the account has a balance of its own
	// (钱包): the sum of the account's ledger entries naming it. Every entry
	// then names a meter; alarms, the automatic trip and close and a
	// meter's status follow the meter's balance. The account's balance is
	// still the sum of all its entries (and so of its meters' balances).
	BalancePerMeter = "per_meter"
)

// BalanceModes lists the balance modes.
var BalanceModes = []string{BalanceShared, BalancePerMeter}

// Default balance alarm thresholds for new accounts: alarm 1 at 50 yuan,
// alarm 2 at 20 yuan; arrears is at or below zero.
const (
	DefaultAlarm1Fen Fen = 5000
	DefaultAlarm2Fen Fen = 2000
)

// Account is who pays (户): a tenant shop with one balance funding one or
// many meters. Balance always equals the sum of the account's ledger entries.
type Account struct {
	ID         int64  `db:"id"`
	SiteID     int64  `db:"site_id"`
	No         string `db:"no"` // account number printed on receipts
	TenantName string `db:"tenant_name"`
	ShopNo     string `db:"shop_no"`
	Phone      string `db:"phone"`
	Status     string `db:"status"`
	Alarm1Fen  Fen    `db:"alarm1_fen"`
	Alarm2Fen  Fen    `db:"alarm2_fen"`
	// OverdraftLimitFen is how far below zero the balance may fall before
	// the automatic trip (透支额度; 0 by default: trip at zero).
	OverdraftLimitFen Fen `db:"overdraft_limit_fen"`
	// BalanceMode is BalanceShared or BalancePerMeter.
	BalanceMode string     `db:"balance_mode"`
	BalanceFen  Fen        `db:"balance_fen"`
	Note        string     `db:"note"`
	OpenedAt    time.Time  `db:"opened_at"`
	ClosedAt    *time.Time `db:"closed_at"`
}

// AccountInput holds the editable fields of an account. Nil alarm
// thresholds take the defaults, a nil overdraft limit 0.
type AccountInput struct {
	SiteID            int64
	TenantName        string
	ShopNo            string
	Phone             string
	Alarm1Fen         *Fen
	Alarm2Fen         *Fen
	OverdraftLimitFen *Fen
	// BalanceMode is BalanceShared or BalancePerMeter; "" keeps an
	// account's mode (shared for a new one). Switching to per-meter needs
	// every fen of the account on one of its meters (UpdateAccount).
	BalanceMode string
	Note        string
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateAccount keeps the account's value of every other field.
	Fields FieldSet
}

// AsInput is the account's editable fields as an input, the values an
// update keeps for the fields it was not sent (KeepAbsent).
func (a *Account) AsInput() AccountInput {
	a1, a2, od := a.Alarm1Fen, a.Alarm2Fen, a.OverdraftLimitFen
	return AccountInput{SiteID: a.SiteID, TenantName: a.TenantName, ShopNo: a.ShopNo, Phone: a.Phone,
		Alarm1Fen: &a1, Alarm2Fen: &a2, OverdraftLimitFen: &od, BalanceMode: a.BalanceMode, Note: a.Note}
}

var (
	mobileRE   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRE = regexp.MustCompile(`^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}$`)
)

// NormalizePhone checks a Chinese mobile (13812345678, +86 allowed) or
// landline (021-12345678) number and returns it without spaces and prefix.
func NormalizePhone(field, s string) (string, error) {
	p := strings.NewReplacer(" ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	p = strings.TrimPrefix(strings.TrimPrefix(p, "+86"), "0086")
	if mobileRE.MatchString(p) || landlineRE.MatchString(p) {
		return p, nil
	}
	return "", Invalid(field, "phone %q is not a mainland China number: use 11 digits starting with 1 (13812345678) or an area code and number (021-12345678)", s)
}

// Validate normalises and checks the input, returning INVALID_INPUT.
func (in *AccountInput) Validate() error {
	in.TenantName = strings.TrimSpace(in.TenantName)
	in.ShopNo = strings.TrimSpace(in.ShopNo)
	if in.TenantName == "" || len([]rune(in.TenantName)) > 100 {
		return Invalid("tenantName", "tenant name is required (at most 100 characters)")
	}
	if len([]rune(in.ShopNo)) > 50 {
		return Invalid("shopNo", "shop number is at most 50 characters")
	}
	phone, err := NormalizePhone("phone", in.Phone)
	if err != nil {
		return err
	}
	in.Phone = phone
	a1, a2 := DefaultAlarm1Fen, DefaultAlarm2Fen
	if in.Alarm1Fen != nil {
		a1 = *in.Alarm1Fen
	}
	if in.Alarm2Fen != nil {
		a2 = *in.Alarm2Fen
	}
	if a2 < 0 || a1 < a2 || a1 > MaxTransactionFen {
		return Invalid("alarm1Fen", "alarm thresholds must satisfy alarm1 >= alarm2 >= 0 (alarm 1 warns first), got alarm1=%s alarm2=%s yuan", a1, a2)
	}
	in.Alarm1Fen, in.Alarm2Fen = &a1, &a2
	var od Fen
	if in.OverdraftLimitFen != nil {
		od = *in.OverdraftLimitFen
	}
	if od < 0 || od > MaxTransactionFen {
		return Invalid("overdraftLimitFen", "the overdraft limit is how far below zero the balance may fall before the power is cut: between 0 (no overdraft) and %s yuan, got %s yuan", MaxTransactionFen, od)
	}
	in.OverdraftLimitFen = &od
	if in.BalanceMode != "" && !contains(BalanceModes, in.BalanceMode) {
		return Invalid("balanceMode", "unknown balance mode %q; use shared (one balance for all the account's meters) or per_meter (one balance per meter)", in.BalanceMode)
	}
	return nil
}

// OpenAccountInput opens an account (开户), optionally attaching meters and
// recording a first sale.
type OpenAccountInput struct {
	Account   AccountInput
	MeterIDs  []int64
	FirstSale *SaleInput // AccountID is filled in; may be nil
	// IdempotencyKey, when set, makes the opening idempotent: the same key
	// again returns the account it opened (and its first sale) instead of
	// opening a second account for the same tenant.
	IdempotencyKey string
}

// CloseAccountInput closes an account (销户): the remaining balance is
// refunded through Channel, meters are detached.
type CloseAccountInput struct {
	AccountID      int64
	Channel        string
	IdempotencyKey string
	Note           string
}

// CloseResult is the outcome of closing an account.
type CloseResult struct {
	Account *Account
	Refund  *LedgerEntry // nil when nothing was left to refund
}

// AccountFilter selects accounts.
type AccountFilter struct {
	SiteID        *int64
	Status        *string
	Search        string // tenant name, shop number, phone or account number contains
	BalanceMaxFen *Fen   // balance at or below (e.g. 0 for arrears)
	IDs           []int64
	Page          PageArgs
}

// AccountService manages accounts and the meters attached to them.
// Tenants only ever see their own account.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT (closed account, meter taken), FORBIDDEN.
type AccountService interface {
	FindAccountByID(ctx context.Context, id int64) (*Account, error)
	FindAccountsByIDs(ctx context.Context, ids []int64) ([]*Account, error)
	FindAccounts(ctx context.Context, f AccountFilter) (*Page[*Account], error)
	OpenAccount(ctx context.Context, in OpenAccountInput) (*Account, *LedgerEntry, error)
	UpdateAccount(ctx context.Context, id int64, in AccountInput) (*Account, error)
	CloseAccount(ctx context.Context, in CloseAccountInput) (*CloseResult, error)
	AttachMeter(ctx context.Context, accountID, meterID int64) (*Meter, error)
	DetachMeter(ctx context.Context, accountID, meterID int64) (*Meter, error)
	ReplaceMeter(ctx context.Context, in ReplaceMeterInput) (*Meter, *LedgerEntry, error)
	// MeterBalances returns the balances of meterIDs within the per-meter
	// accounts holding them (the sum of the account's entries naming the
	// meter, which funds it); meters without an account or on a shared
	// account are left out.
	MeterBalances(ctx context.Context, meterIDs []int64) (map[int64]Fen, error)
}
