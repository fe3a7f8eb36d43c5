package outbox

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// TestRetryAt: rejections fail at once, other errors back off from 30 s,
// doubling to an hour, until MaxAttempts.
func TestRetryAt(t *testing.T) {
	now := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)
	w := &Worker{Now: func() time.Time { return now }}
	w.defaults()
	busy := errors.New("the modem did not answer")
	for _, c := range []struct {
		attempts int
		err      error
		want     time.Duration // 0: never
	}{
		{1, busy, 30 * time.Second},
		{2, busy, time.Minute},
		{5, busy, 8 * time.Minute},
		{7, busy, 32 * time.Minute},
		{8, busy, 0},
		{1, fmt.Errorf("%w: unknown number", voltpay.ErrSMSRejected), 0},
		{1, fmt.Errorf("%w: not subscribed", voltpay.ErrWeChatRejected), 0},
	} {
		got := w.retryAt(&voltpay.Notification{Attempts: c.attempts}, c.err)
		if c.want == 0 && !got.IsZero() || c.want != 0 && got.Sub(now) != c.want {
			t.Errorf("attempt %d, %v: retry at %v, want after %v", c.attempts, c.err, got, c.want)
		}
	}
	w.MaxAttempts = 20
	if got := w.retryAt(&voltpay.Notification{Attempts: 15}, busy); got.Sub(now) != time.Hour {
		t.Errorf("a late attempt backs off %v, want the hour's cap", got.Sub(now))
	}
}
