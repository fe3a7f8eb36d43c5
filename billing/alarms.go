package billing

import (
	"context"
	"fmt"
	"slices"

	"github.com/voltpay/voltpay"
)

// Notifier hears of every alarm raised or cleared by the controller, after
// it committed: the hook for SMS and other notifications (a later issue).
// It must not block for long; the controller waits for it.
type Notifier interface {
	AlarmChanged(ctx context.Context, a *voltpay.Alarm)
}

// NopNotifier notifies nobody.
type NopNotifier struct{}

// AlarmChanged does nothing.
func (NopNotifier) AlarmChanged(context.Context, *voltpay.Alarm) {}

// balanceAlarms are the account alarms the controller keeps, least severe
// first: with the balance at or below zero all three are open, so they are
// raised in this order as a balance falls.
var balanceAlarms = []string{voltpay.AlarmLevel1, voltpay.AlarmLevel2, voltpay.AlarmArrears}

// alarmChanges returns what raises and clears bring a's alarms in line with
// its balance: alarm 1 at or below Alarm1, alarm 2 at or below Alarm2,
// arrears at or below zero; a closed account has none, and neither has
// one that is idle (idle).
func alarmChanges(a *AccountControl) []AlarmChange {
	// A per-meter account's balance alarms are its meters' (wallets): its
	// own clear, e.g. after switching from shared.
	out := balanceAlarmChanges(a, 0, a.Open && !a.PerMeter && !idle(a), a.Balance, a.OpenAlarms)
	if a.PerMeter {
		for _, w := range a.Wallets {
			out = append(out, balanceAlarmChanges(a, w.MeterID, a.Open, w.Balance, w.OpenAlarms)...)
		}
	}
	return out
}

// idle says account a has no meter to power and no use (no ledger entry:
// Turn is 0): a just-opened account at zero. Its zero balance warns of
// nothing, so it raises no balance alarm (alarm 1, alarm 2 and arrears all
// at once, before it was ever used, was issue 11's finding); the first
// meter attached or the first entry posted makes the balance count.
func idle(a *AccountControl) bool {
	return a.Turn == 0 && len(a.Meters) == 0
}

// balanceAlarmChanges brings the balance alarms of a (or of its meter
// meterID, when not 0) in line with balance: raised at or below their
// thresholds while on, cleared otherwise.
func balanceAlarmChanges(a *AccountControl, meterID int64, on bool, balance voltpay.Fen, open []string) []AlarmChange {
	var out []AlarmChange
	for _, kind := range balanceAlarms {
		var limit voltpay.Fen
		switch kind {
		case voltpay.AlarmLevel1:
			limit = a.Alarm1
		case voltpay.AlarmLevel2:
			limit = a.Alarm2
		}
		want := on && balance <= limit
		if want == slices.Contains(open, kind) {
			continue
		}
		c := AlarmChange{AccountID: a.AccountID, MeterID: meterID, Kind: kind, Raise: want}
		if want {
			c.Message = alarmMessage(kind, balance, limit)
			if meterID != 0 {
				c.Message = fmt.Sprintf("meter %d: %s", meterID, c.Message)
			}
		}
		out = append(out, c)
	}
	return out
}

func alarmMessage(kind string, balance, limit voltpay.Fen) string {
	switch kind {
	case voltpay.AlarmArrears:
		return fmt.Sprintf("balance %s yuan: in arrears (欠费)", balance)
	case voltpay.AlarmLevel2:
		return fmt.Sprintf("balance %s yuan is at or below alarm 2 (%s yuan)", balance, limit)
	}
	return fmt.Sprintf("balance %s yuan is at or below alarm 1 (%s yuan)", balance, limit)
}
