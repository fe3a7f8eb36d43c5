package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// newTestRecharge is the recharge service with the real SDKs talking to
// both fake gateways (paysim, on loopback), whose notifications go to
// notifyBase/pay/notify/{wechat,alipay}.
func newTestRecharge(tb testing.TB, db *postgres.DB, notifyBase string, log *slog.Logger) (*recharge.Service, *paysim.Server) {
	tb.Helper()
	fakes, err := paysim.NewServer(nil)
	if err != nil {
		tb.Fatal(err)
	}
	fake := httptest.NewServer(fakes.Handler())
	tb.Cleanup(func() { fakes.Close(); fake.Close() })
	for _, d := range []*paysim.Deliverer{fakes.Wechat.Deliverer(), fakes.Alipay.Deliverer()} {
		d.Retries = []time.Duration{20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond}
	}
	wx, err := payment.NewWechat(context.Background(), fakes.Wechat.ClientConfig(notifyBase+"/pay/notify/wechat", fake.URL))
	if err != nil {
		tb.Fatal(err)
	}
	ali, err := payment.NewAlipay(fakes.Alipay.ClientConfig(notifyBase+"/pay/notify/alipay", fake.URL))
	if err != nil {
		tb.Fatal(err)
	}
	rc := recharge.New(postgres.NewRechargeStore(db), map[string]payment.Gateway{voltpay.ChannelWechat: wx, voltpay.ChannelAlipay: ali}, nil, log)
	return rc, fakes
}

// newPayEnv is a testEnv whose server also runs self-service recharge
// against the fake gateways, with its webhooks mounted.
func newPayEnv(tb testing.TB) (*testEnv, *paysim.Server) {
	tb.Helper()
	e := newEnv(tb)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	rc, fakes := newTestRecharge(tb, e.DB, base, slog.New(slog.DiscardHandler))
	e.Res.RechargeService = rc
	srv.Config.Handler = newHTTPHandler(testConfig(), e.Res, e.DB, slog.New(slog.DiscardHandler))
	srv.Start()
	tb.Cleanup(srv.Close)
	e.Srv = srv
	return e, fakes
}
