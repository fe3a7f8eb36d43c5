package voltpay

import (
	"context"
	"time"
)

// Recharge order states. An order is created pending; the provider's
// verified word moves it, once, to paid (credited to the ledger) or closed
// (never paid: expired or cancelled); refunds of a paid order through its
// channel make it refunded when they add up to the whole amount.
const (
	OrderPending  = "pending"
	OrderPaid     = "paid"
	OrderClosed   = "closed"
	OrderRefunded = "refunded"
)

// Payment methods of self-service recharge (payment.Method).
const (
	PayMiniProgram = "mini_program" // inside the WeChat / Alipay mini-program
	PayQR          = "qr"           // a QR code at the sales desk or a kiosk
	PayH5          = "h5"           // a phone browser outside the provider's app
)

// RechargeOrder is one self-service recharge attempt (充值订单): a trade
// opened at WeChat Pay or Alipay for an account. Paying it credits the
// account once, as a sale whose ExternalRef is the provider's transaction.
type RechargeOrder struct {
	ID            int64      `db:"id"`
	OutTradeNo    string     `db:"out_trade_no"` // ours, sent to the provider
	AccountID     int64      `db:"account_id"`
	MeterIDs      []int64    `db:"-"`       // the meters it is for (may be empty: the account)
	Channel       string     `db:"channel"` // ChannelWechat or ChannelAlipay
	Method        string     `db:"method"`
	AmountFen     Fen        `db:"amount_fen"`
	State         string     `db:"state"`
	TransactionID *string    `db:"transaction_id"` // the provider's, once paid
	RefundedFen   Fen        `db:"refunded_fen"`   // refunds that are final
	EntryID       *int64     `db:"entry_id"`       // the sale entry that credited it
	Description   string     `db:"description"`
	PayerID       string     `db:"payer_id"`
	Actor         string     `db:"actor"`
	Flag          string     `db:"flag"`   // why a paid order was not credited, for finance; empty when all is well
	PrepayJSON    string     `db:"prepay"` // what the payer's client needs (payment.Prepay as JSON)
	ExpiresAt     time.Time  `db:"expires_at"`
	PaidAt        *time.Time `db:"paid_at"`
	ClosedAt      *time.Time `db:"closed_at"`
	CreatedAt     time.Time  `db:"created_at"`
	UpdatedAt     time.Time  `db:"updated_at"`
}

// RechargeOrderInput asks for a recharge order.
type RechargeOrderInput struct {
	AccountID      int64
	MeterIDs       []int64
	AmountFen      Fen
	Channel        string
	Method         string
	PayerID        string // openid / buyer open id for the mini-program method
	ClientIP       string // the payer's IP (WeChat H5)
	ReturnURL      string // where an H5 payer's browser returns to
	IdempotencyKey string // the same key returns the same order
}

// MinRechargeFen and MaxRechargeFen bound one self-service recharge.
const (
	MinRechargeFen Fen = 100     // 1 yuan
	MaxRechargeFen Fen = 5000000 // 50,000 yuan
)

// DefaultOrderTTL is how long a recharge order can be paid.
const DefaultOrderTTL = 15 * time.Minute

// OrderRefund is one refund of a paid order through its channel.
type OrderRefund struct {
	ID          int64      `db:"id"`
	OrderID     int64      `db:"order_id"`
	OutRefundNo string     `db:"out_refund_no"`
	AmountFen   Fen        `db:"amount_fen"`
	Reason      string     `db:"reason"`
	State       string     `db:"state"` // processing, succeeded, failed
	RefundID    *string    `db:"refund_id"`
	EntryID     *int64     `db:"entry_id"` // the refund entry, once succeeded
	Actor       string     `db:"actor"`
	Flag        string     `db:"flag"`
	CreatedAt   time.Time  `db:"created_at"`
	SettledAt   *time.Time `db:"settled_at"`
}

// Refund states.
const (
	RefundProcessing = "processing"
	RefundSucceeded  = "succeeded"
	RefundFailed     = "failed"
)

// OrderRefundInput refunds part or all of a paid order.
type OrderRefundInput struct {
	OrderID        int64
	AmountFen      Fen
	Reason         string
	IdempotencyKey string
}

// RechargeOrderFilter selects orders, newest first.
type RechargeOrderFilter struct {
	AccountID *int64
	State     *string
	Channel   *string
	Flagged   bool
	From, To  *time.Time
	Page      PageArgs
}

// SetPage sets the page to read.
func (f *RechargeOrderFilter) SetPage(p PageArgs) { f.Page = p }

// StatementDiff is one difference between our paid orders and a
// provider's daily bill.
type StatementDiff struct {
	Channel       string
	Day           string // YYYY-MM-DD, the provider's day
	OutTradeNo    string
	TransactionID string
	OutRefundNo   string // set when the difference is about a refund
	Problem       string // e.g. "paid at the provider, not credited here"
	OurFen        Fen
	TheirFen      Fen
}

// RechargeService opens, settles and refunds recharge orders.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT, UNAVAILABLE (a channel
// without configuration, or the provider unreachable).
type RechargeService interface {
	CreateOrder(ctx context.Context, in RechargeOrderInput) (*RechargeOrder, error)
	FindOrder(ctx context.Context, id int64) (*RechargeOrder, error)
	FindOrderByNo(ctx context.Context, outTradeNo string) (*RechargeOrder, error)
	FindOrders(ctx context.Context, f RechargeOrderFilter) (*Page[*RechargeOrder], error)
	RefundOrder(ctx context.Context, in OrderRefundInput) (*OrderRefund, error)
	OrderRefunds(ctx context.Context, orderID int64) ([]*OrderRefund, error)
	// Channels tells which channels are configured, and why not.
	Channels() []ChannelStatus
	// CheckStatement compares a provider's bill of one day with the
	// orders paid here that day.
	CheckStatement(ctx context.Context, channel string, day time.Time) ([]StatementDiff, error)
}

// ChannelStatus says whether a payment channel can be used.
type ChannelStatus struct {
	Channel   string
	Available bool
	Methods   []string
	Reason    string // why not, when unavailable
}
