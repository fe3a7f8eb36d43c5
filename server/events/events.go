// Package events is the in-process implementation of voltpay.Events: a bus
// that fans out balance, meter, alarm and command changes from the services (after
// their transaction committed) to API subscriptions.
package events

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/voltpay/voltpay"
)

// BufferSize is how many events a subscriber may fall behind before it
// loses events.
const BufferSize = 64

// Bus is an in-process voltpay.Events. Publishing never blocks: each
// subscriber has a buffer of BufferSize events, and an event that finds a
// subscriber's buffer full is dropped for that subscriber (and counted in
// Dropped). Subscribers receive shared pointers and must not modify what
// they receive. A Bus is safe for concurrent use; the zero value is not,
// use New.
type Bus struct {
	balance topic[voltpay.BalanceChange]
	meter   topic[*voltpay.Meter]
	alarm   topic[*voltpay.Alarm]
	command topic[*voltpay.Command]
	dropped atomic.Uint64
}

var _ voltpay.Events = (*Bus)(nil)

// New returns an empty Bus.
func New() *Bus {
	b := &Bus{}
	b.balance.init(&b.dropped)
	b.meter.init(&b.dropped)
	b.alarm.init(&b.dropped)
	b.command.init(&b.dropped)
	return b
}

// PublishBalance sends c to every balance subscriber that has room.
func (b *Bus) PublishBalance(c voltpay.BalanceChange) { b.balance.publish(c) }

// PublishMeter sends m to every meter subscriber that has room.
func (b *Bus) PublishMeter(m *voltpay.Meter) {
	if m != nil {
		b.meter.publish(m)
	}
}

// PublishAlarm sends a to every alarm subscriber that has room.
func (b *Bus) PublishAlarm(a *voltpay.Alarm) {
	if a != nil {
		b.alarm.publish(a)
	}
}

// PublishCommand sends c to every command subscriber that has room.
func (b *Bus) PublishCommand(c *voltpay.Command) {
	if c != nil {
		b.command.publish(c)
	}
}

// SubscribeBalance returns a channel of balance changes published from now
// on; it is closed when ctx is done.
func (b *Bus) SubscribeBalance(ctx context.Context) <-chan voltpay.BalanceChange {
	return b.balance.subscribe(ctx)
}

// SubscribeMeter returns a channel of meter changes published from now on;
// it is closed when ctx is done.
func (b *Bus) SubscribeMeter(ctx context.Context) <-chan *voltpay.Meter {
	return b.meter.subscribe(ctx)
}

// SubscribeAlarm returns a channel of alarms published from now on; it is
// closed when ctx is done.
func (b *Bus) SubscribeAlarm(ctx context.Context) <-chan *voltpay.Alarm {
	return b.alarm.subscribe(ctx)
}

// SubscribeCommand returns a channel of command changes published from now
// on; it is closed when ctx is done.
func (b *Bus) SubscribeCommand(ctx context.Context) <-chan *voltpay.Command {
	return b.command.subscribe(ctx)
}

// Dropped returns how many deliveries were dropped because a subscriber's
// buffer was full, over all topics since New. Export it as a metric: a
// growing count means a subscriber cannot keep up.
func (b *Bus) Dropped() uint64 { return b.dropped.Load() }

// Subscribers returns the number of live subscriptions over all topics.
func (b *Bus) Subscribers() int {
	return b.balance.len() + b.meter.len() + b.alarm.len() + b.command.len()
}

// topic is the subscribers of one kind of event.
type topic[T any] struct {
	mu      sync.RWMutex
	subs    map[chan T]struct{}
	dropped *atomic.Uint64
}

func (t *topic[T]) init(dropped *atomic.Uint64) {
	t.subs = make(map[chan T]struct{})
	t.dropped = dropped
}

// publish sends v to each subscriber without blocking. It holds the read
// lock, so a subscription cannot be closed while it is sent to.
func (t *topic[T]) publish(v T) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for ch := range t.subs {
		select {
		case ch <- v:
		default:
			t.dropped.Add(1)
		}
	}
}

func (t *topic[T]) subscribe(ctx context.Context) <-chan T {
	ch := make(chan T, BufferSize)
	t.mu.Lock()
	t.subs[ch] = struct{}{}
	t.mu.Unlock()
	context.AfterFunc(ctx, func() {
		t.mu.Lock()
		delete(t.subs, ch)
		close(ch)
		t.mu.Unlock()
	})
	return ch
}

func (t *topic[T]) len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.subs)
}
