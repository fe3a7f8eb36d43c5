package poller

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/voltpay/voltpay"
)

// DefaultWriteBatch is how many readings a cycle writes to the Sink at a
// time: one transaction per 5,000 readings instead of one per gateway,
// which is most of the cost of a cycle over many small buses.
const DefaultWriteBatch = 5000

// batcher gathers the readings of a cycle's gateways and writes them in
// batches of WriteBatch from one goroutine, while the buses go on reading.
// Readings wait at most until the batch fills or the cycle ends.
type batcher struct {
	p    *Poller
	ctx  context.Context
	in   chan []*voltpay.Reading
	done chan struct{}

	mu   sync.Mutex
	errs []error
}

func (p *Poller) newBatcher(ctx context.Context) *batcher {
	b := &batcher{p: p, ctx: ctx, in: make(chan []*voltpay.Reading, 64), done: make(chan struct{})}
	go b.run()
	return b
}

// add queues readings for writing.
func (b *batcher) add(rs []*voltpay.Reading) {
	if len(rs) > 0 {
		b.in <- rs
	}
}

// close writes what is left and returns the write errors of the cycle.
func (b *batcher) close() error {
	close(b.in)
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	return errors.Join(b.errs...)
}

func (b *batcher) run() {
	defer close(b.done)
	var pending []*voltpay.Reading
	for rs := range b.in {
		pending = append(pending, rs...)
		if len(pending) >= b.p.cfg.WriteBatch {
			b.write(pending)
			pending = nil
		}
	}
	b.write(pending)
}

func (b *batcher) write(rs []*voltpay.Reading) {
	if len(rs) == 0 {
		return
	}
	if _, err := b.p.sink.RecordReadings(b.ctx, rs); err != nil {
		b.mu.Lock()
		b.errs = append(b.errs, fmt.Errorf("poller: record %d readings: %w", len(rs), err))
		b.mu.Unlock()
	}
}
