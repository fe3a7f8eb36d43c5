package recharge_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
	"github.com/voltpay/voltpay/server/recharge/rechargetest"
)

// Issue 11, item 1: a trade paid and refunded at the provider (from the
// merchant console) before its payment notification reached us. The
// ledger says what happened to the money, as the provider's bill does:
// the sale and the provider's refund, posted once each whatever the
// duplicates and their order, and no relay close for a credit taken back
// in the same transaction. Both channels, every way the news can arrive.
func TestIssue11_RefundedBeforePaid(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch+"/full refund, 21 refund notices, 20 late payment notices", func(t *testing.T) {
			a, m, o := r.lostPayment(t, ch, 1000)
			r.fake(ch).SetFaults(paysim.Faults{Duplicate: 20}) // 21 copies at once
			if _, err := r.fake(ch).ConsoleRefund(o.OutTradeNo, 1000); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the order is refunded", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderRefunded })
			eventually(t, "every copy is logged", func() bool { return r.logged(t, o.OutTradeNo) >= 21 })
			// The late payment notification, 20 times at once: nothing more.
			r.postConcurrently(t, 20, func() *http.Request { return r.latePayment(t, ch, o.OutTradeNo) })
			if b := r.balance(t, a.ID); b != 0 {
				t.Fatalf("balance %d fen; paid and refunded in full must leave 0", b)
			}
			if s, rf := r.entries(t, a.ID, voltpay.EntrySale), r.entries(t, a.ID, voltpay.EntryRefund); s != 1 || rf != 1 {
				t.Fatalf("%d sales and %d refunds; want the sale and the provider's refund once each", s, rf)
			}
			if n := r.closes(t, m.ID); n != 0 {
				t.Fatalf("%d close commands for a credit taken back in the same transaction", n)
			}
			got := r.orderState(t, o.OutTradeNo)
			if got.RefundedFen != 1000 || got.EntryID == nil || got.TransactionID == nil {
				t.Fatalf("order %+v; want refunded 1000 with its sale and transaction", got)
			}
			r.assertLedgerInvariant(t)
		})
		t.Run(ch+"/partial refund", func(t *testing.T) {
			a, m, o := r.lostPayment(t, ch, 1000)
			r.fake(ch).SetFaults(paysim.Faults{Duplicate: 5})
			if _, err := r.fake(ch).ConsoleRefund(o.OutTradeNo, 300); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the refund is recorded", func() bool { return r.orderState(t, o.OutTradeNo).RefundedFen == 300 })
			r.postConcurrently(t, 5, func() *http.Request { return r.latePayment(t, ch, o.OutTradeNo) })
			if got := r.orderState(t, o.OutTradeNo); got.State != voltpay.OrderPaid {
				t.Fatalf("order %s after a partial refund, want paid", got.State)
			}
			if b := r.balance(t, a.ID); b != 700 {
				t.Fatalf("balance %d fen, want 700 (1000 paid, 300 refunded)", b)
			}
			if n := r.closes(t, m.ID); n != 1 {
				t.Fatalf("%d close commands; the net credit lifted the account from 0, want 1", n)
			}
			r.assertLedgerInvariant(t)
		})
		t.Run(ch+"/reconciler asks before the refund notice", func(t *testing.T) {
			a, _, o := r.lostPayment(t, ch, 1000)
			r.fake(ch).SetFaults(paysim.Faults{Delay: 3 * time.Second})
			if _, err := r.fake(ch).ConsoleRefund(o.OutTradeNo, 1000); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond) // the provider settles the refund (WeChat: 50 ms)
			for range 2 {
				if _, err := r.svc.Reconcile(sys(), recharge.ReconcileConfig{PendingAfter: time.Nanosecond}); err != nil {
					t.Fatal(err)
				}
			}
			got := r.orderState(t, o.OutTradeNo)
			if got.State != voltpay.OrderPending || got.Flag == "" || r.balance(t, a.ID) != 0 || r.entries(t, a.ID, voltpay.EntrySale) != 0 {
				t.Fatalf("after reconciling a refunded trade: order %s, flag %q, balance %d, %d sales; want pending, flagged, nothing credited",
					got.State, got.Flag, r.balance(t, a.ID), r.entries(t, a.ID, voltpay.EntrySale))
			}
			if out, _ := r.store.NotificationOutcomes(sys(), o.OutTradeNo); out[postgres.OutcomeFlagged] != 1 {
				t.Fatalf("outcomes %v; want the flag logged once over two passes", out)
			}
			eventually(t, "the refund notice settles the order", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderRefunded })
			if got := r.orderState(t, o.OutTradeNo); got.Flag != "" || r.balance(t, a.ID) != 0 {
				t.Fatalf("order flag %q, balance %d; want the flag cleared and 0", got.Flag, r.balance(t, a.ID))
			}
			r.assertLedgerInvariant(t)
		})
	}
}

// Issue 11, item 1: a refund made at the console after we credited the
// order posts the provider's refund, once, however often it is told;
// Alipay tells the trade's refunded total, so a second refund is the
// difference.
func TestIssue11_ConsoleRefundAfterCredit(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{})
			r.account = r.openAccount(t, 0)
			o := r.order(t, ch, 1000)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			r.fake(ch).SetFaults(paysim.Faults{Duplicate: 10})
			for _, step := range []struct{ fen, total voltpay.Fen }{{400, 400}, {100, 500}} {
				if _, err := r.fake(ch).ConsoleRefund(o.OutTradeNo, int64(step.fen)); err != nil {
					t.Fatal(err)
				}
				eventually(t, "the refund is recorded", func() bool { return r.orderState(t, o.OutTradeNo).RefundedFen == step.total })
			}
			time.Sleep(300 * time.Millisecond) // late copies
			if b, n := r.balance(t, r.account.ID), r.entries(t, r.account.ID, voltpay.EntryRefund); b != 500 || n != 2 {
				t.Fatalf("balance %d with %d refund entries; want 500 and 2", b, n)
			}
			r.assertLedgerInvariant(t)
		})
	}
}

// Issue 11, item 2: the daily statement check compares refund lines: a
// refund made outside Voltpay whose notification was lost reaches
// finance; one made through Voltpay is no difference.
func TestIssue11_StatementComparesRefunds(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{})
			r.account = r.openAccount(t, 0)
			o := r.order(t, ch, 2000)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			ours, err := r.svc.RefundOrder(sys(), voltpay.OrderRefundInput{OrderID: o.ID, AmountFen: 100, Reason: "ours", IdempotencyKey: newKey()})
			if err != nil {
				t.Fatal(err)
			}
			eventually(t, "our refund settles", func() bool {
				got, err := r.store.FindRefund(sys(), ours.ID)
				return err == nil && got.State == voltpay.RefundSucceeded
			})
			r.fake(ch).SetFaults(paysim.Faults{Drop: 1})
			console, err := r.fake(ch).ConsoleRefund(o.OutTradeNo, 200)
			if err != nil {
				t.Fatal(err)
			}
			var mine []voltpay.StatementDiff
			eventually(t, "the console refund shows in the check", func() bool {
				diffs, err := r.svc.CheckStatement(sys(), ch, time.Now().In(payment.Shanghai))
				if err != nil {
					t.Fatal(err)
				}
				mine = nil
				for _, d := range diffs {
					if d.OutTradeNo == o.OutTradeNo {
						mine = append(mine, d)
					}
				}
				return len(mine) > 0
			})
			if len(mine) != 1 || mine[0].OutRefundNo != console || mine[0].TheirFen != 200 || mine[0].OurFen != 0 ||
				!strings.Contains(mine[0].Problem, "outside Voltpay") {
				t.Fatalf("differences %+v; want only the console refund %s of 200 fen", mine, console)
			}
		})
	}
}

// Issue 11, item 3: every notification is logged, whatever it carries:
// invalid UTF-8, a multi-byte character where the detail is cut, GET.
func TestIssue11_EveryNotificationLogged(t *testing.T) {
	r := newRig(t)
	// An unsigned Alipay form whose out_trade_no (quoted in the refusal)
	// is invalid UTF-8 and long with three-byte characters.
	form := url.Values{"out_trade_no": {"\xff\xfe" + strings.Repeat("电", 400)}, "sign": {"bm90IGEgc2lnbmF0dXJl"}, "trade_status": {"TRADE_SUCCESS"}}
	req, _ := http.NewRequest(http.MethodPost, "/pay/notify/alipay", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	before := r.logged(t, "")
	if _, body := r.post(t, req); body != "fail" {
		t.Fatalf("answered %q, want fail", body)
	}
	for _, ch := range channels {
		get, _ := http.NewRequest(http.MethodGet, "/pay/notify/"+ch, nil)
		if status, _ := r.post(t, get); status != http.StatusMethodNotAllowed {
			t.Fatalf("GET %s answered %d, want 405", ch, status)
		}
	}
	if n := r.logged(t, ""); n != before+3 {
		t.Fatalf("%d notifications logged, want 3 (the bad form, two GETs)", n-before)
	}
}

// Issue 11, item 3: a credit's "credited" row is written in the credit's
// own transaction, so a crash cannot leave one without the other.
func TestIssue11_CreditLoggedInItsTransaction(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{})
			o := r.order(t, ch, 600)
			if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			eventually(t, "paid", func() bool { return r.orderState(t, o.OutTradeNo).State == voltpay.OrderPaid })
			var same bool
			if err := r.db.GetContext(sys(), &same, `SELECT (SELECT xmin FROM ledger_entries WHERE id = o.entry_id) =
					(SELECT xmin FROM payment_notifications WHERE out_trade_no = o.out_trade_no AND outcome = 'credited')
				FROM recharge_orders o WHERE o.out_trade_no = $1`, o.OutTradeNo); err != nil {
				t.Fatal(err)
			}
			if !same {
				t.Fatal("the credited row and the sale were written by different transactions")
			}
		})
	}
}

// panicky is a gateway whose parsing panics, as the WeChat SDK did on a
// malformed envelope.
type panicky struct{ payment.Gateway }

func (panicky) ParseNotification(context.Context, *http.Request) (*payment.Notification, error) {
	panic("boom inside the SDK")
}

// Issue 11, item 3: a panic while handling a notification is answered in
// the provider's format (WeChat: 500 with the FAIL JSON) and logged.
func TestIssue11_PanicLogged(t *testing.T) {
	r := newRig(t)
	gws, _ := rechargetest.Gateways(t, r.hook.URL)
	wx := gws[voltpay.ChannelWechat]
	svc := recharge.New(r.store, map[string]payment.Gateway{voltpay.ChannelWechat: panicky{wx}}, nil, nil)
	srv := httptest.NewServer(svc.Webhook(voltpay.ChannelWechat))
	defer srv.Close()
	before := r.logged(t, "")
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || resp.Header.Get("Content-Type") != "application/json" || !strings.Contains(string(body), `"FAIL"`) {
		t.Fatalf("answered %d %s %q; want 500 with the FAIL JSON", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var detail string
	if err := r.db.GetContext(sys(), &detail, `SELECT detail FROM payment_notifications WHERE outcome = 'error' ORDER BY id DESC LIMIT 1`); err != nil ||
		r.logged(t, "") != before+1 || !strings.Contains(detail, "boom") {
		t.Fatalf("panic logged as %q (%v)", detail, err)
	}
}

// Issue 11, item 4: a validly signed WeChat notification with a malformed
// envelope is refused with the FAIL JSON and logged; the SDK never sees it.
func TestIssue11_MalformedWechatEnvelope(t *testing.T) {
	r := newRig(t)
	r.fakes.Wechat.SetFaults(paysim.Faults{Drop: 1})
	o := r.order(t, voltpay.ChannelWechat, 500)
	if err := r.fakes.Wechat.Pay(o.OutTradeNo); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(map[string]string){
		"nonce of 5 bytes":      func(m map[string]string) { m["nonce"] = "short" },
		"nonce of 13 bytes":     func(m map[string]string) { m["nonce"] += "x" },
		"other algorithm":       func(m map[string]string) { m["algorithm"] = "AEAD_AES_128_GCM" },
		"ciphertext not base64": func(m map[string]string) { m["ciphertext"] = "%%%" },
		"ciphertext too short":  func(m map[string]string) { m["ciphertext"] = "AAAA" },
	} {
		t.Run(name, func(t *testing.T) {
			req, err := r.fakes.Wechat.BuildNotification(o.OutTradeNo, paysim.WechatNotifyOptions{EditResource: edit})
			if err != nil {
				t.Fatal(err)
			}
			before := r.logged(t, "")
			status, body := r.post(t, req)
			if status != http.StatusBadRequest || !strings.Contains(body, `"FAIL"`) {
				t.Fatalf("answered %d %q; want 400 with the FAIL JSON", status, body)
			}
			if r.logged(t, "") != before+1 || r.orderState(t, o.OutTradeNo).State != voltpay.OrderPending {
				t.Fatal("not logged, or the order moved")
			}
		})
	}
}

// Issue 11, item 5: a signed notification without a transaction id is
// acknowledged and flagged, never credited (a sale with external ref
// "wechat:" would make the next such notice collide and fail forever).
func TestIssue11_NoTransactionID(t *testing.T) {
	r := newRig(t)
	for _, ch := range channels {
		t.Run(ch, func(t *testing.T) {
			r.fake(ch).SetFaults(paysim.Faults{Drop: 2})
			before := r.balance(t, r.account.ID)
			var orders []*voltpay.RechargeOrder
			for range 2 {
				o := r.order(t, ch, 700)
				if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
					t.Fatal(err)
				}
				var req *http.Request
				var err error
				if ch == voltpay.ChannelWechat {
					req, err = r.fakes.Wechat.BuildNotification(o.OutTradeNo, paysim.WechatNotifyOptions{Edit: func(tx map[string]any) { delete(tx, "transaction_id") }})
				} else {
					req, err = r.fakes.Alipay.BuildNotification(o.OutTradeNo, paysim.AlipayNotifyOptions{Edit: func(v url.Values) { v.Del("trade_no") }})
				}
				if err != nil {
					t.Fatal(err)
				}
				status, body := r.post(t, req)
				if status >= 300 || (ch == voltpay.ChannelAlipay && body != "success") {
					t.Fatalf("answered %d %q; want it acknowledged (a retry cannot fix it)", status, body)
				}
				if got := r.orderState(t, o.OutTradeNo); got.State != voltpay.OrderPending || got.Flag == "" {
					t.Fatalf("order %s, flag %q; want pending and flagged", got.State, got.Flag)
				}
				orders = append(orders, o)
			}
			if b := r.balance(t, r.account.ID); b != before {
				t.Fatalf("balance moved by %d", b-before)
			}
			// The reconciler's query has the transaction id: both are credited.
			if _, err := r.svc.Reconcile(sys(), recharge.ReconcileConfig{PendingAfter: time.Nanosecond}); err != nil {
				t.Fatal(err)
			}
			if b := r.balance(t, r.account.ID); b != before+1400 {
				t.Fatalf("after reconciliation balance moved by %d, want 1400", b-before)
			}
			r.assertLedgerInvariant(t)
		})
	}
}

// lostPayment opens an account with a meter and an order of fen through
// channel, and pays it with the payment notification lost.
func (r *rig) lostPayment(t *testing.T, ch string, fen voltpay.Fen) (*voltpay.Account, *voltpay.Meter, *voltpay.RechargeOrder) {
	t.Helper()
	a := r.openAccount(t, 0)
	r.account = a
	m := r.meterFor(t, a)
	r.fake(ch).SetFaults(paysim.Faults{Drop: 1})
	o := r.order(t, ch, fen)
	if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
		t.Fatal(err)
	}
	return a, m, o
}

// latePayment is the trade's payment notification as the provider sends
// it when it retries (it says paid, whatever happened since).
func (r *rig) latePayment(t *testing.T, ch, no string) *http.Request {
	t.Helper()
	if ch == voltpay.ChannelWechat {
		return r.build(t, ch, no, buildOpts{})
	}
	req, err := r.fakes.Alipay.BuildNotification(no, paysim.AlipayNotifyOptions{Status: "TRADE_SUCCESS"})
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// postConcurrently posts n requests at once; every one must be acknowledged.
func (r *rig) postConcurrently(t *testing.T, n int, build func() *http.Request) {
	t.Helper()
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = build()
	}
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i, req := range reqs {
		wg.Go(func() { codes[i], _ = r.post(t, req) })
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK && c != http.StatusNoContent {
			t.Fatalf("copy %d answered %d; want it acknowledged", i, c)
		}
	}
}

// logged counts the notification log's rows for an order ("" counts all).
func (r *rig) logged(t *testing.T, no string) int {
	t.Helper()
	var n int
	if err := r.db.GetContext(sys(), &n, `SELECT count(*) FROM payment_notifications WHERE $1 = '' OR out_trade_no = $1`, no); err != nil {
		t.Fatal(err)
	}
	return n
}

// closes counts the close commands of a meter.
func (r *rig) closes(t *testing.T, meterID int64) int {
	t.Helper()
	var n int
	if err := r.db.GetContext(sys(), &n, `SELECT count(*) FROM meter_commands WHERE meter_id = $1 AND kind = 'close'`, meterID); err != nil {
		t.Fatal(err)
	}
	return n
}

// assertLedgerInvariant checks the whole database: every balance is the
// sum of its account's entries, every order has at most one sale and a
// credited order exactly its own, and an order's refund entries add up
// to its refunded sum.
func (r *rig) assertLedgerInvariant(t *testing.T) {
	t.Helper()
	var bad []string
	if err := r.db.SelectContext(sys(), &bad, `
		SELECT 'account ' || a.id || ': balance ' || a.balance_fen || ', entries ' || coalesce(sum(e.amount_fen), 0)
		FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
		GROUP BY a.id HAVING a.balance_fen <> coalesce(sum(e.amount_fen), 0)
		UNION ALL
		SELECT 'order ' || o.out_trade_no || ': ' || count(e.id) || ' sales'
		FROM recharge_orders o LEFT JOIN ledger_entries e ON e.idempotency_key = 'recharge:' || o.out_trade_no AND e.type = 'sale'
		GROUP BY o.id HAVING count(e.id) > 1 OR (o.entry_id IS NOT NULL AND count(e.id) <> 1)
		UNION ALL
		SELECT 'order ' || o.out_trade_no || ': refunded ' || o.refunded_fen || ', refund entries ' || coalesce(-sum(e.amount_fen), 0)
		FROM recharge_orders o JOIN recharge_refunds f ON f.order_id = o.id AND f.state = 'succeeded'
			LEFT JOIN ledger_entries e ON e.id = f.entry_id
		GROUP BY o.id HAVING o.refunded_fen <> coalesce(-sum(e.amount_fen), 0)`); err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("ledger invariant broken:\n%s", strings.Join(bad, "\n"))
	}
}
