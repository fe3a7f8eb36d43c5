package voltpay

import (
	"context"
	"strings"
	"time"
)

// Ledger entry types. The ledger is append-only: a mistake is undone by a
// reversal, never by editing a row.
const (
	EntrySale     = "sale"     // 售电: money in from the tenant (+)
	EntryRefund   = "refund"   // 退电: money back to the tenant (-)
	EntryReversal = "reversal" // 冲正: undoes one earlier entry (opposite sign)
	EntryTransfer = "transfer" // balance moved between accounts or carried at meter replacement (±)
	EntryCharge   = "charge"   // consumption charged by billing (-)
	// 补正: corrects one charge to the amount it should have been (a wrong
	// reading or charge): the difference, original − corrected (± ; +
	// is money back).
	EntryCorrection = "correction"
	// 服务费: the service fee a site adds on a charge (Site.ServiceFeeBP),
	// or on a sale when the site takes it there (Site.ServiceFeeOn, the
	// entry then naming the sale in FeeOfID), an entry of its own beside
	// the charge or sale so that receipts and reports show it apart (-).
	EntryServiceFee = "service_fee"
	// 公摊: a member's part of a group's shared energy (common-area meters
	// and line loss) for a month (ApportionRun), an entry of its own so that
	// statements show it apart from the account's own consumption (-).
	EntryApportionment = "apportionment"
)

// EntryTypes lists the ledger entry types.
var EntryTypes = []string{EntrySale, EntryRefund, EntryReversal, EntryTransfer, EntryCharge, EntryCorrection, EntryServiceFee, EntryApportionment}

// Payment channels of sales and refunds.
const (
	ChannelCash   = "cash"
	ChannelBank   = "bank"   // bank transfer
	ChannelWechat = "wechat" // WeChat Pay
	ChannelAlipay = "alipay"
)

// Channels lists the payment channels.
var Channels = []string{ChannelCash, ChannelBank, ChannelWechat, ChannelAlipay}

// LedgerEntry is one journal row: a signed amount moving an account's
// balance. BalanceAfterFen is the balance right after this entry.
type LedgerEntry struct {
	ID              int64   `db:"id"`
	AccountID       int64   `db:"account_id"`
	Type            string  `db:"type"`
	Channel         *string `db:"channel"`
	AmountFen       Fen     `db:"amount_fen"`
	BalanceAfterFen Fen     `db:"balance_after_fen"`
	IdempotencyKey  string  `db:"idempotency_key"`
	ReceiptNo       string  `db:"receipt_no"`
	ReversesID      *int64  `db:"reverses_id"`
	CorrectsID      *int64  `db:"corrects_id"` // the charge a correction corrects
	MeterID         *int64  `db:"meter_id"`
	// MeterBalanceAfterFen is the balance of MeterID within the account
	// right after this entry (nil without a meter, or for entries older
	// than per-meter balances).
	MeterBalanceAfterFen *Fen `db:"meter_balance_after_fen"`
	// FeeOfID is, on a service_fee entry taken on a sale (Site.ServiceFeeOn
	// FeeOnSale), that sale.
	FeeOfID     *int64    `db:"fee_of_id"`
	OperatorID  *int64    `db:"operator_id"`
	APIKeyID    *int64    `db:"api_key_id"`
	Actor       string    `db:"actor"` // who caused it, by name, as shown on receipts
	ExternalRef *string   `db:"external_ref"`
	Note        string    `db:"note"`
	CreatedAt   time.Time `db:"created_at"`
}

// MaxIdempotencyKeyLen bounds client-chosen idempotency keys.
const MaxIdempotencyKeyLen = 100

// KeySeparators are the characters the platform joins the parts of the
// keys it derives with: a transfer keyed K writes K/out and K/in, a sale's
// fee K:fee, a batch's commands K:<meter id>, and the system's own entries
// charge:…, recharge:…, refund:…, apportion:…. A caller's key never holds
// them, so no caller can take a key another operation derives (a sale
// keyed K/in made the transfer keyed K fail forever; a sale keyed
// recharge:<order> would have blocked crediting that payment).
const KeySeparators = ":/"

// ValidateIdempotencyKey checks a key chosen by a caller: 8 to
// MaxIdempotencyKeyLen printable ASCII characters, without spaces or
// KeySeparators.
func ValidateIdempotencyKey(k string) error {
	if ValidateSystemKey(k) != nil || strings.ContainsAny(k, KeySeparators) {
		return Invalid("idempotencyKey", "idempotency key must be 8 to %d printable ASCII characters without spaces, ':' or '/', unique per operation (a UUID is ideal); retrying with the same key is safe", MaxIdempotencyKeyLen)
	}
	return nil
}

// ValidateSystemKey checks a key the platform makes itself, which may hold
// KeySeparators ("charge:<meter>:<time>"): 8 to MaxIdempotencyKeyLen
// printable ASCII characters without spaces.
func ValidateSystemKey(k string) error {
	if len(k) < 8 || len(k) > MaxIdempotencyKeyLen || strings.IndexFunc(k, func(r rune) bool { return r < 0x21 || r > 0x7e }) >= 0 {
		return Invalid("idempotencyKey", "idempotency key must be 8 to %d printable ASCII characters without spaces", MaxIdempotencyKeyLen)
	}
	return nil
}

// ValidateChannel returns INVALID_INPUT unless c is a known payment channel.
func ValidateChannel(c string) error {
	if !contains(Channels, c) {
		return Invalid("channel", "unknown payment channel %q; use cash, bank, wechat or alipay", c)
	}
	return nil
}

// SaleInput records a sale (售电) of AmountFen to an account.
type SaleInput struct {
	AccountID      int64
	AmountFen      Fen
	Channel        string
	IdempotencyKey string
	MeterID        *int64  // the meter the tenant asked for, if any
	ExternalRef    *string // provider transaction id for WeChat Pay / Alipay; unique
	Note           string
}

// RefundInput refunds (退电) AmountFen from an account's balance.
type RefundInput struct {
	AccountID      int64
	AmountFen      Fen
	Channel        string
	IdempotencyKey string
	// MeterID is the meter whose balance is refunded: required for an
	// account keeping a balance per meter (and then at most its balance).
	MeterID *int64
	Note    string
}

// ReverseInput reverses (冲正) one entry by a compensating entry. An entry
// can be reversed once; a reversal cannot be reversed.
type ReverseInput struct {
	EntryID        int64
	IdempotencyKey string
	Reason         string
}

// CorrectChargeInput corrects (补正) one charge entry, wrong because of a
// bad reading or a wrong price, to AmountFen (≥ 0, what it should have
// cost): a correction entry of the difference goes to the same account and
// meter, naming the charge. A charge is corrected at most once, and a
// reversed charge not at all.
type CorrectChargeInput struct {
	EntryID        int64
	AmountFen      Fen
	Reason         string
	IdempotencyKey string
}

// TransferInput moves balance from one account to another.
type TransferInput struct {
	FromAccountID  int64
	ToAccountID    int64
	AmountFen      Fen
	IdempotencyKey string
	// FromMeterID and ToMeterID name the meters of the two accounts the
	// money leaves and reaches: required on a side whose account keeps a
	// balance per meter (and the amount then at most the meter's balance).
	FromMeterID *int64
	ToMeterID   *int64
	Note        string
}

// ChargeInput charges consumption (written by billing).
type ChargeInput struct {
	AccountID      int64
	MeterID        int64
	AmountFen      Fen // positive: the amount taken from the balance
	IdempotencyKey string
	Note           string
}

// LedgerFilter selects ledger entries, newest first.
type LedgerFilter struct {
	AccountID  *int64
	OperatorID *int64
	MeterID    *int64
	Type       *string
	Channel    *string
	From, To   *time.Time // created_at in [From, To)
	ReceiptNo  string
	Page       PageArgs
}

// LedgerService writes and reads the journal. Every write is idempotent on
// its key: the same key with the same request returns the first result; with
// a different request it is a CONFLICT.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT, INSUFFICIENT_BALANCE, FORBIDDEN.
type LedgerService interface {
	Sell(ctx context.Context, in SaleInput) (*LedgerEntry, error)
	Refund(ctx context.Context, in RefundInput) (*LedgerEntry, error)
	Reverse(ctx context.Context, in ReverseInput) (*LedgerEntry, error)
	CorrectCharge(ctx context.Context, in CorrectChargeInput) (*LedgerEntry, error)
	Transfer(ctx context.Context, in TransferInput) (out, in_ *LedgerEntry, err error)
	Charge(ctx context.Context, in ChargeInput) (*LedgerEntry, error)
	FindEntryByID(ctx context.Context, id int64) (*LedgerEntry, error)
	FindEntries(ctx context.Context, f LedgerFilter) (*Page[*LedgerEntry], error)
	// FindSaleFees returns the service fee entries taken on the sales
	// saleIDs (Site.ServiceFeeOn FeeOnSale), by sale id; sales without a
	// fee are left out.
	FindSaleFees(ctx context.Context, saleIDs []int64) (map[int64]*LedgerEntry, error)
}
