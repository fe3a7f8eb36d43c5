package payment_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
)

// alipayHarness is a fake Alipay on loopback, the gateway configured for
// it, and a webhook that parses notifications with the gateway.
type alipayHarness struct {
	fake *paysim.AlipayFake
	gw   *payment.AlipayGateway
	srv  *httptest.Server

	mu       sync.Mutex
	failFor  map[string]int                     // out_trade_no: answer "fail" this many times
	tries    map[string]int                     // out_trade_no: verified notifications received
	notes    map[string][]*payment.Notification // out_trade_no: notifications acknowledged
	hookErrs []error
}

func newAlipayHarness(t *testing.T, certMode bool) *alipayHarness {
	t.Helper()
	fake, err := paysim.NewAlipay(paysim.AlipayOptions{
		CertMode:    certMode,
		Retries:     []time.Duration{20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond},
		RefundDelay: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := &alipayHarness{fake: fake, notes: map[string][]*payment.Notification{}, failFor: map[string]int{}, tries: map[string]int{}}
	h.srv = httptest.NewServer(fake.Handler())
	hook := httptest.NewServer(http.HandlerFunc(h.webhook))
	t.Cleanup(func() {
		fake.Close()
		hook.Close()
		h.srv.Close()
	})
	h.gw, err = payment.NewAlipay(fake.ClientConfig(hook.URL+"/notify/alipay", h.srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *alipayHarness) webhook(w http.ResponseWriter, r *http.Request) {
	n, err := h.gw.ParseNotification(r.Context(), r)
	if err != nil {
		h.mu.Lock()
		h.hookErrs = append(h.hookErrs, err)
		h.mu.Unlock()
		h.gw.Reject(w, http.StatusBadRequest, err.Error())
		return
	}
	no := ""
	if n.Trade != nil {
		no = n.Trade.OutTradeNo
	} else if n.Refund != nil {
		no = n.Refund.OutTradeNo
	}
	h.mu.Lock()
	h.tries[no]++
	fail := h.failFor[no] > 0
	if fail {
		h.failFor[no]--
	} else {
		h.notes[no] = append(h.notes[no], n)
	}
	h.mu.Unlock()
	if fail {
		h.gw.Reject(w, http.StatusInternalServerError, "simulated failure")
		return
	}
	h.gw.Ack(w)
}

// wait waits until the webhook accepted n notifications for the trade.
func (h *alipayHarness) wait(t *testing.T, outTradeNo string, n int) []*payment.Notification {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.mu.Lock()
		got := append([]*payment.Notification(nil), h.notes[outTradeNo]...)
		errs := h.hookErrs
		h.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: got %d notifications, want %d (webhook errors: %v)", outTradeNo, len(got), n, errs)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *alipayHarness) count(outTradeNo string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.notes[outTradeNo])
}

var alipaySeq atomic.Int64

func newOutTradeNo() string {
	return fmt.Sprintf("VP%d%04d", time.Now().UnixNano()%1e9, alipaySeq.Add(1))
}

// paidTrade precreates and pays a trade of amount fen, waiting for the
// payment notification.
func (h *alipayHarness) paidTrade(t *testing.T, amount int64) (string, *payment.Trade) {
	t.Helper()
	ctx := context.Background()
	no := newOutTradeNo()
	if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "电费充值 A-0101", AmountFen: amount, Method: payment.MethodQR}); err != nil {
		t.Fatal(err)
	}
	if err := h.fake.Pay(no); err != nil {
		t.Fatal(err)
	}
	n := h.wait(t, no, 1)[0]
	if n.Trade == nil {
		t.Fatalf("payment notification without Trade: %+v", n)
	}
	return no, n.Trade
}

func (h *alipayHarness) parse(t *testing.T, req *http.Request) (*payment.Notification, error) {
	t.Helper()
	var n *payment.Notification
	var err error
	// through a real server-side request, as the webhook sees it
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err = h.gw.ParseNotification(r.Context(), r)
		if err != nil {
			h.gw.Reject(w, http.StatusBadRequest, "bad")
			return
		}
		h.gw.Ack(w)
	}))
	defer srv.Close()
	req.URL, _ = url.Parse(srv.URL + "/notify")
	req.Host = ""
	resp, derr := http.DefaultClient.Do(req)
	if derr != nil {
		t.Fatal(derr)
	}
	resp.Body.Close()
	return n, err
}
