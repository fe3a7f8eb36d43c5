package postgres_test

import (
	"net/http/httptest"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/notify"
	"github.com/voltpay/voltpay/outbox"
	"github.com/voltpay/voltpay/payment/paysim"
)

// TestOutbox_WeChatThroughTheFake sends the outbox's WeChat warnings with
// the real driver to paysim's fake of WeChat, which checks every keyword
// against its template's type (as WeChat does): what the outbox writes
// must be what a template with the documented layout accepts, for a
// balance alarm and for arrears (TestWechatAmount: a negative balance is
// written without its sign, which WeChat's amount keyword refuses).
func TestOutbox_WeChatThroughTheFake(t *testing.T) {
	f := newWarnFix(t)
	fake := paysim.NewWechatMessages("wx-outbox-app", "outbox-secret")
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	wx, err := notify.NewWeChat(notify.WeChatConfig{AppID: "wx-outbox-app", AppSecret: "outbox-secret", API: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	fake.Grant(f.openid, "VP_WARNING", 2)
	w := &outbox.Worker{Store: f.ns, SMS: notify.NewFake(), WeChat: wx, Now: f.db.Now, Batch: 10,
		WeChatTemplates: map[string]string{voltpay.NotifyAlarm1: "VP_WARNING", voltpay.NotifyArrears: "VP_WARNING"}}

	f.change(t, true, voltpay.AlarmLevel1)
	drain(t, w)
	f.change(t, true, voltpay.AlarmArrears)
	drain(t, w)

	in := fake.Inbox(f.openid)
	if len(in) != 2 {
		for _, n := range f.rows(t) {
			t.Logf("row %s/%s %s: %s", n.Kind, n.Channel, n.State, n.LastError)
		}
		t.Fatalf("the fake's inbox holds %d messages, want alarm 1 and arrears", len(in))
	}
	if in[0].Data["character_string2"] != f.acct.No || in[0].Data["thing1"] == "" {
		t.Errorf("alarm 1 message data %v", in[0].Data)
	}
	for _, n := range f.rows(t) {
		if n.Channel == voltpay.ChannelWeChat && n.State != voltpay.NotificationSent {
			t.Errorf("WeChat row %s: state %s (%s), want sent", n.Kind, n.State, n.LastError)
		}
	}
}
