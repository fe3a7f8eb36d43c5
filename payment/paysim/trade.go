package paysim

import "time"

// TradeInfo is one trade a fake holds, as the payer page lists it.
type TradeInfo struct {
	Provider    string // payment.Wechat or payment.Alipay
	OutTradeNo  string
	Description string
	AmountFen   int64
	State       string // the provider's own word: NOTPAY, SUCCESS, CLOSED, REFUND / WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED…
	Method      string // how it was created (jsapi, native, h5 / precreate, create, wap)
	Payer       string // WeChat jsapi: the payer's openid the merchant named
	QRCode      string // what a QR trade's code holds (native's code_url, precreate's qr_code); empty for others
	CreatedAt   time.Time
}

// Fake is what the payer page and the demo need from each fake gateway.
type Fake interface {
	// List returns the trades, newest first.
	List() []TradeInfo
	// Pay plays the payer: the trade becomes paid and the merchant is
	// notified (with the fake's faults). Paying a paid trade is an error.
	Pay(outTradeNo string) error
	// SetFaults changes how notifications are delivered from now on.
	SetFaults(Faults)
	// ConsoleRefund refunds amountFen of a paid trade from the merchant
	// console, not through the merchant's server, and notifies the
	// merchant of it like any refund. It returns the refund's number.
	ConsoleRefund(outTradeNo string, amountFen int64) (string, error)
}
