package paysim

import (
	"bytes"
	"crypto"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// AlipayNotifyOptions shape a notification built by BuildNotification.
type AlipayNotifyOptions struct {
	// Forge signs with the wrong key (the app's instead of Alipay's).
	Forge bool
	// Edit changes the fields before signing (an authentic notification
	// with other content: another app_id, seller_id, amount…).
	Edit func(v url.Values)
	// EditAfterSign changes the fields after signing (tampering).
	EditAfterSign func(v url.Values)
	// Status overrides trade_status (default: the trade's state).
	Status string
}

// BuildNotification builds the trade's current notification (a form POST
// to its notify_url, signed like Alipay), for tests that post it
// themselves.
func (f *AlipayFake) BuildNotification(outTradeNo string, o AlipayNotifyOptions) (*http.Request, error) {
	f.mu.Lock()
	t := f.trades[outTradeNo]
	if t == nil {
		f.mu.Unlock()
		return nil, fmt.Errorf("paysim alipay: no trade %q", outTradeNo)
	}
	if t.tradeNo == "" {
		t.tradeNo = f.newTradeNo()
	}
	v := f.tradeNotifyValues(t, o.Status)
	notifyURL := t.notifyURL
	f.mu.Unlock()
	if o.Edit != nil {
		o.Edit(v)
	}
	return f.notifyRequest(notifyURL, v, o.Forge, o.EditAfterSign)
}

// tradeNotifyValues are the fields of a trade_status_sync notification;
// f.mu is held.
func (f *AlipayFake) tradeNotifyValues(t *alipayTrade, status string) url.Values {
	if status == "" {
		status = t.info.State
	}
	amount := payment.FormatYuan(t.info.AmountFen)
	v := url.Values{}
	v.Set("notify_type", "trade_status_sync")
	v.Set("app_id", f.opts.AppID)
	v.Set("charset", "utf-8")
	v.Set("version", "1.0")
	v.Set("trade_no", t.tradeNo)
	v.Set("out_trade_no", t.info.OutTradeNo)
	v.Set("trade_status", status)
	v.Set("total_amount", amount)
	v.Set("seller_id", f.opts.SellerID)
	v.Set("subject", t.info.Description)
	v.Set("gmt_create", t.info.CreatedAt.In(payment.Shanghai).Format(aliTimeFormat))
	if t.buyerOpenID != "" {
		v.Set("buyer_open_id", t.buyerOpenID)
	}
	if !t.paidAt.IsZero() {
		v.Set("receipt_amount", amount)
		v.Set("buyer_pay_amount", amount)
		v.Set("invoice_amount", amount)
		v.Set("gmt_payment", t.paidAt.In(payment.Shanghai).Format(aliTimeFormat))
		v.Set("fund_bill_list", `[{"amount":"`+amount+`","fundChannel":"ALIPAYACCOUNT"}]`)
	}
	return v
}

// notifyRequest finishes a notification: notify_time and notify_id,
// signature, then the POST request.
func (f *AlipayFake) notifyRequest(notifyURL string, v url.Values, forge bool, afterSign func(url.Values)) (*http.Request, error) {
	if notifyURL == "" {
		return nil, fmt.Errorf("paysim alipay: trade %s has no notify_url", v.Get("out_trade_no"))
	}
	if v.Get("notify_time") == "" {
		v.Set("notify_time", time.Now().In(payment.Shanghai).Format(aliTimeFormat))
	}
	if v.Get("notify_id") == "" {
		v.Set("notify_id", "2026"+aliRandHex(14))
	}
	key := f.aliKey
	if forge {
		key = f.appKey
	}
	// alipay_cert_sn, sign and sign_type are not signed in notifications.
	v.Del("sign")
	v.Del("sign_type")
	v.Del("alipay_cert_sn")
	sig, err := aliSign(key, aliSignContent(v))
	if err != nil {
		return nil, err
	}
	v.Set("sign_type", "RSA2")
	v.Set("sign", sig)
	if f.opts.CertMode {
		v.Set("alipay_cert_sn", f.aliCertSN)
	}
	if afterSign != nil {
		afterSign(v)
	}
	req, err := http.NewRequest(http.MethodPost, notifyURL, strings.NewReader(v.Encode()))
	if err != nil {
		return nil, fmt.Errorf("paysim alipay: notify_url %q: %w", notifyURL, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return req, nil
}

// notify sends a notification (fields without the per-attempt ones)
// through the Deliverer; each attempt is signed afresh.
func (f *AlipayFake) notify(outTradeNo, notifyURL string, base url.Values) {
	if notifyURL == "" {
		f.deliver.logger().Info("paysim alipay: trade has no notify_url, not notifying", "out_trade_no", outTradeNo)
		return
	}
	build := func(forge bool) (*http.Request, error) {
		v := url.Values{}
		for k, vs := range base {
			v[k] = append([]string(nil), vs...)
		}
		return f.notifyRequest(notifyURL, v, forge, nil)
	}
	f.deliver.Send(build, aliAccepted)
}

// aliAccepted: Alipay stops retrying only on the body "success".
func aliAccepted(resp *http.Response, body []byte) bool {
	return resp.StatusCode == http.StatusOK && string(bytes.TrimSpace(body)) == "success"
}

// refundNotifyValues are the fields of the notification Alipay sends after
// a refund: trade_status TRADE_SUCCESS after a partial refund, TRADE_CLOSED
// after a full one; refund_fee is the trade's refunded total. f.mu is held.
func (f *AlipayFake) refundNotifyValues(t *alipayTrade, r *alipayRefund, refundedSoFar int64) url.Values {
	status := "TRADE_SUCCESS"
	if refundedSoFar >= t.info.AmountFen {
		status = "TRADE_CLOSED"
	}
	v := f.tradeNotifyValues(t, status)
	v.Set("refund_fee", payment.FormatYuan(refundedSoFar))
	v.Set("gmt_refund", r.at.In(payment.Shanghai).Format("2006-01-02 15:04:05.000"))
	v.Set("out_biz_no", r.outRequestNo)
	if status == "TRADE_CLOSED" {
		v.Set("gmt_close", r.at.In(payment.Shanghai).Format(aliTimeFormat))
	}
	return v
}

// aliTimeFormat is Alipay's (Beijing) time format.
const aliTimeFormat = "2006-01-02 15:04:05"

// aliSignContent is what Alipay signs: the fields sorted as "key=value"
// pairs (values not escaped, empty values kept) joined with '&'.
func aliSignContent(v url.Values) string {
	var pairs []string
	for k, vs := range v {
		for _, s := range vs {
			pairs = append(pairs, k+"="+s)
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// aliSign is RSA2: SHA256withRSA, PKCS#1 v1.5, base64.
func aliSign(key *rsa.PrivateKey, content string) (string, error) {
	h := sha256.Sum256([]byte(content))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, h[:])
	if err != nil {
		return "", fmt.Errorf("paysim alipay: signing: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

func aliVerify(pub *rsa.PublicKey, content, sig string) bool {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return false
	}
	h := sha256.Sum256([]byte(content))
	return rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], raw) == nil
}

// alipayCertSN is Alipay's certificate serial: md5 of the issuer's DN
// and the decimal serial number, in lower-case hex.
func alipayCertSN(c *x509.Certificate) string {
	sum := md5.Sum([]byte(c.Issuer.String() + c.SerialNumber.String()))
	return hex.EncodeToString(sum[:])
}

func aliRandHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = io.ReadFull(rand.Reader, b)
	return hex.EncodeToString(b)[:n]
}
