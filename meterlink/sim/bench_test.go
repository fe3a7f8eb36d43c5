package sim_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// BenchmarkGateway_Read645 measures one DL/T 645 read over loopback with
// line timing off (Baud 0), the simulator's ceiling for throughput tests.
func BenchmarkGateway_Read645(b *testing.B) {
	f, cl := oneMeter645(b, 1, prepaid(), sim.GatewayConfig{})
	req := dlt645.ReadRequest(f.Meters()[0].Addr(), dlt645.DIBalance)
	for b.Loop() {
		if _, err := cl.exchange(req, time.Second); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMeter_AdvanceDay measures a day of accrual in one call.
func BenchmarkMeter_AdvanceDay(b *testing.B) {
	m := sim.NewMeter(sim.MeterConfig{Prepaid: true, BalanceFen: 1 << 40}, sim.NewManualClock(sim.Epoch))
	for b.Loop() {
		m.Advance(24 * time.Hour)
	}
}
