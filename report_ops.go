package voltpay

import (
	"context"
	"time"
)

// OpsReportService answers the office's operational reports (issue 15,
// part 3): who is in arrears, every meter's registers now, what is
// offline, how alarms went over a range and how a month's shared cost was
// split. They are staff reports: a tenant is refused (FORBIDDEN), since
// each row is another tenant's business; a tenant reads their own
// account, meters, alarms and apportionment lines through the usual
// fields. Each is a bounded number of queries, whatever the number of
// rows (no query per row).
// Errors: INVALID_INPUT (a filter, saying what to change), FORBIDDEN,
// NOT_FOUND, UNAVAILABLE.
type OpsReportService interface {
	// Arrears lists the open accounts at or below f's level, most debt
	// first, with totals and the totals by building.
	Arrears(ctx context.Context, f ArrearsFilter) (*ArrearsReport, error)
	// MeterSnapshot pages the active meters of a site (or building) in id
	// order, each with its registers and state now.
	MeterSnapshot(ctx context.Context, f MeterSnapshotFilter) (*Page[*MeterSnapshot], error)
	// OfflineMeters pages the active meters that are offline now, in id
	// order, with since when and behind which gateway.
	OfflineMeters(ctx context.Context, f OfflineFilter) (*Page[*OfflineMeter], error)
	// OfflineSummary counts offline meters by building and lists the
	// offline gateways of f.
	OfflineSummary(ctx context.Context, f OfflineFilter) (*OfflineSummary, error)
	// AlarmStats counts the alarms raised over a range by kind and day,
	// with their durations and the meters and accounts that alarmed most.
	AlarmStats(ctx context.Context, f AlarmStatsFilter) (*AlarmStats, error)
	// ApportionStatement is one shared-cost run as a statement, its lines
	// reconciled with the ledger entries they posted.
	ApportionStatement(ctx context.Context, runID int64) (*ApportionStatement, error)
}

// Arrears levels: how low a balance an arrears list keeps.
const (
	ArrearsLevelArrears = "arrears" // at or below zero
	ArrearsLevelAlarm2  = "alarm2"  // at or below the account's alarm 2 threshold (arrears included)
	ArrearsLevelAlarm1  = "alarm1"  // at or below the account's alarm 1 threshold (alarm 2 and arrears included)
)

// ArrearsLevels lists the arrears levels, the lowest balance first.
var ArrearsLevels = []string{ArrearsLevelArrears, ArrearsLevelAlarm2, ArrearsLevelAlarm1}

// MaxArrearsRows bounds an arrears list: a filter matching more accounts
// is refused with INVALID_INPUT asking to narrow it (by site or
// building), rather than cut silently, so that the totals always cover
// every row shown. Its GraphQL cost (rows × their fields) stays within a
// signed-in caller's budget at this bound.
const MaxArrearsRows = 2_000

// ArrearsFilter selects the open accounts of an arrears list: of a site
// and building (nil: all; an account is in a building when one of its
// meters is), with a balance at or below Level (ArrearsLevels; "": at or
// below zero).
type ArrearsFilter struct {
	SiteID     *int64
	BuildingID *int64
	Level      string
}

// Validate checks the level. Errors: INVALID_INPUT.
func (f *ArrearsFilter) Validate() error {
	if f.Level == "" {
		f.Level = ArrearsLevelArrears
	}
	if !contains(ArrearsLevels, f.Level) {
		return Invalid("level", "unknown arrears level %q; use arrears, alarm2 or alarm1", f.Level)
	}
	return nil
}

// ArrearsReport is an arrears list with its totals.
type ArrearsReport struct {
	Rows []*ArrearsRow
	// Count is len(Rows); DebtFen the sum of their debts (what they owe
	// below zero), BalanceFen the sum of their balances.
	Count      int
	DebtFen    Fen
	BalanceFen Fen
	ByBuilding []*ArrearsBuilding
}

// ArrearsRow is one account of an arrears list.
type ArrearsRow struct {
	AccountID  int64  `db:"id"`
	AccountNo  string `db:"no"`
	TenantName string `db:"tenant_name"`
	ShopNo     string `db:"shop_no"`
	Phone      string `db:"phone"`
	BalanceFen Fen    `db:"balance_fen"`
	// DebtFen is what the account owes: minus its balance when below
	// zero, else 0.
	DebtFen   Fen `db:"debt_fen"`
	Alarm1Fen Fen `db:"alarm1_fen"`
	Alarm2Fen Fen `db:"alarm2_fen"`
	// Level is the lowest level the balance is at: arrears, alarm2 or
	// alarm1.
	Level string `db:"level"`
	// Since is when the open alarm of Level was raised (on the account or
	// one of its meters): since when it has been at that level; nil when
	// no alarm is open (the controller has not run since the balance
	// moved).
	Since *time.Time `db:"since"`
	// BuildingID is the building of the account's first meter (lowest
	// id), the one the totals by building count it in.
	BuildingID    *int64         `db:"building_id"`
	BuildingName  string         `db:"building_name"`
	Meters        []ArrearsMeter `db:"-"`
	LastPaymentAt *time.Time     `db:"last_payment_at"`
	// LastPaymentFen is the amount of the last sale (售电).
	LastPaymentFen *Fen `db:"last_payment_fen"`
}

// ArrearsMeter is a meter of an account in arrears and its relay.
type ArrearsMeter struct {
	MeterID int64  `json:"id"`
	Address string `json:"address"`
	Room    string `json:"room"`
	Relay   string `json:"relay"`
	Online  bool   `json:"online"`
}

// ArrearsBuilding is the arrears of one building (nil BuildingID: the
// accounts without a meter in any building).
type ArrearsBuilding struct {
	BuildingID   *int64
	BuildingName string
	Count        int
	DebtFen      Fen
}

// MeterPlace is which meter a report's row is and where it hangs.
type MeterPlace struct {
	MeterID      int64  `db:"id"`
	Address      string `db:"address"`
	Channel      int    `db:"channel"`
	BuildingID   *int64 `db:"building_id"`
	BuildingName string `db:"building_name"` // "" when in no building
	Floor        string `db:"floor"`
	Room         string `db:"room"`
}

// MeterSnapshotFilter selects the active meters of a meter snapshot: of a
// site (required: a snapshot is read per site) and of a building.
type MeterSnapshotFilter struct {
	SiteID     int64
	BuildingID *int64
	Page       PageArgs
}

// SetPage lets the API fill in the page.
func (f *MeterSnapshotFilter) SetPage(p PageArgs) { f.Page = p }

// MeterSnapshot is one meter's registers and state now (抄表): the
// registers of its newest reading, its balance and its display status.
type MeterSnapshot struct {
	MeterPlace
	AccountID  *int64  `db:"account_id"`
	AccountNo  *string `db:"account_no"`
	TenantName *string `db:"tenant_name"`
	CTRatio    int     `db:"ct_ratio"`
	// The registers of the newest reading (the meter's own values, the
	// CT ratio not applied); nil when never read or not kept.
	EnergyWh  *Wh `db:"energy_wh"`
	SharpWh   *Wh `db:"sharp_wh"`
	PeakWh    *Wh `db:"peak_wh"`
	FlatWh    *Wh `db:"flat_wh"`
	ValleyWh  *Wh `db:"valley_wh"`
	ReverseWh *Wh `db:"reverse_wh"`
	// BalanceFen is the balance the meter's display status is decided on:
	// its own on an account keeping one per meter, else its account's;
	// nil for a meter on no account.
	BalanceFen *Fen `db:"balance_fen"`
	// MeterBalanceFen is the balance the meter itself reported (a
	// meter-billed meter), from its newest reading.
	MeterBalanceFen *Fen       `db:"meter_balance_fen"`
	Relay           string     `db:"relay"`
	ControlMode     string     `db:"control_mode"`
	DisplayStatus   string     `db:"-"`
	Mask            int        `db:"mask"`
	Online          bool       `db:"online"`
	LastReadAt      *time.Time `db:"last_read_at"`
}

// OfflineFilter selects the meters and gateways of the offline report: of
// a site (required) and of a building or behind a gateway.
type OfflineFilter struct {
	SiteID     int64
	BuildingID *int64
	GatewayID  *int64
	Page       PageArgs
}

// SetPage lets the API fill in the page.
func (f *OfflineFilter) SetPage(p PageArgs) { f.Page = p }

// OfflineMeter is an active meter that is offline now (失联).
type OfflineMeter struct {
	MeterPlace
	GatewayID   *int64  `db:"gateway_id"`
	GatewayName *string `db:"gateway_name"`
	// GatewayOnline is whether its gateway answers: a meter behind an
	// offline gateway is unreachable through no fault of its own.
	GatewayOnline *bool `db:"gateway_online"`
	// Since is when its offline alarm was raised; nil when none is open
	// (marked offline before alarms were kept).
	Since      *time.Time `db:"since"`
	LastReadAt *time.Time `db:"last_read_at"`
	// OfflineSeconds is how long it has been offline: from Since (else
	// its last reading) to now; nil when neither is known.
	OfflineSeconds *int64 `db:"offline_seconds"`
}

// OfflineSummary is how much of a site is offline now.
type OfflineSummary struct {
	Meters     int // active meters of the filter
	Offline    int // of them offline
	ByBuilding []*OfflineBuilding
	Gateways   int // gateways of the filter
	// OfflineGateways are the gateways not answering now, the longest
	// offline first.
	OfflineGateways []*OfflineGateway
}

// OfflineBuilding counts the active and offline meters of a building (nil
// BuildingID: meters in no building).
type OfflineBuilding struct {
	BuildingID   *int64 `db:"building_id"`
	BuildingName string `db:"building_name"`
	Meters       int    `db:"meters"`
	Offline      int    `db:"offline"`
}

// OfflineGateway is a gateway (通讯管理机) not answering now.
type OfflineGateway struct {
	GatewayID      int64      `db:"id"`
	Name           string     `db:"name"`
	BuildingName   string     `db:"building_name"`
	Host           string     `db:"host"`
	Port           int        `db:"port"`
	Since          *time.Time `db:"since"`
	LastSeenAt     *time.Time `db:"last_seen_at"`
	OfflineSeconds *int64     `db:"offline_seconds"`
	Meters         int        `db:"meters"` // active meters behind it
}

// MaxAlarmStatsDays bounds an alarm report's range: a quarter.
const MaxAlarmStatsDays = 92

// MaxAlarmTop is how many meters and accounts an alarm report ranks.
const MaxAlarmTop = 10

// AlarmStatsFilter selects the alarms of an alarm report: raised in
// [From, To) (at most MaxAlarmStatsDays), of one site (nil: all) and of
// Kinds (empty: every kind). Days are counted in the site's time zone
// (else Asia/Shanghai).
type AlarmStatsFilter struct {
	SiteID   *int64
	From, To time.Time
	Kinds    []string
}

// Validate checks the range and the kinds. Errors: INVALID_INPUT.
func (f AlarmStatsFilter) Validate() error {
	if err := validateRange(f.From, f.To, MaxAlarmStatsDays); err != nil {
		return err
	}
	for _, k := range f.Kinds {
		if !contains(AlarmKinds, k) {
			return Invalid("kinds", "unknown alarm kind %q", k)
		}
	}
	return nil
}

// AlarmKinds lists the alarm kinds.
var AlarmKinds = []string{AlarmLevel1, AlarmLevel2, AlarmArrears, AlarmOverload, AlarmOffline, AlarmGatewayOffline,
	AlarmReadingFault, AlarmBalanceMismatch}

// AlarmStats is an alarm report. A duration runs from raised to cleared,
// or to now for an alarm still open.
type AlarmStats struct {
	ByKind      []*AlarmKindStats
	Days        []*AlarmDayCount
	TopMeters   []*AlarmTop
	TopAccounts []*AlarmTop
}

// AlarmKindStats is one kind's alarms of a report: raised in the range,
// of them still open, their mean and longest durations in seconds, and
// how many of the kind are open now whenever raised (live).
type AlarmKindStats struct {
	Kind           string `db:"kind"`
	Raised         int    `db:"raised"`
	StillOpen      int    `db:"still_open"`
	MeanSeconds    int64  `db:"mean_seconds"`
	LongestSeconds int64  `db:"longest_seconds"`
	OpenNow        int    `db:"open_now"`
}

// AlarmDayCount is how many alarms of a kind were raised on a local day.
type AlarmDayCount struct {
	Day            string `db:"day"` // YYYY-MM-DD
	Kind           string `db:"kind"`
	Raised         int    `db:"raised"`
	MeanSeconds    int64  `db:"mean_seconds"`
	LongestSeconds int64  `db:"longest_seconds"`
}

// AlarmTop is a meter or account with how many alarms it raised in the
// range and for how long in all.
type AlarmTop struct {
	ID           int64  `db:"id"`
	Label        string `db:"label"` // the meter's address and room, or the account's number and tenant
	Count        int    `db:"n"`
	TotalSeconds int64  `db:"total_seconds"`
}

// ApportionStatement is a shared-cost run (公摊单) as a statement: what the
// source meters measured, the price, each member's part and how it was
// computed, and the ledger entries the run posted, reconciled.
type ApportionStatement struct {
	Run       *ApportionRun
	GroupName string
	Method    string
	Sources   []*ApportionStatementSource
	Lines     []*ApportionStatementLine
	// WeightTotal is the sum of the lines' weights (0: split equally).
	WeightTotal int64
	// LedgerFen is what the run's entries took, net of any reversal of
	// them: it reconciles when it equals the run's TotalFen less
	// ReversedFen.
	LedgerFen   Fen
	ReversedFen Fen
	Reconciled  bool
}

// ApportionStatementSource is one source meter of a run, with the energy
// it measured over the run's month (as the run measured it).
type ApportionStatementSource struct {
	MeterID  int64
	Address  string
	Room     string
	Role     string
	EnergyWh Wh
}

// ApportionStatementLine is a member's line of a statement.
type ApportionStatementLine struct {
	AccountID  int64  `db:"account_id"`
	AccountNo  string `db:"no"`
	TenantName string `db:"tenant_name"`
	Weight     int64  `db:"weight"`
	// ShareBP is the member's share of the split, in basis points
	// (rounded), as the line's note shows it.
	ShareBP   int64  `db:"-"`
	EnergyWh  Wh     `db:"energy_wh"`
	AmountFen Fen    `db:"amount_fen"`
	EntryID   *int64 `db:"entry_id"`
	// EntryFen is what the ledger entry took (minus its amount); 0 without
	// an entry. ReversedFen is what reversals of it gave back.
	EntryFen    Fen    `db:"entry_fen"`
	ReversedFen Fen    `db:"reversed_fen"`
	Note        string `db:"note"`
	Reconciled  bool   `db:"-"`
}
