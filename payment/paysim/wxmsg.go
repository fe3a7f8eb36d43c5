package paysim

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// WechatMessageFake plays WeChat's subscription messages (订阅消息) of a
// mini-program as WeChat answers them:
//
//   - GET /cgi-bin/token (grant_type=client_credential, appid, secret)
//     hands out access tokens for 2 hours (40013 wrong app id, 40125 wrong
//     secret, 40002 wrong grant type);
//   - POST /cgi-bin/message/subscribe/send?access_token=… checks the token
//     (40001 unknown, 42001 expired), the body (47001 not JSON), the
//     template (40037 unknown id), the person (40003 unknown openid), each
//     keyword's value against its type (47003: thing ≤ 20 characters,
//     amount a number with 元, time a date and time, phrase ≤ 5 Chinese
//     characters …) and the person's consent (43101 none left): in the
//     mini-program, wx.requestSubscribeMessage grants one message per
//     "allow", which POST /paysim/wxmsg/consent plays here.
//
// Delivered messages are read at GET /paysim/wxmsg/messages?openid=…, and
// POST /paysim/wxmsg/faults makes the next sends fail.
type WechatMessageFake struct {
	AppID, Secret string
	// Templates are the registered template ids with their keywords.
	Templates map[string]map[string]string

	mu       sync.Mutex
	tokens   map[string]time.Time // access token → expiry
	consent  map[string]map[string]int
	inbox    map[string][]WechatMessage
	faults   []int // errcodes the next sends answer, in order; 0: HTTP 502
	serial   int64
	now      func() time.Time
	tokenTTL time.Duration
}

// WechatMessage is one delivered subscription message.
type WechatMessage struct {
	MsgID      int64             `json:"msgid"`
	OpenID     string            `json:"openid"`
	TemplateID string            `json:"templateId"`
	Page       string            `json:"page"`
	Data       map[string]string `json:"data"`
	SentAt     time.Time         `json:"sentAt"`
}

// Bounds of the fake: messages kept per person, people remembered.
const (
	wxMsgInbox  = 50
	wxMsgPeople = 10_000
)

// WechatMessageTemplates are the fake's registered templates, one per
// kind of warning, each with WeChat's keyword types (the number after the
// type is the keyword's position, as WeChat names them).
var WechatMessageTemplates = map[string]map[string]string{
	// 余额不足提醒: account, balance, what to do, time.
	"VP_BALANCE_LOW": {"thing1": "thing", "amount2": "amount", "thing3": "thing", "time4": "time"},
	// 欠费提醒: account, balance, state, time.
	"VP_ARREARS": {"thing1": "thing", "amount2": "amount", "phrase3": "phrase", "time4": "time"},
	// 断电/送电通知: account, state, reason, time.
	"VP_POWER": {"thing1": "thing", "phrase2": "phrase", "thing3": "thing", "time4": "time"},
	// 用电提醒: the layout the warnings outbox fills for every kind (docs/NOTIFICATIONS.md):
	// what happened, the account, the balance (or debt), the time, the text.
	"VP_WARNING": {"thing1": "thing", "character_string2": "character_string", "amount3": "amount", "time4": "time", "thing5": "thing"},
}

// NewWechatMessages returns a fake for appID and secret with the default
// templates.
func NewWechatMessages(appID, secret string) *WechatMessageFake {
	return &WechatMessageFake{AppID: appID, Secret: secret, Templates: WechatMessageTemplates,
		tokens: map[string]time.Time{}, consent: map[string]map[string]int{}, inbox: map[string][]WechatMessage{},
		now: time.Now, tokenTTL: 2 * time.Hour}
}

// AddUser makes openid a person of the mini-program (signing in does it).
func (f *WechatMessageFake) AddUser(openid string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.addUser(openid)
}

func (f *WechatMessageFake) addUser(openid string) map[string]int {
	c := f.consent[openid]
	if c == nil {
		if len(f.consent) >= wxMsgPeople {
			for k := range f.consent { // forget anyone: the fake is bounded, not fair
				delete(f.consent, k)
				delete(f.inbox, k)
				break
			}
		}
		c = map[string]int{}
		f.consent[openid] = c
	}
	return c
}

// Grant plays the person openid tapping "allow" n times for templateID in
// wx.requestSubscribeMessage: n more messages of it may be sent.
func (f *WechatMessageFake) Grant(openid, templateID string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.addUser(openid)[templateID] += n
}

// ExpireTokens makes every access token handed out so far expired, as
// WeChat does when another server asks for a new one.
func (f *WechatMessageFake) ExpireTokens() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for t := range f.tokens {
		f.tokens[t] = time.Time{}
	}
}

// Fail makes the next sends answer these errcodes, one each (0: an HTTP
// 502 without a body).
func (f *WechatMessageFake) Fail(errcodes ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, errcodes...)
}

// Inbox returns openid's delivered messages, newest first.
func (f *WechatMessageFake) Inbox(openid string) []WechatMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	in := f.inbox[openid]
	out := make([]WechatMessage, len(in))
	for i, m := range in {
		out[len(in)-1-i] = m
	}
	return out
}

// Handler serves the token and send endpoints and the fake's own.
func (f *WechatMessageFake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cgi-bin/token", f.token)
	mux.HandleFunc("POST /cgi-bin/message/subscribe/send", f.send)
	mux.HandleFunc("POST /paysim/wxmsg/consent", func(w http.ResponseWriter, r *http.Request) {
		openid, tmpl := r.FormValue("openid"), r.FormValue("template_id")
		n, err := strconv.Atoi(r.FormValue("count"))
		if r.FormValue("count") == "" {
			n, err = 1, nil
		}
		if openid == "" || len(openid) > 128 || f.Templates[tmpl] == nil || err != nil || n < 1 || n > 100 {
			http.Error(w, "pass openid (≤ 128 bytes), a registered template_id and count (1–100, default 1)", http.StatusBadRequest)
			return
		}
		f.Grant(openid, tmpl, n)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /paysim/wxmsg/faults", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Errcodes     []int `json:"errcodes"`
			ExpireTokens bool  `json:"expireTokens"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&body); err != nil || len(body.Errcodes) > 100 {
			http.Error(w, `send {"errcodes":[43101, 0, …], "expireTokens": false} (at most 100; 0 is an HTTP 502)`, http.StatusBadRequest)
			return
		}
		f.Fail(body.Errcodes...)
		if body.ExpireTokens {
			f.ExpireTokens()
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /paysim/wxmsg/messages", func(w http.ResponseWriter, r *http.Request) {
		openid := r.URL.Query().Get("openid")
		if openid == "" || len(openid) > 128 {
			http.Error(w, "pass ?openid=", http.StatusBadRequest)
			return
		}
		writeJSON(w, f.Inbox(openid))
	})
	return mux
}

func wxFail(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, map[string]any{"errcode": code, "errmsg": msg})
}

func (f *WechatMessageFake) token(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("grant_type") != "client_credential":
		wxFail(w, 40002, "invalid grant_type")
		return
	case q.Get("appid") != f.AppID:
		wxFail(w, 40013, "invalid appid")
		return
	case subtle.ConstantTimeCompare([]byte(q.Get("secret")), []byte(f.Secret)) != 1:
		wxFail(w, 40125, "invalid appsecret")
		return
	}
	t := randomHex(24)
	f.mu.Lock()
	now := f.now()
	for k, exp := range f.tokens { // keep the map to the live tokens
		if !now.Before(exp) {
			delete(f.tokens, k)
		}
	}
	f.tokens[t] = now.Add(f.tokenTTL)
	f.mu.Unlock()
	writeJSON(w, map[string]any{"access_token": t, "expires_in": int(f.tokenTTL.Seconds())})
}

// subscribeSend is the body of subscribeMessage.send.
type subscribeSend struct {
	ToUser     string `json:"touser"`
	TemplateID string `json:"template_id"`
	Page       string `json:"page"`
	Data       map[string]struct {
		Value any `json:"value"`
	} `json:"data"`
	MiniprogramState string `json:"miniprogram_state"`
	Lang             string `json:"lang"`
}

func (f *WechatMessageFake) send(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.faults) > 0 {
		code := f.faults[0]
		f.faults = f.faults[1:]
		if code == 0 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		wxFail(w, code, "injected fault")
		return
	}
	exp, ok := f.tokens[r.URL.Query().Get("access_token")]
	switch {
	case !ok:
		wxFail(w, 40001, "invalid credential, access_token is invalid or not latest")
		return
	case !f.now().Before(exp):
		wxFail(w, 42001, "access_token expired")
		return
	}
	var m subscribeSend
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&m); err != nil {
		wxFail(w, 47001, "data format error")
		return
	}
	keywords := f.Templates[m.TemplateID]
	if keywords == nil {
		wxFail(w, 40037, "invalid template_id")
		return
	}
	consent, known := f.consent[m.ToUser]
	if !known {
		wxFail(w, 40003, "invalid openid")
		return
	}
	data, errmsg := checkKeywords(keywords, m.Data)
	if errmsg != "" || len(m.Page) > 1024 || (m.MiniprogramState != "" && !oneOfStr(m.MiniprogramState, "developer", "trial", "formal")) {
		if errmsg == "" {
			errmsg = "argument invalid! page or miniprogram_state"
		}
		wxFail(w, 47003, errmsg)
		return
	}
	if consent[m.TemplateID] <= 0 {
		wxFail(w, 43101, "user refuse to accept the msg")
		return
	}
	consent[m.TemplateID]--
	f.serial++
	msg := WechatMessage{MsgID: 3_000_000_000 + f.serial, OpenID: m.ToUser, TemplateID: m.TemplateID, Page: m.Page, Data: data, SentAt: f.now()}
	in := append(f.inbox[m.ToUser], msg)
	if len(in) > wxMsgInbox {
		in = in[len(in)-wxMsgInbox:]
	}
	f.inbox[m.ToUser] = in
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "msgid": msg.MsgID})
}

// checkKeywords checks that data holds exactly the template's keywords,
// each a string its type accepts, and returns them as strings; or
// WeChat's 47003 message naming the first bad one.
func checkKeywords(keywords map[string]string, data map[string]struct {
	Value any `json:"value"`
}) (map[string]string, string) {
	names := make([]string, 0, len(data))
	for k := range data {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make(map[string]string, len(data))
	for _, k := range names {
		kind, ok := keywords[k]
		v, isStr := data[k].Value.(string)
		if !ok || !isStr || !KeywordValueOK(kind, v) {
			return nil, "argument invalid! data." + k + ".value invalid"
		}
		out[k] = v
	}
	for k := range keywords {
		if _, ok := out[k]; !ok {
			return nil, "argument invalid! data." + k + ".value empty"
		}
	}
	return out, ""
}

func oneOfStr(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}
