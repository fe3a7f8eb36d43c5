package billing

import (
	"context"
	"time"
)

// runLoop is the loop of the Charger and the Controller: work whenever
// wake fires, sweep at start and every sweepEvery (to catch what no
// notification announced), until ctx ends. work re-queues what it could
// not do and reports false; the loop then waits retry (the database may be
// down) and works again.
func runLoop(ctx context.Context, sweepEvery, retry time.Duration, wake <-chan struct{},
	sweep func(context.Context), work func(context.Context) bool) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			sweep(ctx)
			t.Reset(sweepEvery)
		case <-wake:
		}
		for !work(ctx) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(retry):
			}
		}
	}
}
