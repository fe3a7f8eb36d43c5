package voltpay

import (
	"context"
	"errors"
)

// WeChatMessenger sends WeChat mini-program subscription messages (订阅消息)
// to tenants who signed in with WeChat and agreed to receive them. The
// notification outbox sends warnings (alarm 1, alarm 2, arrears, trip,
// close) through it beside SMS. Drivers live in package notify (WeChat's
// subscribeMessage.send API, and an offline fake of it for tests and the
// demo).
//
// Send either has WeChat accept the message (its message id returned) or
// returns an error; errors wrapping ErrWeChatRejected will fail again if
// retried unchanged (the user has not subscribed or has used up their
// consent, a template id or data WeChat refuses, an unknown openid); all
// others (a timeout, an expired access token WeChat refused mid-send) are
// worth retrying later.
type WeChatMessenger interface {
	Send(ctx context.Context, m WeChatMessage) (providerID string, err error)
}

// WeChatMessage is one subscription message to one mini-program user.
type WeChatMessage struct {
	// OpenID is the user's openid for our mini-program.
	OpenID string
	// TemplateID is the subscription template chosen in the mini-program's
	// console (one per kind of warning).
	TemplateID string
	// Page is the mini-program page the message opens, with its query
	// ("pages/home/index?account=12"); empty opens none.
	Page string
	// Data holds the template's keywords and their values ("amount1":
	// "12.30元", "thing2": "余额不足"), each within WeChat's length limit
	// for its keyword type.
	Data map[string]string
	// Ref is the sender's own reference (an outbox row); never shown.
	Ref string
}

// ErrWeChatRejected marks a subscription message that will fail again if
// retried unchanged.
var ErrWeChatRejected = errors.New("wechat message rejected")
