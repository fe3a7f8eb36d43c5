package events_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/events"
)

func TestBus_Deliver(t *testing.T) {
	bus := events.New()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b1, b2 := bus.SubscribeBalance(ctx), bus.SubscribeBalance(ctx)
	meters, alarms := bus.SubscribeMeter(ctx), bus.SubscribeAlarm(ctx)
	cmds := bus.SubscribeCommand(ctx)

	acct := &voltpay.Account{ID: 7}
	bus.PublishBalance(voltpay.BalanceChange{Account: acct})
	bus.PublishMeter(&voltpay.Meter{ID: 3})
	bus.PublishAlarm(&voltpay.Alarm{ID: 5, Kind: voltpay.AlarmArrears})
	bus.PublishCommand(&voltpay.Command{ID: 9, State: voltpay.CommandSent})
	bus.PublishMeter(nil) // ignored
	bus.PublishCommand(nil)

	for i, ch := range []<-chan voltpay.BalanceChange{b1, b2} {
		if got := receive(t, ch); got.Account != acct {
			t.Fatalf("balance subscriber %d: got %+v, want account 7", i, got)
		}
	}
	if got := receive(t, meters); got.ID != 3 {
		t.Fatalf("meter: got id %d, want 3", got.ID)
	}
	if got := receive(t, alarms); got.ID != 5 {
		t.Fatalf("alarm: got id %d, want 5", got.ID)
	}
	if got := receive(t, cmds); got.ID != 9 {
		t.Fatalf("command: got id %d, want 9", got.ID)
	}
	select {
	case c := <-cmds:
		t.Fatalf("unexpected command event %+v", c)
	default:
	}
	select {
	case m := <-meters:
		t.Fatalf("unexpected meter event %+v", m)
	default:
	}
}

func TestBus_CloseOnDone(t *testing.T) {
	bus := events.New()
	ctx, cancel := context.WithCancel(context.Background())
	ch := bus.SubscribeAlarm(ctx)
	if n := bus.Subscribers(); n != 1 {
		t.Fatalf("Subscribers: got %d, want 1", n)
	}
	cancel()
	select {
	case _, ok := <-ch:
		if ok {
			t.Fatal("received an event, want the channel closed")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("channel not closed 5s after its context was cancelled")
	}
	if n := bus.Subscribers(); n != 0 {
		t.Fatalf("Subscribers after cancel: got %d, want 0", n)
	}
	bus.PublishAlarm(&voltpay.Alarm{ID: 1}) // must not panic on the closed channel

	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, ok := <-bus.SubscribeMeter(done); ok {
		t.Fatal("subscription with a done context delivered an event")
	}
}

func TestBus_SlowSubscriberDrops(t *testing.T) {
	bus := events.New()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow, fast := bus.SubscribeMeter(ctx), bus.SubscribeMeter(ctx)

	var got []int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m := range fast { // until cancel closes it
			got = append(got, m.ID)
		}
	}()
	start := time.Now()
	for i := int64(1); i <= 1000; i++ {
		bus.PublishMeter(&voltpay.Meter{ID: i})
		if i%50 == 0 {
			time.Sleep(time.Millisecond) // let the fast reader keep up
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("publishing 1000 events took %v: publishing blocked on a slow subscriber", d)
	}
	if n := len(slow); n != events.BufferSize {
		t.Fatalf("slow subscriber buffered %d, want %d", n, events.BufferSize)
	}
	cancel()
	<-done
	if len(got) != 1000 {
		t.Logf("fast subscriber got %d of 1000 (it too may drop under load)", len(got))
	}
	if d := bus.Dropped(); d < 1000-events.BufferSize {
		t.Fatalf("Dropped: got %d, want at least %d", d, 1000-events.BufferSize)
	}
}

func TestBus_Concurrent(t *testing.T) {
	bus := events.New()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range 500 {
				bus.PublishBalance(voltpay.BalanceChange{Account: &voltpay.Account{ID: int64(i)}})
			}
		})
	}
	for range 8 {
		wg.Go(func() {
			for range 20 {
				ctx, cancel := context.WithCancel(context.Background())
				ch := bus.SubscribeBalance(ctx)
				go func() {
					for range ch {
					}
				}()
				time.Sleep(100 * time.Microsecond)
				cancel()
			}
		})
	}
	wg.Wait()
}

func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v, ok := <-ch:
		if !ok {
			t.Fatal("channel closed, want an event")
		}
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	var zero T
	return zero
}
