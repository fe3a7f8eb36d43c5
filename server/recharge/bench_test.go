package recharge_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkNotifications measures payment notifications processed per
// second through the webhook (the real SDK verifying and, for WeChat,
// decrypting; the order's move to paid, the credit and the relay close in
// one transaction), 1 or 8 at a time, each for another account in arrears
// with a meter to close; and the latency from the notification's arrival
// to the close command being committed (handed to meterlink), which is
// when the webhook answers.
//
//	go test -run '^$' -bench Notifications -benchtime 2000x ./server/recharge/
func BenchmarkNotifications(b *testing.B) {
	for _, c := range []struct {
		ch       string
		inFlight int
	}{{voltpay.ChannelWechat, 1}, {voltpay.ChannelWechat, 8}, {voltpay.ChannelAlipay, 1}, {voltpay.ChannelAlipay, 8}} {
		ch := c.ch
		b.Run(fmt.Sprintf("%s/in-flight-%d", ch, c.inFlight), func(b *testing.B) {
			r := newRig(b)
			r.fake(ch).SetFaults(paysim.Faults{Drop: b.N}) // the benchmark posts them itself
			reqs := make([]*http.Request, b.N)
			for i := range reqs {
				r.account = r.openAccount(b, 0)
				r.meterFor(b, r.account)
				o := r.order(b, ch, 1000)
				if err := r.fake(ch).Pay(o.OutTradeNo); err != nil {
					b.Fatal(err)
				}
				reqs[i] = r.build(b, ch, o.OutTradeNo, buildOpts{})
			}
			lat := make([]time.Duration, b.N)
			next := make(chan int)
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range c.inFlight {
				wg.Go(func() {
					for i := range next {
						t0 := time.Now()
						if code, body := r.post(b, reqs[i]); code != http.StatusOK && code != http.StatusNoContent {
							b.Errorf("notification %d: %d %s", i, code, body)
						}
						lat[i] = time.Since(t0)
					}
				})
			}
			for i := range reqs {
				next <- i
			}
			close(next)
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			var closes int
			if err := r.db.GetContext(sys(), &closes, `SELECT count(*) FROM meter_commands c JOIN meters m ON m.id = c.meter_id
				WHERE c.kind = 'close' AND m.site_id IN (SELECT site_id FROM accounts WHERE id IN (
					SELECT account_id FROM recharge_orders WHERE channel = $1 AND state = 'paid'))`, ch); err != nil {
				b.Fatal(err)
			}
			if closes < b.N {
				b.Fatalf("%d close commands for %d payments", closes, b.N)
			}
			slices.Sort(lat)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "notifications/s")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// meterFor attaches a new direct DL/T 645 meter to a (its relay unknown,
// so a payment lifting a from zero closes it).
func (r *rig) meterFor(tb testing.TB, a *voltpay.Account) *voltpay.Meter {
	tb.Helper()
	m, err := postgres.NewMeterService(r.db).CreateMeter(sys(), voltpay.MeterInput{SiteID: a.SiteID,
		Address: fmt.Sprintf("%012d", seq.Add(1)), Protocol: voltpay.MeterProtocolDLT645, Model: "DDSY1352"})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := postgres.NewAccountService(r.db).AttachMeter(sys(), a.ID, m.ID); err != nil {
		tb.Fatal(err)
	}
	return m
}
