// Package paysim holds offline fake payment gateways: a fake WeChat Pay
// (APIv3) and a fake Alipay (openapi gateway) that keep trades and refunds,
// sign their responses and notifications with locally generated keys so
// that the real SDKs accept them, and deliver notifications to the
// merchant's notify URL on the providers' retry schedule (shortened). They
// can be told to duplicate, delay, reorder, forge or drop notifications,
// which is how the platform's webhooks are tested. The demo runs them with
// `voltpay paysim`, and a small page plays the payer.
package paysim

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Faults are what a fake does wrong when it delivers notifications. The
// zero value delivers each notification once, at once, correctly signed.
type Faults struct {
	// Duplicate sends every notification this many extra times, all at
	// once (concurrently), as the providers do after a timeout.
	Duplicate int
	// Delay holds each notification back this long before its first try.
	Delay time.Duration
	// Reorder holds notifications back until the next one is due, then
	// sends them newest first.
	Reorder bool
	// Forge sends notifications with a wrong signature (and nothing else
	// changed): the merchant must reject them.
	Forge bool
	// Drop loses the next Drop notifications entirely (never sent, never
	// retried): the merchant must find the payment by querying.
	Drop int
}

// DefaultRetries is the providers' retry schedule shortened 1000×
// (WeChat Pay: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h;
// Alipay's 4m/10m/10m/1h/2h/6h/15h is shortened the same way by its fake).
var DefaultRetries = []time.Duration{
	15 * time.Millisecond, 15 * time.Millisecond, 30 * time.Millisecond, 180 * time.Millisecond,
	600 * time.Millisecond, 1200 * time.Millisecond, 1800 * time.Millisecond, 1800 * time.Millisecond,
	1800 * time.Millisecond, 3600 * time.Millisecond, 3 * 3600 * time.Millisecond, 3 * 3600 * time.Millisecond,
	3 * 3600 * time.Millisecond, 6 * 3600 * time.Millisecond, 6 * 3600 * time.Millisecond,
}

// reorderGap is how long notifications held back by Faults.Reorder wait
// after the newer one that releases them.
const reorderGap = 30 * time.Millisecond

// Message builds one notification attempt. Each attempt is built afresh
// (a new timestamp and signature, as the providers do); forge asks for a
// wrong signature.
type Message func(forge bool) (*http.Request, error)

// Accepted tells whether the merchant's answer acknowledges the
// notification (WeChat: 200/204; Alipay: 200 with body "success").
type Accepted func(resp *http.Response, body []byte) bool

// Deliverer sends notifications with retries and faults. One Deliverer
// serves one fake.
type Deliverer struct {
	Client  *http.Client
	Retries []time.Duration // DefaultRetries when nil
	Log     *slog.Logger

	mu     sync.Mutex
	faults Faults
	held   []func() // Reorder: notifications waiting for the next one
	wg     sync.WaitGroup
	ctx    context.Context
	cancel context.CancelFunc
	sent   int // attempts made, for tests
}

// SetFaults changes the faults of notifications sent from now on.
func (d *Deliverer) SetFaults(f Faults) {
	d.mu.Lock()
	d.faults = f
	d.mu.Unlock()
}

// Attempts is how many notification requests were sent so far.
func (d *Deliverer) Attempts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sent
}

// Send delivers one notification in the background.
func (d *Deliverer) Send(build Message, ok Accepted) {
	d.mu.Lock()
	if d.ctx == nil {
		d.ctx, d.cancel = context.WithCancel(context.Background())
	}
	f := d.faults
	if f.Drop > 0 {
		d.faults.Drop--
		d.mu.Unlock()
		d.logger().Info("paysim: notification dropped (fault)")
		return
	}
	run := func() {
		for i := 0; i <= f.Duplicate; i++ {
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				d.retry(build, ok, f)
			}()
		}
	}
	if f.Reorder {
		held := d.held
		d.held = nil
		if len(held) == 0 {
			d.held = append(d.held, run)
			d.mu.Unlock()
			return
		}
		ctx := d.ctx
		d.mu.Unlock()
		run()
		// The held ones go a moment later, so the newer one arrives first.
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			if sleep(ctx, reorderGap) {
				for i := len(held) - 1; i >= 0; i-- {
					held[i]()
				}
			}
		}()
		return
	}
	d.mu.Unlock()
	run()
}

// Flush sends notifications held back by Reorder.
func (d *Deliverer) Flush() {
	d.mu.Lock()
	held := d.held
	d.held = nil
	d.mu.Unlock()
	for i := len(held) - 1; i >= 0; i-- {
		held[i]()
	}
}

// Close stops retrying and waits for attempts in flight.
func (d *Deliverer) Close() {
	d.mu.Lock()
	if d.cancel != nil {
		d.cancel()
	}
	d.mu.Unlock()
	d.wg.Wait()
}

func (d *Deliverer) retry(build Message, ok Accepted, f Faults) {
	d.mu.Lock()
	ctx := d.ctx
	d.mu.Unlock()
	if f.Delay > 0 && !sleep(ctx, f.Delay) {
		return
	}
	retries := d.Retries
	if retries == nil {
		retries = DefaultRetries
	}
	for attempt := 0; ; attempt++ {
		if d.attempt(ctx, build, ok, f.Forge) {
			return
		}
		if attempt >= len(retries) || !sleep(ctx, retries[attempt]) {
			return
		}
	}
}

// attempt sends once and reports whether the merchant acknowledged.
func (d *Deliverer) attempt(ctx context.Context, build Message, ok Accepted, forge bool) bool {
	req, err := build(forge)
	if err != nil {
		d.logger().Error("paysim: building a notification", "err", err)
		return false
	}
	d.mu.Lock()
	d.sent++
	d.mu.Unlock()
	client := d.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		d.logger().Info("paysim: notification not delivered", "url", req.URL.String(), "err", err)
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	accepted := ok(resp, body)
	if !accepted {
		d.logger().Info("paysim: notification refused", "url", req.URL.String(), "status", resp.StatusCode,
			"body", strings.TrimSpace(string(body)))
	}
	return accepted
}

func (d *Deliverer) logger() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.New(slog.DiscardHandler)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
