package main

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
)

// TestWechatMessagesConfig: off by default; VOLTPAY_WECHAT_MESSAGES=wechat
// with paysim's settings sends through its fake to a person who signed in
// and agreed; without credentials the server refuses to start, naming them.
func TestWechatMessagesConfig(t *testing.T) {
	c, err := loadConfig(nil)
	if err != nil || c.WechatMessages.Driver != "off" {
		t.Fatalf("defaults: %+v %v", c.WechatMessages, err)
	}
	if m, _ := c.wechatMessenger(); m != nil {
		t.Fatal("a messenger while off")
	}
	t.Setenv("VOLTPAY_WECHAT_MESSAGES", "wechat")
	if _, err := loadConfig(nil); err == nil || !strings.Contains(err.Error(), "VOLTPAY_WECHAT_APP_SECRET") {
		t.Fatalf("without credentials: %v", err)
	}
	fakes, err := paysim.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer fakes.Close()
	srv := httptest.NewServer(fakes.Handler())
	defer srv.Close()
	env, err := fakes.WriteFiles(t.TempDir(), srv.URL, "http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	if c, err = loadConfig(nil); err != nil {
		t.Fatal(err)
	}
	m, err := c.wechatMessenger()
	if err != nil {
		t.Fatal(err)
	}
	_, openid := fakes.WechatLogin.NewCode("") // signing in makes them known
	fakes.WechatMessages.Grant(openid, "VP_POWER", 1)
	msg := voltpay.WeChatMessage{OpenID: openid, TemplateID: "VP_POWER",
		Data: map[string]string{"thing1": "A-0101", "phrase2": "已断电", "thing3": "余额不足，已欠费", "time4": "2026年12月8日 09:30"}}
	if _, err := m.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if in := fakes.WechatMessages.Inbox(openid); len(in) != 1 || in[0].Data["phrase2"] != "已断电" {
		t.Fatalf("inbox %+v", in)
	}
}
