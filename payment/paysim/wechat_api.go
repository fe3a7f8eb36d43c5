package paysim

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// wxAuthPrefix is the only signature suite of APIv3.
const wxAuthPrefix = "WECHATPAY2-SHA256-RSA2048 "

// Handler serves the APIv3 paths the SDK calls. Every request must carry
// a valid merchant signature; every answer is signed by the platform key.
func (f *WechatFake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3/pay/transactions/jsapi", f.prepay("jsapi"))
	mux.HandleFunc("POST /v3/pay/transactions/native", f.prepay("native"))
	mux.HandleFunc("POST /v3/pay/transactions/h5", f.prepay("h5"))
	mux.HandleFunc("GET /v3/pay/transactions/out-trade-no/{no}", f.queryTrade)
	mux.HandleFunc("POST /v3/pay/transactions/out-trade-no/{no}/close", f.closeTrade)
	mux.HandleFunc("POST /v3/refund/domestic/refunds", f.createRefund)
	mux.HandleFunc("GET /v3/refund/domestic/refunds/{no}", f.queryRefund)
	mux.HandleFunc("GET /v3/bill/tradebill", f.tradeBill)
	mux.HandleFunc("GET /v3/billdownload/file", f.billFile)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "请求体读取失败")
			return
		}
		if why := f.checkAuth(r, body); why != "" {
			f.fail(w, http.StatusUnauthorized, "SIGN_ERROR", "签名错误: "+why)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		mux.ServeHTTP(w, r)
	})
}

// checkAuth verifies the merchant's Authorization header; it returns why
// it is refused, or "".
func (f *WechatFake) checkAuth(r *http.Request, body []byte) string {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, wxAuthPrefix) {
		return "Authorization is not WECHATPAY2-SHA256-RSA2048"
	}
	params := map[string]string{}
	for _, kv := range strings.Split(strings.TrimPrefix(h, wxAuthPrefix), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if ok {
			params[k] = strings.Trim(v, `"`)
		}
	}
	if params["mchid"] != f.opts.MchID {
		return "mchid " + params["mchid"] + " unknown"
	}
	if params["serial_no"] != f.mchSerial {
		return "merchant certificate serial_no unknown"
	}
	ts, err := strconv.ParseInt(params["timestamp"], 10, 64)
	if err != nil || math.Abs(float64(time.Now().Unix()-ts)) >= 300 {
		return "timestamp missing or expired"
	}
	sig, err := base64.StdEncoding.DecodeString(params["signature"])
	if err != nil || params["nonce_str"] == "" {
		return "signature or nonce_str missing"
	}
	msg := r.Method + "\n" + r.URL.RequestURI() + "\n" + params["timestamp"] + "\n" + params["nonce_str"] + "\n" + string(body) + "\n"
	sum := sha256.Sum256([]byte(msg))
	if rsa.VerifyPKCS1v15(&f.mchKey.PublicKey, crypto.SHA256, sum[:], sig) != nil {
		return "signature does not verify"
	}
	return ""
}

// reply writes a JSON (or empty, for 204) answer signed by the platform.
func (f *WechatFake) reply(w http.ResponseWriter, status int, v any) {
	var body []byte
	if v != nil {
		body, _ = json.Marshal(v)
	}
	ts, nonce := strconv.FormatInt(time.Now().Unix(), 10), wxRandHex(16)
	h := w.Header()
	h.Set("Wechatpay-Timestamp", ts)
	h.Set("Wechatpay-Nonce", nonce)
	h.Set("Wechatpay-Serial", f.serial())
	h.Set("Wechatpay-Signature", f.sign(ts+"\n"+nonce+"\n"+string(body)+"\n"))
	h.Set("Request-Id", wxRandHex(16))
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (f *WechatFake) fail(w http.ResponseWriter, status int, code, message string) {
	f.reply(w, status, map[string]string{"code": code, "message": message})
}

// serial identifies the platform key the way the merchant knows it.
func (f *WechatFake) serial() string {
	if f.opts.CertMode {
		return f.platSerial
	}
	return f.publicKeyID
}

func (f *WechatFake) sign(msg string) string {
	return wxSign(f.platKey, msg)
}

func wxSign(k *rsa.PrivateKey, msg string) string {
	sum := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, sum[:])
	if err != nil {
		panic("paysim: RSA signing failed: " + err.Error()) // only with a broken key
	}
	return base64.StdEncoding.EncodeToString(sig)
}

type wxPrepayReq struct {
	Appid       string     `json:"appid"`
	Mchid       string     `json:"mchid"`
	Description string     `json:"description"`
	OutTradeNo  string     `json:"out_trade_no"`
	TimeExpire  *time.Time `json:"time_expire,omitempty"`
	Attach      string     `json:"attach,omitempty"`
	NotifyURL   string     `json:"notify_url"`
	Amount      *struct {
		Total    int64  `json:"total"`
		Currency string `json:"currency,omitempty"`
	} `json:"amount"`
	Payer *struct {
		Openid string `json:"openid"`
	} `json:"payer,omitempty"`
	SceneInfo *struct {
		PayerClientIP string `json:"payer_client_ip"`
		H5Info        *struct {
			Type string `json:"type"`
		} `json:"h5_info,omitempty"`
	} `json:"scene_info,omitempty"`
}

func (f *WechatFake) prepay(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req wxPrepayReq
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "请求体不是合法的JSON")
			return
		}
		if code, msg := f.checkPrepay(method, &req); code != "" {
			f.fail(w, http.StatusBadRequest, code, msg)
			return
		}
		canon, _ := json.Marshal(req)
		content := method + " " + string(canon)

		f.mu.Lock()
		t := f.trades[req.OutTradeNo]
		switch {
		case t != nil && t.content != content:
			f.mu.Unlock()
			f.fail(w, http.StatusBadRequest, "INVALID_REQUEST", "201 商户订单号重复")
			return
		case t != nil && t.State == "SUCCESS" || t != nil && t.State == "REFUND":
			f.mu.Unlock()
			f.fail(w, http.StatusBadRequest, "ORDERPAID", "该订单已支付")
			return
		case t != nil && t.State == "CLOSED":
			f.mu.Unlock()
			f.fail(w, http.StatusBadRequest, "ORDER_CLOSED", "订单已关闭")
			return
		case t == nil:
			t = &wxTrade{
				OutTradeNo: req.OutTradeNo, Description: req.Description, Method: method, AppID: req.Appid,
				MchID: req.Mchid, NotifyURL: req.NotifyURL, Amount: req.Amount.Total, State: "NOTPAY",
				CreatedAt: time.Now(), content: content, baseURL: wxBaseURL(r),
				PrepayID: "wx" + time.Now().In(payment.Shanghai).Format("02150405") + wxRandHex(12),
			}
			if req.Payer != nil {
				t.Openid = req.Payer.Openid
			}
			if req.TimeExpire != nil {
				t.expire = *req.TimeExpire
			}
			t.CodeURL = "weixin://wxpay/bizpayurl?pr=" + wxRandHex(5)
			t.H5URL = wxPayURL(t.baseURL, t.OutTradeNo)
			f.trades[t.OutTradeNo] = t
		}
		var resp map[string]string
		switch method {
		case "jsapi":
			resp = map[string]string{"prepay_id": t.PrepayID}
		case "native":
			resp = map[string]string{"code_url": t.CodeURL}
		default:
			resp = map[string]string{"h5_url": t.H5URL}
		}
		f.mu.Unlock()
		f.reply(w, http.StatusOK, resp)
	}
}

// checkPrepay validates a prepay like WeChat does; it returns an error
// code and message, or "".
func (f *WechatFake) checkPrepay(method string, req *wxPrepayReq) (code, msg string) {
	switch {
	case req.Mchid != f.opts.MchID:
		return "INVALID_REQUEST", "mchid与签名商户号不一致"
	case req.Appid != f.opts.AppID:
		return "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"
	case req.Description == "" || len(req.Description) > 127:
		return "PARAM_ERROR", "description 必填且不超过127字节"
	case len(req.OutTradeNo) < 6 || len(req.OutTradeNo) > 32:
		return "PARAM_ERROR", "out_trade_no 长度应为6-32"
	case req.Amount == nil || req.Amount.Total <= 0:
		return "PARAM_ERROR", "amount.total 必须大于0"
	case req.Amount.Currency != "" && req.Amount.Currency != "CNY":
		return "PARAM_ERROR", "currency 只支持CNY"
	}
	if u, err := url.Parse(req.NotifyURL); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" {
		return "PARAM_ERROR", "notify_url 格式错误：须为http(s)绝对地址且不能携带参数"
	}
	if req.TimeExpire != nil && !req.TimeExpire.After(time.Now()) {
		return "PARAM_ERROR", "time_expire 已过期"
	}
	switch method {
	case "jsapi":
		if req.Payer == nil || req.Payer.Openid == "" {
			return "PARAM_ERROR", "JSAPI下单 payer.openid 必填"
		}
	case "h5":
		if req.SceneInfo == nil || req.SceneInfo.PayerClientIP == "" || req.SceneInfo.H5Info == nil || req.SceneInfo.H5Info.Type == "" {
			return "PARAM_ERROR", "H5下单 scene_info.payer_client_ip 与 h5_info.type 必填"
		}
	}
	return "", ""
}

func wxBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (f *WechatFake) queryTrade(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("mchid") != f.opts.MchID {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "mchid 错误")
		return
	}
	f.mu.Lock()
	t := f.trades[r.PathValue("no")]
	var tx map[string]any
	if t != nil {
		f.expireLocked(t)
		tx = f.transaction(t)
	}
	f.mu.Unlock()
	if t == nil {
		f.fail(w, http.StatusNotFound, "ORDER_NOT_EXIST", "订单不存在")
		return
	}
	f.reply(w, http.StatusOK, tx)
}

func (f *WechatFake) closeTrade(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Mchid string `json:"mchid"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Mchid != f.opts.MchID {
		f.fail(w, http.StatusBadRequest, "PARAM_ERROR", "mchid 错误")
		return
	}
	f.mu.Lock()
	t := f.trades[r.PathValue("no")]
	state := ""
	if t != nil {
		state = t.State
		if state == "NOTPAY" {
			t.State = "CLOSED"
		}
	}
	f.mu.Unlock()
	switch state {
	case "":
		f.fail(w, http.StatusNotFound, "ORDER_NOT_EXIST", "订单不存在")
	case "SUCCESS", "REFUND":
		f.fail(w, http.StatusBadRequest, "ORDERPAID", "订单已支付，不能关单")
	default:
		f.reply(w, http.StatusNoContent, nil)
	}
}

// expireLocked closes a trade whose time_expire passed unpaid.
func (f *WechatFake) expireLocked(t *wxTrade) {
	if t.State == "NOTPAY" && !t.expire.IsZero() && time.Now().After(t.expire) {
		t.State = "CLOSED"
	}
}

// transaction is a trade as payments.Transaction JSON (queries and
// notifications).
func (f *WechatFake) transaction(t *wxTrade) map[string]any {
	tx := map[string]any{
		"appid": t.AppID, "mchid": t.MchID, "out_trade_no": t.OutTradeNo,
		"trade_type":  map[string]string{"jsapi": "JSAPI", "native": "NATIVE", "h5": "MWEB"}[t.Method],
		"trade_state": t.State, "trade_state_desc": wxStateDesc[t.State], "attach": "",
		"amount": map[string]any{"total": t.Amount, "currency": "CNY"},
	}
	if !t.PaidAt.IsZero() {
		tx["transaction_id"] = t.TransactionID
		tx["bank_type"] = "OTHERS"
		tx["success_time"] = t.PaidAt.In(payment.Shanghai).Format(time.RFC3339)
		tx["payer"] = map[string]string{"openid": t.Openid}
		tx["amount"] = map[string]any{"total": t.Amount, "payer_total": t.Amount, "currency": "CNY", "payer_currency": "CNY"}
	}
	return tx
}

var wxStateDesc = map[string]string{
	"NOTPAY": "订单未支付", "SUCCESS": "支付成功", "CLOSED": "订单已关闭", "REFUND": "订单发生过退款",
}
