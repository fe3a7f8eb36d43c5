package paysim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// AlipayBillPath is where the fake serves its bill downloads.
const AlipayBillPath = "/paysim/alipay/bill"

// Handler serves the fake gateway, mounted at the server's root:
// /gateway.do (openapi calls by POST; the wap-pay browser redirect by
// GET) and AlipayBillPath (bill downloads).
func (f *AlipayFake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway.do", f.serveGateway)
	mux.HandleFunc(AlipayBillPath, f.serveBill)
	return mux
}

// aliCall is one verified openapi request.
type aliCall struct {
	params url.Values
	biz    map[string]any
}

func (c *aliCall) str(key string) string {
	if v, ok := c.biz[key].(string); ok {
		return strings.TrimSpace(v)
	}
	return ""
}

func (f *AlipayFake) serveGateway(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	// The signature covers the POST form, or the query of a browser GET.
	params := r.PostForm
	if r.Method == http.MethodGet {
		params = r.URL.Query()
	}
	method := params.Get("method")
	isWap := method == "alipay.trade.wap.pay"
	if r.Method != http.MethodPost && !(isWap && r.Method == http.MethodGet) {
		http.Error(w, "POST a form (GET only for alipay.trade.wap.pay)", http.StatusMethodNotAllowed)
		return
	}
	if code, sub, msg := f.verifyRequest(params); code != "" {
		if isWap {
			http.Error(w, "paysim alipay: "+sub+": "+msg, http.StatusBadRequest)
			return
		}
		f.writeError(w, code, sub, msg)
		return
	}
	call := &aliCall{params: params, biz: map[string]any{}}
	if bc := params.Get("biz_content"); bc != "" {
		if err := json.Unmarshal([]byte(bc), &call.biz); err != nil {
			f.writeError(w, "40002", "isv.invalid-parameter", "biz_content is not JSON")
			return
		}
	}
	var rsp map[string]any
	switch method {
	case "alipay.trade.wap.pay":
		f.wapPay(w, r, call)
		return
	case "alipay.trade.precreate":
		rsp = f.create(call, "precreate")
	case "alipay.trade.create":
		rsp = f.create(call, "create")
	case "alipay.trade.query":
		rsp = f.query(call)
	case "alipay.trade.close":
		rsp = f.closeTrade(call)
	case "alipay.trade.refund":
		rsp = f.refund(call)
	case "alipay.trade.fastpay.refund.query":
		rsp = f.refundQuery(call)
	case "alipay.data.dataservice.bill.downloadurl.query":
		rsp = f.billURL(r, call)
	default:
		f.writeError(w, "40002", "isv.invalid-method", "method "+method+" is not served by paysim")
		return
	}
	f.writeSigned(w, strings.ReplaceAll(method, ".", "_")+"_response", rsp)
}

// verifyRequest checks the common parameters and the app's signature
// (over every field but sign; sign_type included). It returns an error
// code, sub code and message, or empty strings.
func (f *AlipayFake) verifyRequest(p url.Values) (code, sub, msg string) {
	if p.Get("app_id") != f.opts.AppID {
		return "40002", "isv.invalid-app-id", "unknown app_id " + p.Get("app_id")
	}
	if p.Get("sign_type") != "RSA2" {
		return "40002", "isv.invalid-signature-type", "sign_type must be RSA2"
	}
	if f.opts.CertMode {
		if p.Get("app_cert_sn") != f.appCertSN {
			return "40002", "isv.app-cert-sn-mismatch", "app_cert_sn does not match the app certificate"
		}
		if p.Get("alipay_root_cert_sn") != f.rootCertSN {
			return "40002", "isv.alipay-root-cert-sn-mismatch", "alipay_root_cert_sn does not match the root certificate"
		}
	}
	sig := p.Get("sign")
	unsigned := url.Values{}
	for k, vs := range p {
		if k != "sign" {
			unsigned[k] = vs
		}
	}
	if sig == "" || !aliVerify(&f.appKey.PublicKey, aliSignContent(unsigned), sig) {
		return "40002", "isv.invalid-signature", "the request signature does not verify with the app public key"
	}
	return "", "", ""
}

// writeSigned writes {"<name>": biz, "sign": …}: the signature covers the
// exact bytes of biz as written, which is what the SDK verifies.
func (f *AlipayFake) writeSigned(w http.ResponseWriter, name string, biz map[string]any) {
	if _, ok := biz["code"]; !ok {
		biz["code"], biz["msg"] = "10000", "Success"
	}
	raw, err := json.Marshal(biz)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sig, err := aliSign(f.aliKey, string(raw))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out := map[string]json.RawMessage{name: raw}
	out["sign"], _ = json.Marshal(sig)
	if f.opts.CertMode {
		out["alipay_cert_sn"], _ = json.Marshal(f.aliCertSN)
	}
	body, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}

// writeError answers like Alipay does for a request it cannot attribute
// (bad signature, app id, parameter): an unsigned error_response.
func (f *AlipayFake) writeError(w http.ResponseWriter, code, sub, msg string) {
	body, _ := json.Marshal(map[string]any{
		"error_response": map[string]string{"code": code, "msg": "Invalid Arguments", "sub_code": sub, "sub_msg": msg},
	})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}

// bizFail is a signed business failure (code 40004).
func bizFail(sub, msg string) map[string]any {
	return map[string]any{"code": "40004", "msg": "Business Failed", "sub_code": sub, "sub_msg": msg}
}

// newTrade records a trade from a create-like call, or finds the same
// out_trade_no again. f.mu is held.
func (f *AlipayFake) newTrade(c *aliCall, method string) (*alipayTrade, map[string]any) {
	no := c.str("out_trade_no")
	amountStr := c.str("total_amount")
	if no == "" || len(no) > 64 {
		return nil, bizFail("ACQ.INVALID_PARAMETER", "out_trade_no is required (≤ 64 characters)")
	}
	amount, err := payment.ParseYuan(amountStr)
	if err != nil || amount <= 0 {
		return nil, bizFail("ACQ.INVALID_PARAMETER", "total_amount must be a positive yuan amount with at most two decimals")
	}
	if t := f.trades[no]; t != nil {
		switch {
		case t.info.State == "TRADE_SUCCESS" || t.info.State == "TRADE_FINISHED":
			return nil, bizFail("ACQ.TRADE_HAS_SUCCESS", "交易已被支付")
		case t.info.State == "TRADE_CLOSED":
			return nil, bizFail("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")
		case t.info.AmountFen != amount:
			return nil, bizFail("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改: the same out_trade_no with another amount")
		}
		return t, nil
	}
	f.seq++
	t := &alipayTrade{
		info: TradeInfo{
			Provider:    payment.Alipay,
			OutTradeNo:  no,
			Description: c.str("subject"),
			AmountFen:   amount,
			State:       "WAIT_BUYER_PAY",
			Method:      method,
			CreatedAt:   time.Now(),
		},
		notifyURL: c.params.Get("notify_url"),
		refunds:   map[string]*alipayRefund{},
		seq:       f.seq,
	}
	f.trades[no] = t
	return t, nil
}

// create serves precreate (a QR code) and create (a trade number for
// the mini-program).
func (f *AlipayFake) create(c *aliCall, method string) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if method == "create" && c.str("buyer_id") == "" && c.str("buyer_open_id") == "" {
		return bizFail("ACQ.INVALID_PARAMETER", "buyer_id or buyer_open_id is required")
	}
	t, fail := f.newTrade(c, method)
	if fail != nil {
		return fail
	}
	rsp := map[string]any{"out_trade_no": t.info.OutTradeNo}
	if method == "precreate" {
		rsp["qr_code"] = "https://qr.alipay.com/" + aliQRCode(t)
		return rsp
	}
	t.buyerOpenID = firstNonEmptyStr(c.str("buyer_open_id"), c.str("buyer_id"))
	if t.tradeNo == "" {
		t.tradeNo = f.newTradeNo()
	}
	rsp["trade_no"] = t.tradeNo
	return rsp
}

// aliQRCode gives a trade a stable random code: the same precreate asked
// twice gets the same QR code, as at Alipay. f.mu is held.
func aliQRCode(t *alipayTrade) string {
	if t.qr == "" {
		t.qr = "bax" + aliRandHex(21)
	}
	return t.qr
}

// wapPay is the browser's visit to the wap-pay URL: the trade is recorded
// and the browser sent to the payer page on the same host.
func (f *AlipayFake) wapPay(w http.ResponseWriter, r *http.Request, c *aliCall) {
	f.mu.Lock()
	t, fail := f.newTrade(c, "wap")
	if t != nil {
		t.returnURL = c.params.Get("return_url")
	}
	f.mu.Unlock()
	if fail != nil {
		http.Error(w, "paysim alipay: "+fail["sub_code"].(string)+": "+fail["sub_msg"].(string), http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "/paysim/pay?provider=alipay&out_trade_no="+url.QueryEscape(t.info.OutTradeNo), http.StatusFound)
}

func (f *AlipayFake) lookup(c *aliCall) *alipayTrade {
	if no := c.str("out_trade_no"); no != "" {
		return f.trades[no]
	}
	if tn := c.str("trade_no"); tn != "" {
		for _, t := range f.trades {
			if t.tradeNo == tn {
				return t
			}
		}
	}
	return nil
}

var aliNotExist = bizFail("ACQ.TRADE_NOT_EXIST", "交易不存在")

func (f *AlipayFake) query(c *aliCall) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.lookup(c)
	if t == nil {
		return aliNotExist
	}
	rsp := map[string]any{
		"out_trade_no": t.info.OutTradeNo,
		"trade_no":     t.tradeNo,
		"trade_status": t.info.State,
		"total_amount": payment.FormatYuan(t.info.AmountFen),
		"subject":      t.info.Description,
	}
	if t.buyerOpenID != "" {
		rsp["buyer_open_id"] = t.buyerOpenID
	}
	if !t.paidAt.IsZero() {
		rsp["send_pay_date"] = t.paidAt.In(payment.Shanghai).Format(aliTimeFormat)
		rsp["receipt_amount"] = payment.FormatYuan(t.info.AmountFen)
		rsp["buyer_pay_amount"] = payment.FormatYuan(t.info.AmountFen)
	}
	return rsp
}

func (f *AlipayFake) closeTrade(c *aliCall) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.lookup(c)
	if t == nil {
		return aliNotExist
	}
	if t.info.State != "WAIT_BUYER_PAY" {
		return bizFail("ACQ.TRADE_STATUS_ERROR", "交易状态不合法: "+t.info.State)
	}
	t.info.State = "TRADE_CLOSED"
	return map[string]any{"out_trade_no": t.info.OutTradeNo, "trade_no": t.tradeNo}
}

func firstNonEmptyStr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
