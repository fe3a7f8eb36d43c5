// Package outbox sends the warnings the notification outbox holds
// (docs/NOTIFICATIONS.md): a Worker claims due rows from its Store, sends
// each by SMS or WeChat, and records what happened, retrying with backoff
// what may succeed later. Rows are written in the transaction of the event
// that causes them (server/postgres/notify_enqueue.go), so none is lost;
// a worker that stops hands back what it had not sent, and the rows of a
// worker that died are claimed again once their lease runs out.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/voltpay/voltpay"
)

// Store is the outbox's storage (postgres.NotificationService). A claim
// is identified by the row's attempts: the Record methods change a row
// only while it is still that claim.
type Store interface {
	ClaimNotifications(ctx context.Context, limit int, lease time.Duration) ([]*voltpay.Notification, error)
	RecordSent(ctx context.Context, n *voltpay.Notification, providerID string) error
	// RecordFailure: pending again at retry, or failed for good (zero retry).
	RecordFailure(ctx context.Context, n *voltpay.Notification, why string, retry time.Time) error
	Suppress(ctx context.Context, n *voltpay.Notification, why string) error
	Release(ctx context.Context, ns []*voltpay.Notification) error
}

// Worker sends the outbox's due rows.
type Worker struct {
	Store Store
	SMS   voltpay.SMS
	// WeChat sends subscription messages; nil: WeChat rows are suppressed
	// ("not configured").
	WeChat voltpay.WeChatMessenger
	// WeChatTemplates maps each kind to its subscription template id; a
	// kind without one is suppressed on WeChat.
	WeChatTemplates map[string]string
	// WeChatPage is the mini-program page a message opens.
	WeChatPage string
	Now        func() time.Time
	Log        *slog.Logger
	// Batch rows per claim (10), Lease a claim's life (2 min: longer than
	// a send can take, SendTimeout), MaxAttempts before failing (8),
	// Backoff the first retry's delay (30 s, doubling to an hour),
	// Interval between claims when idle (5 s).
	Batch       int
	Lease       time.Duration
	SendTimeout time.Duration
	MaxAttempts int
	Backoff     time.Duration
	Interval    time.Duration
	// Wake, when set, starts a claim at once (a row was just written).
	Wake <-chan struct{}
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 10
	}
	if w.Lease <= 0 {
		w.Lease = 2 * time.Minute
	}
	if w.SendTimeout <= 0 {
		w.SendTimeout = 60 * time.Second
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 8
	}
	if w.Backoff <= 0 {
		w.Backoff = 30 * time.Second
	}
	if w.Interval <= 0 {
		w.Interval = 5 * time.Second
	}
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
}

// Run claims and sends until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for ctx.Err() == nil {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("notification outbox: claiming failed; trying again", "err", err)
		}
		if n > 0 && err == nil {
			continue // more may be due
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-w.Wake:
		}
	}
}

// RunOnce claims one batch and sends it, and returns how many it claimed.
// When ctx ends between two sends it hands the rest back (Release); a
// send already started finishes and is recorded, so a stop never leaves a
// message sent but not marked.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	claimed, err := w.Store.ClaimNotifications(ctx, w.Batch, w.Lease)
	if err != nil {
		return 0, err
	}
	// Recording outlives a stop: it follows a send that happened.
	rec := context.WithoutCancel(ctx)
	for i, n := range claimed {
		if ctx.Err() != nil {
			return len(claimed), w.Store.Release(rec, claimed[i:])
		}
		if err := w.send(rec, n); err != nil {
			return len(claimed), err
		}
	}
	return len(claimed), nil
}

// send sends n and records the result.
func (w *Worker) send(ctx context.Context, n *voltpay.Notification) error {
	sctx, cancel := context.WithTimeout(ctx, w.SendTimeout)
	defer cancel()
	var providerID string
	var err error
	switch n.Channel {
	case voltpay.ChannelSMS:
		if w.SMS == nil {
			return w.Store.Suppress(ctx, n, "no SMS driver on this server")
		}
		var r voltpay.SMSReceipt
		r, err = w.SMS.Send(sctx, voltpay.SMSMessage{To: n.Recipient, Text: n.Text, Ref: strconv.FormatInt(n.ID, 10)})
		providerID = r.ProviderID
	case voltpay.ChannelWeChat:
		tmpl := w.WeChatTemplates[n.Kind]
		if w.WeChat == nil || tmpl == "" {
			return w.Store.Suppress(ctx, n, fmt.Sprintf("WeChat messages for %s are not configured on this server (VOLTPAY_WECHAT_NOTIFY_TEMPLATES)", n.Kind))
		}
		m := voltpay.WeChatMessage{OpenID: n.Recipient, TemplateID: tmpl, Page: w.WeChatPage, Ref: strconv.FormatInt(n.ID, 10)}
		if err := json.Unmarshal(n.Data, &m.Data); err != nil {
			return w.Store.RecordFailure(ctx, n, "the message's data is not a JSON object: "+err.Error(), time.Time{})
		}
		providerID, err = w.WeChat.Send(sctx, m)
	default:
		return w.Store.RecordFailure(ctx, n, "unknown channel "+n.Channel, time.Time{})
	}
	if err == nil {
		return w.Store.RecordSent(ctx, n, providerID)
	}
	return w.Store.RecordFailure(ctx, n, err.Error(), w.retryAt(n, err))
}

// retryAt says when n is tried again after err: never (zero) for a
// rejection or after MaxAttempts, else after a backoff doubling from
// Backoff up to an hour.
func (w *Worker) retryAt(n *voltpay.Notification, err error) time.Time {
	if errors.Is(err, voltpay.ErrSMSRejected) || errors.Is(err, voltpay.ErrWeChatRejected) || n.Attempts >= w.MaxAttempts {
		return time.Time{}
	}
	d := w.Backoff << min(n.Attempts-1, 10)
	return w.Now().Add(min(d, time.Hour))
}
