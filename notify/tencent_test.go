package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
)

func tencentAgainstFake(t *testing.T, o paysim.TencentSMSOptions, edit func(*TencentConfig)) (*Tencent, *paysim.TencentSMSFake, string) {
	t.Helper()
	fake := paysim.NewTencentSMS(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	env := fake.Env(srv.URL)
	tpls, err := ParseTemplates(env["VOLTPAY_SMS_TENCENT_TEMPLATES"])
	if err != nil {
		t.Fatal(err)
	}
	cfg := TencentConfig{SecretID: env["VOLTPAY_SMS_TENCENT_SECRET_ID"], SecretKey: env["VOLTPAY_SMS_TENCENT_SECRET_KEY"],
		AppID: env["VOLTPAY_SMS_TENCENT_APP_ID"], SignName: env["VOLTPAY_SMS_TENCENT_SIGN_NAME"], Templates: tpls,
		Endpoint: env["VOLTPAY_SMS_TENCENT_ENDPOINT"], Timeout: 5 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	c, err := NewTencent(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, fake, srv.URL
}

func TestTencentSends(t *testing.T) {
	c, fake, base := tencentAgainstFake(t, paysim.TencentSMSOptions{}, nil)
	ctx := context.Background()
	r, err := c.Send(ctx, voltpay.SMSMessage{To: "13800138000", Text: "您的验证码是482913，5分钟内有效，请勿泄露。", Ref: "code-17"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Parts != 1 || r.ProviderID == "" {
		t.Fatalf("%+v", r)
	}
	long := "A座3层301室（张三烧烤店，营业执照号码很长很长很长很长很长很长很长很长很长很长很长很长很长很长）的电费余额为12.50元，已低于提醒值，请及时充值。"
	r2, err := c.Send(ctx, voltpay.SMSMessage{To: "+8613900139000", Text: long, Ref: "outbox-3"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages()
	if len(msgs) != 2 || msgs[0].Text != "【伏特付】您的验证码是482913，5分钟内有效，请勿泄露。" || msgs[0].Phone != "+8613800138000" ||
		msgs[0].SerialNo != r.ProviderID || msgs[0].SessionContext != "code-17" || msgs[0].TemplateID != "2000001" {
		t.Fatalf("%+v", msgs)
	}
	if msgs[1].Text != "【伏特付】"+long || r2.Parts != 2 || msgs[1].Params[0] != long[:strings.Index(long, "的电费")] {
		t.Fatalf("%+v %+v", msgs[1], r2)
	}
	// The JSON list the demo and the browser tests read.
	resp, err := http.Get(base + "/smssim/messages?phone=13900139000")
	if err != nil {
		t.Fatal(err)
	}
	var list []paysim.SMSRecord
	json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if len(list) != 1 || list[0].SessionContext != "outbox-3" {
		t.Fatalf("%+v", list)
	}
	resp, err = http.Get(base + "/smssim/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "【伏特付】您的验证码是482913") || !strings.Contains(string(page), "模拟短信") {
		t.Fatalf("page: %s", page)
	}
}

func TestTencentErrors(t *testing.T) {
	ctx := context.Background()
	msg := voltpay.SMSMessage{To: "13800138000", Text: "您的验证码是1234，5分钟内有效，请勿泄露。"}

	c, fake, _ := tencentAgainstFake(t, paysim.TencentSMSOptions{}, nil)
	if _, err := c.Send(ctx, voltpay.SMSMessage{To: "13800138000", Text: "free text no template has"}); !errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "VOLTPAY_SMS_TENCENT_TEMPLATES") {
		t.Fatalf("no template: %v", err)
	}
	if _, err := c.Send(ctx, voltpay.SMSMessage{To: "0755-1234", Text: msg.Text}); !errors.Is(err, voltpay.ErrSMSRejected) {
		t.Fatalf("bad number: %v", err)
	}
	fake.FailNext("FailedOperation.InsufficientBalanceInSmsPackage")
	_, err := c.Send(ctx, msg)
	var te *TencentError
	if !errors.Is(err, voltpay.ErrSMSRejected) || !errors.As(err, &te) || !strings.Contains(err.Error(), "余量不足") {
		t.Fatalf("out of credit: %v", err)
	}
	fake.FailNext("InternalError.Timeout")
	if _, err := c.Send(ctx, msg); err == nil || errors.Is(err, voltpay.ErrSMSRejected) {
		t.Fatalf("provider timeout should be retryable: %v", err)
	}

	// A wrong secret key: the fake's own check of the signature refuses it.
	c2, fake2, _ := tencentAgainstFake(t, paysim.TencentSMSOptions{SecretKey: "right"}, func(c *TencentConfig) { c.SecretKey = "wrong" })
	if _, err := c2.Send(ctx, msg); !errors.As(err, &te) || te.Code != "AuthFailure.SignatureFailure" || errors.Is(err, voltpay.ErrSMSRejected) {
		t.Fatalf("wrong key: %v", err)
	}
	// A clock ten minutes off.
	c3, _, _ := tencentAgainstFake(t, paysim.TencentSMSOptions{Now: func() time.Time { return time.Now().Add(10 * time.Minute) }}, nil)
	if _, err := c3.Send(ctx, msg); !errors.As(err, &te) || te.Code != "AuthFailure.SignatureExpire" {
		t.Fatalf("clock: %v", err)
	}
	// A body changed after signing.
	c4, fake4, _ := tencentAgainstFake(t, paysim.TencentSMSOptions{}, nil)
	c4.client.WithHttpTransport(tamper{http.DefaultTransport})
	if _, err := c4.Send(ctx, msg); !errors.As(err, &te) || te.Code != "AuthFailure.SignatureFailure" {
		t.Fatalf("tampered: %v", err)
	}
	// The provider is down: retryable, says so.
	c5, _, _ := tencentAgainstFake(t, paysim.TencentSMSOptions{}, func(c *TencentConfig) { c.Endpoint = "http://127.0.0.1:1/x" })
	if _, err := c5.Send(ctx, msg); err == nil || errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "retrying") {
		t.Fatalf("down: %v", err)
	}
	if len(fake.Messages())+len(fake2.Messages())+len(fake4.Messages()) != 0 {
		t.Fatal("a refused message was stored")
	}
}

// tamper changes the phone number in the body after the SDK signed it.
type tamper struct{ rt http.RoundTripper }

func (t tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(r.Body)
	b = bytes.Replace(b, []byte("13800138000"), []byte("13800138001"), 1)
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return t.rt.RoundTrip(r)
}

func TestTemplates(t *testing.T) {
	tpls, err := ParseTemplates("1=您的验证码是{1}，{2}分钟内有效。; 2 = {1}的余额为{2}元\n3=Plain text, no variables.")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := tpls[1].Params("A座101的余额为3.50元")
	if !ok || p[0] != "A座101" || p[1] != "3.50" || tpls[1].Render(p) != "A座101的余额为3.50元" {
		t.Fatalf("%q %v", p, ok)
	}
	if _, ok := tpls[0].Params("您的验证码是1234，5分钟内有效。多余"); ok {
		t.Fatal("a text longer than the template matched")
	}
	if p, ok := tpls[2].Params("Plain text, no variables."); !ok || len(p) != 0 {
		t.Fatal(p, ok)
	}
	for _, bad := range []string{"x=text", "1=a{2}", "1={1}{2}", "=abc", "1="} {
		if _, err := ParseTemplates(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzTemplate(f *testing.F) {
	f.Add("您的验证码是{1}，{2}分钟内有效。", "1234", "5")
	f.Add("{1}的余额为{2}元", "A座(101)", "3.5")
	f.Fuzz(func(t *testing.T, text, a, b string) {
		tpl, err := NewTemplate("1", text)
		if err != nil || tpl.Placeholders() != 2 || a == "" || b == "" {
			return
		}
		rendered := tpl.Render([]string{a, b})
		p, ok := tpl.Params(rendered)
		if !ok {
			t.Fatalf("%q does not match its own rendering %q", text, rendered)
		}
		if tpl.Render(p) != rendered {
			t.Fatalf("%q: params %q render %q, not %q", text, p, tpl.Render(p), rendered)
		}
	})
}
