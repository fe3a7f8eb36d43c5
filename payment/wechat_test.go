package payment_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
)

// wxEnv is a fake WeChat Pay, our gateway talking to it, and a webhook
// that parses what the fake delivers.
type wxEnv struct {
	fake *paysim.WechatFake
	api  *httptest.Server
	hook *httptest.Server
	gw   *payment.WechatGateway
	cfg  *payment.WechatConfig

	mu      sync.Mutex
	hits    int // deliveries received
	rejects int // deliveries to refuse (500) before accepting
	notes   chan *payment.Notification
	errs    []error
}

func newWxEnv(t *testing.T, mode string, opts paysim.WechatOptions) *wxEnv {
	t.Helper()
	opts.CertMode = mode != "public key"
	if opts.Retries == nil {
		opts.Retries = []time.Duration{20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}
	}
	fake, err := paysim.NewWechat(opts)
	if err != nil {
		t.Fatal(err)
	}
	e := &wxEnv{fake: fake, notes: make(chan *payment.Notification, 32)}
	e.api = httptest.NewServer(fake.Handler())
	e.hook = httptest.NewServer(http.HandlerFunc(e.webhook))
	t.Cleanup(func() { fake.Close(); e.api.Close(); e.hook.Close() })

	e.cfg = fake.ClientConfig(e.hook.URL+"/webhooks/wechat", e.api.URL)
	if mode == "combined" {
		// A merchant migrating from certificates to the public key trusts both.
		e.cfg.PublicKeyID, e.cfg.PublicKey = "PUB_KEY_ID_0000000000000000000000000000MIGR", &rsaKey(t).PublicKey
	}
	if e.gw, err = payment.NewWechat(context.Background(), e.cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (e *wxEnv) webhook(w http.ResponseWriter, r *http.Request) {
	n, err := e.gw.ParseNotification(r.Context(), r)
	e.mu.Lock()
	e.hits++
	reject := e.rejects > 0
	if reject {
		e.rejects--
	}
	if err != nil {
		e.errs = append(e.errs, err)
	}
	e.mu.Unlock()
	switch {
	case err != nil:
		e.gw.Reject(w, http.StatusBadRequest, "not verified")
	case reject:
		e.gw.Reject(w, http.StatusInternalServerError, "try again")
	default:
		e.notes <- n
		e.gw.Ack(w)
	}
}

func (e *wxEnv) next(t *testing.T) *payment.Notification {
	t.Helper()
	select {
	case n := <-e.notes:
		return n
	case <-time.After(5 * time.Second):
		e.mu.Lock()
		defer e.mu.Unlock()
		t.Fatalf("no notification (hits %d, errors %v)", e.hits, e.errs)
		return nil
	}
}

func (e *wxEnv) quiet(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case n := <-e.notes:
		t.Fatalf("unexpected notification %+v", n)
	case <-time.After(d):
	}
}

func (e *wxEnv) hitCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hits
}

func (e *wxEnv) prepay(t *testing.T, no string, m payment.Method, fen int64) *payment.Prepay {
	t.Helper()
	p, err := e.gw.Prepay(context.Background(), payment.PrepayRequest{
		OutTradeNo: no, Description: "电费充值 A-0101", AmountFen: fen, Method: m,
		PayerID: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", ClientIP: "203.0.113.7", ExpiresAt: time.Now().Add(15 * time.Minute),
	})
	if err != nil {
		t.Fatalf("prepay %s %s: %v", no, m, err)
	}
	return p
}

func TestWechat(t *testing.T) {
	for _, mode := range []string{"public key", "certificate", "combined"} {
		t.Run(mode, func(t *testing.T) { testWechatMode(t, mode) })
	}
}

func testWechatMode(t *testing.T, mode string) {
	ctx := context.Background()
	e := newWxEnv(t, mode, paysim.WechatOptions{})

	t.Run("PrepayMiniProgram", func(t *testing.T) {
		p := e.prepay(t, "MP0000000001", payment.MethodMiniProgram, 1234)
		rp := p.RequestPayment
		if rp == nil || rp.AppID != e.cfg.AppID || rp.SignType != "RSA" || !strings.HasPrefix(rp.Package, "prepay_id=wx") || rp.NonceStr == "" || rp.TimeStamp == "" {
			t.Fatalf("RequestPayment = %+v", rp)
		}
		sig, err := base64.StdEncoding.DecodeString(rp.PaySign)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(rp.AppID + "\n" + rp.TimeStamp + "\n" + rp.NonceStr + "\n" + rp.Package + "\n"))
		if err := rsa.VerifyPKCS1v15(e.fake.MerchantPublicKey(), crypto.SHA256, sum[:], sig); err != nil {
			t.Fatalf("PaySign does not verify with the merchant key: %v", err)
		}
		// The same request again is the same trade.
		again := e.prepay(t, "MP0000000001", payment.MethodMiniProgram, 1234)
		if again.RequestPayment.Package != rp.Package {
			t.Fatalf("repeated prepay: package %q, want %q", again.RequestPayment.Package, rp.Package)
		}
		_, err = e.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: "MP0000000001", Description: "x", AmountFen: 999,
			Method: payment.MethodMiniProgram, PayerID: "o1"})
		if !errors.Is(err, payment.ErrProvider) || !strings.Contains(err.Error(), "商户订单号重复") {
			t.Fatalf("changed prepay: err = %v, want ErrProvider 商户订单号重复", err)
		}
	})
	t.Run("PrepayQR", func(t *testing.T) {
		p := e.prepay(t, "QR0000000001", payment.MethodQR, 500)
		if !strings.HasPrefix(p.CodeURL, "weixin://wxpay/bizpayurl?pr=") {
			t.Fatalf("CodeURL = %q", p.CodeURL)
		}
	})
	t.Run("PrepayH5", func(t *testing.T) {
		p := e.prepay(t, "H50000000001", payment.MethodH5, 500)
		want := e.api.URL + "/paysim/pay?provider=wechat&out_trade_no=H50000000001"
		if p.RedirectURL != want || e.fake.PayURL("H50000000001") != want {
			t.Fatalf("RedirectURL = %q, PayURL %q, want %q", p.RedirectURL, e.fake.PayURL("H50000000001"), want)
		}
	})
	t.Run("PrepayInvalid", func(t *testing.T) {
		_, err := e.gw.Prepay(ctx, payment.PrepayRequest{OutTradeNo: "BAD000000001", Description: "x", AmountFen: 0, Method: payment.MethodQR})
		if err == nil {
			t.Fatal("zero amount accepted")
		}
	})

	var paidTx string
	t.Run("PayAndNotify", func(t *testing.T) {
		e.prepay(t, "PAY000000001", payment.MethodQR, 2000)
		tr, err := e.gw.QueryTrade(ctx, "PAY000000001")
		if err != nil || tr.State != payment.TradeNotPaid || tr.AmountFen != 2000 || tr.ProviderState != "NOTPAY" {
			t.Fatalf("query before pay = %+v, %v", tr, err)
		}
		if err := e.fake.Pay("PAY000000001"); err != nil {
			t.Fatal(err)
		}
		n := e.next(t)
		if n.Trade == nil || n.Foreign != "" || n.Trade.State != payment.TradePaid || n.Trade.AmountFen != 2000 ||
			n.Trade.OutTradeNo != "PAY000000001" || n.Trade.TransactionID == "" || n.Trade.PaidAt.IsZero() || n.ID == "" {
			t.Fatalf("notification = %+v trade %+v", n, n.Trade)
		}
		tr, err = e.gw.QueryTrade(ctx, "PAY000000001")
		if err != nil || tr.State != payment.TradePaid || tr.TransactionID != n.Trade.TransactionID || !tr.PaidAt.Equal(n.Trade.PaidAt) {
			t.Fatalf("query after pay = %+v, %v; notified %+v", tr, err, n.Trade)
		}
		paidTx = tr.TransactionID
		if err := e.fake.Pay("PAY000000001"); err == nil {
			t.Fatal("paying twice succeeded")
		}
	})
	t.Run("QueryUnknown", func(t *testing.T) {
		if _, err := e.gw.QueryTrade(ctx, "NEVER0000001"); !errors.Is(err, payment.ErrTradeNotFound) {
			t.Fatalf("err = %v, want ErrTradeNotFound", err)
		}
	})
	t.Run("Close", func(t *testing.T) {
		e.prepay(t, "CLOSE0000001", payment.MethodH5, 100)
		if err := e.gw.CloseTrade(ctx, "CLOSE0000001"); err != nil {
			t.Fatal(err)
		}
		tr, err := e.gw.QueryTrade(ctx, "CLOSE0000001")
		if err != nil || tr.State != payment.TradeClosed {
			t.Fatalf("after close = %+v, %v", tr, err)
		}
		if err := e.fake.Pay("CLOSE0000001"); err == nil {
			t.Fatal("paid a closed trade")
		}
		if err := e.gw.CloseTrade(ctx, "PAY000000001"); !errors.Is(err, payment.ErrProvider) {
			t.Fatalf("closing a paid trade: err = %v, want ErrProvider", err)
		}
	})
	t.Run("Refund", func(t *testing.T) {
		r, err := e.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: "PAY000000001", OutRefundNo: "RF0000000001", AmountFen: 800, TotalFen: 2000, Reason: "退租"})
		if err != nil || r.State != payment.RefundProcessing || r.AmountFen != 800 || r.RefundID == "" {
			t.Fatalf("refund = %+v, %v", r, err)
		}
		n := e.next(t)
		if n.Refund == nil || n.Refund.State != payment.RefundSucceeded || n.Refund.OutRefundNo != "RF0000000001" ||
			n.Refund.AmountFen != 800 || n.Refund.TransactionID != paidTx || n.Refund.SucceededAt.IsZero() || n.Foreign != "" {
			t.Fatalf("refund notification = %+v refund %+v", n, n.Refund)
		}
		q, err := e.gw.QueryRefund(ctx, "PAY000000001", "RF0000000001")
		if err != nil || q.State != payment.RefundSucceeded || q.ProviderState != "SUCCESS" {
			t.Fatalf("query refund = %+v, %v", q, err)
		}
		tr, err := e.gw.QueryTrade(ctx, "PAY000000001")
		if err != nil || tr.State != payment.TradeRefunded {
			t.Fatalf("trade after refund = %+v, %v", tr, err)
		}
		_, err = e.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: "PAY000000001", OutRefundNo: "RF0000000002", AmountFen: 1201, TotalFen: 2000})
		if !errors.Is(err, payment.ErrProvider) || !strings.Contains(err.Error(), "NOT_ENOUGH") {
			t.Fatalf("over-refund: err = %v, want ErrProvider NOT_ENOUGH", err)
		}
	})
	t.Run("Statement", func(t *testing.T) {
		lines, err := e.gw.Statement(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var pay, refund bool
		for _, l := range lines {
			switch {
			case !l.Refund && l.OutTradeNo == "PAY000000001":
				pay = l.AmountFen == 2000 && l.TransactionID == paidTx && !l.At.IsZero()
			case l.Refund && l.OutRefundNo == "RF0000000001":
				refund = l.AmountFen == 800 && l.OutTradeNo == "PAY000000001"
			}
		}
		if !pay || !refund || len(lines) != 2 {
			t.Fatalf("statement = %+v, want the payment (2000) and the refund (800)", lines)
		}
		none, err := e.gw.Statement(ctx, time.Now().AddDate(0, 0, -3))
		if err != nil || len(none) != 0 {
			t.Fatalf("statement of a day without trades = %v, %v", none, err)
		}
	})
	t.Run("Rejected", func(t *testing.T) { testWechatRejected(t, e) })
}

func testWechatRejected(t *testing.T, e *wxEnv) {
	ctx := context.Background()
	e.prepay(t, "NOTE00000001", payment.MethodQR, 300)
	parse := func(o paysim.WechatNotifyOptions, tamper bool) (*payment.Notification, error) {
		t.Helper()
		req, err := e.fake.BuildNotification("NOTE00000001", o)
		if err != nil {
			t.Fatal(err)
		}
		if tamper {
			b, _ := io.ReadAll(req.Body)
			b = bytes.Replace(b, []byte(`"summary":"支付成功"`), []byte(`"summary":"支付成功!"`), 1)
			req.Body = io.NopCloser(bytes.NewReader(b))
		}
		return e.gw.ParseNotification(ctx, req)
	}
	if n, err := parse(paysim.WechatNotifyOptions{}, false); err != nil || n.Trade.State != payment.TradePaid || n.Foreign != "" {
		t.Fatalf("authentic: %+v, %v", n, err)
	}
	n, err := parse(paysim.WechatNotifyOptions{Edit: func(tx map[string]any) { tx["appid"] = "wx1111111111other" }}, false)
	if err != nil || n.Foreign == "" {
		t.Fatalf("another appid: Foreign %q, err %v", n.Foreign, err)
	}
	for _, c := range []struct {
		name   string
		o      paysim.WechatNotifyOptions
		tamper bool
		reason string
	}{
		{"ErrForged", paysim.WechatNotifyOptions{Forge: true}, false, "bad signature"},
		{"ErrWrongSerial", paysim.WechatNotifyOptions{Serial: "PUB_KEY_ID_0111111111111111111111111111"}, false, "unknown serial"},
		{"ErrStale", paysim.WechatNotifyOptions{Timestamp: time.Now().Add(-6 * time.Minute)}, false, "stale"},
		{"ErrTampered", paysim.WechatNotifyOptions{}, true, "bad signature"},
		{"ErrSignTest", paysim.WechatNotifyOptions{SignTest: true}, false, "SIGNTEST"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(c.o, c.tamper)
			if !errors.Is(err, payment.ErrUnverified) || !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("err = %v, want ErrUnverified (%s)", err, c.reason)
			}
			if len(err.Error()) > 160 || strings.Contains(err.Error(), "Wechatpay-") {
				t.Fatalf("error text is not short: %q", err)
			}
		})
	}
}

func TestWechat_Faults(t *testing.T) {
	e := newWxEnv(t, "public key", paysim.WechatOptions{})
	ctx := context.Background()

	t.Run("Duplicate", func(t *testing.T) {
		e.prepay(t, "DUP000000001", payment.MethodQR, 100)
		e.fake.SetFaults(paysim.Faults{Duplicate: 3})
		defer e.fake.SetFaults(paysim.Faults{})
		before := e.hitCount()
		if err := e.fake.Pay("DUP000000001"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 4; i++ {
			if n := e.next(t); n.Trade.OutTradeNo != "DUP000000001" {
				t.Fatalf("notification for %s", n.Trade.OutTradeNo)
			}
		}
		e.quiet(t, 150*time.Millisecond)
		if got := e.hitCount() - before; got != 4 {
			t.Fatalf("deliveries = %d, want 4", got)
		}
	})
	t.Run("Drop", func(t *testing.T) {
		e.prepay(t, "DROP00000001", payment.MethodQR, 100)
		e.fake.SetFaults(paysim.Faults{Drop: 1})
		defer e.fake.SetFaults(paysim.Faults{})
		before := e.hitCount()
		if err := e.fake.Pay("DROP00000001"); err != nil {
			t.Fatal(err)
		}
		e.quiet(t, 200*time.Millisecond)
		if got := e.hitCount() - before; got != 0 {
			t.Fatalf("deliveries = %d, want 0", got)
		}
		tr, err := e.gw.QueryTrade(ctx, "DROP00000001")
		if err != nil || tr.State != payment.TradePaid {
			t.Fatalf("query = %+v, %v; want paid", tr, err)
		}
	})
	t.Run("RejectThenRetry", func(t *testing.T) {
		e.prepay(t, "RETRY0000001", payment.MethodQR, 100)
		e.mu.Lock()
		e.rejects = 1
		e.mu.Unlock()
		before := e.hitCount()
		if err := e.fake.Pay("RETRY0000001"); err != nil {
			t.Fatal(err)
		}
		if n := e.next(t); n.Trade.OutTradeNo != "RETRY0000001" {
			t.Fatalf("notification for %s", n.Trade.OutTradeNo)
		}
		e.quiet(t, 100*time.Millisecond)
		if got := e.hitCount() - before; got != 2 {
			t.Fatalf("deliveries = %d, want 2 (refused, then retried)", got)
		}
	})
	t.Run("Forge", func(t *testing.T) {
		e.prepay(t, "FORGE0000001", payment.MethodQR, 100)
		e.fake.SetFaults(paysim.Faults{Forge: true})
		defer e.fake.SetFaults(paysim.Faults{})
		if err := e.fake.Pay("FORGE0000001"); err != nil {
			t.Fatal(err)
		}
		e.quiet(t, 200*time.Millisecond) // every retry refused, none accepted
		e.mu.Lock()
		defer e.mu.Unlock()
		if len(e.errs) == 0 || !errors.Is(e.errs[len(e.errs)-1], payment.ErrUnverified) {
			t.Fatalf("errors = %v, want ErrUnverified", e.errs)
		}
	})
}

func TestWechat_RefundFails(t *testing.T) {
	for _, outcome := range []string{"ABNORMAL", "CLOSED"} {
		t.Run(outcome, func(t *testing.T) {
			e := newWxEnv(t, "certificate", paysim.WechatOptions{RefundOutcome: outcome, RefundDelay: 10 * time.Millisecond})
			ctx := context.Background()
			e.prepay(t, "RFAIL0000001", payment.MethodQR, 100)
			if err := e.fake.Pay("RFAIL0000001"); err != nil {
				t.Fatal(err)
			}
			e.next(t)
			if _, err := e.gw.Refund(ctx, payment.RefundRequest{OutTradeNo: "RFAIL0000001", OutRefundNo: "RFX000000001", AmountFen: 100, TotalFen: 100}); err != nil {
				t.Fatal(err)
			}
			n := e.next(t)
			if n.Refund == nil || n.Refund.State != payment.RefundFailed || n.Refund.ProviderState != outcome {
				t.Fatalf("notification refund = %+v", n.Refund)
			}
			q, err := e.gw.QueryRefund(ctx, "RFAIL0000001", "RFX000000001")
			if err != nil || q.State != payment.RefundFailed {
				t.Fatalf("query refund = %+v, %v", q, err)
			}
		})
	}
}

func TestLoadWechatConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	t.Run("NotConfigured", func(t *testing.T) {
		cfg, err := payment.LoadWechatConfig(env(nil))
		if cfg != nil || err != nil {
			t.Fatalf("got %v, %v; want nil, nil", cfg, err)
		}
	})
	t.Run("ErrPartial", func(t *testing.T) {
		_, err := payment.LoadWechatConfig(env(map[string]string{
			"VOLTPAY_WECHAT_MCHID": "1900000001", "VOLTPAY_WECHAT_APIV3_KEY": "short",
			"VOLTPAY_WECHAT_NOTIFY_URL": "https://pay.example.com/hook?x=1",
		}))
		if err == nil {
			t.Fatal("partial config accepted")
		}
		for _, v := range []string{"VOLTPAY_WECHAT_APPID", "VOLTPAY_WECHAT_MCH_SERIAL", "VOLTPAY_WECHAT_MCH_KEY_FILE",
			"VOLTPAY_WECHAT_APIV3_KEY", "VOLTPAY_WECHAT_PUBKEY_ID", "VOLTPAY_WECHAT_PLATFORM_CERT_FILES", "VOLTPAY_WECHAT_NOTIFY_URL"} {
			if !strings.Contains(err.Error(), v) {
				t.Errorf("error does not name %s:\n%v", v, err)
			}
		}
		if strings.Contains(err.Error(), "short") {
			t.Errorf("error shows the APIv3 key: %v", err)
		}
	})
	for _, mode := range []string{"public key", "certificate"} {
		t.Run("WriteFiles "+mode, func(t *testing.T) {
			fake, err := paysim.NewWechat(paysim.WechatOptions{CertMode: mode == "certificate"})
			if err != nil {
				t.Fatal(err)
			}
			api := httptest.NewServer(fake.Handler())
			t.Cleanup(func() { fake.Close(); api.Close() })
			vars, err := fake.WriteFiles(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			vars["VOLTPAY_WECHAT_NOTIFY_URL"] = "http://127.0.0.1:9/webhooks/wechat"
			vars["VOLTPAY_WECHAT_BASE_URL"] = api.URL
			cfg, err := payment.LoadWechatConfig(env(vars))
			if err != nil || cfg == nil {
				t.Fatalf("load: %v", err)
			}
			gw, err := payment.NewWechat(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			p, err := gw.Prepay(context.Background(), payment.PrepayRequest{OutTradeNo: "ENV000000001", Description: "充值",
				AmountFen: 100, Method: payment.MethodQR})
			if err != nil || p.CodeURL == "" {
				t.Fatalf("prepay = %+v, %v", p, err)
			}
		})
	}
}
