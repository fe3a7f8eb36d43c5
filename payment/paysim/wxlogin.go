package paysim

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// WechatLoginFake plays WeChat's jscode2session (GET /sns/jscode2session)
// for the mini-program's sign-in, as WeChat answers it: the app id and
// secret must match (errcode 40013, 40125), grant_type must be
// authorization_code (40002), and a code is good once, for 5 minutes
// (40029 for an unknown or expired code, 40163 for a used one). WeChat
// hands codes out in the mini-program (wx.login); here POST
// /paysim/wxlogin (openid=…) does, playing wx.login for one person.
type WechatLoginFake struct {
	AppID, Secret string
	// OnCode, when set, hears of every person a code is handed out for
	// (the subscription messages' fake learns its people so).
	OnCode func(openid string)

	mu    sync.Mutex
	codes map[string]*loginCode
	order []string // codes by age, to bound the map
	now   func() time.Time
}

type loginCode struct {
	openid  string
	expires time.Time
	used    bool
}

// Bounds of the fake: how long a code lasts, and how many it remembers.
const (
	wxLoginCodeTTL = 5 * time.Minute
	wxLoginCodes   = 10_000
)

// NewWechatLogin returns a fake for appID with a fresh random secret.
func NewWechatLogin(appID string) *WechatLoginFake {
	return &WechatLoginFake{AppID: appID, Secret: randomHex(16), codes: map[string]*loginCode{}, now: time.Now}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// NewCode plays wx.login for the person openid (empty: a new person) and
// returns the code the mini-program would send to its server.
func (f *WechatLoginFake) NewCode(openid string) (code, id string) {
	if openid == "" {
		openid = "o" + randomHex(13)
	}
	code = randomHex(16)
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.order) >= wxLoginCodes {
		delete(f.codes, f.order[0])
		f.order = f.order[1:]
	}
	f.codes[code] = &loginCode{openid: openid, expires: f.now().Add(wxLoginCodeTTL)}
	f.order = append(f.order, code)
	if f.OnCode != nil {
		f.OnCode(openid)
	}
	return code, openid
}

// Env is what configures `voltpay serve` for this fake; base is the
// fake's URL.
func (f *WechatLoginFake) Env(base string) map[string]string {
	return map[string]string{"VOLTPAY_WECHAT_APPID": f.AppID, "VOLTPAY_WECHAT_APP_SECRET": f.Secret, "VOLTPAY_WECHAT_API_URL": base}
}

// Handler serves GET /sns/jscode2session and POST /paysim/wxlogin.
func (f *WechatLoginFake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sns/jscode2session", f.jscode2session)
	mux.HandleFunc("POST /paysim/wxlogin", func(w http.ResponseWriter, r *http.Request) {
		openid := r.FormValue("openid")
		if len(openid) > 128 {
			http.Error(w, "openid: at most 128 bytes", http.StatusBadRequest)
			return
		}
		code, id := f.NewCode(openid)
		writeJSON(w, map[string]string{"code": code, "openid": id})
	})
	return mux
}

func (f *WechatLoginFake) jscode2session(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fail := func(code int, msg string) { writeJSON(w, map[string]any{"errcode": code, "errmsg": msg}) }
	switch {
	case q.Get("appid") != f.AppID:
		fail(40013, "invalid appid")
		return
	case subtle.ConstantTimeCompare([]byte(q.Get("secret")), []byte(f.Secret)) != 1:
		fail(40125, "invalid appsecret")
		return
	case q.Get("grant_type") != "authorization_code":
		fail(40002, "invalid grant_type")
		return
	}
	f.mu.Lock()
	c := f.codes[q.Get("js_code")]
	now := f.now()
	var openid string
	used := c != nil && c.used
	if c != nil && !c.used && now.Before(c.expires) {
		c.used, openid = true, c.openid
	}
	f.mu.Unlock()
	switch {
	case used:
		fail(40163, "code been used")
	case openid == "":
		fail(40029, "invalid code")
	default:
		writeJSON(w, map[string]string{"openid": openid, "session_key": randomHex(12)})
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
