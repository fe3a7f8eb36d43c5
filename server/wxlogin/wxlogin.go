// Package wxlogin signs tenants in from the WeChat mini-program: it
// exchanges the code of wx.login for the person's openid through WeChat's
// jscode2session, with github.com/silenceper/wechat/v2's mini-program auth.
//
// Package wxapi points the library at the Client's API base URL (WeChat's
// own, or the offline fake of voltpay paysim).
package wxlogin

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/silenceper/wechat/v2"
	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/miniprogram"
	miniConfig "github.com/silenceper/wechat/v2/miniprogram/config"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/wxapi"
)

// DefaultAPI is WeChat's API host.
const DefaultAPI = wxapi.Default

// WeChat's error codes of jscode2session that mean the code is no good.
const (
	ErrCodeInvalid   = 40029 // invalid code (wrong, expired)
	ErrCodeUsed      = 40163 // code been used
	ErrCodeRateLimit = 45011 // api minute-quota reach limit
)

// Config is a mini-program's credentials and, for the offline fake, the
// API's base URL.
type Config struct {
	AppID, AppSecret string
	// API is WeChat's API base URL; empty: DefaultAPI.
	API string
	// Timeout bounds one exchange; 0: 10 seconds.
	Timeout time.Duration
}

// Client exchanges wx.login codes; it implements voltpay.WechatLogin.
type Client struct {
	mini    *miniprogram.MiniProgram
	api     *url.URL
	timeout time.Duration
}

var _ voltpay.WechatLogin = (*Client)(nil)

// New returns a Client for cfg. Errors: a missing app id or secret, a
// malformed API URL.
func New(cfg Config) (*Client, error) {
	if cfg.AppID == "" || cfg.AppSecret == "" {
		return nil, errors.New("the mini-program's app id and app secret are both needed (VOLTPAY_WECHAT_APPID, VOLTPAY_WECHAT_APP_SECRET)")
	}
	api, err := wxapi.ParseBase(cfg.API)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	wxapi.Install()
	wc := wechat.NewWechat()
	mini := wc.GetMiniProgram(&miniConfig.Config{AppID: cfg.AppID, AppSecret: cfg.AppSecret, Cache: cache.NewMemory()})
	return &Client{mini: mini, api: api, timeout: cfg.Timeout}, nil
}

// OpenID exchanges code for the person's openid. Errors: INVALID_INPUT (an
// empty or overlong code), UNAUTHENTICATED (WeChat refused the code: wrong,
// expired or used), UNAVAILABLE (WeChat did not answer, or refused our
// credentials or quota).
func (c *Client) OpenID(ctx context.Context, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" || len(code) > 128 || strings.ContainsAny(code, "&#?/ \t\r\n") {
		return "", voltpay.Invalid("code", "pass the code wx.login gave the mini-program, as it is")
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	res, err := c.mini.GetAuth().Code2SessionContext(wxapi.WithBase(ctx, c.api), url.QueryEscape(code))
	switch {
	case res.ErrCode == ErrCodeInvalid || res.ErrCode == ErrCodeUsed:
		return "", voltpay.Errorf(voltpay.EUNAUTHENTICATED, "WeChat refused the sign-in code (errcode %d: wrong, expired or used); call wx.login again and send the new code", res.ErrCode)
	case res.ErrCode != 0:
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat refused the sign-in (errcode %d %s); try again later, and tell the property office if it goes on", res.ErrCode, res.ErrMsg)
	case err != nil:
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat did not answer the sign-in (%s); try again in a minute", wxapi.Redact(err))
	case res.OpenID == "":
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat answered the sign-in without an openid; try again in a minute")
	}
	return res.OpenID, nil
}
