package payment_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
)

// The webhooks decode whatever the internet sends them. Whatever it is,
// a gateway answers with an error (nothing is ever taken as a verified
// notification without the provider's signature) and never panics.

func FuzzWechatNotification(f *testing.F) {
	fake, err := paysim.NewWechat(paysim.WechatOptions{})
	if err != nil {
		f.Fatal(err)
	}
	defer fake.Close()
	gw, err := payment.NewWechat(context.Background(), fake.ClientConfig("https://merchant.example/pay/notify/wechat", "http://127.0.0.1:1"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"id":"x","event_type":"TRANSACTION.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":"AA==","nonce":"000000000000","associated_data":"transaction"}}`),
		"1700000000", "nonce", fake.PublicKeyID(), "c2lnbmF0dXJl")
	f.Add([]byte(`{}`), "", "", "", "WECHATPAY/SIGNTEST/abc")
	f.Add([]byte("\x00\xff"), "-1", "\n", "PUB_KEY_ID_x", "!!!")
	f.Fuzz(func(t *testing.T, body []byte, ts, nonce, serial, sig string) {
		r, err := http.NewRequest(http.MethodPost, "https://merchant.example/pay/notify/wechat", bytes.NewReader(body))
		if err != nil {
			t.Skip()
		}
		for k, v := range map[string]string{"Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": serial, "Wechatpay-Signature": sig} {
			if strings.ContainsAny(v, "\r\n") {
				t.Skip() // not a header net/http would deliver
			}
			r.Header.Set(k, v)
		}
		n, err := gw.ParseNotification(context.Background(), r)
		if err == nil {
			t.Fatalf("an unsigned notification was accepted: %+v", n)
		}
	})
}

func FuzzAlipayNotification(f *testing.F) {
	fake, err := paysim.NewAlipay(paysim.AlipayOptions{})
	if err != nil {
		f.Fatal(err)
	}
	defer fake.Close()
	gw, err := payment.NewAlipay(fake.ClientConfig("https://merchant.example/pay/notify/alipay", "http://127.0.0.1:1"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("notify_type=trade_status_sync&app_id=" + fake.AppID() + "&out_trade_no=VP1&trade_status=TRADE_SUCCESS&total_amount=1.00&sign_type=RSA2&sign=c2lnbg==")
	f.Add("sign=&alipay_cert_sn=0000")
	f.Add("%zz&&==")
	f.Fuzz(func(t *testing.T, form string) {
		r, err := http.NewRequest(http.MethodPost, "https://merchant.example/pay/notify/alipay", strings.NewReader(form))
		if err != nil {
			t.Skip()
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		n, err := gw.ParseNotification(context.Background(), r)
		if err == nil {
			t.Fatalf("an unsigned notification was accepted: %+v", n)
		}
		_ = errors.Is(err, payment.ErrUnverified)
	})
}
