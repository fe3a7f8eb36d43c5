package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// BenchmarkRecordReadings stores batches of 5,000 readings of 5,000 meters
// (a poll cycle writes in such batches), each batch one reading later than
// the last, so every meter's latest state moves. ns/op is per batch; the
// reading/s figure is the storage side's ceiling for a poll cycle.
//
//	go test -run '^$' -bench BenchmarkRecordReadings -benchtime 20x ./server/postgres/
func BenchmarkRecordReadings(b *testing.B) {
	const n = 5000
	db := MustOpenDB(b)
	site := MustCreateSite(b, db).ID
	ctx := context.Background()
	var ids []int64
	if err := db.Select(&ids, `
		INSERT INTO meters (site_id, address, protocol)
		SELECT $1::bigint, lpad(($1::bigint * 100000 + g)::text, 12, '0'), 'dlt645'
		FROM generate_series(1, $2) g
		RETURNING id`, site, n); err != nil {
		b.Fatal(err)
	}
	rs := postgres.NewReadingService(db)
	relay := voltpay.RelayClosed
	at := time.Now().Add(-time.Hour)
	batch := make([]*voltpay.Reading, n)
	b.ResetTimer()
	for i := range b.N {
		at = at.Add(time.Second)
		for j, id := range ids {
			batch[j] = &voltpay.Reading{MeterID: id, ReadAt: at, EnergyWh: voltpay.Wh(1000 + i), Relay: &relay}
		}
		if _, err := rs.RecordReadings(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "readings/s")
}
