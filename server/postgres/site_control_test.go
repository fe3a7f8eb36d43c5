package postgres_test

import (
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestSite_Control: a site's grace and friendly periods round-trip, reach
// the controller with each of its accounts, and the schema refuses what
// validation refuses.
func TestSite_Control(t *testing.T) {
	db := MustOpenDB(t)
	sites := postgres.NewSiteService(db)
	ctx := AdminContext()

	s := MustCreateSite(t, db)
	if s.GraceFen != 0 || s.GraceMinutes != 0 || s.FriendlyNightFrom != nil || s.FriendlyNightTo != nil ||
		s.FriendlyWeekends || s.FriendlyHolidays == nil || len(s.FriendlyHolidays) != 0 {
		t.Fatalf("a new site's control: %+v; want none", s.SiteControl)
	}
	ctl := voltpay.SiteControl{GraceFen: 500, GraceMinutes: 90, FriendlyNightFrom: refOf(1320), FriendlyNightTo: refOf(480),
		FriendlyWeekends: true, FriendlyHolidays: []string{"2026-10-02", "2026-10-01"}}
	in := voltpay.SiteInput{Name: s.Name, Code: s.Code, Timezone: "Asia/Urumqi", SiteControl: ctl}
	got, err := sites.UpdateSite(ctx, s.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-10-01", "2026-10-02"}
	check := func(what string, got *voltpay.Site) {
		t.Helper()
		if got.GraceFen != 500 || got.GraceMinutes != 90 || got.FriendlyNightFrom == nil || *got.FriendlyNightFrom != 1320 ||
			got.FriendlyNightTo == nil || *got.FriendlyNightTo != 480 || !got.FriendlyWeekends || !slices.Equal(got.FriendlyHolidays, want) {
			t.Errorf("%s: %+v", what, got.SiteControl)
		}
	}
	check("update", got)
	all, err := sites.FindSites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range all {
		if x.ID == s.ID {
			check("find", x)
		}
	}

	a := mkAccount(t, db, s.ID)
	acs, err := postgres.NewControlStore(db).AccountControls(ctx, []int64{a.ID}, nil)
	if err != nil || len(acs) != 1 {
		t.Fatalf("controls: %v, %v", acs, err)
	}
	p, loc := acs[0].Policy, acs[0].Loc
	if p.Grace != (billing.Grace{Amount: 500, Time: 90 * time.Minute}) || p.Friendly.NightFrom != 1320 || p.Friendly.NightTo != 480 ||
		!p.Friendly.Weekends || len(p.Friendly.Holidays) != 2 || loc == nil || loc.String() != "Asia/Urumqi" {
		t.Fatalf("the controller sees %+v in %v", p, loc)
	}
	if y, m, d := p.Friendly.Holidays[0].Date(); y != 2026 || m != time.October || d != 1 {
		t.Errorf("first holiday %v, want 2026-10-01", p.Friendly.Holidays[0])
	}

	in.SiteControl = voltpay.SiteControl{}
	if got, err = sites.UpdateSite(ctx, s.ID, in); err != nil || got.FriendlyNightFrom != nil || len(got.FriendlyHolidays) != 0 || got.GraceFen != 0 {
		t.Fatalf("cleared: %+v, %v", got, err)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, c := range []voltpay.SiteControl{
			{GraceFen: -1},
			{GraceMinutes: 10081},
			{FriendlyNightFrom: refOf(60)},
			{FriendlyNightFrom: refOf(60), FriendlyNightTo: refOf(60)},
			{FriendlyNightFrom: refOf(60), FriendlyNightTo: refOf(1440)},
			{FriendlyHolidays: []string{"2026-13-01"}},
		} {
			_, err := sites.CreateSite(ctx, voltpay.SiteInput{Name: "bad control", Code: randomCode(), SiteControl: c})
			wantCode(t, err, voltpay.EINVALID)
		}
	})

	t.Run("Schema", func(t *testing.T) {
		for _, set := range []string{
			`grace_fen = -1`,
			`grace_minutes = 10081`,
			`friendly_night_from = 60`,
			`friendly_night_from = 60, friendly_night_to = 60`,
			`friendly_night_from = 1440, friendly_night_to = 60`,
			`friendly_holidays = array(SELECT '2026-01-01'::date + i FROM generate_series(0, 60) i)`,
		} {
			if _, err := db.ExecContext(ctx, `UPDATE sites SET `+set+` WHERE id = $1`, s.ID); err == nil {
				t.Errorf("the schema let %s through", set)
			}
		}
	})
}
