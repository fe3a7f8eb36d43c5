package billing

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// recordingNotifier keeps what it was told.
type recordingNotifier struct {
	mu  sync.Mutex
	got []*voltpay.Alarm
	ch  chan struct{}
}

func (n *recordingNotifier) AlarmChanged(_ context.Context, a *voltpay.Alarm) {
	n.mu.Lock()
	n.got = append(n.got, a)
	n.mu.Unlock()
	select {
	case n.ch <- struct{}{}:
	default:
	}
}

// TestController_ReadingFaults: the meters a charge batch faulted reach the
// store's ReadingFaults from Run (not from the charger's goroutine), and
// what it changed reaches the notifier.
func TestController_ReadingFaults(t *testing.T) {
	f := newFakeControl()
	n := &recordingNotifier{ch: make(chan struct{}, 1)}
	c := NewController(ControllerConfig{Sweep: time.Hour}, f, f, n, nil)
	c.Charged(voltpay.ChargeStats{Faulted: []int64{7}})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go c.Run(ctx)
	select {
	case <-n.ch:
	case <-ctx.Done():
		t.Fatal("the notifier heard of no reading fault")
	}
	cancel()
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.got) != 1 || n.got[0].Kind != voltpay.AlarmReadingFault || *n.got[0].MeterID != 7 {
		t.Fatalf("notified %+v, want one reading_fault of meter 7", n.got)
	}
}

// TestOwnAlarm: Follow forwards to the notifier only the kinds other
// services raise, so that no alarm is notified twice.
func TestOwnAlarm(t *testing.T) {
	for kind, own := range map[string]bool{
		voltpay.AlarmLevel1: true, voltpay.AlarmLevel2: true, voltpay.AlarmArrears: true, voltpay.AlarmReadingFault: true,
		voltpay.AlarmOffline: false, voltpay.AlarmOverload: false, voltpay.AlarmGatewayOffline: false,
		voltpay.AlarmBalanceMismatch: false,
	} {
		if ownAlarm(kind) != own {
			t.Errorf("ownAlarm(%q) = %v, want %v", kind, !own, own)
		}
	}
}
