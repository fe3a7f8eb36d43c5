package postgres_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// alarmEvents remembers the alarms (and meters) published.
type alarmEvents = recordingEvents

// take returns the alarms published since the last take, as "raise kind"
// or "clear kind".
func (e *recordingEvents) take() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, a := range e.alarms {
		if a.ClearedAt == nil {
			out = append(out, "raise "+a.Kind)
		} else {
			out = append(out, "clear "+a.Kind)
		}
	}
	e.alarms = nil
	return out
}

// wantEvents fails unless the events published since the last call are want.
func wantEvents(tb testing.TB, ev *alarmEvents, step string, want ...string) {
	tb.Helper()
	got := ev.take()
	if len(got) != len(want) {
		tb.Fatalf("%s: published %v, want %v", step, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			tb.Fatalf("%s: published %v, want %v", step, got, want)
		}
	}
}

// alarmRows counts the alarms of kind on the subject column = id, all and open.
func alarmRows(tb testing.TB, db *postgres.DB, column string, id int64, kind string) (all, open int) {
	tb.Helper()
	all = countRows(tb, db, `SELECT count(*) FROM alarms WHERE `+column+` = $1 AND kind = $2`, id, kind)
	open = countRows(tb, db, `SELECT count(*) FROM alarms WHERE `+column+` = $1 AND kind = $2 AND cleared_at IS NULL`, id, kind)
	return all, open
}

func wantAlarmRows(tb testing.TB, db *postgres.DB, step, column string, id int64, kind string, all, open int) {
	tb.Helper()
	if gotAll, gotOpen := alarmRows(tb, db, column, id, kind); gotAll != all || gotOpen != open {
		tb.Fatalf("%s: %s alarms of %s %d: %d rows, %d open; want %d, %d open", step, kind, column, id, gotAll, gotOpen, all, open)
	}
}

// TestAlarm_Offline: MarkOffline raises once however often it repeats, a
// reading clears once, and a later silence raises a new alarm; the alarm
// names the meter's account, for its tenant.
func TestAlarm_Offline(t *testing.T) {
	db := MustOpenDB(t)
	rs := postgres.NewReadingService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	m := mkDirectMeter(t, db, site)
	a := mkAccount(t, db, site, m.ID)
	ev := &alarmEvents{}
	db.Events = ev
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	read := func(at time.Duration) {
		t.Helper()
		if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m.ID, ReadAt: base.Add(at), EnergyWh: 100}}); err != nil {
			t.Fatal(err)
		}
	}
	offline := func() {
		t.Helper()
		if err := rs.MarkOffline(ctx, []int64{m.ID}); err != nil {
			t.Fatal(err)
		}
	}
	read(0)
	wantEvents(t, ev, "first reading")
	offline()
	offline()
	wantEvents(t, ev, "silent twice", "raise offline")
	wantAlarmRows(t, db, "silent twice", "meter_id", m.ID, voltpay.AlarmOffline, 1, 1)
	var account *int64
	if err := db.Get(&account, `SELECT account_id FROM alarms WHERE meter_id = $1 AND kind = 'offline'`, m.ID); err != nil || account == nil || *account != a.ID {
		t.Fatalf("offline alarm's account = %v, %v; want %d", account, err, a.ID)
	}
	read(time.Minute)
	read(2 * time.Minute)
	wantEvents(t, ev, "back", "clear offline")
	wantAlarmRows(t, db, "back", "meter_id", m.ID, voltpay.AlarmOffline, 1, 0)
	offline()
	wantEvents(t, ev, "silent again", "raise offline")
	wantAlarmRows(t, db, "silent again", "meter_id", m.ID, voltpay.AlarmOffline, 2, 1)
}

// TestAlarm_Overload: power above the threshold raises once, at or below
// clears once; a late older reading and a reading without power decide
// nothing; a meter without a threshold never alarms.
func TestAlarm_Overload(t *testing.T) {
	db := MustOpenDB(t)
	rs := postgres.NewReadingService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	limit := int64(1000)
	m := mkMeter(t, db, voltpay.MeterInput{SiteID: site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645, OverloadW: &limit})
	free := mkDirectMeter(t, db, site)
	ev := &alarmEvents{}
	db.Events = ev
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	n := 0
	read := func(at time.Duration, power *int64) {
		t.Helper()
		n++
		if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{
			{MeterID: m.ID, ReadAt: base.Add(at), EnergyWh: voltpay.Wh(n), PowerW: power},
			{MeterID: free.ID, ReadAt: base.Add(at), EnergyWh: voltpay.Wh(n), PowerW: refOf(int64(99999))},
		}); err != nil {
			t.Fatal(err)
		}
	}
	read(0, refOf(int64(500)))
	wantEvents(t, ev, "below")
	read(time.Minute, refOf(int64(1500)))
	read(2*time.Minute, refOf(int64(1600)))
	wantEvents(t, ev, "above twice", "raise overload")
	wantAlarmRows(t, db, "above twice", "meter_id", m.ID, voltpay.AlarmOverload, 1, 1)
	read(-time.Hour, refOf(int64(10))) // late: the meter's state stays at its newest
	read(3*time.Minute, nil)
	wantEvents(t, ev, "late and powerless")
	read(4*time.Minute, refOf(limit))
	read(5*time.Minute, refOf(int64(900)))
	wantEvents(t, ev, "at and below", "clear overload")
	wantAlarmRows(t, db, "at and below", "meter_id", m.ID, voltpay.AlarmOverload, 1, 0)
	wantAlarmRows(t, db, "no threshold", "meter_id", free.ID, voltpay.AlarmOverload, 0, 0)
}

// TestAlarm_GatewayOffline: a gateway reported offline raises once per
// outage and clears when reported online; unknown ids are ignored.
func TestAlarm_GatewayOffline(t *testing.T) {
	db := MustOpenDB(t)
	rs := postgres.NewReadingService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	g := mkGateway(t, db, site, voltpay.ProtocolDLT645)
	ev := &alarmEvents{}
	db.Events = ev
	state := func(online bool) {
		t.Helper()
		if err := rs.RecordGatewayStates(ctx, []voltpay.GatewayState{{GatewayID: g.ID, Online: online}, {GatewayID: 987654321}}); err != nil {
			t.Fatal(err)
		}
	}
	state(true)
	wantEvents(t, ev, "online")
	state(false)
	state(false)
	wantEvents(t, ev, "offline twice", "raise gateway_offline")
	wantAlarmRows(t, db, "offline twice", "gateway_id", g.ID, voltpay.AlarmGatewayOffline, 1, 1)
	state(true)
	state(true)
	wantEvents(t, ev, "online twice", "clear gateway_offline")
	wantAlarmRows(t, db, "online twice", "gateway_id", g.ID, voltpay.AlarmGatewayOffline, 1, 0)
}

// TestAlarm_ReadingFault: ControlStore.ReadingFaults follows
// meter_billing.fault: a fault that waits for an operator raises once
// (named or swept), a retried one (no tariff) raises nothing, and a series
// running again clears.
func TestAlarm_ReadingFault(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewControlStore(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	m, waiting := mkDirectMeter(t, db, site), mkDirectMeter(t, db, site)
	ev := &alarmEvents{}
	db.Events = ev
	fault := func(id int64, f string) {
		t.Helper()
		if _, err := db.Exec(`INSERT INTO meter_billing (meter_id, fault) VALUES ($1, $2)
			ON CONFLICT (meter_id) DO UPDATE SET fault = excluded.fault`, id, f); err != nil {
			t.Fatal(err)
		}
	}
	sync := func(ids []int64, want int) {
		t.Helper()
		got, err := cs.ReadingFaults(ctx, ids)
		if err != nil || len(got) != want {
			t.Fatalf("ReadingFaults(%v) = %d alarms, %v; want %d", ids, len(got), err, want)
		}
	}
	fault(m.ID, voltpay.FaultRegisterFell+": 120 Wh below the last reading")
	fault(waiting.ID, voltpay.FaultNoTariff)
	sync([]int64{m.ID, waiting.ID}, 1)
	sync([]int64{m.ID, waiting.ID}, 0)
	sync(nil, 0) // the sweep finds it open
	wantEvents(t, ev, "fault", "raise reading_fault")
	wantAlarmRows(t, db, "fault", "meter_id", m.ID, voltpay.AlarmReadingFault, 1, 1)
	wantAlarmRows(t, db, "no tariff", "meter_id", waiting.ID, voltpay.AlarmReadingFault, 0, 0)
	fault(m.ID, "") // an operator corrected the series
	sync(nil, 1)
	sync([]int64{m.ID}, 0)
	wantEvents(t, ev, "corrected", "clear reading_fault")
	wantAlarmRows(t, db, "corrected", "meter_id", m.ID, voltpay.AlarmReadingFault, 1, 0)
	sync([]int64{}, 0)
}

// TestAlarm_Find: filters, newest first, keyset pages, and a tenant
// confined to their account whatever they ask for.
func TestAlarm_Find(t *testing.T) {
	db := MustOpenDB(t)
	rs := postgres.NewReadingService(db)
	as := postgres.NewAlarmService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db).ID
	m1, m2 := mkDirectMeter(t, db, site), mkDirectMeter(t, db, site)
	a1, a2 := mkAccount(t, db, site, m1.ID), mkAccount(t, db, site, m2.ID)
	g := mkGateway(t, db, site, voltpay.ProtocolDLT645)
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range 3 { // three offline alarms of m1, two cleared
		if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m1.ID, ReadAt: base.Add(time.Duration(i) * time.Minute), EnergyWh: 1}}); err != nil {
			t.Fatal(err)
		}
		if err := rs.MarkOffline(ctx, []int64{m1.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m2.ID, ReadAt: base, EnergyWh: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := rs.MarkOffline(ctx, []int64{m2.ID}); err != nil {
		t.Fatal(err)
	}
	if err := rs.RecordGatewayStates(ctx, []voltpay.GatewayState{{GatewayID: g.ID}}); err != nil {
		t.Fatal(err)
	}
	find := func(ctx0 any, f voltpay.AlarmFilter) *voltpay.Page[*voltpay.Alarm] {
		t.Helper()
		c := ctx
		if ctx0 != nil {
			c = TenantContext(ctx0.(int64))
		}
		p, err := as.FindAlarms(c, f)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	yes, no := true, false
	siteID := site
	offline, gwKind := voltpay.AlarmOffline, voltpay.AlarmGatewayOffline
	for _, tc := range []struct {
		name   string
		tenant any
		f      voltpay.AlarmFilter
		want   int
	}{
		{"site", nil, voltpay.AlarmFilter{SiteID: &siteID}, 5},
		{"meter", nil, voltpay.AlarmFilter{MeterID: &m1.ID}, 3},
		{"meter active", nil, voltpay.AlarmFilter{MeterID: &m1.ID, Active: &yes}, 1},
		{"meter history", nil, voltpay.AlarmFilter{MeterID: &m1.ID, Active: &no}, 2},
		{"account", nil, voltpay.AlarmFilter{AccountID: &a2.ID}, 1},
		{"gateway", nil, voltpay.AlarmFilter{GatewayID: &g.ID}, 1},
		{"kind", nil, voltpay.AlarmFilter{SiteID: &siteID, Kind: &gwKind}, 1},
		{"offline", nil, voltpay.AlarmFilter{SiteID: &siteID, Kind: &offline, Active: &yes}, 2},
		{"tenant", a1.ID, voltpay.AlarmFilter{}, 3},
		{"tenant asks for another account", a1.ID, voltpay.AlarmFilter{AccountID: &a2.ID}, 3},
		{"tenant asks for another meter", a1.ID, voltpay.AlarmFilter{MeterID: &m2.ID}, 0},
		{"tenant asks for a gateway", a1.ID, voltpay.AlarmFilter{GatewayID: &g.ID}, 0},
	} {
		p := find(tc.tenant, tc.f)
		if p.Total != tc.want || len(p.Items) != tc.want {
			t.Errorf("%s: %d of %d alarms, want %d", tc.name, len(p.Items), p.Total, tc.want)
		}
		for _, a := range p.Items {
			if tc.tenant != nil && (a.AccountID == nil || *a.AccountID != tc.tenant.(int64)) {
				t.Errorf("%s: tenant of %d sees alarm %d of account %v", tc.name, tc.tenant, a.ID, a.AccountID)
			}
		}
	}
	from, to := base.Add(-time.Hour), time.Now().Add(time.Hour)
	if p := find(nil, voltpay.AlarmFilter{SiteID: &siteID, From: &to}); p.Total != 0 {
		t.Errorf("raised after now: %d alarms", p.Total)
	}
	if p := find(nil, voltpay.AlarmFilter{SiteID: &siteID, From: &from, To: &to}); p.Total != 5 {
		t.Errorf("raised in range: %d alarms, want 5", p.Total)
	}

	var seen []int64
	page := voltpay.PageArgs{First: 2}
	for {
		p := find(nil, voltpay.AlarmFilter{SiteID: &siteID, Page: page})
		for _, a := range p.Items {
			seen = append(seen, a.ID)
		}
		if !p.HasNext {
			break
		}
		page.After = p.Items[len(p.Items)-1].ID
	}
	if len(seen) != 5 {
		t.Fatalf("pages gave %d alarms, want 5", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] >= seen[i-1] {
			t.Fatalf("pages not newest first: %v", seen)
		}
	}

	active, err := as.ActiveAlarmsByMeterIDs(ctx, []int64{m1.ID, m2.ID})
	if err != nil || len(active[m1.ID]) != 1 || len(active[m2.ID]) != 1 {
		t.Fatalf("ActiveAlarmsByMeterIDs = %v, %v; want one each", active, err)
	}
	active, err = as.ActiveAlarmsByMeterIDs(TenantContext(a1.ID), []int64{m1.ID, m2.ID})
	if err != nil || len(active[m1.ID]) != 1 || len(active[m2.ID]) != 0 {
		t.Fatalf("a tenant's ActiveAlarmsByMeterIDs = %v, %v; want only their meter's", active, err)
	}
}
