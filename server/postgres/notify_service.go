package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// NotificationService implements voltpay.NotificationService (the
// outbox's rules and rows) and the outbox worker's store
// (notify_outbox.go).
type NotificationService struct{ db *DB }

// NewNotificationService returns a NotificationService on db.
func NewNotificationService(db *DB) *NotificationService { return &NotificationService{db: db} }

var _ voltpay.NotificationService = (*NotificationService)(nil)

// FindNotifications lists outbox rows newest first, keyset-paginated; a
// tenant's filter is confined to their current account. Errors: UNAVAILABLE.
func (s *NotificationService) FindNotifications(ctx context.Context, f voltpay.NotificationFilter) (*voltpay.Page[*voltpay.Notification], error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.AccountID = &p.AccountID
	}
	var w where
	w.add("account_id = ?", f.AccountID)
	w.add("account_id IN (SELECT id FROM accounts WHERE site_id = ?)", f.SiteID)
	w.add("state = ?", f.State)
	w.add("kind = ?", f.Kind)
	w.add("channel = ?", f.Channel)
	return findPage[*voltpay.Notification](ctx, s.db, notificationColumns, "notifications", w, f.Page, true)
}

// RetryNotification puts a failed row back to pending, due now, with its
// attempts counted afresh. Errors: NOT_FOUND, CONFLICT (not failed).
func (s *NotificationService) RetryNotification(ctx context.Context, id int64) (*voltpay.Notification, error) {
	n := &voltpay.Notification{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.GetContext(ctx, n, `SELECT `+notificationColumns+` FROM notifications WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "notification", id)
		}
		if n.State != voltpay.NotificationFailed {
			return voltpay.Errorf(voltpay.ECONFLICT, "notification %d is %s; only a failed one can be retried", id, n.State)
		}
		return mapError(tx.GetContext(ctx, n, `
			UPDATE notifications SET state = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2
			WHERE id = $1 RETURNING `+notificationColumns, id, tx.now))
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// NotificationTemplates returns the site's text for every kind in
// voltpay.NotificationKinds' order. Errors: NOT_FOUND.
func (s *NotificationService) NotificationTemplates(ctx context.Context, siteID int64) ([]*voltpay.NotificationTemplate, error) {
	if _, err := findSite(ctx, s.db, siteID); err != nil {
		return nil, err
	}
	own := []*voltpay.NotificationTemplate{}
	if err := s.db.SelectContext(ctx, &own, `
		SELECT site_id, kind, text, true AS custom, updated_by, updated_at FROM notification_templates WHERE site_id = $1`, siteID); err != nil {
		return nil, mapError(err)
	}
	out := make([]*voltpay.NotificationTemplate, 0, len(voltpay.NotificationKinds))
	for _, kind := range voltpay.NotificationKinds {
		t := &voltpay.NotificationTemplate{SiteID: siteID, Kind: kind, Text: voltpay.DefaultNotificationTemplates[kind]}
		for _, o := range own {
			if o.Kind == kind {
				t = o
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// SetNotificationTemplate stores the site's text for kind, checked first;
// "" deletes it, so the built-in text is used again. Errors:
// INVALID_INPUT, NOT_FOUND.
func (s *NotificationService) SetNotificationTemplate(ctx context.Context, siteID int64, kind, text string) (*voltpay.NotificationTemplate, error) {
	if text != "" {
		if err := voltpay.CheckNotificationTemplate(kind, text); err != nil {
			return nil, err
		}
	} else if err := voltpay.CheckNotificationTemplate(kind, "x"); err != nil {
		return nil, err
	}
	var out *voltpay.NotificationTemplate
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := findSite(ctx, tx, siteID); err != nil {
			return err
		}
		if text == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM notification_templates WHERE site_id = $1 AND kind = $2`, siteID, kind)
			out = &voltpay.NotificationTemplate{SiteID: siteID, Kind: kind, Text: voltpay.DefaultNotificationTemplates[kind]}
			return mapError(err)
		}
		out = &voltpay.NotificationTemplate{}
		return mapError(tx.GetContext(ctx, out, `
			INSERT INTO notification_templates (site_id, kind, text, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (site_id, kind) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at
			RETURNING site_id, kind, text, true AS custom, updated_by, updated_at`,
			siteID, kind, text, actorName(ctx), tx.now))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// QuietHours returns the site's quiet hours. Errors: NOT_FOUND.
func (s *NotificationService) QuietHours(ctx context.Context, siteID int64) (voltpay.QuietHours, error) {
	var q voltpay.QuietHours
	err := s.db.GetContext(ctx, &q, `SELECT coalesce(quiet_start, '') AS quiet_start, coalesce(quiet_end, '') AS quiet_end FROM sites WHERE id = $1`, siteID)
	return q, notFound(err, "site", siteID)
}

// SetQuietHours sets the site's quiet hours (both empty: none). Errors:
// INVALID_INPUT, NOT_FOUND.
func (s *NotificationService) SetQuietHours(ctx context.Context, siteID int64, q voltpay.QuietHours) (voltpay.QuietHours, error) {
	if err := q.Check(); err != nil {
		return q, err
	}
	err := s.db.GetContext(ctx, &q, `
		UPDATE sites SET quiet_start = nullif($2, ''), quiet_end = nullif($3, '') WHERE id = $1
		RETURNING coalesce(quiet_start, '') AS quiet_start, coalesce(quiet_end, '') AS quiet_end`, siteID, q.Start, q.End)
	return q, notFound(err, "site", siteID)
}

// NotificationSettings returns the account's channels. A tenant reads only
// their current account's. Errors: FORBIDDEN, NOT_FOUND.
func (s *NotificationService) NotificationSettings(ctx context.Context, accountID int64) (*voltpay.NotificationSettings, error) {
	if err := checkTenantAccount(ctx, accountID); err != nil {
		return nil, err
	}
	out := &voltpay.NotificationSettings{}
	err := s.db.GetContext(ctx, out, `
		SELECT a.id AS account_id, coalesce(ns.sms, true) AS sms, coalesce(ns.wechat, true) AS wechat
		FROM accounts a LEFT JOIN notification_settings ns ON ns.account_id = a.id WHERE a.id = $1`, accountID)
	if err != nil {
		return nil, notFound(err, "account", accountID)
	}
	return out, nil
}

// SetNotificationSettings turns the account's channels on or off (nil
// leaves one). A tenant may change their current account's; an operator
// or API key needs manage_accounts. Errors: FORBIDDEN, NOT_FOUND.
func (s *NotificationService) SetNotificationSettings(ctx context.Context, accountID int64, sms, wechat *bool) (*voltpay.NotificationSettings, error) {
	p := voltpay.PrincipalFrom(ctx)
	if err := checkTenantAccount(ctx, accountID); err != nil {
		return nil, err
	}
	if !p.IsTenant() && !p.Can(voltpay.PermManageAccounts) {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "changing an account's notification settings needs permission manage_accounts (or the tenant's own app)")
	}
	cur, err := s.NotificationSettings(ctx, accountID)
	if err != nil {
		return nil, err
	}
	if sms != nil {
		cur.SMS = *sms
	}
	if wechat != nil {
		cur.WeChat = *wechat
	}
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO notification_settings (account_id, sms, wechat, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (account_id) DO UPDATE SET sms = excluded.sms, wechat = excluded.wechat,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		accountID, cur.SMS, cur.WeChat, actorName(ctx), s.db.Now())
	if err != nil {
		return nil, mapError(err)
	}
	return cur, nil
}
