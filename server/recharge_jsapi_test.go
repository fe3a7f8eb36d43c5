package main

import (
	"net/http/httptest"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/wxlogin"
)

// TestRechargeAPI_WechatMiniProgram: a tenant signed in from the WeChat
// mini-program pays there (JSAPI) as the openid WeChat signed in, over
// GraphQL against paysim; the openid is the session's, never the
// client's; a session signed in by a texted code or a password is told
// to pay by H5.
func TestRechargeAPI_WechatMiniProgram(t *testing.T) {
	env, fakes := newPayEnv(t)
	login := httptest.NewServer(fakes.WechatLogin.Handler())
	defer login.Close()
	wx, err := wxlogin.New(wxlogin.Config{AppID: fakes.WechatLogin.AppID, AppSecret: fakes.WechatLogin.Secret, API: login.URL})
	if err != nil {
		t.Fatal(err)
	}
	env.Res.Wechat = wx
	manager := env.operator(t, voltpay.RoleManager)
	acct := env.openAccount(t, 0)

	code, openid := fakes.WechatLogin.NewCode("")
	var signed struct{ SignInWithWechat struct{ Token string } }
	(&client{env: env}).do(t, `mutation($c: String!) { signInWithWechat(code: $c) { token } }`, map[string]any{"c": code}).Decode(t, &signed)
	person := &client{env: env, bearer: signed.SignInWithWechat.Token}
	person.do(t, mBind, map[string]any{"no": acct.No, "check": map[string]any{"bindingCode": bindingCode(t, manager, acct.ID)}}).Decode(t, &struct{}{})

	in := map[string]any{"accountId": acct.ID, "amountFen": 5000, "channel": "wechat", "method": "mini_program"}
	var got struct{ CreateRechargeOrder gqlOrder }
	person.do(t, createOrderMutation, map[string]any{"in": in}).Decode(t, &got)
	o := got.CreateRechargeOrder
	if o.Pay == nil || o.Pay.RequestPayment == nil || o.Pay.RequestPayment.PaySign == "" || o.Pay.RequestPayment.AppID != fakes.WechatLogin.AppID {
		t.Fatalf("requestPayment parameters: %+v", o.Pay)
	}
	var trade *struct{ Method, Payer string }
	for _, tr := range fakes.Wechat.List() {
		if tr.OutTradeNo == o.OutTradeNo {
			trade = &struct{ Method, Payer string }{tr.Method, tr.Payer}
		}
	}
	if trade == nil || trade.Method != "jsapi" || trade.Payer != openid {
		t.Fatalf("WeChat's trade %+v; want jsapi paid by %s", trade, openid)
	}

	// Another person's openid from the client is refused, not used.
	in["payerId"] = "o-someone-else"
	wantError(t, "another payer", person.do(t, createOrderMutation, map[string]any{"in": in}), voltpay.EINVALID, "payerId")
	in["payerId"] = openid // the session's own: fine
	person.do(t, createOrderMutation, map[string]any{"in": in}).Decode(t, &got)

	// Signed in otherwise: told to pay by H5, whatever payerId it sends.
	fake := withFakeSMS(t, env)
	byCode, _ := signInByCode(t, env, fake, newMobile())
	byCode.do(t, mBind, map[string]any{"no": acct.No, "check": map[string]any{"bindingCode": bindingCode(t, manager, acct.ID)}}).Decode(t, &struct{}{})
	for _, c := range []*client{byCode, env.tenant(t, acct.ID)} {
		in := map[string]any{"accountId": acct.ID, "amountFen": 5000, "channel": "wechat", "method": "mini_program", "payerId": openid}
		wantError(t, "not from the mini-program", c.do(t, createOrderMutation, map[string]any{"in": in}), voltpay.EINVALID, "h5")
	}
}
