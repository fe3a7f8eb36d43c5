package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// BenchmarkSaleToClose measures how soon a sale brings the power back: a
// tenant in arrears with a tripped simulated meter pays (LedgerService.Sell,
// as the sales desk or a payment webhook does); the controller hears the
// balance event, enqueues the close, the executor (woken by the command
// event, as in `voltpay serve`) claims it (state sent: the frame goes out)
// and confirms it by reading status word 3 back. Each iteration first puts
// the account back into arrears and lets the trip settle (not timed). It
// reports p50 and p99, over the iterations, of sale → close enqueued, sale
// → close sent and sale → close confirmed, with the simulator on loopback
// (no line timing: add ~0.3 s per exchange at 9600 baud).
//
//	go test -run '^$' -bench BenchmarkSaleToClose -benchtime 30x ./server/
func BenchmarkSaleToClose(b *testing.B) {
	env := newBillingEnv(b)
	events := env.db.Events.SubscribeCommand(context.Background())
	var enqueued, sent, confirmed []time.Duration
	for range b.N {
		b.StopTimer()
		env.consume(b, int64(env.balance(b))*10+100) // 1 yuan/kWh: 10 Wh a fen, into arrears
		eventually(b, "the relay opens", func() bool { return env.sm.State().RelayOpen })
		env.settle(b)
		drain(events)
		b.StartTimer()

		start := time.Now()
		env.sell(b, 1000)
		var got [3]time.Duration
		for got[2] == 0 {
			select {
			case c := <-events:
				if c.CreatedBy != billing.ControlActor || c.Kind != voltpay.CmdClose {
					continue
				}
				d := time.Since(start)
				switch c.State {
				case voltpay.CommandPending:
					if got[0] == 0 {
						got[0] = d
					}
				case voltpay.CommandSent:
					got[1] = d
				case voltpay.CommandConfirmed:
					got[2] = d
				}
			case <-time.After(30 * time.Second):
				b.Fatal("no close confirmed within 30 s of the sale")
			}
		}
		enqueued, sent, confirmed = append(enqueued, got[0]), append(sent, got[1]), append(confirmed, got[2])
	}
	for _, m := range []struct {
		name string
		ds   []time.Duration
	}{{"enqueued", enqueued}, {"sent", sent}, {"confirmed", confirmed}} {
		b.ReportMetric(percentile(m.ds, 50).Seconds()*1000, m.name+"-p50-ms")
		b.ReportMetric(percentile(m.ds, 99).Seconds()*1000, m.name+"-p99-ms")
	}
}

// drain empties ch of what is already there.
func drain[T any](ch <-chan T) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// percentile returns the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i-1, 0)]
}
