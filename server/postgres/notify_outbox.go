package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// notificationColumns lists the notifications columns in
// voltpay.Notification's order.
const notificationColumns = `id, account_id, meter_id, alarm_id, command_id, tenant_user_id, channel, recipient, kind,
	text, data, state, attempts, next_attempt_at, lease_until, provider_id, last_error, created_at, updated_at,
	sent_at, delivered_at`

// maxErrorText bounds the error text kept on a row.
const maxErrorText = 500

// ClaimNotifications is the outbox worker's claim (package outbox): up to
// limit rows that are due (pending, next attempt passed) or whose worker
// died (sending, lease passed), oldest due first, each moved to sending
// with a lease of lease and one more attempt. FOR UPDATE SKIP LOCKED lets
// several workers claim side by side without taking the same row. Rows of
// a channel the account turned off since they were written are suppressed
// instead. A row's attempts is the claim's token: RecordSent,
// RecordFailure and Release change it only while it is still that claim.
func (s *NotificationService) ClaimNotifications(ctx context.Context, limit int, lease time.Duration) ([]*voltpay.Notification, error) {
	out := []*voltpay.Notification{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		out = out[:0]
		if _, err := tx.ExecContext(ctx, `
			UPDATE notifications n SET state = 'suppressed', lease_until = NULL, updated_at = $1,
				last_error = 'the account turned ' || n.channel || ' warnings off before it was sent'
			FROM notification_settings ns
			WHERE ns.account_id = n.account_id AND n.state = 'pending' AND n.next_attempt_at <= $1
			  AND ((n.channel = 'sms' AND NOT ns.sms) OR (n.channel = 'wechat' AND NOT ns.wechat))`, tx.now); err != nil {
			return mapError(err)
		}
		return mapError(tx.SelectContext(ctx, &out, `
			UPDATE notifications SET state = 'sending', attempts = attempts + 1, lease_until = $1::timestamptz + $3 * interval '1 microsecond', updated_at = $1
			WHERE id IN (
				SELECT id FROM notifications
				WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until <= $1)
				ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
			RETURNING `+notificationColumns, tx.now, max(limit, 1), lease.Microseconds()))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RecordSent marks claim n sent with the provider's id. A delivery report
// that came before (a fast network, the fake) already made it delivered;
// that is kept. A claim that is no longer n's (its lease ran out and
// another worker took it) changes nothing.
func (s *NotificationService) RecordSent(ctx context.Context, n *voltpay.Notification, providerID string) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE notifications SET state = CASE WHEN state = 'delivered' THEN state ELSE 'sent' END,
			provider_id = $3, sent_at = $4, lease_until = NULL, last_error = '', updated_at = $4
		WHERE id = $1 AND attempts = $2 AND state IN ('sending', 'delivered')`,
		n.ID, n.Attempts, providerID, s.db.Now())
	return mapError(err)
}

// RecordFailure records claim n's failed attempt: pending again at retry,
// or failed for good when retry is zero.
func (s *NotificationService) RecordFailure(ctx context.Context, n *voltpay.Notification, why string, retry time.Time) error {
	state, next := voltpay.NotificationPending, retry
	if retry.IsZero() {
		state, next = voltpay.NotificationFailed, n.NextAttemptAt
	}
	_, err := s.db.ExecContext(ctx, `
		UPDATE notifications SET state = $3, next_attempt_at = $4, last_error = $5, lease_until = NULL, updated_at = $6
		WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
		n.ID, n.Attempts, state, next, clip(why, maxErrorText), s.db.Now())
	return mapError(err)
}

// Suppress marks claim n suppressed, never sent, saying why (a channel
// this server cannot send by).
func (s *NotificationService) Suppress(ctx context.Context, n *voltpay.Notification, why string) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE notifications SET state = 'suppressed', last_error = $3, lease_until = NULL, updated_at = $4
		WHERE id = $1 AND attempts = $2 AND state = 'sending'`, n.ID, n.Attempts, clip(why, maxErrorText), s.db.Now())
	return mapError(err)
}

// Release hands claims ns back unsent (a worker stopping between sends):
// pending, due as before, the attempt not counted, so the next worker
// takes them at once instead of after their lease.
func (s *NotificationService) Release(ctx context.Context, ns []*voltpay.Notification) error {
	if len(ns) == 0 {
		return nil
	}
	ids, attempts := make([]int64, len(ns)), make([]int64, len(ns))
	for i, n := range ns {
		ids[i], attempts[i] = n.ID, int64(n.Attempts)
	}
	_, err := s.db.ExecContext(ctx, `
		UPDATE notifications n SET state = 'pending', attempts = n.attempts - 1, lease_until = NULL, updated_at = $3
		FROM unnest($1::bigint[], $2::int[]) AS c(id, attempts)
		WHERE n.id = c.id AND n.attempts = c.attempts AND n.state = 'sending'`,
		pq.Array(ids), pq.Array(attempts), s.db.Now())
	return mapError(err)
}

// RecordDelivery applies a delivery report to the row it is about: ref is
// the row's id as sent (SMSMessage.Ref), providerID the receipt's id when
// known. delivered moves a sending or sent row to delivered; a failure
// moves it to failed with detail. A report for an unknown or finished row
// is ignored (false).
func (s *NotificationService) RecordDelivery(ctx context.Context, ref, providerID string, delivered bool, detail string) (bool, error) {
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil || id <= 0 {
		return false, nil // not one of the outbox's (a sign-in code)
	}
	state := voltpay.NotificationDelivered
	if !delivered {
		state = voltpay.NotificationFailed
	}
	res, err := s.db.ExecContext(ctx, `
		UPDATE notifications SET state = $2,
			delivered_at = CASE WHEN $2 = 'delivered' THEN $5::timestamptz END,
			last_error = CASE WHEN $2 = 'failed' THEN $4 ELSE last_error END, updated_at = $5
		WHERE id = $1 AND state IN ('sending', 'sent') AND ($3 = '' OR provider_id IN ('', $3))`,
		id, state, providerID, clip("not delivered: "+detail, maxErrorText), s.db.Now())
	if err != nil {
		return false, mapError(err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
