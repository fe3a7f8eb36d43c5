package voltpay

import (
	"context"
	"time"
)

// AlarmFilter selects alarms, newest first. Active true: only alarms not
// yet cleared; false: only cleared ones (history); nil: both. SiteID
// matches an alarm through its account, meter or gateway.
type AlarmFilter struct {
	Active    *bool
	Kind      *string
	AccountID *int64
	MeterID   *int64
	GatewayID *int64
	SiteID    *int64
	From, To  *time.Time // raised_at in [From, To)
	Page      PageArgs
}

// SetPage lets the API fill in the page.
func (f *AlarmFilter) SetPage(p PageArgs) { f.Page = p }

// AlarmService lists alarms (issue 4 item 3: live and history). The
// services that learn a condition raise and clear them: billing's
// controller (balance alarms, reading faults), ReadingService (offline,
// overload, gateway offline). A tenant sees only their account's alarms.
// Errors: INVALID_INPUT, UNAVAILABLE.
type AlarmService interface {
	FindAlarms(ctx context.Context, f AlarmFilter) (*Page[*Alarm], error)
	// ActiveAlarmsByMeterIDs returns the open alarms of each meter, newest
	// first, in one query for dataloaders: its own and, on a shared
	// account, the account's balance alarms (which trip all its meters);
	// meters without any have no key.
	ActiveAlarmsByMeterIDs(ctx context.Context, meterIDs []int64) (map[int64][]*Alarm, error)
}
