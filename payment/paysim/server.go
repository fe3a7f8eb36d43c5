package paysim

import (
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// Server is the fakes behind one address, with a page that plays the
// payer: WeChat Pay's APIv3 paths (/v3/…), Alipay's gateway
// (/gateway.do), the payer page (/paysim/) and a control endpoint for
// faults (/paysim/faults); fake Tencent Cloud SMS (TencentSMSPath),
// whose messages are at /smssim/ and /smssim/messages; and the
// mini-program sign-in's jscode2session (/sns/jscode2session, with POST
// /paysim/wxlogin playing wx.login); and its subscription messages
// (/cgi-bin/token, /cgi-bin/message/subscribe/send, /paysim/wxmsg/…).
type Server struct {
	Wechat *WechatFake
	Alipay *AlipayFake
	SMS    *TencentSMSFake
	// WechatLogin is the mini-program sign-in's jscode2session, for the
	// same app id as Wechat's trades.
	WechatLogin *WechatLoginFake
	// WechatMessages is the mini-program's subscription messages, for the
	// same app; whoever signs in through WechatLogin is one of its people.
	WechatMessages *WechatMessageFake
	log            *slog.Logger
}

// NewServer makes both fakes with their defaults (fresh keys each time).
func NewServer(log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	wx, err := NewWechat(WechatOptions{Log: log})
	if err != nil {
		return nil, fmt.Errorf("fake WeChat Pay: %w", err)
	}
	ali, err := NewAlipay(AlipayOptions{Log: log})
	if err != nil {
		return nil, fmt.Errorf("fake Alipay: %w", err)
	}
	login := NewWechatLogin(wx.opts.AppID)
	msgs := NewWechatMessages(login.AppID, login.Secret)
	login.OnCode = msgs.AddUser
	return &Server{Wechat: wx, Alipay: ali, SMS: NewTencentSMS(TencentSMSOptions{Log: log}),
		WechatLogin: login, WechatMessages: msgs, log: log}, nil
}

// Close stops notification retries.
func (s *Server) Close() {
	s.Wechat.Close()
	s.Alipay.Close()
}

// WriteFiles writes both fakes' merchant-side key files into dir and
// returns the environment that configures `voltpay serve` for them:
// base is this server's URL (http://host:port) and notify the server's
// (http://host:port of voltpay serve).
func (s *Server) WriteFiles(dir, base, notify string) (map[string]string, error) {
	env := map[string]string{}
	wx, err := s.Wechat.WriteFiles(dir)
	if err != nil {
		return nil, err
	}
	ali, err := s.Alipay.WriteFiles(dir)
	if err != nil {
		return nil, err
	}
	for k, v := range wx {
		env[k] = v
	}
	for k, v := range ali {
		env[k] = v
	}
	for k, v := range s.SMS.Env(base) {
		env[k] = v
	}
	for k, v := range s.WechatLogin.Env(base) {
		env[k] = v
	}
	env["VOLTPAY_WECHAT_BASE_URL"] = base
	env["VOLTPAY_WECHAT_NOTIFY_URL"] = notify + "/pay/notify/wechat"
	env["VOLTPAY_ALIPAY_GATEWAY_URL"] = base + "/gateway.do"
	env["VOLTPAY_ALIPAY_NOTIFY_URL"] = notify + "/pay/notify/alipay"
	return env, nil
}

// Handler serves everything.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v3/", s.Wechat.Handler())
	mux.Handle("/gateway.do", s.Alipay.Handler())
	mux.Handle("GET /sns/jscode2session", s.WechatLogin.Handler())
	mux.Handle("POST /paysim/wxlogin", s.WechatLogin.Handler())
	for _, p := range []string{"GET /cgi-bin/token", "POST /cgi-bin/message/subscribe/send", "POST /paysim/wxmsg/consent",
		"POST /paysim/wxmsg/faults", "GET /paysim/wxmsg/messages"} {
		mux.Handle(p, s.WechatMessages.Handler())
	}
	mux.Handle(AlipayBillPath, s.Alipay.Handler())
	mux.Handle(TencentSMSPath, s.SMS.Handler())
	mux.Handle("/smssim/", s.SMS.Handler())
	mux.HandleFunc("GET /paysim/{$}", s.page)
	mux.HandleFunc("GET /paysim/pay", s.page)
	mux.HandleFunc("POST /paysim/pay", s.pay)
	mux.HandleFunc("GET /paysim/scan", s.scan)
	mux.HandleFunc("POST /paysim/faults", s.faults)
	mux.HandleFunc("GET /paysim/trades", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(s.trades())
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/paysim/", http.StatusFound)
	})
	return mux
}

func (s *Server) fake(provider string) Fake {
	switch provider {
	case payment.Wechat:
		return s.Wechat
	case payment.Alipay:
		return s.Alipay
	}
	return nil
}

func (s *Server) trades() []TradeInfo {
	all := append(s.Wechat.List(), s.Alipay.List()...)
	sort.Slice(all, func(i, j int) bool { return all[i].CreatedAt.After(all[j].CreatedAt) })
	return all
}

// pay plays the payer of one trade (the page's button, or a script:
// curl -d provider=wechat -d out_trade_no=… http://host/paysim/pay).
func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	provider, no := r.FormValue("provider"), r.FormValue("out_trade_no")
	f := s.fake(provider)
	if f == nil {
		http.Error(w, "provider must be wechat or alipay", http.StatusBadRequest)
		return
	}
	if err := f.Pay(no); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	s.log.Info("paysim: paid", "provider", provider, "out_trade_no", no)
	if r.Header.Get("Accept") == "application/json" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, "/paysim/?paid="+no, http.StatusSeeOther)
}

// scan plays the payer's app reading a QR code (WeChat Native's code_url,
// Alipay precreate's qr_code): GET /paysim/scan?code=… opens the payer page
// of the trade whose code it is.
func (s *Server) scan(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	if code == "" || len(code) > 512 {
		http.Error(w, "pass ?code= (the QR code's content)", http.StatusBadRequest)
		return
	}
	for _, t := range s.trades() {
		if t.QRCode == code {
			http.Redirect(w, r, "/paysim/pay?"+url.Values{"provider": {t.Provider}, "out_trade_no": {t.OutTradeNo}}.Encode(), http.StatusFound)
			return
		}
	}
	http.Error(w, "no trade has this QR code (it expired, or was never created here)", http.StatusNotFound)
}

// faults sets the notification faults of one provider from a JSON body:
// {"provider":"wechat","duplicate":3,"delayMs":500,"reorder":false,"forge":false,"drop":1}.
func (s *Server) faults(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Provider  string `json:"provider"`
		Duplicate int    `json:"duplicate"`
		DelayMs   int    `json:"delayMs"`
		Reorder   bool   `json:"reorder"`
		Forge     bool   `json:"forge"`
		Drop      int    `json:"drop"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&in); err != nil {
		http.Error(w, "a JSON object: "+err.Error(), http.StatusBadRequest)
		return
	}
	f := s.fake(in.Provider)
	if f == nil || in.Duplicate < 0 || in.Drop < 0 || in.DelayMs < 0 {
		http.Error(w, "provider must be wechat or alipay; counts ≥ 0", http.StatusBadRequest)
		return
	}
	f.SetFaults(Faults{Duplicate: in.Duplicate, Delay: time.Duration(in.DelayMs) * time.Millisecond,
		Reorder: in.Reorder, Forge: in.Forge, Drop: in.Drop})
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	trades := s.trades()
	if no := r.URL.Query().Get("out_trade_no"); no != "" {
		var one []TradeInfo
		for _, t := range trades {
			if t.OutTradeNo == no {
				one = append(one, t)
			}
		}
		trades = one
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, map[string]any{"Trades": trades, "Paid": r.URL.Query().Get("paid")}); err != nil {
		s.log.Error("paysim: page", "err", err)
	}
}

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"yuan":    func(fen int64) string { return payment.FormatYuan(fen) },
	"payable": func(state string) bool { return state == "NOTPAY" || state == "WAIT_BUYER_PAY" },
}).Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>模拟支付 Payment simulator</title>
<style>body{font-family:sans-serif;margin:1rem;max-width:60rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}button{padding:.4rem 1rem}</style></head>
<body><h1>模拟支付 <small>Payment simulator (offline fake WeChat Pay / Alipay)</small></h1>
{{if .Paid}}<p role="status">已支付 Paid: {{.Paid}}</p>{{end}}
<table><thead><tr><th>渠道 Provider</th><th>订单号 Order</th><th>说明 Description</th><th>金额 Amount (元)</th><th>状态 State</th><th></th></tr></thead><tbody>
{{range .Trades}}<tr><td>{{.Provider}} ({{.Method}})</td><td>{{.OutTradeNo}}</td><td>{{.Description}}</td><td>{{yuan .AmountFen}}</td><td>{{.State}}</td>
<td>{{if payable .State}}<form method="post" action="/paysim/pay"><input type="hidden" name="provider" value="{{.Provider}}">
<input type="hidden" name="out_trade_no" value="{{.OutTradeNo}}"><button>支付 Pay</button></form>{{end}}</td></tr>
{{else}}<tr><td colspan="6">没有订单 No trades yet: create one with the createRechargeOrder mutation.</td></tr>{{end}}
</tbody></table></body></html>`))
