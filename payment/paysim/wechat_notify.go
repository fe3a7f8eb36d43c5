package paysim

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// WechatNotifyOptions change one notification built by BuildNotification, to
// test that the merchant rejects what it must.
type WechatNotifyOptions struct {
	Forge     bool      // sign with a wrong key
	Serial    string    // Wechatpay-Serial instead of the platform's
	Timestamp time.Time // Wechatpay-Timestamp instead of now (e.g. stale)
	// Edit changes the plaintext before it is encrypted and signed (an
	// authentic message with other content: amount, appid…).
	Edit func(tx map[string]any)
	// SignTest sends a WECHATPAY/SIGNTEST/ signature, like WeChat's probes.
	SignTest bool
	// EditResource changes the encrypted resource's envelope (nonce,
	// algorithm, ciphertext…) before the body is signed: a validly signed
	// notification with a malformed envelope.
	EditResource func(resource map[string]string)
}

// Pay plays the payer: the trade becomes SUCCESS and a TRANSACTION.SUCCESS
// notification goes to its notify_url (with the fake's faults).
func (f *WechatFake) Pay(outTradeNo string) error {
	f.mu.Lock()
	t := f.trades[outTradeNo]
	if t == nil {
		f.mu.Unlock()
		return fmt.Errorf("paysim wechat: no trade %q", outTradeNo)
	}
	f.expireLocked(t)
	if t.State != "NOTPAY" {
		state := t.State
		f.mu.Unlock()
		return fmt.Errorf("paysim wechat: trade %s is %s, not payable", outTradeNo, state)
	}
	wxMarkPaid(t)
	tx := f.transaction(t)
	notifyURL := t.NotifyURL
	f.mu.Unlock()
	f.send(notifyURL, "TRANSACTION.SUCCESS", "transaction", tx)
	return nil
}

func wxMarkPaid(t *wxTrade) {
	t.State = "SUCCESS"
	t.PaidAt = time.Now().Truncate(time.Second)
	t.TransactionID = "4200" + t.PaidAt.In(payment.Shanghai).Format("20060102") + wxRandDigits(16)
	if t.Openid == "" {
		t.Openid = "oPaysim" + wxRandHex(11)
	}
}

// BuildNotification builds one signed TRANSACTION.SUCCESS notification
// for the trade without sending it (an unpaid trade is shown as paid in
// it, and stays unpaid here).
func (f *WechatFake) BuildNotification(outTradeNo string, o WechatNotifyOptions) (*http.Request, error) {
	f.mu.Lock()
	t := f.trades[outTradeNo]
	if t == nil {
		f.mu.Unlock()
		return nil, fmt.Errorf("paysim wechat: no trade %q", outTradeNo)
	}
	c := *t
	f.mu.Unlock()
	if c.State != "SUCCESS" && c.State != "REFUND" {
		wxMarkPaid(&c)
	}
	c.State = "SUCCESS"
	tx := f.transaction(&c)
	if o.Edit != nil {
		o.Edit(tx)
	}
	body, err := json.Marshal(tx)
	if err != nil {
		return nil, err
	}
	return f.notifyRequest(c.NotifyURL, "TRANSACTION.SUCCESS", "transaction", body, o)
}

// send delivers a notification in the background, rebuilt (new nonce,
// timestamp, signature) for every attempt as WeChat does.
func (f *WechatFake) send(notifyURL, eventType, originalType string, plain map[string]any) {
	body, err := json.Marshal(plain)
	if err != nil {
		return
	}
	f.deliver.Send(func(forge bool) (*http.Request, error) {
		return f.notifyRequest(notifyURL, eventType, originalType, body, WechatNotifyOptions{Forge: forge})
	}, func(resp *http.Response, _ []byte) bool {
		return resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNoContent
	})
}

// notifyRequest encrypts plaintext (AEAD_AES_256_GCM with the APIv3 key)
// into WeChat's envelope and signs it with the platform key.
func (f *WechatFake) notifyRequest(notifyURL, eventType, originalType string, plaintext []byte, o WechatNotifyOptions) (*http.Request, error) {
	block, err := aes.NewCipher([]byte(f.apiV3Key))
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := wxRandHex(6) // 12 characters, used as the nonce's bytes
	sealed := gcm.Seal(nil, []byte(nonce), plaintext, []byte(originalType))
	summary := map[string]string{"TRANSACTION.SUCCESS": "支付成功", "REFUND.SUCCESS": "退款成功",
		"REFUND.ABNORMAL": "退款异常", "REFUND.CLOSED": "退款关闭"}[eventType]
	resource := map[string]string{
		"original_type": originalType, "algorithm": "AEAD_AES_256_GCM",
		"ciphertext": base64.StdEncoding.EncodeToString(sealed), "associated_data": originalType, "nonce": nonce,
	}
	if o.EditResource != nil {
		o.EditResource(resource)
	}
	now := time.Now()
	body, err := json.Marshal(map[string]any{
		"id":            wxUUID(),
		"create_time":   now.In(payment.Shanghai).Format(time.RFC3339),
		"resource_type": "encrypt-resource",
		"event_type":    eventType,
		"summary":       summary,
		"resource":      resource,
	})
	if err != nil {
		return nil, err
	}
	ts := now
	if !o.Timestamp.IsZero() {
		ts = o.Timestamp
	}
	tsStr, sigNonce := strconv.FormatInt(ts.Unix(), 10), wxRandHex(16)
	msg := tsStr + "\n" + sigNonce + "\n" + string(body) + "\n"
	var sig string
	switch {
	case o.SignTest:
		sig = "WECHATPAY/SIGNTEST/" + base64.StdEncoding.EncodeToString(wxRandBytes(256))
	case o.Forge:
		sig = wxSign(f.mchKey, msg) // a real signature, by the wrong key
	default:
		sig = f.sign(msg)
	}
	serial := f.serial()
	if o.Serial != "" {
		serial = o.Serial
	}
	req, err := http.NewRequest(http.MethodPost, notifyURL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("paysim wechat: notify URL %q: %w", notifyURL, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Wechatpay-Timestamp", tsStr)
	req.Header.Set("Wechatpay-Nonce", sigNonce)
	req.Header.Set("Wechatpay-Serial", serial)
	req.Header.Set("Wechatpay-Signature", sig)
	req.Header.Set("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
	return req, nil
}

func wxUUID() string {
	h := wxRandHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
