// Package wxlogin signs tenants in from the WeChat mini-program: it
// exchanges the code of wx.login for the person's openid through WeChat's
// jscode2session, with github.com/silenceper/wechat/v2's mini-program auth.
//
// That library builds its URLs on https://api.weixin.qq.com and sends them
// with one package-wide *http.Client (util.DefaultHTTPClient, set by
// Wechat.SetHTTPClient). To point it at the offline fake (voltpay paysim),
// this package installs, once, a client whose transport sends a request to
// the API base URL carried by the request's context, the Client's own:
// every Client talks to its own host, several in one process included, and
// requests of other users of the library pass through unchanged.
package wxlogin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/silenceper/wechat/v2"
	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/miniprogram"
	miniConfig "github.com/silenceper/wechat/v2/miniprogram/config"

	"github.com/voltpay/voltpay"
)

// DefaultAPI is WeChat's API host.
const DefaultAPI = "https://api.weixin.qq.com"

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
	if cfg.API == "" {
		cfg.API = DefaultAPI
	}
	api, err := url.Parse(strings.TrimRight(cfg.API, "/"))
	if err != nil || (api.Scheme != "http" && api.Scheme != "https") || api.Host == "" {
		return nil, fmt.Errorf("WeChat API URL %q: want http(s)://host[:port]", cfg.API)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	installTransport()
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
	res, err := c.mini.GetAuth().Code2SessionContext(context.WithValue(ctx, apiKey{}, c.api), url.QueryEscape(code))
	switch {
	case res.ErrCode == ErrCodeInvalid || res.ErrCode == ErrCodeUsed:
		return "", voltpay.Errorf(voltpay.EUNAUTHENTICATED, "WeChat refused the sign-in code (errcode %d: wrong, expired or used); call wx.login again and send the new code", res.ErrCode)
	case res.ErrCode != 0:
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat refused the sign-in (errcode %d %s); try again later, and tell the property office if it goes on", res.ErrCode, res.ErrMsg)
	case err != nil:
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat did not answer the sign-in (%s); try again in a minute", redact(err))
	case res.OpenID == "":
		return "", voltpay.Errorf(voltpay.EUNAVAILABLE, "WeChat answered the sign-in without an openid; try again in a minute")
	}
	return res.OpenID, nil
}

// redact keeps the query (app secret, code) out of an error that quotes
// the URL.
func redact(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + " WeChat: " + ue.Err.Error()
	}
	s := err.Error()
	if i := strings.Index(s, "?"); i >= 0 {
		if j := strings.IndexAny(s[i:], " ,"); j >= 0 {
			return s[:i] + s[i+j:]
		}
		return s[:i]
	}
	return s
}

// apiKey carries a Client's API base URL in a request's context.
type apiKey struct{}

var installOnce sync.Once

// installTransport gives the library a client that sends each request to
// the API base URL in its context (see the package doc).
func installTransport() {
	installOnce.Do(func() {
		wechat.NewWechat().SetHTTPClient(&http.Client{Transport: rehost{next: http.DefaultTransport}})
	})
}

type rehost struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t rehost) RoundTrip(r *http.Request) (*http.Response, error) {
	api, ok := r.Context().Value(apiKey{}).(*url.URL)
	if !ok {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = api.Scheme, api.Host
	r.URL.Path = api.Path + r.URL.Path
	r.Host = api.Host
	return t.next.RoundTrip(r)
}
