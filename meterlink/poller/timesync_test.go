package poller_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/poller"
)

// TestPoller_TimeSync: Run broadcasts the time on DL/T 645 buses, which
// corrects a meter 2 minutes off; a meter an hour off ignores it, as real
// meters do (the time_sync command writes its clock instead).
func TestPoller_TimeSync(t *testing.T) {
	if dlt645.NearMidnight(time.Now().In(poller.ChinaTime)) {
		t.Skip("meters ignore broadcast time near their midnight")
	}
	e := newEnv(t)
	near, far := e.byID[1], e.byID[6] // one on each DL/T 645 gateway
	near.SetTime(time.Now().Add(2 * time.Minute))
	far.SetTime(time.Now().Add(time.Hour))
	p := poller.New(poller.Config{BusSettings: testSettings, StatusInterval: time.Hour}, e.src, e.sink, nil)
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	for deadline := time.Now().Add(10 * time.Second); time.Until(near.Now()).Abs() > 5*time.Second; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("meter clock still off by %s after 10 s of Run", time.Until(near.Now()))
		}
	}
	cancel()
	<-done
	if d := time.Until(far.Now()); d < 55*time.Minute {
		t.Errorf("a meter an hour off took the broadcast time (now off by %s)", d)
	}
}
