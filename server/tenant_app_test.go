package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/voltpay/voltpay/notify"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestSMSInbox_OnlyLoopbackAndOnlyFake: the fake's inbox, which holds
// sign-in codes, exists only with VOLTPAY_SMS=fake, only on a loopback
// address of its own, never on the API's.
func TestSMSInbox_OnlyLoopbackAndOnlyFake(t *testing.T) {
	quiet := slog.New(slog.DiscardHandler)
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:0", "nonsense"} {
		if _, _, err := serveSMSInbox(addr, notify.NewFake(), quiet); err == nil {
			t.Errorf("the inbox listens on %s", addr)
		}
	}
	env := newEnv(t)
	cfg := testConfig()
	for _, driver := range []string{"modem", "tencent"} {
		cfg.SMS.Driver, cfg.SMSInboxAddr = driver, "127.0.0.1:0"
		if _, _, err := wireTenantApp(context.Background(), cfg, env.Res, &deliveries{}, quiet); err == nil || !strings.Contains(err.Error(), "VOLTPAY_SMS=fake") {
			t.Fatalf("an inbox with VOLTPAY_SMS=%s: %v", driver, err)
		}
	}
	if env.Res.AuthService.(*postgres.AuthService).SMS != nil {
		t.Fatal("a refused configuration set an SMS driver")
	}
	cfg.SMS.Driver, cfg.SMSInboxAddr = "fake", ""
	if _, stop, err := wireTenantApp(context.Background(), cfg, env.Res, &deliveries{}, quiet); err != nil {
		t.Fatal(err)
	} else {
		stop()
	}
	if _, ok := env.Res.AuthService.(*postgres.AuthService).SMS.(*notify.Fake); !ok {
		t.Fatal("VOLTPAY_SMS=fake, yet the fake is not the driver")
	}

	// The API's address has no inbox.
	resp, err := http.Get(env.Srv.URL + "/sms/inbox?phone=13800138000")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), `"text"`) || strings.Contains(resp.Header.Get("Content-Type"), "json") {
		t.Fatalf("the API's address answers an inbox: %d %s", resp.StatusCode, body)
	}

	// With the fake, a browser test reads a code over the inbox and signs in.
	fake := notify.NewFake()
	env.Res.AuthService.(*postgres.AuthService).SMS = fake
	addr, stop, err := serveSMSInbox("127.0.0.1:0", fake, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	phone := newMobile()
	(&client{env: env}).do(t, mRequestCode, map[string]any{"p": phone}).Decode(t, &struct{}{})
	resp, err = http.Get("http://" + addr + "/sms/inbox?phone=" + phone)
	if err != nil {
		t.Fatal(err)
	}
	var inbox []notify.FakeMessage
	if err := json.NewDecoder(resp.Body).Decode(&inbox); err != nil || len(inbox) != 1 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
	resp.Body.Close()
	code := codeRE.FindStringSubmatch(inbox[0].Text)
	if code == nil {
		t.Fatalf("no code in %q", inbox[0].Text)
	}
	var got signInAnswer
	(&client{env: env}).do(t, mSignIn, map[string]any{"p": phone, "c": code[1]}).Decode(t, &got)
	if got.SignInWithCode.Token == "" {
		t.Fatal("no session")
	}
	if resp, err := http.Get("http://" + addr + "/sms/inbox"); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("the inbox without a phone: %v %v", resp, err)
	}
}

// TestTenantApp_CodesThroughTencent: with VOLTPAY_SMS=tencent (against
// paysim's fake Tencent Cloud SMS, as its env file configures it) the
// sign-in and binding codes go out as the approved templates, and sign in
// and bind.
func TestTenantApp_CodesThroughTencent(t *testing.T) {
	fake := paysim.NewTencentSMS(paysim.TencentSMSOptions{})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	t.Setenv("VOLTPAY_SMS", "tencent")
	for k, v := range fake.Env(srv.URL) {
		t.Setenv(k, v)
	}
	cfg, err := loadConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := newEnv(t)
	_, stop, err := wireTenantApp(context.Background(), cfg, env.Res, &deliveries{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	latest := func(phone string) string {
		t.Helper()
		ms := fake.Messages()
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].Phone == "+86"+phone {
				return ms[i].Params[0]
			}
		}
		t.Fatalf("nothing sent to %s: %+v", phone, ms)
		return ""
	}
	phone := newMobile()
	anon := &client{env: env}
	anon.do(t, mRequestCode, map[string]any{"p": phone}).Decode(t, &struct{}{})
	var got signInAnswer
	anon.do(t, mSignIn, map[string]any{"p": phone, "c": latest(phone)}).Decode(t, &got)
	person := &client{env: env, bearer: got.SignInWithCode.Token}
	a := env.openAccount(t, 0)
	person.do(t, `mutation($no: String!) { requestBindingCode(accountNumber: $no) }`, map[string]any{"no": a.No}).Decode(t, &struct{}{})
	var bound struct{ BindAccount struct{ ID string } }
	person.do(t, mBind, map[string]any{"no": a.No, "check": map[string]any{"smsCode": latest(a.Phone)}}).Decode(t, &bound)
	if bound.BindAccount.ID != strconv.FormatInt(a.ID, 10) {
		t.Fatalf("bound %+v", bound)
	}
	if ms := fake.Messages(); ms[len(ms)-1].TemplateID != "2000004" {
		t.Fatalf("the binding code went as template %s", ms[len(ms)-1].TemplateID)
	}
}
