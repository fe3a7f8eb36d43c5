package payment_test

import (
	"context"
	"net"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/things-go/go-socks5"

	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
)

// The providers' APIs are reached through the optional SOCKS5 egress
// proxy (VOLTPAY_PAY_PROXY) when one is configured: a prepay goes through
// a real SOCKS5 server with a password, and a wrong password fails.
func TestEgressProxy(t *testing.T) {
	fake, err := paysim.NewWechat(paysim.WechatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(fake.Handler())
	t.Cleanup(func() { fake.Close(); api.Close() })

	var through atomic.Int64
	proxy := socks5.NewServer(
		socks5.WithCredential(socks5.StaticCredentials{"voltpay": "egress-secret"}),
		socks5.WithDialAndRequest(func(ctx context.Context, network, addr string, _ *socks5.Request) (net.Conn, error) {
			through.Add(1)
			return (&net.Dialer{Timeout: 2 * time.Second}).DialContext(ctx, network, addr)
		}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go proxy.Serve(ln)

	prepay := func(password string) error {
		cfg := fake.ClientConfig("https://merchant.example/pay/notify/wechat", api.URL)
		cfg.HTTP.Proxy = "socks5://voltpay:" + password + "@" + ln.Addr().String()
		gw, err := payment.NewWechat(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = gw.Prepay(context.Background(), payment.PrepayRequest{OutTradeNo: "VPPROXY" + password[:4] + time.Now().Format("150405"),
			Description: "电费充值", AmountFen: 100, Method: payment.MethodQR, ExpiresAt: time.Now().Add(10 * time.Minute)})
		return err
	}
	if err := prepay("egress-secret"); err != nil {
		t.Fatalf("prepay through the proxy: %v", err)
	}
	if through.Load() == 0 {
		t.Fatal("the prepay did not go through the proxy")
	}
	if err := prepay("wrong-secret"); err == nil {
		t.Fatal("a wrong proxy password went through")
	}
	if _, err := payment.NewHTTPClient(payment.HTTPOptions{Proxy: "ftp://x"}); err == nil {
		t.Fatal("an ftp proxy was accepted")
	}
}
