package postgres_test

import (
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// mkDirectMeter creates a direct (gateway-less) DL/T 645 meter in a new site.
func mkDirectMeter(tb testing.TB, db *postgres.DB, siteID int64) *voltpay.Meter {
	tb.Helper()
	return mkMeter(tb, db, voltpay.MeterInput{SiteID: siteID, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645})
}

// recordingEvents remembers the meters and alarms published.
type recordingEvents struct {
	voltpay.Events
	mu     sync.Mutex
	meters []*voltpay.Meter
	alarms []*voltpay.Alarm
}

func (e *recordingEvents) PublishAlarm(a *voltpay.Alarm) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.alarms = append(e.alarms, a)
}

func (e *recordingEvents) PublishMeter(m *voltpay.Meter) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.meters = append(e.meters, m)
}

func (e *recordingEvents) published() []*voltpay.Meter {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]*voltpay.Meter{}, e.meters...)
}

func countReadings(tb testing.TB, db *postgres.DB, ids ...int64) int {
	tb.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM meter_readings WHERE meter_id = ANY($1)`, pq.Array(ids)); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestReading_Record(t *testing.T) {
	db := MustOpenDB(t)
	readings := postgres.NewReadingService(db)
	meters := postgres.NewMeterService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	var ids []int64
	for range 10 {
		ids = append(ids, mkDirectMeter(t, db, site.ID).ID)
	}
	ev := &recordingEvents{}
	db.Events = ev // after creating the meters, which publishes them too
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	closed, open := voltpay.RelayClosed, voltpay.RelayOpen
	var batch []*voltpay.Reading
	for i := range 1000 {
		id := ids[i%10]
		r := &voltpay.Reading{MeterID: id, ReadAt: base.Add(time.Duration(i/10) * time.Minute), EnergyWh: voltpay.Wh(1000 + i)}
		if i%10 == 0 {
			r.Relay = &closed
		}
		if i == 999 { // the newest reading of the last meter
			r.Relay = &open
		}
		batch = append(batch, r)
	}

	stored, err := readings.RecordReadings(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if stored != 1000 || countReadings(t, db, ids...) != 1000 {
		t.Fatalf("stored: got %d (%d in table), want 1000", stored, countReadings(t, db, ids...))
	}
	newest := base.Add(99 * time.Minute)
	for k, id := range ids {
		m, err := meters.FindMeterByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		wantRelay := voltpay.RelayUnknown
		if k == 0 {
			wantRelay = voltpay.RelayClosed // only meter 0 reported closed in its newest reading
		} else if k == 9 {
			wantRelay = voltpay.RelayOpen
		}
		if !m.Online || m.LastReadAt == nil || !m.LastReadAt.Equal(newest) || m.LastEnergyWh == nil ||
			*m.LastEnergyWh != voltpay.Wh(1000+990+k) || m.Relay != wantRelay {
			t.Fatalf("meter %d: got online=%v read=%v energy=%v relay=%s, want online at %v with %d Wh, relay %s",
				k, m.Online, m.LastReadAt, m.LastEnergyWh, m.Relay, newest, 1000+990+k, wantRelay)
		}
	}
	if got := len(ev.published()); got != 10 {
		t.Fatalf("published: got %d meters, want 10 (all came online)", got)
	}

	t.Run("Idempotent", func(t *testing.T) {
		stored, err := readings.RecordReadings(ctx, batch)
		if err != nil || stored != 0 || countReadings(t, db, ids...) != 1000 {
			t.Fatalf("got %d, %v, want 0 stored", stored, err)
		}
	})
	t.Run("DuplicatesInBatch", func(t *testing.T) {
		r := &voltpay.Reading{MeterID: ids[0], ReadAt: newest.Add(time.Hour), EnergyWh: 5000}
		stored, err := readings.RecordReadings(ctx, []*voltpay.Reading{r, r, r})
		if err != nil || stored != 1 {
			t.Fatalf("got %d, %v, want 1 stored", stored, err)
		}
	})
	t.Run("OlderBatchKeepsLatest", func(t *testing.T) {
		before := len(ev.published())
		stored, err := readings.RecordReadings(ctx, []*voltpay.Reading{
			{MeterID: ids[1], ReadAt: base.Add(-time.Hour), EnergyWh: 1, Relay: &open},
		})
		if err != nil || stored != 1 {
			t.Fatalf("got %d, %v, want 1 stored", stored, err)
		}
		m, _ := meters.FindMeterByID(ctx, ids[1])
		if !m.LastReadAt.Equal(newest) || *m.LastEnergyWh != 1991 || m.Relay != voltpay.RelayUnknown {
			t.Fatalf("got read=%v energy=%d relay=%s, want unchanged", m.LastReadAt, *m.LastEnergyWh, m.Relay)
		}
		if got := len(ev.published()); got != before {
			t.Fatalf("published %d events for an old batch, want none", got-before)
		}
	})
	t.Run("ErrUnknownMeter", func(t *testing.T) {
		stored, err := readings.RecordReadings(ctx, []*voltpay.Reading{
			{MeterID: ids[2], ReadAt: newest.Add(2 * time.Hour), EnergyWh: 1},
			{MeterID: 987654321, ReadAt: newest, EnergyWh: 1},
		})
		wantCode(t, err, voltpay.ENOTFOUND)
		if stored != 0 || countReadings(t, db, ids[2]) != 100 {
			t.Fatalf("stored %d (%d in table), want nothing", stored, countReadings(t, db, ids[2]))
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := []*voltpay.Reading{
			{MeterID: 0, ReadAt: newest},
			{MeterID: ids[0]},
			{MeterID: ids[0], ReadAt: newest, EnergyWh: -1},
		}
		for _, r := range bad {
			_, err := readings.RecordReadings(ctx, []*voltpay.Reading{r})
			wantCode(t, err, voltpay.EINVALID)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if n, err := readings.RecordReadings(ctx, nil); n != 0 || err != nil {
			t.Fatalf("got %d, %v", n, err)
		}
	})
}

func TestReading_Find(t *testing.T) {
	db := MustOpenDB(t)
	readings := postgres.NewReadingService(db)
	ctx := AdminContext()
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	base := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	var batch []*voltpay.Reading
	for i := range 25 {
		v := 2200 + i
		batch = append(batch, &voltpay.Reading{MeterID: m.ID, ReadAt: base.Add(time.Duration(i) * time.Minute), EnergyWh: voltpay.Wh(i), VoltageDV: &v})
	}
	if _, err := readings.RecordReadings(ctx, batch); err != nil {
		t.Fatal(err)
	}

	var got []*voltpay.Reading
	page := voltpay.PageArgs{First: 10}
	for {
		p, err := readings.FindReadings(ctx, voltpay.ReadingFilter{MeterID: m.ID, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 25 {
			t.Fatalf("total: got %d, want 25", p.Total)
		}
		got = append(got, p.Items...)
		if !p.HasNext {
			break
		}
		page.After = voltpay.ReadingCursor(p.Items[len(p.Items)-1])
	}
	if len(got) != 25 {
		t.Fatalf("got %d readings over the pages, want 25", len(got))
	}
	for i, r := range got {
		if want := voltpay.Wh(24 - i); r.EnergyWh != want || *r.VoltageDV != 2200+int(want) {
			t.Fatalf("reading %d: got %d Wh, want %d (newest first)", i, r.EnergyWh, want)
		}
	}

	t.Run("Range", func(t *testing.T) {
		from, to := base.Add(5*time.Minute), base.Add(10*time.Minute)
		p, err := readings.FindReadings(ctx, voltpay.ReadingFilter{MeterID: m.ID, From: &from, To: &to})
		if err != nil || p.Total != 5 || len(p.Items) != 5 || p.Items[0].EnergyWh != 9 || p.HasNext {
			t.Fatalf("got %+v, %v, want readings 9..5", p, err)
		}
	})
	t.Run("ErrNoMeter", func(t *testing.T) {
		_, err := readings.FindReadings(ctx, voltpay.ReadingFilter{})
		wantCode(t, err, voltpay.EINVALID)
	})
}

func TestReading_MarkOffline(t *testing.T) {
	db := MustOpenDB(t)
	ev := &recordingEvents{}
	db.Events = ev
	readings := postgres.NewReadingService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	a, b := mkDirectMeter(t, db, site.ID), mkDirectMeter(t, db, site.ID)
	if _, err := readings.RecordReadings(ctx, []*voltpay.Reading{{MeterID: a.ID, ReadAt: time.Now(), EnergyWh: 1}}); err != nil {
		t.Fatal(err)
	}
	before := len(ev.published())
	if err := readings.MarkOffline(ctx, []int64{a.ID, b.ID, a.ID}); err != nil {
		t.Fatal(err)
	}
	m, _ := postgres.NewMeterService(db).FindMeterByID(ctx, a.ID)
	if m.Online {
		t.Fatal("meter still online")
	}
	if pub := ev.published()[before:]; len(pub) != 1 || pub[0].ID != a.ID || pub[0].Online {
		t.Fatalf("published %+v, want only meter a, offline", pub)
	}

	t.Run("ErrUnknownMeter", func(t *testing.T) {
		wantCode(t, readings.MarkOffline(ctx, []int64{b.ID, 987654321}), voltpay.ENOTFOUND)
	})
}
