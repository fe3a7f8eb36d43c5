package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// benchExportMeters is the size of the site BenchmarkExportMeters
// exports: 10,000 meters, or VOLTPAY_BENCH_EXPORT_ROWS (to see memory stay
// flat as the list grows, up to the 1,000,000 rows one file holds).
func benchExportMeters(b *testing.B) int {
	if v := os.Getenv("VOLTPAY_BENCH_EXPORT_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("VOLTPAY_BENCH_EXPORT_ROWS=%q: want a whole number of rows", v)
		}
		return n
	}
	return 10_000
}

// peakHeap samples the heap live after each garbage collection (the
// objects the last GC marked, not the garbage awaiting the next) every 5
// ms until stop is closed, and returns the highest it saw.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// BenchmarkExportMeters: GET /export/meters.xlsx of a site with 10,000
// meters (2,000 of them on 200 accounts with a balance, all in a building,
// read once) through the real HTTP handler, as an admin; each op is one
// whole download, read to the end. B/op counts the server's allocations
// too (same process); peak-live-heap-bytes is the most heap a garbage
// collection found live while exporting. Figures in docs/BENCHMARKS.md ("Spreadsheet export").
func BenchmarkExportMeters(b *testing.B) {
	env := newEnv(b)
	ctx := context.Background()
	rows := benchExportMeters(b)
	bld, err := env.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: env.Site.ID, Name: "Bench tower"})
	if err != nil {
		b.Fatal(err)
	}
	// Bulk insert: 10,000 CreateMeter calls would take longer than the benchmark.
	if _, err := env.DB.ExecContext(ctx, `
		INSERT INTO meters (site_id, building_id, floor, room, address, model, protocol, relay, online, last_energy_wh, last_read_at)
		SELECT $1::bigint, $2::bigint, (i % 20 + 1) || 'F', 'R' || i, lpad((700000000000 + $1::bigint * 100000 + i)::text, 12, '0'), 'DDSY1352', 'dlt645',
			'closed', true, i * 1234, now()
		FROM generate_series(1, $3) AS i`, env.Site.ID, bld.ID, rows); err != nil {
		b.Fatal(err)
	}
	for i := range 200 {
		a := env.openAccount(b, voltpay.Fen(10000+i))
		if _, err := env.DB.ExecContext(ctx, `
			UPDATE meters SET account_id = $1
			WHERE id IN (SELECT id FROM meters WHERE site_id = $2 AND account_id IS NULL ORDER BY id LIMIT 10)`,
			a.ID, env.Site.ID); err != nil {
			b.Fatal(err)
		}
	}
	// Autovacuum analyses a table soon after a bulk load; do it now, as the
	// owner, or the planner still believes the site has no meters.
	owner, err := sql.Open("postgres", pgtest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	defer owner.Close()
	if _, err := owner.ExecContext(ctx, `ANALYZE meters`); err != nil {
		b.Fatal(err)
	}
	admin := env.operator(b, voltpay.RoleAdmin)
	path := env.Srv.URL + exportPath("meters", map[string]any{"siteId": env.Site.ID})

	runtime.GC()
	cpu0 := cpuTime()
	stop := make(chan struct{})
	peak := peakHeap(stop)
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+admin.bearer)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		size, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("export: %d, %v", resp.StatusCode, err)
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	close(stop)
	b.ReportMetric(float64(<-peak), "peak-live-heap-bytes")
	b.ReportMetric(float64(size), "file-bytes")
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	// On a machine shared with other work the wall time says more of the
	// load than of the export; the CPU time this process used (client and
	// server, not PostgreSQL) does not.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(rows)*float64(b.N)/cpu.Seconds(), "rows/cpu-s")
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
