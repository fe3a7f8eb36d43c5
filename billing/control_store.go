package billing

import (
	"context"
	"time"

	"github.com/voltpay/voltpay"
)

// AccountControl is what the controller needs of one account to decide its
// alarms and the relays of its meters (server/postgres.ControlStore reads it).
type AccountControl struct {
	AccountID int64
	SiteID    int64
	Open      bool // closed accounts have no alarms and drive no relays
	Balance   voltpay.Fen
	Alarm1    voltpay.Fen
	Alarm2    voltpay.Fen
	// Overdraft is the account's overdraft limit (≥ 0): the automatic trip
	// waits until the balance is at or below −Overdraft (ControlInput).
	Overdraft voltpay.Fen
	// Turn is the ledger entry from which the balance has stayed on its
	// side of zero (above, or at or below): the first entry after the last
	// one on the other side, or the account's first entry; 0 when the
	// account has no entries. It names the situation in the keys of
	// automatic commands: a sale that lifts the balance above zero, and a
	// later charge that takes it back down, are each a new turn.
	Turn int64
	// TurnAt is when Turn was entered (the account's opening when it has
	// none): with the balance at or below zero, the arrears' start, which
	// the grace time counts from.
	TurnAt time.Time
	// Policy is the grace and friendly periods of the account's site.
	Policy SitePolicy
	// Loc is the site's local time, which friendly periods are in; nil
	// means ControllerConfig.Loc.
	Loc *time.Location
	// OpenAlarms are the kinds of the account's alarms not yet cleared.
	OpenAlarms []string
	// Meters are the account's active, platform-billed meters: meter-billed
	// meters trip themselves on their own balance.
	Meters []MeterControl
	// PerMeter: the account keeps one balance per meter
	// (voltpay.BalancePerMeter): the balance alarms are the meters' own
	// (Wallets), and each meter's relay follows its own balance and turn;
	// Balance, Turn and TurnAt above then decide nothing.
	PerMeter bool
	// Wallets are the balances of the account's active meters when
	// PerMeter, in meter id order.
	Wallets []MeterBalance
}

// MeterBalance is one meter's own balance in an account that keeps one per
// meter, with its turn (as AccountControl.Turn, over the entries naming
// the meter) and the meter's open balance alarms.
type MeterBalance struct {
	MeterID    int64
	Balance    voltpay.Fen
	Turn       int64
	TurnAt     time.Time
	OpenAlarms []string
}

// wallet returns meterID's balance in a per-meter account, nil when a is
// shared (or does not know the meter).
func (a *AccountControl) wallet(meterID int64) *MeterBalance {
	if !a.PerMeter {
		return nil
	}
	for i := range a.Wallets {
		if a.Wallets[i].MeterID == meterID {
			return &a.Wallets[i]
		}
	}
	return nil
}

// MeterControl is one meter's part in the relay decision.
type MeterControl struct {
	MeterID int64
	Mode    string // ModePrepaid, ModeGuarantee, ModeForcedTrip
	// ModeCommand is the operator's command that set Mode (0: never set):
	// the mode's epoch, so that restoring prepaid mode on an unchanged
	// balance lets the controller act again.
	ModeCommand int64
	Relay       string // last read
	// Live: a relay or guarantee command of the meter is pending or sent,
	// or was confirmed after the meter's last reading (Relay does not show
	// it yet). The controller waits for it rather than send one that would
	// supersede it (the executor fails the older of two on one axis) or
	// repeat it.
	Live bool
}

// AlarmChange raises or clears one account alarm, or, with MeterID, one
// balance alarm of a meter of a per-meter account.
type AlarmChange struct {
	AccountID int64
	MeterID   int64  // 0: the account's alarm
	Kind      string // voltpay.AlarmLevel1, AlarmLevel2, AlarmArrears
	Raise     bool   // false: clear
	Message   string
}

// ControlStore is the storage the controller works on.
type ControlStore interface {
	// AccountControls returns the accounts accountIDs and the accounts of
	// meterIDs, each once, in id order. Unknown ids are ignored. Each
	// carries the meters the controller may command: active, billed by the
	// platform, and speaking a protocol with relay control (DL/T 645).
	AccountControls(ctx context.Context, accountIDs, meterIDs []int64) ([]*AccountControl, error)
	// SweepAccounts lists, in id order after afterID, up to limit accounts
	// that may need the controller whatever was notified: open accounts at
	// or below their alarm 1 threshold, with an open alarm, or with a meter
	// whose relay is open or disagrees with a forced trip. Every open
	// account at or below zero must be among them: a trip deferred by a
	// grace time or a friendly period happens on the first sweep after it
	// ends, with no event to prompt it.
	SweepAccounts(ctx context.Context, afterID int64, limit int) ([]int64, error)
	// ChangeAlarms raises (one open alarm per account and kind; raising an
	// open one does nothing) and clears alarms in one transaction and
	// returns those it changed; they are published after commit.
	ChangeAlarms(ctx context.Context, changes []AlarmChange) ([]*voltpay.Alarm, error)
	// ReadingFaults brings the reading_fault alarms of meterIDs (every
	// meter's when nil) in line with their charge series: open while
	// charging is stopped on a fault that waits for an operator, cleared
	// once it runs again; one open alarm per meter. It returns the alarms
	// it changed; they are published after commit.
	ReadingFaults(ctx context.Context, meterIDs []int64) ([]*voltpay.Alarm, error)
	// DeadCommands counts the commands of meterID under key or key + ":r…"
	// that ended without taking effect (failed, expired, cancelled).
	DeadCommands(ctx context.Context, meterID int64, key string) (int, error)
}
