package voltpay

import (
	"context"
	"time"
)

// Kinds of warning sent to tenants (the outbox's kind): the three balance
// alarm levels, and a relay trip or close a meter confirmed.
const (
	NotifyAlarm1  = AlarmLevel1
	NotifyAlarm2  = AlarmLevel2
	NotifyArrears = AlarmArrears
	NotifyTrip    = "trip"
	NotifyClose   = "close"
)

// NotificationKinds lists every kind, least severe balance level first.
var NotificationKinds = []string{NotifyAlarm1, NotifyAlarm2, NotifyArrears, NotifyTrip, NotifyClose}

// UrgentNotification says whether a kind of warning goes out even in a
// site's quiet hours: arrears (the power is about to go off) and a trip
// (it went off) cannot wait for the morning; alarm 1, alarm 2 and a close
// (the power came back) can.
func UrgentNotification(kind string) bool { return kind == NotifyArrears || kind == NotifyTrip }

// Channels a warning goes by.
const (
	ChannelSMS    = "sms"
	ChannelWeChat = "wechat"
)

// States of an outbox row. pending waits for its next attempt; sending is
// claimed by a worker (until its lease ends); sent was handed to the
// carrier or WeChat; delivered was reported delivered; failed will not be
// tried again (rejected, or out of attempts; an operator may retry it);
// suppressed was never sent (the account opted out of the channel).
const (
	NotificationPending    = "pending"
	NotificationSending    = "sending"
	NotificationSent       = "sent"
	NotificationDelivered  = "delivered"
	NotificationFailed     = "failed"
	NotificationSuppressed = "suppressed"
)

// Notification is one message to one recipient in the outbox.
type Notification struct {
	ID        int64  `db:"id"`
	AccountID int64  `db:"account_id"`
	MeterID   *int64 `db:"meter_id"`
	AlarmID   *int64 `db:"alarm_id"`
	CommandID *int64 `db:"command_id"`
	// TenantUserID is the bound person it goes to; nil: the account's
	// contact phone.
	TenantUserID *int64 `db:"tenant_user_id"`
	Channel      string `db:"channel"`
	// Recipient is a phone number (sms) or an openid (wechat).
	Recipient string `db:"recipient"`
	Kind      string `db:"kind"`
	// Text is the message as rendered from the site's template.
	Text string `db:"text"`
	// Data is the WeChat subscription message's keywords (JSON object).
	Data          []byte     `db:"data"`
	State         string     `db:"state"`
	Attempts      int        `db:"attempts"`
	NextAttemptAt time.Time  `db:"next_attempt_at"`
	LeaseUntil    *time.Time `db:"lease_until"`
	ProviderID    string     `db:"provider_id"`
	LastError     string     `db:"last_error"`
	CreatedAt     time.Time  `db:"created_at"`
	UpdatedAt     time.Time  `db:"updated_at"`
	SentAt        *time.Time `db:"sent_at"`
	DeliveredAt   *time.Time `db:"delivered_at"`
}

// NotificationFilter selects outbox rows, newest first.
type NotificationFilter struct {
	AccountID *int64
	SiteID    *int64
	State     *string
	Kind      *string
	Channel   *string
	Page      PageArgs
}

// SetPage lets the API fill in the page.
func (f *NotificationFilter) SetPage(p PageArgs) { f.Page = p }

// NotificationTemplate is a site's text for one kind of warning.
type NotificationTemplate struct {
	SiteID int64  `db:"site_id"`
	Kind   string `db:"kind"`
	Text   string `db:"text"`
	// Custom: the site's own text; false: the built-in one.
	Custom    bool       `db:"custom"`
	UpdatedBy string     `db:"updated_by"`
	UpdatedAt *time.Time `db:"updated_at"`
}

// NotificationSettings are an account's choices of channel: each on
// unless the tenant or an operator turned it off.
type NotificationSettings struct {
	AccountID int64 `db:"account_id"`
	SMS       bool  `db:"sms"`
	WeChat    bool  `db:"wechat"`
}

// QuietHours are a site's local times between which non-urgent warnings
// wait ("22:00" to "08:00"); both empty: none.
type QuietHours struct {
	Start string `db:"quiet_start"`
	End   string `db:"quiet_end"`
}

// NotificationService keeps the outbox's rules and shows its rows.
// Errors: INVALID_INPUT, NOT_FOUND, FORBIDDEN, UNAVAILABLE.
type NotificationService interface {
	// FindNotifications lists outbox rows newest first; a tenant sees
	// only their current account's.
	FindNotifications(ctx context.Context, f NotificationFilter) (*Page[*Notification], error)
	// RetryNotification puts a failed row back to pending, due now
	// (CONFLICT for any other state).
	RetryNotification(ctx context.Context, id int64) (*Notification, error)
	// NotificationTemplates returns the site's text for every kind, its
	// own or the built-in one.
	NotificationTemplates(ctx context.Context, siteID int64) ([]*NotificationTemplate, error)
	// SetNotificationTemplate sets (text "": resets to the built-in) the
	// site's text for kind after checking it (CheckNotificationTemplate).
	SetNotificationTemplate(ctx context.Context, siteID int64, kind, text string) (*NotificationTemplate, error)
	// QuietHours and SetQuietHours read and set a site's quiet hours.
	QuietHours(ctx context.Context, siteID int64) (QuietHours, error)
	SetQuietHours(ctx context.Context, siteID int64, q QuietHours) (QuietHours, error)
	// NotificationSettings and SetNotificationSettings read and set an
	// account's channels (nil leaves one as it is); a tenant only their
	// current account's, an operator's change needs manage_accounts.
	NotificationSettings(ctx context.Context, accountID int64) (*NotificationSettings, error)
	SetNotificationSettings(ctx context.Context, accountID int64, sms, wechat *bool) (*NotificationSettings, error)
}

// SMSStatus is what operators are shown of the SMS driver (smsStatus):
// for a modem its registration and signal (notify.ModemStatus), for the
// others their last error.
type SMSStatus struct {
	Driver       string
	State        string
	Registration string
	Signal       *int
	SignalDBm    *int
	LastError    string
	ErrorAt      *time.Time
	Sent         *int64
}
