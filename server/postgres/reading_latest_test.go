package postgres_test

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestReading_Latest returns each meter's newest reading in one call, no
// key for a meter never read, and only their own meters to a tenant.
func TestReading_Latest(t *testing.T) {
	db := MustOpenDB(t)
	readings := postgres.NewReadingService(db)
	ctx := AdminContext()
	site := MustCreateSite(t, db)
	a, b, never := mkDirectMeter(t, db, site.ID), mkDirectMeter(t, db, site.ID), mkDirectMeter(t, db, site.ID)
	base := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	volts := 2205
	var batch []*voltpay.Reading
	for i := range 5 {
		for _, m := range []*voltpay.Meter{a, b} {
			batch = append(batch, &voltpay.Reading{MeterID: m.ID, ReadAt: base.Add(time.Duration(i) * time.Minute),
				EnergyWh: voltpay.Wh(m.ID*1000 + int64(i)), VoltageDV: &volts})
		}
	}
	if _, err := readings.RecordReadings(ctx, batch); err != nil {
		t.Fatal(err)
	}

	got, err := readings.LatestReadings(ctx, []int64{a.ID, b.ID, never.ID, 987654321})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[never.ID] != nil {
		t.Fatalf("got %d readings %+v, want meters %d and %d only", len(got), got, a.ID, b.ID)
	}
	for _, m := range []*voltpay.Meter{a, b} {
		r := got[m.ID]
		if r == nil || !r.ReadAt.Equal(base.Add(4*time.Minute)) || r.EnergyWh != voltpay.Wh(m.ID*1000+4) || r.VoltageDV == nil || *r.VoltageDV != volts {
			t.Errorf("meter %d: got %+v, want the reading of 08:04", m.ID, r)
		}
	}
	if got, err := readings.LatestReadings(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no meters: got %v, %v", got, err)
	}

	acct := mkAccount(t, db, site.ID, a.ID)
	got, err = readings.LatestReadings(TenantContext(acct.ID), []int64{a.ID, b.ID})
	if err != nil || len(got) != 1 || got[a.ID] == nil {
		t.Errorf("tenant of meter %d: got %+v, %v, want their meter's reading only", a.ID, got, err)
	}
}
