package payment_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
)

func TestAlipay(t *testing.T) {
	for _, mode := range []struct {
		name string
		cert bool
	}{{"PublicKey", false}, {"CertMode", true}} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			h := newAlipayHarness(t, mode.cert)
			t.Run("Prepay", h.testPrepay)
			t.Run("QueryPayNotify", h.testQueryPayNotify)
			t.Run("Close", h.testClose)
			t.Run("Foreign", h.testForeign)
			t.Run("ErrUnverified", h.testUnverified)
			t.Run("Refund", h.testRefund)
			t.Run("Faults", h.testFaults)
			t.Run("Statement", h.testStatement)
		})
	}
}

func (h *alipayHarness) testPrepay(t *testing.T) {
	ctx := context.Background()
	t.Run("QR", func(t *testing.T) {
		p, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: newOutTradeNo(), Description: "电费充值", AmountFen: 1234, Method: payment.MethodQR,
			ExpiresAt: time.Now().Add(15 * time.Minute)})
		if err != nil || !strings.HasPrefix(p.CodeURL, "https://qr.alipay.com/") {
			t.Fatalf("got %+v, %v", p, err)
		}
	})
	t.Run("MiniProgram", func(t *testing.T) {
		p, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: newOutTradeNo(), Description: "电费充值", AmountFen: 1, Method: payment.MethodMiniProgram, PayerID: "open-1"})
		if err != nil || p.TradeNo == "" {
			t.Fatalf("got %+v, %v", p, err)
		}
		if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: newOutTradeNo(), AmountFen: 1, Method: payment.MethodMiniProgram}); err == nil {
			t.Fatal("mini-program without PayerID: want an error")
		}
	})
	t.Run("H5", func(t *testing.T) {
		no := newOutTradeNo()
		p, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "电费充值", AmountFen: 500, Method: payment.MethodH5,
			ReturnURL: "https://tenant.example/paid", ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil || !strings.HasPrefix(p.RedirectURL, h.srv.URL+"/gateway.do?") {
			t.Fatalf("got %+v, %v", p, err)
		}
		if _, err := h.gw.QueryTrade(ctx, no); !errors.Is(err, payment.ErrTradeNotFound) {
			t.Fatalf("query before the browser came: %v, want ErrTradeNotFound", err)
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Get(p.RedirectURL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/paysim/pay?provider=alipay&out_trade_no="+no {
			t.Fatalf("wap pay: %d to %q", resp.StatusCode, loc)
		}
		tr, err := h.gw.QueryTrade(ctx, no)
		if err != nil || tr.State != payment.TradeNotPaid || tr.AmountFen != 500 {
			t.Fatalf("query after the browser came: %+v, %v", tr, err)
		}
		if l := h.fake.List(); len(l) == 0 || l[0].OutTradeNo != no || l[0].Method != "wap" {
			t.Fatalf("List()[0] = %+v, want the wap trade first", l)
		}
	})
	t.Run("ErrProviderAmountChanged", func(t *testing.T) {
		no := newOutTradeNo()
		req := payment.PrepayRequest{OutTradeNo: no, Description: "x", AmountFen: 100, Method: payment.MethodQR}
		if _, err := h.gw.Prepay(ctx, req); err != nil {
			t.Fatal(err)
		}
		req.AmountFen = 200
		if _, err := h.gw.Prepay(ctx, req); !errors.Is(err, payment.ErrProvider) {
			t.Fatalf("got %v, want ErrProvider", err)
		}
	})
}

func (h *alipayHarness) testQueryPayNotify(t *testing.T) {
	ctx := context.Background()
	if _, err := h.gw.QueryTrade(ctx, "NEVER-SEEN"); !errors.Is(err, payment.ErrTradeNotFound) {
		t.Fatalf("unknown trade: %v, want ErrTradeNotFound", err)
	}
	no := newOutTradeNo()
	if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "电费充值", AmountFen: 12345, Method: payment.MethodQR}); err != nil {
		t.Fatal(err)
	}
	before, err := h.gw.QueryTrade(ctx, no)
	if err != nil || before.State != payment.TradeNotPaid || before.ProviderState != "WAIT_BUYER_PAY" {
		t.Fatalf("before Pay: %+v, %v", before, err)
	}
	if err := h.fake.Pay(no); err != nil {
		t.Fatal(err)
	}
	n := h.wait(t, no, 1)[0]
	tr := n.Trade
	if n.Refund != nil || n.Foreign != "" || tr == nil || tr.State != payment.TradePaid || tr.AmountFen != 12345 ||
		tr.TransactionID == "" || tr.AppID != h.fake.AppID() || tr.MerchantID != h.fake.SellerID() || tr.PaidAt.IsZero() || n.ID == "" {
		t.Fatalf("notification = %+v, trade %+v", n, tr)
	}
	after, err := h.gw.QueryTrade(ctx, no)
	if err != nil || after.State != payment.TradePaid || after.TransactionID != tr.TransactionID || after.AmountFen != 12345 {
		t.Fatalf("after Pay: %+v, %v", after, err)
	}
	if err := h.fake.Pay(no); err == nil {
		t.Fatal("paying twice: want an error")
	}
}

func (h *alipayHarness) testClose(t *testing.T) {
	ctx := context.Background()
	no := newOutTradeNo()
	if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "x", AmountFen: 100, Method: payment.MethodQR}); err != nil {
		t.Fatal(err)
	}
	if err := h.gw.CloseTrade(ctx, no); err != nil {
		t.Fatal(err)
	}
	if tr, err := h.gw.QueryTrade(ctx, no); err != nil || tr.State != payment.TradeClosed {
		t.Fatalf("after close: %+v, %v", tr, err)
	}
	if err := h.fake.Pay(no); err == nil {
		t.Fatal("paying a closed trade: want an error")
	}
	if err := h.gw.CloseTrade(ctx, "NEVER-SEEN"); err != nil {
		t.Fatalf("closing a trade Alipay never saw: %v, want nil", err)
	}
	paid, _ := h.paidTrade(t, 100)
	if err := h.gw.CloseTrade(ctx, paid); !errors.Is(err, payment.ErrProvider) {
		t.Fatalf("closing a paid trade: %v, want ErrProvider", err)
	}
}

func (h *alipayHarness) testForeign(t *testing.T) {
	no, _ := h.paidTrade(t, 100)
	for name, edit := range map[string]func(url.Values){
		"AppID":    func(v url.Values) { v.Set("app_id", "2021999999999999") },
		"SellerID": func(v url.Values) { v.Set("seller_id", "2088999999999999") },
	} {
		t.Run(name, func(t *testing.T) {
			req, err := h.fake.BuildNotification(no, paysim.AlipayNotifyOptions{Edit: edit})
			if err != nil {
				t.Fatal(err)
			}
			n, err := h.parse(t, req)
			if err != nil || n.Foreign == "" {
				t.Fatalf("got %+v, %v; want Foreign", n, err)
			}
		})
	}
	t.Run("Ours", func(t *testing.T) {
		req, _ := h.fake.BuildNotification(no, paysim.AlipayNotifyOptions{})
		if n, err := h.parse(t, req); err != nil || n.Foreign != "" || n.Trade == nil || n.Trade.State != payment.TradePaid {
			t.Fatalf("got %+v, %v", n, err)
		}
	})
}

func (h *alipayHarness) testUnverified(t *testing.T) {
	no, _ := h.paidTrade(t, 100)
	for name, o := range map[string]paysim.AlipayNotifyOptions{
		"Forged":          {Forge: true},
		"AmountTampered":  {EditAfterSign: func(v url.Values) { v.Set("total_amount", "0.01") }},
		"StatusTampered":  {Status: "WAIT_BUYER_PAY", EditAfterSign: func(v url.Values) { v.Set("trade_status", "TRADE_SUCCESS") }},
		"FieldAdded":      {EditAfterSign: func(v url.Values) { v.Set("refund_fee", "1.00") }},
		"SignRemoved":     {EditAfterSign: func(v url.Values) { v.Del("sign") }},
		"SignNotBase64":   {EditAfterSign: func(v url.Values) { v.Set("sign", "!!!") }},
		"NotifyIDChanged": {EditAfterSign: func(v url.Values) { v.Set("notify_id", "x") }},
	} {
		t.Run(name, func(t *testing.T) {
			req, err := h.fake.BuildNotification(no, o)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := h.parse(t, req); !errors.Is(err, payment.ErrUnverified) {
				t.Fatalf("got %+v, %v; want ErrUnverified", n, err)
			}
		})
	}
	// An alipay_cert_sn we do not hold is refused in certificate mode
	// without the library fetching a certificate; in public-key mode it is
	// not part of the signed content and is ignored.
	t.Run("UnknownCertSN", func(t *testing.T) {
		req, err := h.fake.BuildNotification(no, paysim.AlipayNotifyOptions{EditAfterSign: func(v url.Values) { v.Set("alipay_cert_sn", "00000000000000000000000000000000") }})
		if err != nil {
			t.Fatal(err)
		}
		n, err := h.parse(t, req)
		if h.fake.Options().CertMode != errors.Is(err, payment.ErrUnverified) {
			t.Fatalf("cert mode %v: got %+v, %v", h.fake.Options().CertMode, n, err)
		}
	})
	t.Run("OldNotifyTimeAccepted", func(t *testing.T) {
		req, _ := h.fake.BuildNotification(no, paysim.AlipayNotifyOptions{Edit: func(v url.Values) { v.Set("notify_time", "2020-01-01 00:00:00") }})
		if _, err := h.parse(t, req); err != nil {
			t.Fatalf("an old (retried) notification: %v, want it accepted", err)
		}
	})
}

func (h *alipayHarness) testRefund(t *testing.T) {
	ctx := context.Background()
	no, tr := h.paidTrade(t, 10000)
	r, err := h.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: no, OutRefundNo: no + "R1", AmountFen: 3000, TotalFen: 10000, Reason: "退租"})
	if err != nil || r.State != payment.RefundSucceeded || r.AmountFen != 3000 || r.TransactionID != tr.TransactionID {
		t.Fatalf("refund: %+v, %v", r, err)
	}
	q, err := h.gw.QueryRefund(ctx, no, no+"R1")
	if err != nil || q.State != payment.RefundSucceeded || q.AmountFen != 3000 || q.OutRefundNo != no+"R1" {
		t.Fatalf("query refund: %+v, %v", q, err)
	}
	again, err := h.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: no, OutRefundNo: no + "R1", AmountFen: 3000, TotalFen: 10000})
	if err != nil || again.State != payment.RefundSucceeded || again.AmountFen != 3000 {
		t.Fatalf("same refund again: %+v, %v", again, err)
	}
	if q, err := h.gw.QueryRefund(ctx, no, "NO-SUCH-REFUND"); err != nil || q.State != payment.RefundProcessing {
		t.Fatalf("unknown refund: %+v, %v; want processing", q, err)
	}
	if _, err := h.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: no, OutRefundNo: no + "R2", AmountFen: 8000, TotalFen: 10000}); !errors.Is(err, payment.ErrProvider) {
		t.Fatalf("over-refund: %v, want ErrProvider", err)
	}

	notes := h.wait(t, no, 2) // payment + refund
	rn := notes[1]
	if rn.Trade != nil || rn.Refund == nil || rn.Refund.State != payment.RefundSucceeded || rn.Refund.OutRefundNo != no+"R1" ||
		rn.Refund.AmountFen != 3000 || rn.Refund.TransactionID != tr.TransactionID {
		t.Fatalf("refund notification = %+v (refund %+v)", rn, rn.Refund)
	}
	// the rest: a full refund closes the trade; refund_fee is cumulative
	if _, err := h.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: no, OutRefundNo: no + "R3", AmountFen: 7000, TotalFen: 10000}); err != nil {
		t.Fatal(err)
	}
	notes = h.wait(t, no, 3)
	if last := notes[2]; last.Trade != nil || last.Refund == nil || last.Refund.AmountFen != 10000 || last.Refund.ProviderState != "refund:TRADE_CLOSED" {
		t.Fatalf("full refund notification = %+v (refund %+v)", last, last.Refund)
	}
	if q, err := h.gw.QueryTrade(ctx, no); err != nil || q.ProviderState != "TRADE_CLOSED" {
		t.Fatalf("query after full refund: %+v, %v", q, err)
	}
}

func (h *alipayHarness) testFaults(t *testing.T) {
	ctx := context.Background()
	t.Run("Duplicate", func(t *testing.T) {
		h.fake.SetFaults(paysim.Faults{Duplicate: 3})
		defer h.fake.SetFaults(paysim.Faults{})
		no, _ := h.paidTrade(t, 100)
		h.wait(t, no, 4)
		time.Sleep(100 * time.Millisecond)
		if n := h.count(no); n != 4 {
			t.Fatalf("got %d deliveries, want 4", n)
		}
	})
	t.Run("Drop", func(t *testing.T) {
		h.fake.SetFaults(paysim.Faults{Drop: 1})
		no := newOutTradeNo()
		if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "x", AmountFen: 100, Method: payment.MethodQR}); err != nil {
			t.Fatal(err)
		}
		if err := h.fake.Pay(no); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		if n := h.count(no); n != 0 {
			t.Fatalf("got %d deliveries, want none", n)
		}
		if tr, err := h.gw.QueryTrade(ctx, no); err != nil || tr.State != payment.TradePaid {
			t.Fatalf("query after a dropped notification: %+v, %v", tr, err)
		}
	})
	t.Run("RetryAfterFail", func(t *testing.T) {
		no := newOutTradeNo()
		if _, err := h.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: no, Description: "x", AmountFen: 100, Method: payment.MethodQR}); err != nil {
			t.Fatal(err)
		}
		h.mu.Lock()
		h.failFor[no] = 1
		h.mu.Unlock()
		if err := h.fake.Pay(no); err != nil {
			t.Fatal(err)
		}
		h.wait(t, no, 1)
		h.mu.Lock()
		tries := h.tries[no]
		h.mu.Unlock()
		if tries != 2 {
			t.Fatalf("got %d attempts, want 2 (fail, then the retry)", tries)
		}
	})
}

func (h *alipayHarness) testStatement(t *testing.T) {
	ctx := context.Background()
	no, tr := h.paidTrade(t, 2500)
	if _, err := h.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: no, OutRefundNo: no + "S1", AmountFen: 500, TotalFen: 2500}); err != nil {
		t.Fatal(err)
	}
	lines, err := h.gw.Statement(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var paid, refund bool
	for _, l := range lines {
		if l.OutTradeNo != no {
			continue
		}
		switch {
		case !l.Refund && l.AmountFen == 2500 && l.TransactionID == tr.TransactionID:
			paid = true
		case l.Refund && l.AmountFen == 500 && l.OutRefundNo == no+"S1":
			refund = true
		default:
			t.Errorf("unexpected line %+v", l)
		}
	}
	if !paid || !refund {
		t.Fatalf("statement misses the payment (%v) or the refund (%v): %+v", paid, refund, lines)
	}
	if lines, err := h.gw.Statement(ctx, time.Now().AddDate(0, 0, -30)); err != nil || len(lines) != 0 {
		t.Fatalf("a day without trades: %v, %v; want an empty statement (isp.bill_not_exist)", lines, err)
	}
}

func TestLoadAlipayConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	t.Run("NotConfigured", func(t *testing.T) {
		cfg, err := payment.LoadAlipayConfig(env(nil))
		if cfg != nil || err != nil {
			t.Fatalf("got %v, %v; want nil, nil", cfg, err)
		}
	})
	t.Run("ErrPartial", func(t *testing.T) {
		_, err := payment.LoadAlipayConfig(env(map[string]string{
			payment.EnvAlipayAppID:          "2021000000000001",
			payment.EnvAlipayPrivateKeyFile: "/nonexistent/key.pem",
		}))
		if err == nil {
			t.Fatal("want an error")
		}
		for _, want := range []string{payment.EnvAlipayPrivateKeyFile, payment.EnvAlipayPublicKeyFile, payment.EnvAlipayNotifyURL} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name %s", err, want)
			}
		}
	})
	for _, cert := range []bool{false, true} {
		t.Run(fmt.Sprintf("WriteFiles/cert=%v", cert), func(t *testing.T) {
			fake, err := paysim.NewAlipay(paysim.AlipayOptions{CertMode: cert})
			if err != nil {
				t.Fatal(err)
			}
			defer fake.Close()
			srv := httptest.NewServer(fake.Handler())
			defer srv.Close()
			dir := t.TempDir()
			m, err := fake.WriteFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range m {
				if strings.HasSuffix(k, "_FILE") {
					if st, err := os.Stat(v); err != nil || st.Mode().Perm() != 0o600 {
						t.Errorf("%s: %v, %v; want mode 0600", k, st.Mode(), err)
					}
				}
			}
			m[payment.EnvAlipayGatewayURL] = srv.URL + "/gateway.do"
			m[payment.EnvAlipayNotifyURL] = "https://voltpay.example/notify/alipay"
			cfg, err := payment.LoadAlipayConfig(env(m))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(cfg.String(), "PRIVATE") {
				t.Fatal("String() shows key material")
			}
			gw, err := payment.NewAlipay(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := gw.Prepay(context.Background(), payment.PrepayRequest{OutTradeNo: "W1", Description: "x", AmountFen: 1, Method: payment.MethodQR}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestAlipay_ErrBadSignatureRequest(t *testing.T) {
	// a gateway whose app key is not the one the fake knows
	fake, err := paysim.NewAlipay(paysim.AlipayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	other, err := paysim.NewAlipay(paysim.AlipayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	cfg := fake.ClientConfig("https://voltpay.example/notify", srv.URL)
	cfg.PrivateKey = other.ClientConfig("", "").PrivateKey
	gw, err := payment.NewAlipay(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = gw.QueryTrade(context.Background(), "X")
	if !errors.Is(err, payment.ErrProvider) || !strings.Contains(err.Error(), "isv.invalid-signature") {
		t.Fatalf("got %v, want ErrProvider with isv.invalid-signature", err)
	}
}
