package postgres_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestControlSchedule: a schedule is stored with its maker; each
// occurrence enqueues its command once per selected meter, on the maker's
// behalf (a scheduled trip is an operator's forced trip), however often the
// window is ticked; a disabled schedule fires nothing; bad input is refused.
func TestControlSchedule(t *testing.T) {
	db := MustOpenDB(t)
	svc := postgres.NewControlScheduleService(db)
	queue := postgres.NewCommandService(db)
	mustClock(db) // commands of other tests' clocks stay out of ours
	site := MustCreateSite(t, db).ID
	a, b := mkDirectMeter(t, db, site), mkDirectMeter(t, db, site)
	op := authMustOperator(t, postgres.NewAuthService(db), voltpay.RoleManager, false)
	ctx := operatorContext(op)

	sc, err := svc.CreateControlSchedule(ctx, voltpay.ControlScheduleInput{SiteID: site, Name: "夜间断电", Action: voltpay.CmdTrip,
		AtMinute: 22 * 60, MeterIDs: []int64{b.ID, a.ID, a.ID}, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if sc.CreatedByID != op.ID || len(sc.MeterIDs) != 2 {
		t.Fatalf("schedule %+v; want made by %d with 2 meters", sc, op.ID)
	}
	_, err = svc.CreateControlSchedule(ctx, voltpay.ControlScheduleInput{SiteID: site, Name: "夜间断电", Action: voltpay.CmdTrip,
		AtMinute: 60, MeterIDs: []int64{a.ID}, Enabled: true})
	wantCode(t, err, voltpay.ECONFLICT)
	for name, in := range map[string]voltpay.ControlScheduleInput{
		"no meters":   {SiteID: site, Name: "x", Action: voltpay.CmdTrip, AtMinute: 1},
		"bad action":  {SiteID: site, Name: "x", Action: voltpay.CmdCredit, AtMinute: 1, MeterIDs: []int64{a.ID}},
		"bad time":    {SiteID: site, Name: "x", Action: voltpay.CmdTrip, AtMinute: 1440, MeterIDs: []int64{a.ID}},
		"bad weekday": {SiteID: site, Name: "x", Action: voltpay.CmdTrip, AtMinute: 1, Weekdays: []int{7}, MeterIDs: []int64{a.ID}},
	} {
		if _, err := svc.CreateControlSchedule(ctx, in); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("%s: %v, want INVALID_INPUT", name, err)
		}
	}
	if _, err := svc.CreateControlSchedule(AdminContext(), voltpay.ControlScheduleInput{SiteID: site, Name: "sys", Action: voltpay.CmdTrip,
		AtMinute: 1, MeterIDs: []int64{a.ID}, Enabled: true}); voltpay.ErrorCode(err) != voltpay.EFORBIDDEN {
		t.Errorf("schedule by the system: %v, want FORBIDDEN", err)
	}

	s := billing.NewScheduler(billing.SchedulerConfig{}, svc, queue, nil)
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, billing.ChinaTime)
	before, after := day.Add(21*time.Hour+59*time.Minute), day.Add(22*time.Hour+1*time.Minute)
	for range 2 { // the same window twice: once
		if _, err := s.Tick(AdminContext(), before); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Tick(AdminContext(), after); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []*voltpay.Meter{a, b} {
		p, err := queue.FindCommands(AdminContext(), voltpay.CommandFilter{MeterID: &m.ID})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 1 || p.Items[0].Kind != voltpay.CmdTrip {
			t.Fatalf("meter %d: %d commands, want one trip", m.ID, p.Total)
		}
		var mode string
		if err := db.Get(&mode, `SELECT control_mode FROM meters WHERE id = $1`, m.ID); err != nil || mode != billing.ModeForcedTrip {
			t.Errorf("meter %d control mode %q, %v; want %s (the operator's trip)", m.ID, mode, err, billing.ModeForcedTrip)
		}
	}

	sc.Enabled = false
	if _, err := svc.UpdateControlSchedule(ctx, sc.ID, voltpay.ControlScheduleInput{SiteID: site, Name: sc.Name, Action: sc.Action,
		AtMinute: sc.AtMinute, MeterIDs: sc.MeterIDs}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Tick(AdminContext(), after.Add(24*time.Hour)); err != nil || n != 0 {
		t.Errorf("disabled schedule: %d commands, %v; want none", n, err)
	}
	if err := svc.DeleteControlSchedule(ctx, sc.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.DeleteControlSchedule(ctx, sc.ID), voltpay.ENOTFOUND)
}
