// Package rechargetest gives tests the recharge service with the real
// payment SDKs talking to both offline fake gateways (payment/paysim) over
// loopback HTTP, as pgtest gives them a real database.
package rechargetest

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

// QuickRetries is the fakes' notification retry schedule in tests: a
// refused notification comes again at once.
var QuickRetries = []time.Duration{20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond}

// New returns the recharge service on db with both channels configured
// for fresh fakes (served until the test ends), whose notifications go to
// notifyBase/pay/notify/{wechat,alipay}; mount the service's webhooks
// there. log may be nil.
func New(tb testing.TB, db *postgres.DB, notifyBase string, log *slog.Logger) (*recharge.Service, *paysim.Server) {
	tb.Helper()
	gateways, fakes := Gateways(tb, notifyBase)
	return recharge.New(postgres.NewRechargeStore(db), gateways, nil, log), fakes
}

// Gateways returns both channels' gateways for fresh fakes (served until
// the test ends), for tests that build services of their own on them.
func Gateways(tb testing.TB, notifyBase string) (map[string]payment.Gateway, *paysim.Server) {
	tb.Helper()
	fakes, err := paysim.NewServer(nil)
	if err != nil {
		tb.Fatal(err)
	}
	fake := httptest.NewServer(fakes.Handler())
	tb.Cleanup(func() { fakes.Close(); fake.Close() })
	for _, d := range []*paysim.Deliverer{fakes.Wechat.Deliverer(), fakes.Alipay.Deliverer()} {
		d.Retries = QuickRetries
	}
	wx, err := payment.NewWechat(context.Background(), fakes.Wechat.ClientConfig(notifyBase+"/pay/notify/wechat", fake.URL))
	if err != nil {
		tb.Fatalf("wechat gateway: %v", err)
	}
	ali, err := payment.NewAlipay(fakes.Alipay.ClientConfig(notifyBase+"/pay/notify/alipay", fake.URL))
	if err != nil {
		tb.Fatalf("alipay gateway: %v", err)
	}
	return map[string]payment.Gateway{voltpay.ChannelWechat: wx, voltpay.ChannelAlipay: ali}, fakes
}
