package voltpay

import (
	"context"
	"time"
)

// Alarm kinds. The services that learn a condition raise and clear them
// (billing.Controller for balances and reading faults, ReadingService for
// offline, overload and gateway offline); the API lists and publishes them.
const (
	AlarmLevel1   = "alarm1"   // balance below threshold 1
	AlarmLevel2   = "alarm2"   // balance below threshold 2
	AlarmArrears  = "arrears"  // balance at or below zero
	AlarmOverload = "overload" // the meter's power above its OverloadW
	AlarmOffline  = "offline"  // the meter stopped answering (失联)
	// AlarmGatewayOffline: a gateway stopped answering; every meter behind
	// it is unreachable, so it is one alarm, not one per meter.
	AlarmGatewayOffline = "gateway_offline"
	// AlarmReadingFault: charging of the meter's series stopped on a fault
	// that waits for an operator (FaultRegisterFell).
	AlarmReadingFault = "reading_fault"
	// AlarmBalanceMismatch: a meter-billed meter's own balance disagrees
	// with the platform's mirror of it.
	AlarmBalanceMismatch = "balance_mismatch"
)

// Alarm is one raised condition on an account, a meter or a gateway. A
// meter's alarm also names the account that held the meter when it was
// raised, so that its tenant sees it; a gateway's names neither.
type Alarm struct {
	ID        int64      `db:"id"`
	Kind      string     `db:"kind"`
	AccountID *int64     `db:"account_id"`
	MeterID   *int64     `db:"meter_id"`
	GatewayID *int64     `db:"gateway_id"`
	Message   string     `db:"message"`
	RaisedAt  time.Time  `db:"raised_at"`
	ClearedAt *time.Time `db:"cleared_at"`
}

// BalanceChange is published after a commit moved an account's balance.
type BalanceChange struct {
	Account *Account
	Entry   *LedgerEntry   // nil when only a recharge order's state changed
	Order   *RechargeOrder // the recharge order that moved, if any
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
