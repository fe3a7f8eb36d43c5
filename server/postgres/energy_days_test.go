package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// energyDayRow is what the comparison of rollups looks at.
type energyDayRow struct {
	MeterID  int64     `db:"meter_id"`
	Day      time.Time `db:"day"`
	FirstAt  time.Time `db:"first_at"`
	LastAt   time.Time `db:"last_at"`
	LastWh   int64     `db:"last_energy_wh"`
	EnergyWh int64     `db:"energy_wh"`
	Sharp    *int64    `db:"sharp_wh"`
	Peak     *int64    `db:"peak_wh"`
	Flat     *int64    `db:"flat_wh"`
	Valley   *int64    `db:"valley_wh"`
	EndRev   *int64    `db:"end_reverse_wh"`
}

func (r energyDayRow) String() string {
	p := func(v *int64) string {
		if v == nil {
			return "nil"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("%d %s %s..%s last %d: %d Wh (%s/%s/%s/%s) rev %s", r.MeterID, r.Day.Format(time.DateOnly),
		r.FirstAt.Format(time.RFC3339), r.LastAt.Format(time.RFC3339), r.LastWh, r.EnergyWh,
		p(r.Sharp), p(r.Peak), p(r.Flat), p(r.Valley), p(r.EndRev))
}

func energyDays(tb testing.TB, db *postgres.DB, meters []int64) []energyDayRow {
	tb.Helper()
	rows := []energyDayRow{}
	if err := db.Select(&rows, `SELECT meter_id, day, first_at, last_at, last_energy_wh, energy_wh,
		sharp_wh, peak_wh, flat_wh, valley_wh, end_reverse_wh
		FROM energy_days WHERE meter_id = ANY($1) ORDER BY meter_id, day`, meters); err != nil {
		tb.Fatal(err)
	}
	return rows
}

// energyFixture reads three meters of a site over five days, as the poller
// would and worse: meter a a status reading every 2 hours and a full one
// (rate registers) every 6; meter b with CT ratio 10 and a register that
// falls on the third day (a swapped module) then climbs again; meter c with
// a reverse register, its batches sent out of order (a late batch lands in
// days already rolled up). Returns the meters and the first local midnight.
func energyFixture(t *testing.T, f *chargeFix) ([]int64, time.Time) {
	t.Helper()
	a := f.meter(t, 0, 1, voltpay.PrepaidPlatform)
	b := f.meter(t, 0, 10, voltpay.PrepaidPlatform)
	c := f.meter(t, 0, 1, voltpay.PrepaidPlatform)
	start := cst("2026-10-01 00:00:00")
	var batches [][]*voltpay.Reading
	wh := func(v int64) *voltpay.Wh { w := voltpay.Wh(v); return &w }
	for day := range 5 {
		var batch, late []*voltpay.Reading
		for h := 1; h < 24; h += 2 {
			at := start.Add(time.Duration(day*24+h) * time.Hour)
			n := int64(day*24 + h)
			ra := &voltpay.Reading{MeterID: a, ReadAt: at, EnergyWh: voltpay.Wh(1000 + 250*n)}
			if h%6 == 1 {
				// Valley before 08:00, peak to 12:00, flat after: the registers
				// add up to the total's advance since the start.
				v, p, fl := min(n%24, 8)*250, max(0, min(n%24, 12)-8)*250, max(0, n%24-12)*250
				base := int64(day) * 24 * 250
				ra.SharpWh, ra.ValleyWh, ra.PeakWh, ra.FlatWh = wh(0), wh(base/3+v), wh(base/3+p), wh(base-2*(base/3)+fl)
			}
			eb := 50_000 + 40*n
			if day >= 2 {
				eb = 100 + 40*(n-48) // the fall, then it climbs again
			}
			rb := &voltpay.Reading{MeterID: b, ReadAt: at.Add(time.Minute), EnergyWh: voltpay.Wh(eb)}
			rc := &voltpay.Reading{MeterID: c, ReadAt: at.Add(2 * time.Minute), EnergyWh: voltpay.Wh(7000 + 100*n),
				ReverseWh: wh(3 * n)}
			batch = append(batch, ra, rb)
			if h > 12 {
				late = append(late, rc)
			} else {
				batch = append(batch, rc)
			}
		}
		batches = append(batches, batch)
		if day != 1 {
			batches = append(batches, late)
		} else {
			defer func() { record(t, f, late) }() // day 2's afternoon arrives last of all
		}
	}
	for _, b := range batches {
		record(t, f, b)
	}
	record(t, f, batches[3]) // a retried batch changes nothing
	return []int64{a, b, c}, start
}

func record(t *testing.T, f *chargeFix, rs []*voltpay.Reading) {
	t.Helper()
	if _, err := f.readings.RecordReadings(context.Background(), rs); err != nil {
		t.Fatalf("record readings: %v", err)
	}
}

// TestEnergyDaysEqualRawScan: what RecordReadings keeps batch by batch
// (late and retried batches included) is what a rebuild from the raw
// readings gives, and energyUsage by day and month answers the same from
// the rollup as from the readings, meter by meter and site-wide.
func TestEnergyDaysEqualRawScan(t *testing.T) {
	f := newChargeFix(t)
	var meters []int64
	var start time.Time
	func() { meters, start = energyFixture(t, f) }()
	kept := energyDays(t, f.db, meters)
	if len(kept) != 15 {
		t.Fatalf("want 15 days (3 meters × 5), got %d:\n%v", len(kept), kept)
	}
	if err := postgres.RebuildEnergyDays(context.Background(), f.db, meters); err != nil {
		t.Fatal(err)
	}
	rebuilt := energyDays(t, f.db, meters)
	if fmt.Sprint(kept) != fmt.Sprint(rebuilt) {
		t.Fatalf("rollup kept by RecordReadings differs from a rebuild from the raw readings:\nkept    %v\nrebuilt %v", kept, rebuilt)
	}
	// Hand-checked: meter b (CT 10) used 40 Wh × 10 an hour; day 3's fall counts nothing.
	wantB := []int64{22 * 400, 24 * 400, 0, 24 * 400, 24 * 400}
	for i, r := range rebuilt[5:10] {
		if r.EnergyWh != wantB[i] {
			t.Errorf("meter b day %d: %d Wh, want %d", i+1, r.EnergyWh, wantB[i])
		}
	}
	// Meter c: 100 Wh an hour forward and 3 reverse, both charged.
	if r := rebuilt[11]; r.EnergyWh != 24*103 {
		t.Errorf("meter c day 2: %d Wh, want %d", r.EnergyWh, 24*103)
	}

	reports := postgres.NewReportService(f.db)
	ctx := AdminContext()
	var site int64
	if err := f.db.Get(&site, `SELECT site_id FROM meters WHERE id = $1`, meters[0]); err != nil {
		t.Fatal(err)
	}
	type chart struct {
		scope    string
		id       int64
		interval string
		from, to time.Time
	}
	charts := []chart{
		{voltpay.EnergyScopeSite, site, voltpay.IntervalDay, start.AddDate(0, 0, -1), start.AddDate(0, 0, 6)},
		{voltpay.EnergyScopeSite, site, voltpay.IntervalMonth, start.AddDate(0, -1, 0), start.AddDate(0, 2, 0)},
		{voltpay.EnergyScopeSite, site, voltpay.IntervalDay, start.AddDate(0, 0, 2), start.AddDate(0, 0, 4)},
	}
	for _, m := range meters {
		charts = append(charts, chart{voltpay.EnergyScopeMeter, m, voltpay.IntervalDay, start, start.AddDate(0, 0, 5)})
	}
	for _, c := range charts {
		q := voltpay.EnergyQuery{Scope: c.scope, ID: c.id, From: c.from, To: c.to, Interval: c.interval}
		fromRollup, err := reports.EnergyUsage(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		fromReadings, err := reports.ReadingsOnly().EnergyUsage(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := pointsString(fromRollup), pointsString(fromReadings); a != b {
			t.Errorf("%s %d by %s: rollup and readings differ:\nrollup   %s\nreadings %s", c.scope, c.id, c.interval, a, b)
		}
	}
}

func pointsString(ps []*voltpay.EnergyPoint) string {
	s := ""
	p := func(v *voltpay.Wh) string {
		if v == nil {
			return "nil"
		}
		return fmt.Sprint(*v)
	}
	for _, x := range ps {
		s += fmt.Sprintf("[%s %d Wh %s/%s/%s/%s %d fen] ", x.Start.Format(time.DateOnly), x.EnergyWh,
			p(x.SharpWh), p(x.PeakWh), p(x.FlatWh), p(x.ValleyWh), x.AmountFen)
	}
	return s
}
