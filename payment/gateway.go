// Package payment talks to the payment providers (WeChat Pay and Alipay) on
// behalf of the platform: it creates trades for self-service recharge,
// verifies and decodes the providers' notifications, queries, closes and
// refunds trades, and fetches the daily bills for reconciliation.
//
// It is a top-level package because it is a boundary of the architecture
// of its own, like meterlink is for devices: everything that speaks a
// provider's protocol (through the official SDKs) lives here and nowhere
// else, and the rest of the platform sees one Gateway per provider with
// amounts in integer fen. It keeps no state: orders, crediting and refunds
// in the ledger belong to the server's order service (PostgreSQL), which
// decides what a verified notification means.
//
// payment/paysim holds offline fake gateways that speak the providers'
// wire protocols and sign like them, so the real SDKs can be tested and
// the demo can be paid with no internet.
package payment

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Provider names, equal to the ledger's payment channels.
const (
	Wechat = "wechat"
	Alipay = "alipay"
)

// Method is how the payer pays.
type Method string

const (
	// MethodMiniProgram: inside the provider's mini-program (WeChat JSAPI
	// with wx.requestPayment; Alipay trade create with my.tradePay). Needs
	// PrepayRequest.PayerID (openid / buyer open id).
	MethodMiniProgram Method = "mini_program"
	// MethodQR: a QR code to scan, shown by the sales desk or a kiosk
	// (WeChat Native code_url; Alipay precreate qr_code).
	MethodQR Method = "qr"
	// MethodH5: a phone browser outside the provider's app, redirected to
	// the provider (WeChat H5 h5_url; Alipay wap pay URL).
	MethodH5 Method = "h5"
)

// PrepayRequest asks the provider to open a trade for one recharge order.
type PrepayRequest struct {
	OutTradeNo  string // our order number, ≤ 32 characters, unique per provider
	Description string // shown to the payer, e.g. "电费充值 A-0101"
	AmountFen   int64  // > 0
	Method      Method
	PayerID     string    // MethodMiniProgram: the payer's openid (WeChat) or buyer open id (Alipay)
	ClientIP    string    // MethodH5: the payer's IP (WeChat requires it)
	ReturnURL   string    // MethodH5: where the browser goes after paying (Alipay quit/return URL)
	ExpiresAt   time.Time // the trade closes at the provider after this time
}

// Prepay is what the payer's client needs to pay. Which field is set
// depends on the method and provider.
type Prepay struct {
	CodeURL     string // MethodQR: the QR code content
	RedirectURL string // MethodH5: send the browser here
	// MethodMiniProgram on WeChat: the parameters of wx.requestPayment,
	// signed by the merchant key.
	RequestPayment *RequestPayment
	// MethodMiniProgram on Alipay: the trade number for my.tradePay.
	TradeNo string
}

// RequestPayment holds the parameters of WeChat's wx.requestPayment.
type RequestPayment struct {
	AppID     string `json:"appId"`
	TimeStamp string `json:"timeStamp"`
	NonceStr  string `json:"nonceStr"`
	Package   string `json:"package"`
	SignType  string `json:"signType"`
	PaySign   string `json:"paySign"`
}

// TradeState is the provider's state of a trade, normalised.
type TradeState string

const (
	TradeNotPaid  TradeState = "not_paid" // created, waiting for the payer (WeChat NOTPAY/USERPAYING, Alipay WAIT_BUYER_PAY)
	TradePaid     TradeState = "paid"     // money received (WeChat SUCCESS, Alipay TRADE_SUCCESS/TRADE_FINISHED)
	TradeClosed   TradeState = "closed"   // closed or revoked without payment (WeChat CLOSED/REVOKED/PAYERROR, Alipay TRADE_CLOSED without refund)
	TradeRefunded TradeState = "refunded" // paid, then refunded (WeChat REFUND; Alipay TRADE_CLOSED after a full refund)
)

// Trade is the provider's account of one trade, from a query or a verified
// notification.
type Trade struct {
	Provider      string
	OutTradeNo    string
	TransactionID string // the provider's trade number (transaction_id / trade_no); empty until paid
	State         TradeState
	ProviderState string // the provider's own word, e.g. SUCCESS or TRADE_FINISHED, for logs and audit
	AmountFen     int64  // the trade's total
	PaidAt        time.Time
	AppID         string // the app the trade belongs to (appid / app_id)
	MerchantID    string // mchid (WeChat) or seller_id (Alipay)
	PayerID       string // openid or buyer id, when told
}

// RefundRequest asks for money back through the original trade.
type RefundRequest struct {
	OutTradeNo  string
	OutRefundNo string // our idempotency key: asking again asks about the same refund
	AmountFen   int64  // this refund, ≤ TotalFen minus earlier refunds
	TotalFen    int64  // the trade's total
	Reason      string
}

// RefundState is the provider's state of a refund, normalised.
type RefundState string

const (
	RefundProcessing RefundState = "processing" // accepted, not final (WeChat PROCESSING)
	RefundSucceeded  RefundState = "succeeded"  // final: the money went back
	RefundFailed     RefundState = "failed"     // final: it did not (WeChat CLOSED/ABNORMAL)
)

// Refund is the provider's account of one refund.
type Refund struct {
	Provider      string
	OutTradeNo    string
	OutRefundNo   string
	RefundID      string // the provider's refund id
	TransactionID string
	State         RefundState
	ProviderState string
	AmountFen     int64
	SucceededAt   time.Time
	// Cumulative says AmountFen is the trade's refunded total so far
	// (Alipay's refund_fee), not this one refund's amount.
	Cumulative bool
	// TradeFen is the trade's total and PaidAt when it was paid, when the
	// provider tells them (notifications): with TransactionID they let a
	// refund of a trade whose payment we never heard of be recorded.
	TradeFen int64
	PaidAt   time.Time
}

// Notification is a provider's asynchronous message, verified (signature,
// and for WeChat decrypted) by the SDK. Exactly one of Trade and Refund is
// set.
type Notification struct {
	Provider string
	ID       string // the provider's notification id, for logs
	Trade    *Trade
	Refund   *Refund
	// Foreign is set when the message is authentic but not for us: another
	// app id, merchant or seller than configured. It must not credit
	// anything; it is acknowledged (a retry cannot fix it) and flagged.
	Foreign string
}

// StatementLine is one successful payment or refund of a provider's daily
// bill.
type StatementLine struct {
	OutTradeNo    string
	TransactionID string
	AmountFen     int64 // the trade's amount (payments) or the refund's (refunds)
	Refund        bool
	OutRefundNo   string
	At            time.Time
}

// Gateway is one provider, configured for one merchant. Implementations
// use the provider's official SDK; every call is bounded by ctx.
type Gateway interface {
	// Provider is Wechat or Alipay.
	Provider() string
	// Methods lists the payment methods this configuration can serve.
	Methods() []Method
	// Prepay opens a trade for the order and returns what the payer needs.
	Prepay(ctx context.Context, req PrepayRequest) (*Prepay, error)
	// QueryTrade asks for a trade's state; ErrTradeNotFound when the
	// provider has never seen it (the payer never opened it).
	QueryTrade(ctx context.Context, outTradeNo string) (*Trade, error)
	// CloseTrade closes an unpaid trade so it can no longer be paid.
	CloseTrade(ctx context.Context, outTradeNo string) error
	// Refund asks for a refund (idempotent on OutRefundNo). The answer may
	// be final or processing.
	Refund(ctx context.Context, req RefundRequest) (*Refund, error)
	// QueryRefund asks for a refund's state.
	QueryRefund(ctx context.Context, outTradeNo, outRefundNo string) (*Refund, error)
	// ParseNotification verifies and decodes one notification request.
	// An error wrapping ErrUnverified means it is not authentic (forged,
	// tampered, stale, unknown key): answer it with Reject. Other errors are
	// malformed but signed bodies; treat them the same way.
	ParseNotification(ctx context.Context, r *http.Request) (*Notification, error)
	// Ack answers a notification that was handled (or is a duplicate, or
	// is Foreign) so that the provider stops retrying.
	Ack(w http.ResponseWriter)
	// Reject answers a notification that was not handled, so that the
	// provider retries (WeChat: 4xx/5xx with a FAIL body; Alipay: any body
	// but "success"). status is the HTTP status for WeChat (400 for bad
	// input, 500 for our own failure).
	Reject(w http.ResponseWriter, status int, message string)
	// Statement returns the provider's bill of one day (the provider's
	// calendar day, Asia/Shanghai): every successful payment and refund.
	Statement(ctx context.Context, day time.Time) ([]StatementLine, error)
}

// Errors a Gateway wraps so that callers can tell cases apart.
var (
	ErrUnverified    = errors.New("notification not verified")
	ErrTradeNotFound = errors.New("trade not found at the provider")
	// ErrProvider wraps a business refusal by the provider (e.g. refund
	// amount too large, trade already closed), with the provider's code
	// and message in the error text.
	ErrProvider = errors.New("provider refused")
)

// Shanghai is the providers' time zone: notify times, bill days and
// Alipay request timestamps are Beijing time.
var Shanghai = time.FixedZone("CST", 8*3600)
