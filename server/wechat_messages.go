package main

import (
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/notify"
)

// wechatMessageSettings are the WeChat subscription messages' settings
// (README: WeChat subscription messages). They use the mini-program's
// credentials of its sign-in (VOLTPAY_WECHAT_APPID, _APP_SECRET, _API_URL).
type wechatMessageSettings struct {
	Driver string // off or wechat
	State  string // formal, trial or developer
}

// addWechatMessageOptions declares VOLTPAY_WECHAT_MESSAGES and its settings.
func addWechatMessageOptions(o *options, c *config) {
	s := &c.WechatMessages
	o.add("wechat-messages", "VOLTPAY_WECHAT_MESSAGES", "off", "warnings to tenants as WeChat mini-program subscription messages: off, or wechat (WeChat's subscribeMessage.send with the mini-program's VOLTPAY_WECHAT_APPID and VOLTPAY_WECHAT_APP_SECRET, at VOLTPAY_WECHAT_API_URL when set)", oneOf(&s.Driver, "off", "wechat"))
	o.add("wechat-messages-state", "VOLTPAY_WECHAT_MESSAGES_STATE", "formal", "the mini-program version a message opens: formal, trial or developer", oneOf(&s.State, "formal", "trial", "developer"))
}

// wechatMessenger makes the configured driver; nil when off.
func (c *config) wechatMessenger() (voltpay.WeChatMessenger, error) {
	if c.WechatMessages.Driver != "wechat" {
		return nil, nil
	}
	w, err := notify.NewWeChat(notify.WeChatConfig{AppID: c.PaymentEnv("VOLTPAY_WECHAT_APPID"), AppSecret: c.PaymentEnv("VOLTPAY_WECHAT_APP_SECRET"),
		API: c.PaymentEnv("VOLTPAY_WECHAT_API_URL"), State: c.WechatMessages.State})
	if err != nil {
		return nil, fmt.Errorf("VOLTPAY_WECHAT_MESSAGES=wechat: %w", err)
	}
	return w, nil
}
