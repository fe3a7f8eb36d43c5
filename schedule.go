package voltpay

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ControlSchedule is a time-based control (分时控制): at AtMinute (minutes
// after local midnight) on the given weekdays (empty: every day), trip or
// close the meters of a building and/or a list of meters.
type ControlSchedule struct {
	ID          int64     `db:"id"`
	SiteID      int64     `db:"site_id"`
	Name        string    `db:"name"`
	Action      string    `db:"action"` // CmdTrip or CmdClose
	AtMinute    int       `db:"at_minute"`
	Weekdays    []int     `db:"-"` // 0 = Sunday … 6 = Saturday
	BuildingID  *int64    `db:"building_id"`
	MeterIDs    []int64   `db:"-"`
	Enabled     bool      `db:"enabled"`
	CreatedByID int64     `db:"created_by_id"`
	CreatedAt   time.Time `db:"created_at"`
}

// RunsOn reports whether the schedule runs on weekday d.
func (s *ControlSchedule) RunsOn(d time.Weekday) bool {
	return len(s.Weekdays) == 0 || slices.Contains(s.Weekdays, int(d))
}

// ControlScheduleInput creates or edits a schedule.
type ControlScheduleInput struct {
	SiteID     int64
	Name       string
	Action     string
	AtMinute   int
	Weekdays   []int
	BuildingID *int64
	MeterIDs   []int64
	Enabled    bool
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateControlSchedule keeps the schedule's value of every other field.
	Fields FieldSet
}

// AsInput is the schedule's definition as an input, the values an update
// keeps for the fields it was not sent (KeepAbsent).
func (s *ControlSchedule) AsInput() ControlScheduleInput {
	return ControlScheduleInput{SiteID: s.SiteID, Name: s.Name, Action: s.Action, AtMinute: s.AtMinute,
		Weekdays: s.Weekdays, BuildingID: s.BuildingID, MeterIDs: s.MeterIDs, Enabled: s.Enabled}
}

// Validate checks in and says what to fix; it sorts and dedupes the
// weekdays and meter ids.
func (in *ControlScheduleInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "" || len([]rune(in.Name)) > 100:
		return Invalid("name", "a schedule needs a name of at most 100 characters, e.g. \"三楼夜间断电\"")
	case in.SiteID == 0:
		return Invalid("siteId", "a schedule needs the site whose meters it controls")
	case in.Action != CmdTrip && in.Action != CmdClose:
		return Invalid("action", "a schedule trips or closes; use trip or close, not %q", in.Action)
	case in.AtMinute < 0 || in.AtMinute >= 24*60:
		return Invalid("atMinute", "the time must be a time of day (0 to 1439 minutes after midnight), got %d", in.AtMinute)
	case in.BuildingID == nil && len(in.MeterIDs) == 0:
		return Invalid("meterIds", "say which meters: a building, meter ids, or both")
	case len(in.MeterIDs) > 2000:
		return Invalid("meterIds", "a schedule lists at most 2000 meters, got %d; use a building instead", len(in.MeterIDs))
	}
	for _, d := range in.Weekdays {
		if d < 0 || d > 6 {
			return Invalid("weekdays", "weekdays are 0 (Sunday) to 6 (Saturday), got %d", d)
		}
	}
	in.Weekdays = slices.Compact(slices.Sorted(slices.Values(in.Weekdays)))
	in.MeterIDs = slices.Compact(slices.Sorted(slices.Values(in.MeterIDs)))
	if in.Weekdays == nil {
		in.Weekdays = []int{} // stored as an empty array: every day
	}
	if in.MeterIDs == nil {
		in.MeterIDs = []int64{}
	}
	return nil
}

// ControlScheduleService keeps the schedules. Errors: NOT_FOUND,
// INVALID_INPUT, CONFLICT (duplicate name in a site), FORBIDDEN.
type ControlScheduleService interface {
	CreateControlSchedule(ctx context.Context, in ControlScheduleInput) (*ControlSchedule, error)
	UpdateControlSchedule(ctx context.Context, id int64, in ControlScheduleInput) (*ControlSchedule, error)
	DeleteControlSchedule(ctx context.Context, id int64) error
	FindControlSchedules(ctx context.Context, siteID *int64) ([]*ControlSchedule, error)
	// ScheduleMeters returns the ids of the active meters a schedule
	// selects (its building's and its listed ones), in id order.
	ScheduleMeters(ctx context.Context, s *ControlSchedule) ([]int64, error)
}
