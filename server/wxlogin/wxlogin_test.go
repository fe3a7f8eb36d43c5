package wxlogin_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/wxlogin"
)

// TestOpenID exchanges codes with paysim's jscode2session over real TCP,
// through the library: a good code once, then WeChat's refusals.
func TestOpenID(t *testing.T) {
	fake := paysim.NewWechatLogin("wxtestapp")
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	c, err := wxlogin.New(wxlogin.Config{AppID: fake.AppID, AppSecret: fake.Secret, API: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	code, openid := fake.NewCode("")
	got, err := c.OpenID(ctx, code)
	if err != nil || got != openid {
		t.Fatalf("OpenID = %q, %v; want %q", got, err, openid)
	}
	if _, err := c.OpenID(ctx, code); voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
		t.Fatalf("a used code: %v, want UNAUTHENTICATED", err)
	}
	if _, err := c.OpenID(ctx, "0123456789abcdef0123456789abcdef"); voltpay.ErrorCode(err) != voltpay.EUNAUTHENTICATED {
		t.Fatalf("an unknown code: %v, want UNAUTHENTICATED", err)
	}
	for _, bad := range []string{"", "a&secret=x", string(make([]byte, 200))} {
		if _, err := c.OpenID(ctx, bad); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("code %q: %v, want INVALID_INPUT", bad, err)
		}
	}
	wrong, err := wxlogin.New(wxlogin.Config{AppID: fake.AppID, AppSecret: "not-the-secret", API: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	code, _ = fake.NewCode("")
	if _, err := wrong.OpenID(ctx, code); voltpay.ErrorCode(err) != voltpay.EUNAVAILABLE {
		t.Fatalf("a wrong secret: %v, want UNAVAILABLE", err)
	}
	down, _ := wxlogin.New(wxlogin.Config{AppID: fake.AppID, AppSecret: fake.Secret, API: "http://127.0.0.1:1"})
	if _, err := down.OpenID(ctx, code); voltpay.ErrorCode(err) != voltpay.EUNAVAILABLE {
		t.Fatalf("WeChat down: %v, want UNAVAILABLE", err)
	} else if msg := voltpay.ErrorMessage(err); len(msg) == 0 || contains(msg, fake.Secret) || contains(msg, code) {
		t.Fatalf("the error quotes the secret or the code: %s", msg)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
