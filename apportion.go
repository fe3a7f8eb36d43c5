package voltpay

import (
	"context"
	"strings"
	"time"
)

// Apportionment methods (公摊 by): how a group's shared cost is split over
// its members.
const (
	ApportionArea  = "area"  // by floor area (ApportionMember.AreaM2X100)
	ApportionUsage = "usage" // by the members' own metered energy in the month
	ApportionFixed = "fixed" // by fixed shares (ApportionMember.ShareBP, adding up to 100%)
)

// ApportionMethods lists the apportionment methods.
var ApportionMethods = []string{ApportionArea, ApportionUsage, ApportionFixed}

// Roles of a group's source meters.
const (
	// SourceCommon is a common-area meter (lifts, corridors, lighting):
	// all of its month's energy is shared.
	SourceCommon = "common"
	// SourceMaster is a master meter (总表): with IncludeLineLoss, what it
	// measured beyond the meters below it (the members' meters and the
	// common meters) is line loss, shared too.
	SourceMaster = "master"
)

// MaxApportionMembers bounds a group: one run posts one entry per member
// in one transaction.
const MaxApportionMembers = 1000

// ApportionGroup is a set of accounts sharing the cost of common meters and
// line losses (公摊组), priced at TariffID's flat price.
type ApportionGroup struct {
	ID              int64             `db:"id"`
	SiteID          int64             `db:"site_id"`
	Name            string            `db:"name"`
	Method          string            `db:"method"`
	TariffID        int64             `db:"tariff_id"`
	IncludeLineLoss bool              `db:"include_line_loss"`
	Sources         []ApportionSource `db:"-"`
	Members         []ApportionMember `db:"-"`
	CreatedAt       time.Time         `db:"created_at"`
	UpdatedAt       time.Time         `db:"updated_at"`
}

// ApportionSource is a meter whose energy a group shares.
type ApportionSource struct {
	MeterID int64  `db:"meter_id"`
	Role    string `db:"role"`
}

// ApportionMember is an account of a group with its weight: AreaM2X100
// (floor area in 1/100 m²) for method area, ShareBP (basis points) for
// method fixed, neither for usage.
type ApportionMember struct {
	AccountID  int64  `db:"account_id"`
	AreaM2X100 *int64 `db:"area_m2_x100"`
	ShareBP    *int64 `db:"share_bp"`
}

// ApportionGroupInput creates or replaces a group with its sources and
// members (the whole lists: what is left out is removed).
type ApportionGroupInput struct {
	SiteID          int64
	Name            string
	Method          string
	TariffID        int64
	IncludeLineLoss bool
	Sources         []ApportionSource
	Members         []ApportionMember
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateApportionGroup keeps the group's value of every other field.
	Fields FieldSet
}

// AsInput is the group's settings as an input, the values an update keeps
// for the fields it was not sent (KeepAbsent).
func (g *ApportionGroup) AsInput() ApportionGroupInput {
	return ApportionGroupInput{SiteID: g.SiteID, Name: g.Name, Method: g.Method, TariffID: g.TariffID,
		IncludeLineLoss: g.IncludeLineLoss, Sources: g.Sources, Members: g.Members}
}

// Validate checks the group's shape and returns INVALID_INPUT saying what
// to fix; that the meters, accounts and tariff exist in the site is the
// service's check.
func (in *ApportionGroupInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len([]rune(in.Name)) > 100 {
		return Invalid("name", "a group needs a name of at most 100 characters, e.g. \"A座公摊\"")
	}
	if !contains(ApportionMethods, in.Method) {
		return Invalid("method", "unknown apportionment method %q; use area, usage or fixed", in.Method)
	}
	masters, commons := 0, 0
	seen := map[int64]bool{}
	for _, s := range in.Sources {
		switch s.Role {
		case SourceCommon:
			commons++
		case SourceMaster:
			masters++
		default:
			return Invalid("sources", "unknown source role %q of meter %d; use common or master", s.Role, s.MeterID)
		}
		if seen[s.MeterID] {
			return Invalid("sources", "meter %d is listed twice; list each source meter once", s.MeterID)
		}
		seen[s.MeterID] = true
	}
	if in.IncludeLineLoss && masters == 0 {
		return Invalid("sources", "line loss is the master meter minus the meters below it: add a source with role master, or set includeLineLoss to false")
	}
	if commons == 0 && !in.IncludeLineLoss {
		return Invalid("sources", "the group shares nothing: add a common-area meter (role common) or include the line loss of a master meter")
	}
	if len(in.Members) == 0 || len(in.Members) > MaxApportionMembers {
		return Invalid("members", "a group needs 1 to %d member accounts, got %d", MaxApportionMembers, len(in.Members))
	}
	accounts := map[int64]bool{}
	var bp int64
	for _, m := range in.Members {
		if accounts[m.AccountID] {
			return Invalid("members", "account %d is listed twice; list each member once", m.AccountID)
		}
		accounts[m.AccountID] = true
		switch in.Method {
		case ApportionArea:
			if m.AreaM2X100 == nil || *m.AreaM2X100 <= 0 || *m.AreaM2X100 > 100_000_000 || m.ShareBP != nil {
				return Invalid("members", "method area needs each member's floor area in 1/100 m² (areaM2x100, 1 to 100000000; 12050 is 120.50 m²) and no shareBp; account %d has none", m.AccountID)
			}
		case ApportionFixed:
			if m.ShareBP == nil || *m.ShareBP <= 0 || *m.ShareBP > 10000 || m.AreaM2X100 != nil {
				return Invalid("members", "method fixed needs each member's share in basis points (shareBp, 1 to 10000; 2500 is 25%%) and no area; account %d has none", m.AccountID)
			}
			bp += *m.ShareBP
		case ApportionUsage:
			if m.AreaM2X100 != nil || m.ShareBP != nil {
				return Invalid("members", "method usage weighs members by their own metered energy: give account %d neither an area nor a share", m.AccountID)
			}
		}
	}
	if in.Method == ApportionFixed && bp != 10000 {
		return Invalid("members", "fixed shares must add up to 10000 basis points (100%%), got %d", bp)
	}
	return nil
}

// ApportionRun is one month of a group charged (公摊单): the shared energy,
// its price and one line per member. A month is run once.
type ApportionRun struct {
	ID          int64            `db:"id"`
	GroupID     int64            `db:"group_id"`
	PeriodStart time.Time        `db:"period_start"` // the month's first day, local midnight
	PeriodEnd   time.Time        `db:"period_end"`   // the next month's first day
	CommonWh    Wh               `db:"common_wh"`    // the common meters' energy
	LineLossWh  Wh               `db:"line_loss_wh"` // master minus the meters below it; 0 when negative or not included
	TotalWh     Wh               `db:"total_wh"`
	Price       Price            `db:"price"`
	TotalFen    Fen              `db:"total_fen"`
	Note        string           `db:"note"` // how the energy was measured, and anything odd
	CreatedAt   time.Time        `db:"created_at"`
	Lines       []*ApportionLine `db:"-"`
}

// Month returns the run's month as "YYYY-MM".
func (r *ApportionRun) Month() string { return r.PeriodStart.Format("2006-01") }

// ApportionLine is one member's part of a run: its statement line.
type ApportionLine struct {
	RunID     int64  `db:"run_id"`
	AccountID int64  `db:"account_id"`
	Month     string `db:"month"`
	// Weight is what the split went by: area in 1/100 m², energy in Wh or
	// share in basis points.
	Weight    int64  `db:"weight"`
	EnergyWh  Wh     `db:"energy_wh"` // the member's part of the shared energy, for the statement
	AmountFen Fen    `db:"amount_fen"`
	EntryID   *int64 `db:"entry_id"` // the ledger entry; nil when the part came to 0 fen
	Note      string `db:"note"`
}

// ApportionService keeps apportionment groups and charges their months.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT.
type ApportionService interface {
	CreateApportionGroup(ctx context.Context, in ApportionGroupInput) (*ApportionGroup, error)
	UpdateApportionGroup(ctx context.Context, id int64, in ApportionGroupInput) (*ApportionGroup, error)
	FindApportionGroups(ctx context.Context, siteID *int64) ([]*ApportionGroup, error)
	// RunApportionment charges month ("YYYY-MM", local time) of group.
	RunApportionment(ctx context.Context, groupID int64, month string) (*ApportionRun, error)
	// FindApportionRuns lists a group's runs, newest month first; tenants
	// see only runs with a line of theirs, and only that line.
	FindApportionRuns(ctx context.Context, groupID int64) ([]*ApportionRun, error)
	// FindApportionLines lists an account's statement lines, newest first.
	FindApportionLines(ctx context.Context, accountID int64, limit int) ([]*ApportionLine, error)
	// FindApportionGroupByID returns one group with its sources and
	// members; NOT_FOUND when there is none.
	FindApportionGroupByID(ctx context.Context, id int64) (*ApportionGroup, error)
	// FindApportionRunByID returns one run with its lines (a tenant's: only
	// their own); NOT_FOUND when there is none, or for a tenant when the
	// run has no line of theirs.
	FindApportionRunByID(ctx context.Context, id int64) (*ApportionRun, error)
	// FindApportionRunLines reads one page of a run's lines in account id
	// order; a tenant's page holds only their own line.
	FindApportionRunLines(ctx context.Context, f ApportionLineFilter) (*Page[*ApportionLine], error)
}

// ApportionLineFilter selects the lines of one run, a page at a time
// (the cursor is the line's account id, unique within the run).
type ApportionLineFilter struct {
	RunID int64
	Page  PageArgs
}

// SetPage lets the API fill in the page.
func (f *ApportionLineFilter) SetPage(p PageArgs) { f.Page = p }
