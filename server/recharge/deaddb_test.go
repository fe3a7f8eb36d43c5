package recharge_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
	"github.com/voltpay/voltpay/server/recharge"
	"github.com/voltpay/voltpay/server/recharge/rechargetest"
)

// With the database gone, the webhook answers 500 so that the provider
// keeps retrying; nothing is lost: once a server with a database answers
// again, the next retry credits the payment, once.
func TestWebhookDeadDatabase(t *testing.T) {
	var current atomic.Pointer[recharge.Service]
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ch := voltpay.ChannelWechat
		if r.URL.Path == "/pay/notify/alipay" {
			ch = voltpay.ChannelAlipay
		}
		current.Load().Webhook(ch).ServeHTTP(w, r)
	}))
	t.Cleanup(hook.Close)
	gateways, fakes := rechargetest.Gateways(t, hook.URL)
	open := func() *postgres.DB {
		db, err := postgres.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	live := open()
	t.Cleanup(func() { live.Close() })
	r := &rig{db: live, store: postgres.NewRechargeStore(live)}
	r.account = r.openAccount(t, 0)

	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			dying := open()
			svc := recharge.New(postgres.NewRechargeStore(dying), gateways, nil, nil)
			current.Store(svc)
			o, err := svc.CreateOrder(sys(), voltpay.RechargeOrderInput{AccountID: r.account.ID, AmountFen: 700, Channel: ch,
				Method: voltpay.PayQR, IdempotencyKey: newKey()})
			if err != nil {
				t.Fatal(err)
			}
			d := fakes.Wechat.Deliverer()
			if ch == voltpay.ChannelAlipay {
				d = fakes.Alipay.Deliverer()
			}
			d.Retries = []time.Duration{100 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, time.Second}
			defer func() { d.Retries = rechargetest.QuickRetries }()
			dying.Close() // the database is gone for this server
			before, sent := r.balance(t, r.account.ID), d.Attempts()
			pay := fakes.Wechat.Pay
			if ch == voltpay.ChannelAlipay {
				pay = fakes.Alipay.Pay
			}
			if err := pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the provider retries after the refusal", func() bool { return d.Attempts() >= sent+2 })
			if got := r.orderState(t, o.OutTradeNo); got.State != voltpay.OrderPending || r.balance(t, r.account.ID) != before {
				t.Fatalf("with the database down: order %s, balance moved %d", got.State, r.balance(t, r.account.ID)-before)
			}
			current.Store(recharge.New(postgres.NewRechargeStore(live), gateways, nil, nil)) // back
			eventually(t, "a retry credits the payment", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			if b := r.balance(t, r.account.ID); b != before+700 {
				t.Fatalf("balance moved %d, want 700 once", b-before)
			}
		})
	}
}
