package voltpay

import (
	"context"
	"time"
)

// Reading is one sample of a meter's registers as meterlink read it. Values
// are the meter's own (the CT ratio is not applied); a nil field was not
// read in this sample. Energy is integer Wh, money fen, no floats.
type Reading struct {
	MeterID    int64      `db:"meter_id"`
	ReadAt     time.Time  `db:"read_at"`     // when we received it
	MeterClock *time.Time `db:"meter_clock"` // the meter's own clock, when read
	// EnergyWh is the total forward active energy register.
	EnergyWh Wh `db:"energy_wh"`
	// Per TOU rate (sharp, peak, flat, valley), for meters that keep them.
	SharpWh  *Wh `db:"sharp_wh"`
	PeakWh   *Wh `db:"peak_wh"`
	FlatWh   *Wh `db:"flat_wh"`
	ValleyWh *Wh `db:"valley_wh"`
	// ReverseWh is the total reverse active energy register.
	ReverseWh        *Wh    `db:"reverse_wh"`
	VoltageDV        *int   `db:"voltage_dv"`         // 0.1 V (phase A)
	CurrentMA        *int   `db:"current_ma"`         // mA (phase A)
	PowerW           *int64 `db:"power_w"`            // total active power, W
	PowerFactorMilli *int   `db:"power_factor_milli"` // 0.001
	FrequencyCHz     *int   `db:"frequency_chz"`      // 0.01 Hz
	// BalanceFen is the balance the meter keeps itself (meter-balance mode).
	BalanceFen    *Fen    `db:"balance_fen"`
	PurchaseCount *int    `db:"purchase_count"`
	Relay         *string `db:"relay"`       // RelayClosed or RelayOpen
	StatusWord    *int    `db:"status_word"` // DL/T 645 status word 3, raw
}

// ReadingCursor is the PageArgs.After (or Before) that continues a list of
// readings after (or before) r: readings have no id, and read_at is unique
// per meter.
func ReadingCursor(r *Reading) int64 { return r.ReadAt.UnixMicro() }

// ReadingFilter selects readings of one meter, newest first; Page.After and
// Page.Before are ReadingCursors.
type ReadingFilter struct {
	MeterID  int64
	From, To *time.Time
	Page     PageArgs
}

// SetPage lets the API fill in the page.
func (f *ReadingFilter) SetPage(p PageArgs) { f.Page = p }

// ReadingService stores what meterlink reads.
// Errors: INVALID_INPUT, NOT_FOUND (unknown meter), UNAVAILABLE.
type ReadingService interface {
	// RecordReadings stores a batch in bulk and updates each meter's
	// latest state (energy, read time, relay, online). A reading already
	// stored (same meter and time) is skipped, so a batch can be retried.
	RecordReadings(ctx context.Context, rs []*Reading) (stored int, err error)
	// MarkOffline records that meters stopped answering (失联).
	MarkOffline(ctx context.Context, meterIDs []int64) error
	// RecordGatewayStates records what a poll cycle learned about gateways:
	// online or offline, and when one last answered. Unknown ids are ignored
	// (the gateway was removed while the cycle ran).
	RecordGatewayStates(ctx context.Context, states []GatewayState) error
	FindReadings(ctx context.Context, f ReadingFilter) (*Page[*Reading], error)
	// LatestReadings returns the newest reading of each meter asked for, in
	// one query, for dataloaders; meters never read have no key.
	LatestReadings(ctx context.Context, meterIDs []int64) (map[int64]*Reading, error)
}

// GatewayState is a gateway's state after a poll cycle. SeenAt is when a
// meter behind it last answered; nil leaves the stored time as it is.
type GatewayState struct {
	GatewayID int64
	Online    bool
	SeenAt    *time.Time
}
