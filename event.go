package voltpay

import (
	"context"
	"time"
)

// Alarm kinds. Billing raises and clears them; the API publishes them.
const (
	AlarmLevel1   = "alarm1"  // balance below threshold 1
	AlarmLevel2   = "alarm2"  // balance below threshold 2
	AlarmArrears  = "arrears" // balance at or below zero
	AlarmOverload = "overload"
	AlarmOffline  = "offline"
)

// Alarm is one raised condition on an account or a meter.
type Alarm struct {
	ID        int64      `db:"id"`
	Kind      string     `db:"kind"`
	AccountID *int64     `db:"account_id"`
	MeterID   *int64     `db:"meter_id"`
	Message   string     `db:"message"`
	RaisedAt  time.Time  `db:"raised_at"`
	ClearedAt *time.Time `db:"cleared_at"`
}

// BalanceChange is published after a commit moved an account's balance.
type BalanceChange struct {
	Account *Account
	Entry   *LedgerEntry
}

// Events carries in-process notifications from the services (after their
// transaction committed) to API subscribers. Publishing never blocks: a
// subscriber that does not keep up loses events, not the publisher's time.
type Events interface {
	PublishBalance(BalanceChange)
	PublishMeter(*Meter)
	PublishAlarm(*Alarm)
	// PublishCommand announces a command after each committed move of its
	// state (enqueued, claimed, confirmed, retried, failed, cancelled,
	// expired, requeued), so that clients follow a batch as it goes.
	PublishCommand(*Command)
	SubscribeBalance(ctx context.Context) <-chan BalanceChange
	SubscribeMeter(ctx context.Context) <-chan *Meter
	SubscribeAlarm(ctx context.Context) <-chan *Alarm
	SubscribeCommand(ctx context.Context) <-chan *Command
}
