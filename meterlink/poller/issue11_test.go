package poller_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/poller"
)

// TestIssue11_MeterClockZone: the meter clock is read in the zone the
// poller and the executor set it in (Config.MeterZone), not in China time
// whatever the configuration.
func TestIssue11_MeterClockZone(t *testing.T) {
	e := newEnv(t)
	zone := time.FixedZone("UTC+9", 9*3600)
	// The meter keeps UTC+9 wall time; a simulated meter shows the China
	// wall time of its own instant, so that instant is an hour ahead.
	e.byID[1].SetTime(time.Now().Add(time.Hour))
	p := poller.New(poller.Config{BusSettings: testSettings, MeterZone: zone}, e.src, e.sink, nil)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rs, err := p.ReadMeters(ctx, []int64{1})
	if err != nil || len(rs) != 1 || rs[0] == nil || rs[0].MeterClock == nil {
		t.Fatalf("read: %v, %v", rs, err)
	}
	if d := time.Until(*rs[0].MeterClock).Abs(); d > 5*time.Second {
		t.Fatalf("meter clock read as %s, off by %s: decoded in another zone than it is set in", rs[0].MeterClock, d)
	}
}
