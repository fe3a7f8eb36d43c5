package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/voltpay/voltpay"
)

// warning is one event tenants are told of: a balance alarm raised (an
// episode of its level begins) or a trip or close a meter confirmed.
type warning struct {
	Kind      string
	AccountID int64
	MeterID   int64 // 0: the account's
	AlarmID   int64 // one of AlarmID and CommandID
	CommandID int64
}

// warningContext is what a warning's text is made of, read in the
// transaction of the event.
type warningContext struct {
	No         string      `db:"no"`
	Tenant     string      `db:"tenant_name"`
	Shop       string      `db:"shop_no"`
	Balance    voltpay.Fen `db:"balance_fen"`
	Alarm1     voltpay.Fen `db:"alarm1_fen"`
	Alarm2     voltpay.Fen `db:"alarm2_fen"`
	Site       string      `db:"site_name"`
	Timezone   string      `db:"timezone"`
	QuietStart string      `db:"quiet_start"`
	QuietEnd   string      `db:"quiet_end"`
	Template   string      `db:"template"`
	SMS        bool        `db:"sms"`
	WeChat     bool        `db:"wechat"`
	Meter      string      `db:"meter_address"`
}

// recipient is one phone or openid a warning goes to.
type recipient struct {
	TenantUserID *int64 `db:"tenant_user_id"`
	Channel      string `db:"channel"`
	To           string `db:"recipient"`
}

// enqueueWarning writes w's messages into the outbox in tx, the
// transaction of the event itself, so a warning is never lost to a crash
// between the two: one row per channel and recipient (the account's
// mobile contact phone, its bound people's phones, and the openids of
// those who signed in with WeChat). A channel the account turned off gets
// its rows suppressed, kept for the history; a non-urgent kind inside the
// site's quiet hours waits for their end. The unique indexes on
// (alarm_id | command_id, channel, recipient) make a repeat do nothing.
func enqueueWarning(ctx context.Context, tx *Tx, w warning) error {
	var c warningContext
	err := tx.GetContext(ctx, &c, `
		SELECT a.no, a.tenant_name, a.shop_no, a.alarm1_fen, a.alarm2_fen,
		       coalesce((SELECT b.balance_fen FROM meter_balances b
		                 WHERE a.balance_mode = 'per_meter' AND b.account_id = a.id AND b.meter_id = $3), a.balance_fen) AS balance_fen,
		       s.name AS site_name, s.timezone, coalesce(s.quiet_start, '') AS quiet_start, coalesce(s.quiet_end, '') AS quiet_end,
		       coalesce(t.text, '') AS template, coalesce(ns.sms, true) AS sms, coalesce(ns.wechat, true) AS wechat,
		       coalesce((SELECT m.address FROM meters m WHERE m.id = $3), '') AS meter_address
		FROM accounts a JOIN sites s ON s.id = a.site_id
		LEFT JOIN notification_templates t ON t.site_id = s.id AND t.kind = $2
		LEFT JOIN notification_settings ns ON ns.account_id = a.id
		WHERE a.id = $1`, w.AccountID, w.Kind, w.MeterID)
	if err != nil {
		return notFound(err, "account", w.AccountID)
	}
	var to []recipient
	if err := tx.SelectContext(ctx, &to, `
		SELECT NULL::bigint AS tenant_user_id, 'sms' AS channel, a.phone AS recipient
		FROM accounts a WHERE a.id = $1 AND a.phone ~ '^1[3-9][0-9]{9}$'
		UNION ALL
		SELECT u.id, 'sms', u.phone FROM tenant_bindings b JOIN tenant_users u ON u.id = b.tenant_user_id
		WHERE b.account_id = $1 AND u.phone IS NOT NULL
		UNION ALL
		SELECT u.id, 'wechat', u.wechat_openid FROM tenant_bindings b JOIN tenant_users u ON u.id = b.tenant_user_id
		WHERE b.account_id = $1 AND u.wechat_openid IS NOT NULL`, w.AccountID); err != nil {
		return mapError(err)
	}
	if len(to) == 0 {
		return nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		loc = time.UTC
	}
	text, data, err := renderWarning(w, c, tx.now.In(loc))
	if err != nil {
		return err
	}
	due := tx.now
	if !voltpay.UrgentNotification(w.Kind) {
		due = voltpay.QuietHours{Start: c.QuietStart, End: c.QuietEnd}.Until(tx.now, loc)
	}
	seen := map[[2]string]bool{}
	for _, r := range to {
		if key := [2]string{r.Channel, r.To}; seen[key] {
			continue
		} else {
			seen[key] = true
		}
		state, why := voltpay.NotificationPending, ""
		if on := (r.Channel == voltpay.ChannelSMS && c.SMS) || (r.Channel == voltpay.ChannelWeChat && c.WeChat); !on {
			state, why = voltpay.NotificationSuppressed, fmt.Sprintf("the account turned %s warnings off", r.Channel)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO notifications (account_id, meter_id, alarm_id, command_id, tenant_user_id, channel, recipient,
				kind, text, data, state, last_error, next_attempt_at, created_at, updated_at)
			VALUES ($1, nullif($2, 0), nullif($3, 0), nullif($4, 0), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
			ON CONFLICT DO NOTHING`,
			w.AccountID, w.MeterID, w.AlarmID, w.CommandID, r.TenantUserID, r.Channel, r.To,
			w.Kind, text, string(data), state, why, due, tx.now); err != nil {
			return mapError(err)
		}
	}
	return nil
}

// renderWarning fills the site's template (or the built-in one) for w
// and makes the WeChat subscription message's keywords.
func renderWarning(w warning, c warningContext, at time.Time) (text string, data []byte, err error) {
	tmpl := c.Template
	if tmpl == "" {
		tmpl = voltpay.DefaultNotificationTemplates[w.Kind]
	}
	var threshold voltpay.Fen
	switch w.Kind {
	case voltpay.NotifyAlarm1:
		threshold = c.Alarm1
	case voltpay.NotifyAlarm2:
		threshold = c.Alarm2
	}
	text = voltpay.RenderNotification(tmpl, map[string]string{
		"account": c.No, "tenant": c.Tenant, "shop": c.Shop, "site": c.Site,
		"balance": c.Balance.String(), "threshold": threshold.String(), "meter": c.Meter,
		"time": at.Format("01-02 15:04"),
	})
	data, err = json.Marshal(map[string]string{
		"thing1":            clipRunes(wechatTitles[w.Kind], 20),
		"character_string2": clipRunes(c.No, 32),
		"amount3":           wechatAmount(c.Balance),
		"time4":             at.Format("2006-01-02 15:04"),
		"thing5":            clipRunes(text, 20),
	})
	return text, data, err
}

// wechatAmount writes a balance as WeChat's amount keyword takes it: digits,
// two decimals and 元, never a sign (WeChat refuses "-12.30元" with 47003),
// so an account in arrears shows its debt; the title says it is owed.
func wechatAmount(b voltpay.Fen) string {
	if b < 0 {
		b = -b
	}
	return b.String() + "元"
}

// wechatTitles name each kind in a subscription message's first keyword.
var wechatTitles = map[string]string{
	voltpay.NotifyAlarm1:  "电费余额提醒",
	voltpay.NotifyAlarm2:  "电费余额不足",
	voltpay.NotifyArrears: "电费已欠费",
	voltpay.NotifyTrip:    "电表已断电",
	voltpay.NotifyClose:   "电表已恢复供电",
}

// clipRunes cuts s to at most n characters, WeChat's limit for a keyword.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// balanceLevel orders the balance alarm kinds by severity (0: not one).
func balanceLevel(kind string) int {
	switch kind {
	case voltpay.AlarmLevel1:
		return 1
	case voltpay.AlarmLevel2:
		return 2
	case voltpay.AlarmArrears:
		return 3
	}
	return 0
}

// warnRaised enqueues the warnings of the balance alarms raised (with no
// cleared_at) among changed: for each account or per-meter wallet only
// the most severe raised at once, so a balance falling from above alarm 1
// to below zero in one step texts "arrears" once, not three messages. The
// lower levels' episodes still began; they are not texted later.
func warnRaised(ctx context.Context, tx *Tx, changed []*voltpay.Alarm) error {
	type subject struct{ account, meter int64 }
	worst := map[subject]*voltpay.Alarm{}
	var order []subject
	for _, a := range changed {
		if a.ClearedAt != nil || a.AccountID == nil || balanceLevel(a.Kind) == 0 {
			continue
		}
		s := subject{account: *a.AccountID}
		if a.MeterID != nil {
			s.meter = *a.MeterID
		}
		if cur, ok := worst[s]; !ok {
			order = append(order, s)
			worst[s] = a
		} else if balanceLevel(a.Kind) > balanceLevel(cur.Kind) {
			worst[s] = a
		}
	}
	for _, s := range order {
		a := worst[s]
		if err := enqueueWarning(ctx, tx, warning{Kind: a.Kind, AccountID: s.account, MeterID: s.meter, AlarmID: a.ID}); err != nil {
			return err
		}
	}
	return nil
}

// warnRelay enqueues the warning of a confirmed trip or close command c
// to the account that holds its meter (none when the meter has none).
func warnRelay(ctx context.Context, tx *Tx, c *voltpay.Command) error {
	if c.Kind != voltpay.NotifyTrip && c.Kind != voltpay.NotifyClose {
		return nil
	}
	var account *int64
	if err := tx.GetContext(ctx, &account, `SELECT account_id FROM meters WHERE id = $1`, c.MeterID); err != nil {
		return notFound(err, "meter", c.MeterID)
	}
	if account == nil {
		return nil
	}
	return enqueueWarning(ctx, tx, warning{Kind: c.Kind, AccountID: *account, MeterID: c.MeterID, CommandID: c.ID})
}
