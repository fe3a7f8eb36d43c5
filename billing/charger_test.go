package billing

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// fakeCharges records ChargeMeters calls; it fails while fail > 0.
type fakeCharges struct {
	mu      sync.Mutex
	pending []int64 // what PendingMeters lists
	calls   [][]int64
	fail    int
	called  chan struct{}
}

func (f *fakeCharges) ChargeMeters(_ context.Context, ids []int64) (voltpay.ChargeStats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	defer func() { f.called <- struct{}{} }()
	if f.fail > 0 {
		f.fail--
		return voltpay.ChargeStats{}, errors.New("database down")
	}
	f.calls = append(f.calls, slices.Clone(ids))
	return voltpay.ChargeStats{Meters: len(ids)}, nil
}

func (f *fakeCharges) PendingMeters(_ context.Context, after int64, limit int) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []int64
	for _, id := range f.pending {
		if id > after && len(out) < limit {
			out = append(out, id)
		}
	}
	return out, nil
}

// charged returns every meter charged so far, sorted.
func (f *fakeCharges) charged() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []int64
	for _, c := range f.calls {
		out = append(out, c...)
	}
	slices.Sort(out)
	return out
}

func waitFor(t *testing.T, f *fakeCharges, want []int64) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !slices.Equal(f.charged(), want) {
		select {
		case <-f.called:
		case <-deadline:
			t.Fatalf("charged %v, want %v", f.charged(), want)
		}
	}
}

func TestCharger(t *testing.T) {
	f := &fakeCharges{pending: []int64{1, 2, 3, 4, 5}, fail: 1, called: make(chan struct{}, 100)}
	c := NewCharger(ChargerConfig{Batch: 2, Retry: time.Millisecond, Sweep: time.Hour}, f, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()

	// The first sweep finds 1..5; the first call fails and is retried.
	waitFor(t, f, []int64{1, 2, 3, 4, 5})
	c.Notify([]int64{7, 6, 7})
	waitFor(t, f, []int64{1, 2, 3, 4, 5, 6, 7})
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v", err)
	}
	for _, call := range f.calls {
		if len(call) > 2 || !slices.IsSorted(call) {
			t.Fatalf("calls %v: batches of at most 2, in id order", f.calls)
		}
	}
}
