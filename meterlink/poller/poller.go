package poller

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/sitegw"
)

// Defaults of Config.
const (
	DefaultFullInterval     = voltpay.DefaultPollInterval // 30 min
	DefaultStatusInterval   = 2 * time.Minute             // state never older than ~3 min
	DefaultMaxParallelBuses = 64
	DefaultOfflineAfter     = 3
	DefaultBaud             = 9600
	DefaultTimeSyncInterval = 24 * time.Hour
)

// ChinaTime is China Standard Time (UTC+8, no daylight saving), the zone of
// the meters' clocks; fixed so that no time zone database is needed.
var ChinaTime = time.FixedZone("CST", 8*3600)

// Config configures a Poller. Zero fields take the defaults above.
type Config struct {
	// FullInterval is the time between full reads of a gateway's meters; a
	// gateway's own PollIntervalSeconds, when set, takes precedence.
	FullInterval time.Duration
	// StatusInterval is the time between cycles; cycles that are not due
	// for a full read are status reads.
	StatusInterval time.Duration
	// MaxParallelBuses bounds the gateways polled at the same time.
	MaxParallelBuses int
	// OfflineAfter is the number of consecutive failed reads after which a
	// meter is reported to Sink.MarkOffline (once).
	OfflineAfter int
	// BusSettings returns the line settings of a gateway's bus; nil means
	// bus.DefaultSettings for its protocol at 9600 baud.
	BusSettings func(g *voltpay.Gateway) bus.Settings
	// TimeSyncInterval is the time between broadcast time syncs of a DL/T
	// 645 bus by Run (default daily); negative turns them off.
	TimeSyncInterval time.Duration
	// MeterZone is the meters' local time zone (default UTC+8, China).
	MeterZone *time.Location
	// Link returns the connection source of a direct (4G) meter's link
	// (e.g. a link.Listener's DialFunc for its address), false when the
	// meter cannot be reached that way. Nil: direct meters are not polled.
	Link func(m *voltpay.Meter) (bus.DialFunc, bool)
	// WriteBatch is how many readings a cycle writes at a time (default
	// DefaultWriteBatch).
	WriteBatch int
}

func (c Config) withDefaults() Config {
	if c.FullInterval <= 0 {
		c.FullInterval = DefaultFullInterval
	}
	if c.StatusInterval <= 0 {
		c.StatusInterval = DefaultStatusInterval
	}
	if c.MaxParallelBuses <= 0 {
		c.MaxParallelBuses = DefaultMaxParallelBuses
	}
	if c.OfflineAfter <= 0 {
		c.OfflineAfter = DefaultOfflineAfter
	}
	if c.WriteBatch <= 0 {
		c.WriteBatch = DefaultWriteBatch
	}
	if c.TimeSyncInterval == 0 {
		c.TimeSyncInterval = DefaultTimeSyncInterval
	}
	if c.MeterZone == nil {
		c.MeterZone = ChinaTime
	}
	if c.BusSettings == nil {
		c.BusSettings = func(g *voltpay.Gateway) bus.Settings {
			p, _ := BusProtocol(g.Protocol)
			return bus.DefaultSettings(p, DefaultBaud)
		}
	}
	return c
}

// CycleStats summarises one cycle.
type CycleStats struct {
	Kind     CycleKind
	Gateways int // gateways polled
	Meters   int // meters attempted
	Readings int // readings handed to the Sink
	Failures int // meters that did not answer (or could not be addressed)
	Duration time.Duration

	states []voltpay.GatewayState // to record at the end of the cycle
}

func (s *CycleStats) add(o CycleStats) {
	s.Gateways += o.Gateways
	s.Meters += o.Meters
	s.Readings += o.Readings
	s.Failures += o.Failures
	s.states = append(s.states, o.states...)
}

// Poller polls meters through their gateways. Its methods are safe for
// concurrent use.
type Poller struct {
	cfg  Config
	src  Source
	sink Sink
	log  *slog.Logger
	now  func() time.Time
	sem  chan struct{}

	mu       sync.Mutex
	closed   bool
	buses    map[int64]*gatewayBus
	fails    map[int64]int              // meter id → consecutive failures
	gwFails  map[int64]int              // gateway id → consecutive cycles without any answer
	gwOnline map[int64]bool             // gateway id → last state reported
	synced   map[int64]time.Time        // gateway id → last broadcast time sync
	direct   map[int64]*voltpay.Meter   // pseudo-gateway id → direct meter (see direct.go)
	lastFull map[int64]time.Time        // gateway id → last full cycle (Run)
	meters   map[int64]meterRef         // meter id → meter and gateway, from the last listing
	gateways map[int64]*voltpay.Gateway // gateway id → gateway, from the last listing
}

type meterRef struct {
	meter   *voltpay.Meter
	gateway int64
}

// gatewayBus is the bus of one gateway; lock keeps one meter's exchanges
// together and lets urgent work (ReadMeters, OnMeter) go before the rest of
// a cycle.
type gatewayBus struct {
	lock *busLock
	key  string
	bus  *bus.Bus
}

// New returns a Poller reading the gateways and meters of src into sink. A
// nil logger discards logs.
func New(cfg Config, src Source, sink Sink, logger *slog.Logger) *Poller {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	return &Poller{cfg: cfg, src: src, sink: sink, log: logger, now: time.Now,
		sem:   make(chan struct{}, cfg.MaxParallelBuses),
		buses: map[int64]*gatewayBus{}, fails: map[int64]int{}, lastFull: map[int64]time.Time{},
		meters: map[int64]meterRef{}, gateways: map[int64]*voltpay.Gateway{},
		gwFails: map[int64]int{}, gwOnline: map[int64]bool{}, synced: map[int64]time.Time{}}
}

// BusProtocol maps a gateway protocol onto a bus protocol.
// Errors: INVALID_INPUT for an unknown protocol.
func BusProtocol(p string) (bus.Protocol, error) {
	switch p {
	case voltpay.ProtocolDLT645:
		return bus.DLT645, nil
	case voltpay.ProtocolModbusRTU:
		return bus.ModbusRTU, nil
	case voltpay.ProtocolModbusTCP:
		return bus.ModbusTCP, nil
	}
	return "", voltpay.Errorf(voltpay.EINVALID, "unknown gateway protocol %q", p)
}

// busFor returns the bus of g, dialling lazily; it replaces the bus when the
// gateway's endpoint, protocol or proxy changed. Errors: EINVALID for a bad
// protocol, proxy URL or settings; bus.ErrClosed after Close.
func (p *Poller) busFor(g *voltpay.Gateway) (*gatewayBus, error) {
	key := fmt.Sprintf("%s|%s|%s|%s", g.Protocol, g.Endpoint(), g.ProxyURL, g.Name)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, bus.ErrClosed
	}
	if gb, ok := p.buses[g.ID]; ok && gb.key == key {
		return gb, nil
	} else if ok {
		_ = gb.bus.Close()
		delete(p.buses, g.ID)
	}
	proto, err := BusProtocol(g.Protocol)
	if err != nil {
		return nil, err
	}
	dial, set, err := p.dialer(g, proto)
	if err != nil {
		return nil, err
	}
	b, err := bus.New(dial, proto, set, p.log.With("gateway", g.ID))
	if err != nil {
		return nil, voltpay.Errorf(voltpay.EINVALID, "gateway %d: %v", g.ID, err)
	}
	gb := &gatewayBus{lock: newBusLock(), key: key, bus: b}
	p.buses[g.ID] = gb
	return gb, nil
}

// Close closes every bus; later cycles fail with bus.ErrClosed.
func (p *Poller) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var errs []error
	for id, gb := range p.buses {
		errs = append(errs, gb.bus.Close())
		delete(p.buses, id)
	}
	return errors.Join(errs...)
}

// RunCycle reads every meter of every gateway once (kind Full or Status)
// and records the readings, one RecordReadings batch per gateway. Meter
// failures are counted, not returned. Errors: the Source's error listing
// gateways; joined errors of listing meters, setting up a bus or writing to
// the Sink (the stats still count what was done); the ctx error.
func (p *Poller) RunCycle(ctx context.Context, kind CycleKind) (CycleStats, error) {
	return p.cycle(ctx, kind, func(*voltpay.Gateway) CycleKind { return kind }, false)
}

// cycle polls every gateway with the kind kindOf chooses for it.
// With syncTime, each DL/T 645 bus due for it first gets a broadcast time.
func (p *Poller) cycle(ctx context.Context, kind CycleKind, kindOf func(*voltpay.Gateway) CycleKind, syncTime bool) (CycleStats, error) {
	start := time.Now()
	stats := CycleStats{Kind: kind}
	gws, err := p.units(ctx)
	if err != nil {
		return stats, err
	}
	p.prune(gws)
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	batch := p.newBatcher(ctx)
	for _, g := range gws {
		wg.Go(func() {
			select {
			case p.sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-p.sem }()
			if syncTime {
				p.syncClocks(ctx, g)
			}
			st, err := p.pollGateway(ctx, g, kindOf(g), batch)
			mu.Lock()
			defer mu.Unlock()
			stats.add(st)
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	if err := batch.close(); err != nil {
		errs = append(errs, err)
	}
	if len(stats.states) > 0 {
		if err := p.sink.RecordGatewayStates(ctx, stats.states); err != nil {
			errs = append(errs, fmt.Errorf("poller: record the state of %d gateways: %w", len(stats.states), err))
		}
	}
	stats.Duration = time.Since(start)
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return stats, errors.Join(errs...)
}

// pollGateway lists the gateway's meters, reads them one after another and
// hands the readings to the cycle's batch.
func (p *Poller) pollGateway(ctx context.Context, g *voltpay.Gateway, kind CycleKind, batch *batcher) (CycleStats, error) {
	st := CycleStats{Gateways: 1}
	meters, err := p.metersOf(ctx, g)
	if err != nil {
		return st, fmt.Errorf("poller: gateway %d: list meters: %w", g.ID, err)
	}
	// A new slice: the Source may keep (cache) the one it returned.
	meters = slices.DeleteFunc(slices.Clone(meters), func(m *voltpay.Meter) bool { return m.Status != "" && m.Status != voltpay.MeterActive })
	p.remember(g, meters)
	st.Meters = len(meters)
	readings, failed, err := p.readMeters(ctx, g, meters, kind, false)
	st.Failures = len(failed)
	if err != nil {
		p.log.Warn("poller: gateway unusable", "gateway", g.ID, "err", err)
	}
	st.Readings = len(readings)
	if len(meters) > 0 && !isDirect(g) {
		if gs, ok := p.gatewayState(g.ID, len(failed) < len(meters)); ok {
			st.states = append(st.states, gs)
		}
	}
	return st, errors.Join(err, p.record(ctx, g.ID, readings, failed, batch))
}

// readMeters reads meters on g's bus in order, as urgent or routine users
// of the bus. After a connection failure (gateway down) the remaining
// meters are counted as failed without being tried. It returns the
// readings, the ids of failed meters, and an error only when the bus cannot
// be set up.
func (p *Poller) readMeters(ctx context.Context, g *voltpay.Gateway, meters []*voltpay.Meter, kind CycleKind, urgent bool) ([]*voltpay.Reading, []int64, error) {
	var (
		readings []*voltpay.Reading
		failed   []int64
	)
	gb, err := p.busFor(g)
	if err != nil {
		for _, m := range meters {
			failed = append(failed, m.ID)
		}
		return nil, failed, err
	}
	rd := &reader{bus: gb.bus, log: p.log, now: p.now, zone: p.cfg.MeterZone}
	down := false
	for _, m := range meters {
		if down || ctx.Err() != nil {
			failed = append(failed, m.ID)
			continue
		}
		gb.lock.Lock(urgent)
		r, err := rd.read(ctx, m, kind)
		gb.lock.Unlock()
		switch {
		case err == nil:
			readings = append(readings, r)
		case errors.Is(err, errNoEnergy):
			p.log.Warn("poller: meter answered without energy; reading dropped", "meter", m.ID)
			p.succeeded(m.ID)
		default:
			p.log.Debug("poller: meter read failed", "gateway", g.ID, "meter", m.ID, "err", err)
			failed = append(failed, m.ID)
			down = errors.Is(err, bus.ErrConnection) || errors.Is(err, bus.ErrClosed)
		}
	}
	return readings, failed, nil
}

// record hands readings to batch (nil: writes them at once), updates the
// failure counters and reports meters that just reached OfflineAfter
// failures.
func (p *Poller) record(ctx context.Context, gatewayID int64, readings []*voltpay.Reading, failed []int64, batch *batcher) error {
	var errs []error
	if batch != nil {
		batch.add(readings)
	} else if len(readings) > 0 {
		if _, err := p.sink.RecordReadings(ctx, readings); err != nil {
			errs = append(errs, fmt.Errorf("poller: gateway %d: record %d readings: %w", gatewayID, len(readings), err))
		}
	}
	var offline []int64
	p.mu.Lock()
	for _, r := range readings {
		delete(p.fails, r.MeterID)
	}
	for _, id := range failed {
		p.fails[id]++
		if p.fails[id] == p.cfg.OfflineAfter {
			offline = append(offline, id)
		}
	}
	p.mu.Unlock()
	if len(offline) > 0 {
		if err := p.sink.MarkOffline(ctx, offline); err != nil {
			errs = append(errs, fmt.Errorf("poller: gateway %d: mark %d meters offline: %w", gatewayID, len(offline), err))
		}
	}
	return errors.Join(errs...)
}

func (p *Poller) succeeded(meterID int64) {
	p.mu.Lock()
	delete(p.fails, meterID)
	p.mu.Unlock()
}

// remember caches the listing for ReadMeters.
func (p *Poller) remember(g *voltpay.Gateway, meters []*voltpay.Meter) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gateways[g.ID] = g
	for _, m := range meters {
		p.meters[m.ID] = meterRef{meter: m, gateway: g.ID}
	}
}

// prune closes the buses of gateways the Source no longer lists and
// forgets them and their meters.
func (p *Poller) prune(gws []*voltpay.Gateway) {
	keep := make(map[int64]bool, len(gws))
	for _, g := range gws {
		keep[g.ID] = true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for id, gb := range p.buses {
		if !keep[id] {
			_ = gb.bus.Close()
			delete(p.buses, id)
		}
	}
	for id := range p.gateways {
		if !keep[id] {
			delete(p.gateways, id)
			p.forgetGateway(id)
		}
	}
	for id, ref := range p.meters {
		if !keep[ref.gateway] {
			delete(p.meters, id)
		}
	}
}

// dialer returns the connection source and line settings of g's bus: TCP to
// the converter (through the site agent when the gateway has a proxy URL),
// or a direct meter's link. Called with p.mu held.
func (p *Poller) dialer(g *voltpay.Gateway, proto bus.Protocol) (bus.DialFunc, bus.Settings, error) {
	if isDirect(g) {
		m := p.direct[g.ID]
		if m == nil || p.cfg.Link == nil {
			return nil, bus.Settings{}, voltpay.Errorf(voltpay.ENOTFOUND, "direct meter %d is no longer listed", -g.ID)
		}
		dial, ok := p.cfg.Link(m)
		if !ok {
			return nil, bus.Settings{}, voltpay.Errorf(voltpay.EINVALID, "direct meter %d (%s) has no link it can be reached by", m.ID, m.Address)
		}
		return dial, linkSettings(proto), nil
	}
	set := p.cfg.BusSettings(g)
	var d bus.ContextDialer = &net.Dialer{}
	if g.ProxyURL != "" {
		var err error
		if d, err = sitegw.Dialer(g.ProxyURL, nil, set.DialTimeout); err != nil {
			return nil, set, voltpay.Errorf(voltpay.EINVALID, "gateway %d: %v", g.ID, err)
		}
	}
	return bus.Dial(d, g.Endpoint()), set, nil
}
