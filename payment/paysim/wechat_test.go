package paysim_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voltpay/voltpay/payment/paysim"
)

// The gateway's own tests (payment/wechat_test.go) drive this fake through
// the SDK; these cover what the SDK never sends.
func TestWechatFake_RefusesUnsignedRequests(t *testing.T) {
	fake, err := paysim.NewWechat(paysim.WechatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()

	for _, auth := range []string{"", `WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="n",timestamp="1",serial_no="X",signature="AA=="`} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v3/pay/transactions/native", strings.NewReader(`{}`))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Code string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || body.Code != "SIGN_ERROR" || resp.Header.Get("Wechatpay-Signature") == "" {
			t.Fatalf("auth %q: status %d code %q, want a signed 401 SIGN_ERROR", auth, resp.StatusCode, body.Code)
		}
	}
	if err := fake.Pay("NOPE"); err == nil {
		t.Fatal("paid an unknown trade")
	}
	if _, err := paysim.NewWechat(paysim.WechatOptions{RefundOutcome: "MAYBE"}); err == nil {
		t.Fatal("accepted RefundOutcome MAYBE")
	}
}
