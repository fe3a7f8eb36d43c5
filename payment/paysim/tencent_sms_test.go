package paysim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzTencentSMSRequest: whatever headers and body arrive, the fake
// answers Tencent's JSON shape and stores nothing it could not verify.
func FuzzTencentSMSRequest(f *testing.F) {
	now := time.Unix(1765000000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	f.Add("TC3-HMAC-SHA256 Credential=AKIDvoltpaySMSfake0000000000000000/2025-12-06/sms/tc3_request, SignedHeaders=content-type;host, Signature="+strings.Repeat("a", 64), ts, `{"PhoneNumberSet":["+8613800138000"]}`)
	f.Add("TC3-HMAC-SHA256 Credential=a/b/c/d", "x", "{")
	f.Add("", "", "")
	fake := NewTencentSMS(TencentSMSOptions{SecretKey: "k", Now: func() time.Time { return now }})
	h := fake.Handler()
	f.Fuzz(func(t *testing.T, auth, ts, body string) {
		r := httptest.NewRequest(http.MethodPost, TencentSMSPath, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json; charset=utf-8")
		r.Header.Set("Authorization", auth)
		r.Header.Set("X-TC-Action", "SendSms")
		r.Header.Set("X-TC-Version", "2021-01-11")
		r.Header.Set("X-TC-Timestamp", ts)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var out struct {
			Response struct {
				Error     *struct{ Code string }
				RequestId string
			}
		}
		if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &out) != nil || out.Response.RequestId == "" {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		if out.Response.Error == nil || len(fake.Messages()) != 0 {
			t.Fatalf("a request with a forged signature went through: %s", w.Body)
		}
	})
}
