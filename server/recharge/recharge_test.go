package recharge_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/recharge"
)

var channels = []string{voltpay.ChannelWechat, voltpay.ChannelAlipay}

// A paid order credits the account once, through the fake's own
// notification (the real SDK verifying it), and the order says so.
func TestPaidOrderCreditsOnce(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			before := r.balance(t, r.account.ID)
			o := r.order(t, ch, 3000)
			if o.State != voltpay.OrderPending || o.PrepayJSON == "" {
				t.Fatalf("new order: state %s, prepay %q", o.State, o.PrepayJSON)
			}
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the order is paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			got := r.orderState(t, o.OutTradeNo)
			if got.EntryID == nil || got.TransactionID == nil || got.Flag != "" {
				t.Fatalf("paid order: entry %v, transaction %v, flag %q", got.EntryID, got.TransactionID, got.Flag)
			}
			if b := r.balance(t, r.account.ID); b != before+3000 {
				t.Fatalf("balance %d, want %d", b, before+3000)
			}
			// The same order again (an idempotent retry) is the same order.
			again, err := r.svc.CreateOrder(sys(), voltpay.RechargeOrderInput{AccountID: r.account.ID, AmountFen: 3000,
				Channel: ch, Method: voltpay.PayQR, IdempotencyKey: "x"})
			if err == nil && again.ID == o.ID {
				t.Fatal("a new key returned the old order")
			}
			r.assertBalanceIsSum(t, r.account.ID)
		})
	}
}

// The same notification 100 times at once credits once; every copy is
// acknowledged.
func TestSameNotification100TimesConcurrently(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{Drop: 1}) // the fake's own delivery is lost: we send the copies
			o := r.order(t, ch, 1234)
			before := r.balance(t, r.account.ID)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			reqs := make([]*http.Request, 100)
			for i := range reqs {
				reqs[i] = r.build(t, ch, o.OutTradeNo, buildOpts{})
			}
			var wg sync.WaitGroup
			codes := make([]int, len(reqs))
			for i, req := range reqs {
				wg.Go(func() { codes[i], _ = r.post(t, req) })
			}
			wg.Wait()
			for i, c := range codes {
				if c != http.StatusOK && c != http.StatusNoContent {
					t.Fatalf("copy %d answered %d; every authentic copy must be acknowledged", i, c)
				}
			}
			if b := r.balance(t, r.account.ID); b != before+1234 {
				t.Fatalf("balance moved by %d, want 1234 once", b-before)
			}
			out, err := r.store.NotificationOutcomes(sys(), o.OutTradeNo)
			if err != nil {
				t.Fatal(err)
			}
			if out["credited"] != 1 || out["duplicate"] != 99 {
				t.Fatalf("outcomes %v; want 1 credited, 99 duplicate", out)
			}
			r.assertBalanceIsSum(t, r.account.ID)
		})
	}
}

type buildOpts struct {
	forge, staleTS, signTest bool
	serial                   string
	amountFen                int64  // an authentic message with another amount
	appID                    string // an authentic message for another app
	tamperAfter              bool   // change the amount after signing (Alipay)
}

// build makes one notification of the order's current state as its
// provider would send it, changed as o says.
func (r *rig) build(t testing.TB, ch, no string, o buildOpts) *http.Request {
	t.Helper()
	var req *http.Request
	var err error
	if ch == voltpay.ChannelWechat {
		wo := paysim.WechatNotifyOptions{Forge: o.forge, Serial: o.serial, SignTest: o.signTest}
		if o.staleTS {
			wo.Timestamp = time.Now().Add(-6 * time.Minute)
		}
		if o.amountFen != 0 || o.appID != "" {
			wo.Edit = func(tx map[string]any) {
				if o.amountFen != 0 {
					tx["amount"].(map[string]any)["total"] = o.amountFen
					tx["amount"].(map[string]any)["payer_total"] = o.amountFen
				}
				if o.appID != "" {
					tx["appid"] = o.appID
				}
			}
		}
		req, err = r.fakes.Wechat.BuildNotification(no, wo)
	} else {
		ao := paysim.AlipayNotifyOptions{Forge: o.forge}
		edit := func(v url.Values) {
			if o.amountFen != 0 {
				v.Set("total_amount", payment.FormatYuan(o.amountFen))
			}
			if o.appID != "" {
				v.Set("app_id", o.appID)
			}
		}
		if o.tamperAfter {
			ao.EditAfterSign = edit
		} else {
			ao.Edit = edit
		}
		req, err = r.fakes.Alipay.BuildNotification(no, ao)
	}
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// Forged, stale, tampered, foreign and unknown notifications credit
// nothing, each with the right answer.
func TestBadNotificationsCreditNothing(t *testing.T) {
	r := newRig(t)
	cases := []struct {
		name   string
		ch     string
		opts   buildOpts
		status int    // WeChat's HTTP answer
		body   string // Alipay's body
		flag   bool   // the order is flagged for finance
	}{
		{"wechat forged signature", voltpay.ChannelWechat, buildOpts{forge: true}, 401, "", false},
		{"wechat wrong serial", voltpay.ChannelWechat, buildOpts{serial: "PUB_KEY_ID_0000000000000000000000000000000BAD"}, 401, "", false},
		{"wechat stale timestamp", voltpay.ChannelWechat, buildOpts{staleTS: true}, 401, "", false},
		{"wechat signature probe", voltpay.ChannelWechat, buildOpts{signTest: true}, 401, "", false},
		{"wechat other amount", voltpay.ChannelWechat, buildOpts{amountFen: 1}, 204, "", true},
		{"wechat other app", voltpay.ChannelWechat, buildOpts{appID: "wx_someone_else"}, 204, "", false},
		{"alipay forged signature", voltpay.ChannelAlipay, buildOpts{forge: true}, 0, "fail", false},
		{"alipay tampered amount", voltpay.ChannelAlipay, buildOpts{amountFen: 1, tamperAfter: true}, 0, "fail", false},
		{"alipay other amount", voltpay.ChannelAlipay, buildOpts{amountFen: 1}, 0, "success", true},
		{"alipay other app", voltpay.ChannelAlipay, buildOpts{appID: "2021999999999999"}, 0, "success", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r.fake(c.ch).SetFaults(paysim.Faults{Drop: 1}) // only our crafted copy arrives
			o := r.order(t, c.ch, 500)
			before := r.balance(t, r.account.ID)
			if err := r.fake(c.ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			status, body := r.post(t, r.build(t, c.ch, o.OutTradeNo, c.opts))
			if c.ch == voltpay.ChannelWechat && status != c.status {
				t.Fatalf("answered %d %q, want %d", status, body, c.status)
			}
			if c.ch == voltpay.ChannelAlipay && body != c.body {
				t.Fatalf("answered %d %q, want body %q", status, body, c.body)
			}
			if b := r.balance(t, r.account.ID); b != before {
				t.Fatalf("balance moved by %d fen", b-before)
			}
			got := r.orderState(t, o.OutTradeNo)
			if got.State != voltpay.OrderPending || (got.Flag != "") != c.flag {
				t.Fatalf("order after: state %s, flag %q; want pending, flagged %v", got.State, got.Flag, c.flag)
			}
		})
	}
	// An authentic notification of an order we never made: acknowledged,
	// logged as flagged, nothing credited.
	t.Run("unknown order", func(t *testing.T) {
		o := r.order(t, voltpay.ChannelAlipay, 700)
		r.fake(voltpay.ChannelAlipay).SetFaults(paysim.Faults{Drop: 1})
		if err := r.fake(voltpay.ChannelAlipay).Pay(o.OutTradeNo); err != nil {
			t.Fatal(err)
		}
		unknown := fmt.Sprintf("VP20260101NOSUCH%010d", seq.Add(1))
		req, err := r.fakes.Alipay.BuildNotification(o.OutTradeNo, paysim.AlipayNotifyOptions{Edit: func(v url.Values) { v.Set("out_trade_no", unknown) }})
		if err != nil {
			t.Fatal(err)
		}
		before := r.balance(t, r.account.ID)
		if _, body := r.post(t, req); body != "success" {
			t.Fatalf("answered %q, want success", body)
		}
		out, _ := r.store.NotificationOutcomes(sys(), unknown)
		if out["flagged"] != 1 || r.balance(t, r.account.ID) != before {
			t.Fatalf("unknown order: outcomes %v, balance moved %d", out, r.balance(t, r.account.ID)-before)
		}
	})
}

// A lost notification is found by reconciliation; an expired unpaid order
// is closed at the provider and here.
func TestReconciliationRecoversLostNotification(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{Drop: 1})
			o := r.order(t, ch, 880)
			before := r.balance(t, r.account.ID)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			time.Sleep(100 * time.Millisecond)
			if r.orderState(t, o.OutTradeNo).State != voltpay.OrderPending {
				t.Fatal("the dropped notification arrived anyway")
			}
			st, err := r.svc.Reconcile(sys(), recharge.ReconcileConfig{PendingAfter: time.Nanosecond})
			if err != nil {
				t.Fatal(err)
			}
			if st.Credited < 1 || r.orderState(t, o.OutTradeNo).State != voltpay.OrderPaid || r.balance(t, r.account.ID) != before+880 {
				t.Fatalf("after reconciliation: %+v, order %s, balance +%d", st, r.orderState(t, o.OutTradeNo).State, r.balance(t, r.account.ID)-before)
			}
		})
	}
	t.Run("expired", func(t *testing.T) {
		r.svc.TTL = 1500 * time.Millisecond // the provider's expiry is in whole seconds
		defer func() { r.svc.TTL = voltpay.DefaultOrderTTL }()
		o := r.order(t, voltpay.ChannelWechat, 300)
		time.Sleep(1600 * time.Millisecond)
		if _, err := r.svc.Reconcile(sys(), recharge.ReconcileConfig{PendingAfter: time.Nanosecond}); err != nil {
			t.Fatal(err)
		}
		if got := r.orderState(t, o.OutTradeNo); got.State != voltpay.OrderClosed {
			t.Fatalf("expired order is %s, want closed", got.State)
		}
		if err := r.fakes.Wechat.Pay(o.OutTradeNo); err == nil {
			t.Fatal("an order closed at the provider could still be paid")
		}
	})
}

// A refund moves the ledger only once the provider says it is final.
func TestRefundMovesLedgerWhenFinal(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			o := r.order(t, ch, 5000)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			before := r.balance(t, r.account.ID)
			refunds := r.entries(t, r.account.ID, voltpay.EntryRefund)
			rf, err := r.svc.RefundOrder(sys(), voltpay.OrderRefundInput{OrderID: o.ID, AmountFen: 2000, Reason: "tenant moved out", IdempotencyKey: newKey()})
			if err != nil {
				t.Fatal(err)
			}
			if rf.State == voltpay.RefundProcessing && r.balance(t, r.account.ID) != before {
				t.Fatal("the ledger moved while the refund was processing")
			}
			eventually(t, "the refund settles", func() bool {
				got, err := r.store.FindRefund(sys(), rf.ID)
				return err == nil && got.State == voltpay.RefundSucceeded
			})
			if b := r.balance(t, r.account.ID); b != before-2000 {
				t.Fatalf("balance after refund %d, want %d", b, before-2000)
			}
			if n := r.entries(t, r.account.ID, voltpay.EntryRefund); n != refunds+1 {
				t.Fatalf("%d refund entries added, want 1", n-refunds)
			}
			// Too much: more than what is left of the order.
			if _, err := r.svc.RefundOrder(sys(), voltpay.OrderRefundInput{OrderID: o.ID, AmountFen: 3001, Reason: "x", IdempotencyKey: newKey()}); voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("over-refund: %v, want INVALID_INPUT", err)
			}
			// The rest: the order is refunded.
			if _, err := r.svc.RefundOrder(sys(), voltpay.OrderRefundInput{OrderID: o.ID, AmountFen: 3000, Reason: "rest", IdempotencyKey: newKey()}); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the order is refunded", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderRefunded })
			r.assertBalanceIsSum(t, r.account.ID)
		})
	}
}

// A channel without configuration is unavailable with a reason, not a crash.
func TestUnconfiguredChannel(t *testing.T) {
	r := newRig(t)
	svc := recharge.New(r.store, nil, map[string]string{voltpay.ChannelAlipay: "misconfigured on this server: VOLTPAY_ALIPAY_PRIVATE_KEY_FILE: missing"}, nil)
	_, err := svc.CreateOrder(sys(), voltpay.RechargeOrderInput{AccountID: r.account.ID, AmountFen: 1000, Channel: voltpay.ChannelWechat, Method: voltpay.PayQR})
	if voltpay.ErrorCode(err) != voltpay.EUNAVAILABLE {
		t.Fatalf("unconfigured WeChat Pay: %v, want UNAVAILABLE", err)
	}
	for _, c := range svc.Channels() {
		if c.Available || c.Reason == "" {
			t.Fatalf("channel %+v: want unavailable with a reason", c)
		}
	}
	if _, err := svc.CreateOrder(sys(), voltpay.RechargeOrderInput{AccountID: r.account.ID, AmountFen: 1, Channel: voltpay.ChannelWechat, Method: voltpay.PayQR}); voltpay.ErrorCode(err) != voltpay.EINVALID {
		t.Fatalf("1 fen: %v, want INVALID_INPUT", err)
	}
}
