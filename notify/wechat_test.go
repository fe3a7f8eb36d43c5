package notify

import (
	"context"
	"errors"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
)

// wechatAgainstFake returns the driver talking over TCP to paysim's
// subscription messages, whose person "o-tenant" has signed in.
func wechatAgainstFake(t *testing.T) (*WeChat, *paysim.WechatMessageFake) {
	t.Helper()
	fake := paysim.NewWechatMessages("wxtestapp", "s3cret")
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	fake.AddUser("o-tenant")
	w, err := NewWeChat(WeChatConfig{AppID: fake.AppID, AppSecret: fake.Secret, API: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return w, fake
}

func lowBalance(openid string) voltpay.WeChatMessage {
	return voltpay.WeChatMessage{OpenID: openid, TemplateID: "VP_BALANCE_LOW", Page: "pages/home/index?account=12",
		Data: map[string]string{"thing1": "A-0101 张记小吃", "amount2": "12.30元", "thing3": "余额不足，请及时充值", "time4": "2026-12-08 09:30"},
		Ref:  "outbox-1"}
}

// TestWeChatSend delivers a message the person agreed to, once: the
// consent is used up by it, as in WeChat.
func TestWeChatSend(t *testing.T) {
	w, fake := wechatAgainstFake(t)
	fake.Grant("o-tenant", "VP_BALANCE_LOW", 1)
	id, err := w.Send(context.Background(), lowBalance("o-tenant"))
	if err != nil {
		t.Fatal(err)
	}
	in := fake.Inbox("o-tenant")
	if len(in) != 1 || strconv.FormatInt(in[0].MsgID, 10) != id || in[0].Data["amount2"] != "12.30元" || in[0].Page != "pages/home/index?account=12" {
		t.Fatalf("inbox %+v, id %q", in, id)
	}
	if _, err := w.Send(context.Background(), lowBalance("o-tenant")); !errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), "43101") {
		t.Fatalf("a second message on one consent: %v, want rejected 43101", err)
	}
}

// TestWeChatRejected maps each of WeChat's refusals of the message itself
// to ErrWeChatRejected, the fake checking as WeChat does.
func TestWeChatRejected(t *testing.T) {
	w, fake := wechatAgainstFake(t)
	fake.Grant("o-tenant", "VP_BALANCE_LOW", 10)
	longThing := lowBalance("o-tenant")
	longThing.Data["thing3"] = strings.Repeat("电", 21)
	badAmount := lowBalance("o-tenant")
	badAmount.Data["amount2"] = "十二元"
	missing := lowBalance("o-tenant")
	delete(missing.Data, "time4")
	badTemplate := lowBalance("o-tenant")
	badTemplate.TemplateID = "NO_SUCH_TEMPLATE"
	for name, c := range map[string]struct {
		m    voltpay.WeChatMessage
		code string
	}{
		"unknown openid": {lowBalance("o-never-signed-in"), "40003"},
		"thing > 20":     {longThing, "47003"},
		"amount":         {badAmount, "47003"},
		"missing kw":     {missing, "47003"},
		"bad template":   {badTemplate, "40037"},
		"not subscribed": {func() voltpay.WeChatMessage { m := lowBalance("o-tenant"); m.TemplateID = "VP_POWER"; return m }(), "47003"},
	} {
		_, err := w.Send(context.Background(), c.m)
		if !errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), c.code) {
			t.Errorf("%s: %v, want rejected with errcode %s", name, err, c.code)
		}
	}
	power := voltpay.WeChatMessage{OpenID: "o-tenant", TemplateID: "VP_POWER",
		Data: map[string]string{"thing1": "A-0101", "phrase2": "已断电", "thing3": "余额不足", "time4": "09:30"}}
	if _, err := w.Send(context.Background(), power); !errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), "43101") {
		t.Errorf("a template not agreed to: %v, want rejected 43101", err)
	}
	if len(fake.Inbox("o-tenant")) != 0 {
		t.Fatalf("refused messages were delivered: %+v", fake.Inbox("o-tenant"))
	}
	for _, bad := range []voltpay.WeChatMessage{{TemplateID: "VP_POWER", Data: power.Data}, {OpenID: "o", Data: power.Data}, {OpenID: "o", TemplateID: "VP_POWER"}} {
		if _, err := w.Send(context.Background(), bad); !errors.Is(err, voltpay.ErrWeChatRejected) {
			t.Errorf("%+v: %v, want rejected before sending", bad, err)
		}
	}
}

// TestWeChatToken fetches a new access token when WeChat says the one in
// hand is invalid or expired, and tries once more; twice in a row is an
// error worth retrying later, not a rejection.
func TestWeChatToken(t *testing.T) {
	w, fake := wechatAgainstFake(t)
	fake.Grant("o-tenant", "VP_BALANCE_LOW", 10)
	ctx := context.Background()
	if _, err := w.Send(ctx, lowBalance("o-tenant")); err != nil {
		t.Fatal(err)
	}
	fake.ExpireTokens() // the cached token now gets 42001
	if _, err := w.Send(ctx, lowBalance("o-tenant")); err != nil {
		t.Fatalf("after the token expired: %v, want a refresh and success", err)
	}
	fake.Fail(40001) // e.g. another server fetched a token, ours is no longer the latest
	if _, err := w.Send(ctx, lowBalance("o-tenant")); err != nil {
		t.Fatalf("after 40001: %v, want a refresh and success", err)
	}
	fake.Fail(40001, 42001)
	_, err := w.Send(ctx, lowBalance("o-tenant"))
	if err == nil || errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), "42001") {
		t.Fatalf("token refused twice: %v, want a retryable error", err)
	}
	if n := len(fake.Inbox("o-tenant")); n != 3 {
		t.Fatalf("%d messages delivered, want 3", n)
	}
}

// TestWeChatRetryable: WeChat's other errors, a 502 and a wrong secret are
// worth retrying later, never ErrWeChatRejected.
func TestWeChatRetryable(t *testing.T) {
	w, fake := wechatAgainstFake(t)
	fake.Grant("o-tenant", "VP_BALANCE_LOW", 10)
	fake.Fail(45009, 0, -1)
	for _, want := range []string{"45009", "502", "-1"} {
		_, err := w.Send(context.Background(), lowBalance("o-tenant"))
		if err == nil || errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), want) {
			t.Errorf("%v, want a retryable error saying %q", err, want)
		}
	}
	wrong, err := NewWeChat(WeChatConfig{AppID: fake.AppID, AppSecret: "wrong", API: w.api.String()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = wrong.Send(context.Background(), lowBalance("o-tenant"))
	if err == nil || errors.Is(err, voltpay.ErrWeChatRejected) || !strings.Contains(err.Error(), "40125") || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("a wrong secret: %v, want retryable, 40125, the secret not quoted", err)
	}
	down, _ := NewWeChat(WeChatConfig{AppID: "a", AppSecret: "b", API: "http://127.0.0.1:1"})
	if _, err := down.Send(context.Background(), lowBalance("o-tenant")); err == nil || errors.Is(err, voltpay.ErrWeChatRejected) {
		t.Fatalf("WeChat down: %v, want retryable", err)
	}
	for _, cfg := range []WeChatConfig{{AppID: "a"}, {AppID: "a", AppSecret: "b", API: "ftp://x"}, {AppID: "a", AppSecret: "b", State: "beta"}} {
		if _, err := NewWeChat(cfg); err == nil {
			t.Errorf("%+v: accepted", cfg)
		}
	}
}

// FuzzDecodeWxSendResult: any answer is decoded or refused, never a panic,
// and a success always carries its msgid.
func FuzzDecodeWxSendResult(f *testing.F) {
	for _, s := range []string{`{"errcode":0,"errmsg":"ok","msgid":3000000001}`, `{"errcode":43101,"errmsg":"user refuse"}`,
		`<html>502</html>`, ``, `{"errcode":"0"}`, `{"msgid":1e30}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeWxSendResult(b)
		if err == nil && r.ErrCode == 0 && r.MsgID == 0 {
			t.Fatalf("%q: success without a msgid", b)
		}
		if err != nil && !utf8.ValidString(err.Error()) && utf8.Valid(b) {
			t.Fatalf("%q: error %q is not UTF-8", b, err)
		}
	})
}
