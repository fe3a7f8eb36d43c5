package pollbench

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestMain gives this package its own throwaway database.
func TestMain(m *testing.M) { pgtest.Main(m) }

// memSource lists gateways and meters from memory (the rows seeded into
// PostgreSQL), so that the cycle measures polling and storing, not listing.
type memSource struct {
	gateways []*voltpay.Gateway
	meters   map[int64][]*voltpay.Meter
}

func (s *memSource) Gateways(context.Context) ([]*voltpay.Gateway, error) { return s.gateways, nil }

func (s *memSource) Meters(_ context.Context, id int64) ([]*voltpay.Meter, error) {
	return s.meters[id], nil
}

// envInt reads a positive integer from the environment.
func envInt(tb testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		tb.Fatalf("%s=%q: want a whole number ≥ 1", name, v)
	}
	return n
}

// raiseFileLimit lifts the soft open-file limit to the hard one: every
// gateway costs two descriptors (the simulator's end and the poller's).
func raiseFileLimit(tb testing.TB, need uint64) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatalf("getrlimit: %v", err)
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			tb.Logf("setrlimit: %v", err)
		}
	}
	if lim.Cur < need {
		tb.Fatalf("open-file limit %d (hard %d) is below the %d this benchmark needs: raise ulimit -n", lim.Cur, lim.Max, need)
	}
}

// vmHWM returns the process's peak resident set size from /proc/self/status.
func vmHWM() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTicks returns the machine's busy and total jiffies from /proc/stat
// (PostgreSQL and the kernel included).
func cpuTicks() (busy, total uint64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	for i, f := range strings.Fields(line)[1:] {
		v, _ := strconv.ParseUint(f, 10, 64)
		total += v
		if i != 3 && i != 4 { // idle, iowait
			busy += v
		}
	}
	return busy, total
}

// processCPU returns the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memPeak samples runtime.MemStats every 50 ms until stopped and keeps the
// highest HeapInuse and Sys.
type memPeak struct {
	stop      chan struct{}
	done      sync.WaitGroup
	heap, sys uint64
}

func sampleMem() *memPeak {
	p := &memPeak{stop: make(chan struct{})}
	p.done.Go(func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			p.heap, p.sys = max(p.heap, ms.HeapInuse), max(p.sys, ms.Sys)
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	})
	return p
}

func (p *memPeak) end() { close(p.stop); p.done.Wait() }

// fleetEnv is the simulated fleet and its rows in PostgreSQL.
type fleetEnv struct {
	fleet *sim.Fleet
	db    *postgres.DB
	src   *memSource
}

// setup starts gateways × perGateway DL/T 645 meters on loopback (no line
// timing) and seeds a site, the gateways and the meters into the package's
// database with COPY.
func setup(b *testing.B, gateways, perGateway int) *fleetEnv {
	ctx := context.Background()
	raiseFileLimit(b, uint64(2*gateways+256))
	start := time.Now()
	f, err := sim.NewFleet(sim.Config{Seed: 100_000, Gateways: gateways, MetersPerGateway: perGateway,
		Meter: sim.MeterConfig{Prepaid: true, BalanceFen: 50_000, OverdraftLimitFen: 1000}, LoadJitterPct: 20})
	if err != nil {
		b.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	b.Cleanup(cancel)
	if err := f.Start(sctx); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = f.Close() })
	f.Advance(5 * time.Hour)

	db, err := postgres.Open(ctx, pgtest.URL(b))
	if err != nil {
		b.Fatalf("open database: %v", err)
	}
	b.Cleanup(func() { db.Close() })
	src := &memSource{meters: map[int64][]*voltpay.Meter{}}
	err = inTx(ctx, db, func(tx *sqlx.Tx) error {
		var site int64
		if err := tx.GetContext(ctx, &site, `INSERT INTO sites (name, code) VALUES ('Poll benchmark', 'PB1') RETURNING id`); err != nil {
			return err
		}
		gw, err := tx.PrepareContext(ctx, pq.CopyIn("gateways", "id", "site_id", "name", "host", "port", "protocol"))
		if err != nil {
			return err
		}
		for i := range gateways {
			host, port, _ := net.SplitHostPort(f.Addr(i))
			p, _ := strconv.Atoi(port)
			g := &voltpay.Gateway{ID: int64(i + 1), SiteID: site, Name: fmt.Sprintf("gw%d", i+1), Host: host, Port: p,
				Protocol: voltpay.ProtocolDLT645, PollIntervalSeconds: 1800}
			src.gateways = append(src.gateways, g)
			if _, err := gw.ExecContext(ctx, g.ID, site, g.Name, g.Host, g.Port, g.Protocol); err != nil {
				return err
			}
		}
		if _, err := gw.ExecContext(ctx); err != nil {
			return err
		}
		_ = gw.Close()
		mt, err := tx.PrepareContext(ctx, pq.CopyIn("meters", "id", "site_id", "address", "model", "protocol", "gateway_id"))
		if err != nil {
			return err
		}
		id := int64(0)
		for i, g := range src.gateways {
			for _, sm := range f.Gateway(i).Meters() {
				id++
				m := &voltpay.Meter{ID: id, SiteID: site, Address: sm.Addr().String(), Model: "DDSY1352",
					Protocol: voltpay.MeterProtocolDLT645, GatewayID: &g.ID, Status: voltpay.MeterActive}
				src.meters[g.ID] = append(src.meters[g.ID], m)
				if _, err := mt.ExecContext(ctx, m.ID, site, m.Address, m.Model, m.Protocol, g.ID); err != nil {
					return err
				}
			}
		}
		if _, err := mt.ExecContext(ctx); err != nil {
			return err
		}
		_ = mt.Close()
		_, err = tx.ExecContext(ctx, `SELECT setval('gateways_id_seq', (SELECT max(id) FROM gateways)),
			setval('meters_id_seq', (SELECT max(id) FROM meters))`)
		return err
	})
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	if _, err := db.ExecContext(ctx, `ANALYZE gateways; ANALYZE meters`); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d gateways × %d meters started and seeded in %v", gateways, perGateway, time.Since(start).Round(time.Millisecond))
	return &fleetEnv{fleet: f, db: db, src: src}
}

// inTx runs fn in a transaction of db.
func inTx(ctx context.Context, db *postgres.DB, fn func(*sqlx.Tx) error) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// BenchmarkFullCycle100k runs whole poll cycles over 100,000 simulated
// DL/T 645 meters behind 2,000 simulated gateways (50 per bus) on loopback
// TCP with no line timing, storing every reading in PostgreSQL through
// postgres.ReadingService (COPY, one batch per gateway). The source is the
// seeded gateway and meter rows, held in memory.
//
// One sub-benchmark per MaxParallelBuses value and cycle kind; each value
// gets a fresh Poller whose first (untimed, logged) status cycle dials every
// gateway. Environment: VOLTPAY_BENCH_GATEWAYS (2000),
// VOLTPAY_BENCH_METERS_PER_GATEWAY (50), VOLTPAY_BENCH_PARALLEL (a comma
// list of MaxParallelBuses, default "0" = the poller's default),
// VOLTPAY_BENCH_GAP (the bus's InterFrameGap, default 0: no line, no gap),
// VOLTPAY_BENCH_BILLING (a comma list of the meters' prepaid modes, default
// "platform,meter": platform-billed meters are read in 5 exchanges, meters
// keeping their own balance in 7).
//
//	go test -run '^$' -bench BenchmarkFullCycle100k -benchtime 1x -timeout 30m ./server/pollbench/
func BenchmarkFullCycle100k(b *testing.B) {
	gateways := envInt(b, "VOLTPAY_BENCH_GATEWAYS", 2000)
	perGateway := envInt(b, "VOLTPAY_BENCH_METERS_PER_GATEWAY", 50)
	var gap time.Duration
	if v := os.Getenv("VOLTPAY_BENCH_GAP"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("VOLTPAY_BENCH_GAP=%q: %v", v, err)
		}
		gap = d
	}
	pars := []int{0}
	if v := os.Getenv("VOLTPAY_BENCH_PARALLEL"); v != "" {
		pars = nil
		for s := range strings.SplitSeq(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 {
				b.Fatalf("VOLTPAY_BENCH_PARALLEL=%q: want a comma list of whole numbers", v)
			}
			pars = append(pars, n)
		}
	}
	billing := []string{voltpay.PrepaidPlatform, voltpay.PrepaidMeter}
	if v := os.Getenv("VOLTPAY_BENCH_BILLING"); v != "" {
		billing = strings.Split(v, ",")
	}
	env := setup(b, gateways, perGateway)
	set := bus.DefaultSettings(bus.DLT645, 9600)
	set.InterFrameGap = gap
	for _, mode := range billing {
		for _, ms := range env.src.meters {
			for _, m := range ms {
				m.PrepaidMode = mode // the read plan: meter-billed meters add balance and purchase count
			}
		}
		b.Run("billing="+mode, func(b *testing.B) { benchPars(b, env, pars, set, gateways*perGateway) })
	}
}

// benchPars runs a full and a status cycle per MaxParallelBuses value.
func benchPars(b *testing.B, env *fleetEnv, pars []int, set bus.Settings, meters int) {
	for _, par := range pars {
		name := "par=default"
		if par > 0 {
			name = fmt.Sprintf("par=%d", par)
		}
		b.Run(name, func(b *testing.B) {
			pl := poller.New(poller.Config{MaxParallelBuses: par, BusSettings: func(*voltpay.Gateway) bus.Settings { return set }},
				env.src, postgres.NewReadingService(env.db), nil)
			defer pl.Close()
			st, err := pl.RunCycle(context.Background(), poller.Status)
			if err != nil || st.Readings != meters {
				b.Fatalf("first cycle: %+v, %v", st, err)
			}
			b.Logf("first status cycle (dials %d gateways): %v", st.Gateways, st.Duration.Round(time.Millisecond))
			for _, kind := range []poller.CycleKind{poller.Full, poller.Status} {
				b.Run(kind.String(), func(b *testing.B) { benchCycle(b, env, pl, kind, meters) })
			}
		})
	}
}

func benchCycle(b *testing.B, env *fleetEnv, pl *poller.Poller, kind poller.CycleKind, meters int) {
	ctx := context.Background()
	var stored0 int64
	if err := env.db.GetContext(ctx, &stored0, `SELECT count(*) FROM meter_readings`); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	line0 := env.fleet.LineStats()
	peak := sampleMem()
	busy0, total0 := cpuTicks()
	cpu0 := processCPU()
	var elapsed time.Duration
	for b.Loop() {
		st, err := pl.RunCycle(ctx, kind)
		if err != nil || st.Readings != meters || st.Failures != 0 {
			b.Fatalf("RunCycle(%s) = %+v, %v; want %d readings", kind, st, err, meters)
		}
		elapsed += st.Duration
	}
	peak.end()
	busy1, total1 := cpuTicks()
	cpu1 := processCPU()
	runtime.ReadMemStats(&ms1)
	line1 := env.fleet.LineStats()
	var stored1 int64
	if err := env.db.GetContext(ctx, &stored1, `SELECT count(*) FROM meter_readings`); err != nil {
		b.Fatal(err)
	}
	n := float64(b.N)
	b.ReportMetric(elapsed.Seconds()/n, "s/cycle")
	b.ReportMetric(float64(stored1-stored0)/n, "stored/cycle")
	b.ReportMetric(float64(line1.Replies-line0.Replies)/n, "exchanges/cycle")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/cycle")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/n/(1<<20), "alloc-MiB/cycle")
	b.ReportMetric(float64(peak.heap)/(1<<20), "peak-heapinuse-MiB")
	b.ReportMetric(float64(peak.sys)/(1<<20), "peak-sys-MiB")
	b.ReportMetric(float64(vmHWM())/(1<<20), "vmhwm-MiB")
	b.ReportMetric((cpu1-cpu0).Seconds()/n, "process-cpu-s/cycle")
	b.ReportMetric(float64(cpu1-cpu0)/float64(time.Microsecond)/(n*float64(line1.Replies-line0.Replies)/n), "process-cpu-µs/exchange")
	if total1 > total0 {
		b.ReportMetric(100*float64(busy1-busy0)/float64(total1-total0), "machine-cpu-%")
	}
	if int(stored1-stored0) != b.N*meters {
		b.Errorf("%d readings stored over %d cycles, want %d", stored1-stored0, b.N, b.N*meters)
	}
}
