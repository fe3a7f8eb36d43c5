package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/credential"
	"github.com/silenceper/wechat/v2/miniprogram/subscribe"
	"github.com/silenceper/wechat/v2/util"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/wxapi"
)

// WeChat mini-program subscription messages (subscribeMessage.send)
// through github.com/silenceper/wechat/v2: its access-token handling
// (/cgi-bin/token, cached until shortly before it expires), its message
// types and its HTTP client. The library's Subscribe.Send is not used:
// it takes no context, so a send could neither be cancelled nor routed to
// the offline fake (package wxapi routes by context); its context-taking
// PostJSONContext is, on the same URL.

// WeChat's error codes of subscribeMessage.send that the driver tells apart.
const (
	WxErrTokenInvalid = 40001 // invalid credential: the access token is not (or no longer) valid
	WxErrBadOpenID    = 40003 // invalid openid
	WxErrBadTemplate  = 40037 // invalid template_id
	WxErrTokenExpired = 42001 // access_token expired
	WxErrRefused      = 43101 // user refuse to accept the msg: no consent left
	WxErrBadData      = 47003 // argument invalid: a keyword's value, the page
)

// wxRejected are the refusals that fail again unchanged.
var wxRejected = map[int64]string{
	WxErrRefused:     "the person has not agreed to (or has used up) this kind of message in the mini-program",
	WxErrBadOpenID:   "WeChat does not know the openid for this mini-program",
	WxErrBadData:     "WeChat refused the data (a keyword's value too long or of the wrong form, or the page)",
	WxErrBadTemplate: "WeChat does not know the template id; check it in the mini-program's console",
}

// WeChatConfig configures the subscription message driver.
type WeChatConfig struct {
	AppID, AppSecret string
	// API is WeChat's API base URL; empty: https://api.weixin.qq.com.
	API string
	// State is the mini-program version a message opens: formal (the
	// default), trial or developer.
	State string
	// Timeout bounds one send, the access token's fetch included; 0: 10 s.
	Timeout time.Duration
}

// WeChat sends subscription messages; it implements voltpay.WeChatMessenger
// and is safe for concurrent use.
type WeChat struct {
	cfg WeChatConfig
	api *url.URL

	mu    sync.Mutex
	token credential.AccessTokenContextHandle
}

var _ voltpay.WeChatMessenger = (*WeChat)(nil)

// NewWeChat returns a driver for cfg. Errors: missing credentials, a bad
// API URL or state.
func NewWeChat(cfg WeChatConfig) (*WeChat, error) {
	if cfg.AppID == "" || cfg.AppSecret == "" {
		return nil, errors.New("the mini-program's app id and app secret are both needed (VOLTPAY_WECHAT_APPID, VOLTPAY_WECHAT_APP_SECRET)")
	}
	api, err := wxapi.ParseBase(cfg.API)
	if err != nil {
		return nil, err
	}
	switch cfg.State {
	case "":
		cfg.State = "formal"
	case "formal", "trial", "developer":
	default:
		return nil, fmt.Errorf("mini-program state %q: want formal, trial or developer", cfg.State)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	wxapi.Install()
	w := &WeChat{cfg: cfg, api: api}
	w.newToken()
	return w, nil
}

// newToken starts over with an empty token cache: the next send fetches
// a fresh access token.
func (w *WeChat) newToken() credential.AccessTokenContextHandle {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.token = credential.NewDefaultAccessToken(w.cfg.AppID, w.cfg.AppSecret, credential.CacheKeyMiniProgramPrefix, cache.NewMemory())
	return w.token
}

func (w *WeChat) tokens() credential.AccessTokenContextHandle {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.token
}

// Send implements voltpay.WeChatMessenger. When WeChat says the access
// token is invalid or expired (another server may have fetched a new one)
// it fetches a fresh token and tries once more.
func (w *WeChat) Send(ctx context.Context, m voltpay.WeChatMessage) (string, error) {
	msg, err := w.message(m)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(wxapi.WithBase(ctx, w.api), w.cfg.Timeout)
	defer cancel()
	tokens := w.tokens()
	for try := 0; ; try++ {
		res, err := w.send(ctx, tokens, msg)
		if err != nil {
			return "", err
		}
		switch {
		case res.ErrCode == 0:
			return strconv.FormatInt(res.MsgID, 10), nil
		case (res.ErrCode == WxErrTokenInvalid || res.ErrCode == WxErrTokenExpired) && try == 0:
			tokens = w.newToken()
			continue
		}
		if why, ok := wxRejected[res.ErrCode]; ok {
			return "", fmt.Errorf("%w: %s (errcode %d %s)", voltpay.ErrWeChatRejected, why, res.ErrCode, clip(res.ErrMsg, 100))
		}
		return "", fmt.Errorf("WeChat did not take the message (errcode %d %s); try again later", res.ErrCode, clip(res.ErrMsg, 100))
	}
}

// message checks m and builds the library's message of it.
func (w *WeChat) message(m voltpay.WeChatMessage) (*subscribe.Message, error) {
	switch {
	case m.OpenID == "" || len(m.OpenID) > 128:
		return nil, fmt.Errorf("%w: a message needs the person's openid (1–128 bytes)", voltpay.ErrWeChatRejected)
	case m.TemplateID == "" || len(m.TemplateID) > 128:
		return nil, fmt.Errorf("%w: a message needs its template id (1–128 bytes)", voltpay.ErrWeChatRejected)
	case len(m.Data) == 0 || len(m.Data) > 20:
		return nil, fmt.Errorf("%w: a message needs 1 to 20 keywords, has %d", voltpay.ErrWeChatRejected, len(m.Data))
	case len(m.Page) > 1024:
		return nil, fmt.Errorf("%w: the page is %d bytes, at most 1024", voltpay.ErrWeChatRejected, len(m.Page))
	}
	data := make(map[string]*subscribe.DataItem, len(m.Data))
	for k, v := range m.Data {
		if !utf8.ValidString(v) || len(k) > 32 {
			return nil, fmt.Errorf("%w: keyword %q: a name of ≤ 32 bytes and valid UTF-8 text", voltpay.ErrWeChatRejected, clip(k, 32))
		}
		data[k] = &subscribe.DataItem{Value: v}
	}
	return &subscribe.Message{ToUser: m.OpenID, TemplateID: m.TemplateID, Page: m.Page, Data: data,
		MiniprogramState: w.cfg.State, Lang: "zh_CN"}, nil
}

// send posts msg once with the current access token.
func (w *WeChat) send(ctx context.Context, tokens credential.AccessTokenContextHandle, msg *subscribe.Message) (wxSendResult, error) {
	token, err := tokens.GetAccessTokenContext(ctx)
	if err != nil {
		return wxSendResult{}, fmt.Errorf("WeChat gave no access token (%s); check VOLTPAY_WECHAT_APPID and VOLTPAY_WECHAT_APP_SECRET, or try again later", wxapi.Redact(err))
	}
	body, err := util.PostJSONContext(ctx, wxapi.Default+"/cgi-bin/message/subscribe/send?access_token="+url.QueryEscape(token), msg)
	if err != nil {
		return wxSendResult{}, fmt.Errorf("WeChat did not answer the message (%s); try again later", wxapi.Redact(err))
	}
	return decodeWxSendResult(body)
}

// wxSendResult is subscribeMessage.send's answer.
type wxSendResult struct {
	ErrCode int64  `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	MsgID   int64  `json:"msgid"`
}

// decodeWxSendResult reads WeChat's answer; one that is not its JSON is an
// error worth retrying (a proxy's page, a cut answer).
func decodeWxSendResult(body []byte) (wxSendResult, error) {
	var r wxSendResult
	if err := json.Unmarshal(body, &r); err != nil {
		return wxSendResult{}, fmt.Errorf("WeChat's answer to a message is not its JSON (%d bytes: %q); try again later", len(body), clip(string(body), 60))
	}
	if r.ErrCode == 0 && r.MsgID == 0 {
		return wxSendResult{}, errors.New("WeChat took the message without a msgid; try again later")
	}
	return r, nil
}
