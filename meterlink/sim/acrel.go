package sim

import (
	"context"
	"encoding/binary"
	"net"
	"sync"
	"time"

	"github.com/voltpay/voltpay/meterlink/acrel"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// AcrelConfig configures a simulated Acrel 4G meter speaking the 7B 7B
// protocol (docs/PROTOCOLS.md §3.3). Zero durations take the defaults named.
type AcrelConfig struct {
	Addr    string         // the platform's link listener
	Serial  string         // the 14-digit serial it logs in with
	Profile modbus.Profile // Modbus register map (default Acrel DDSY1352)
	// Heartbeat is the interval of 0x94 heartbeats (default 30 s).
	Heartbeat time.Duration
	// Upload is the interval of 0x91 data uploads (default 30 min, the
	// meters' default).
	Upload time.Duration
	// Redial is the wait before dialling again (default 1 s).
	Redial time.Duration
	// LoginTimeout bounds the wait for the login reply, after which the
	// meter hangs up and dials again (default 10 s).
	LoginTimeout time.Duration
	// Seed seeds the random source of its bus (gateway.go).
	Seed uint64
}

// AcrelMeter is a Meter with a built-in Acrel 4G modem: it dials the
// platform, logs in with its serial (0x84) and waits for the reply, asks
// for the time once per connection (0x93), sends heartbeats (0x94) and
// data uploads (0x91), and answers Modbus RTU requests passed through in
// 0x90 frames, as the meter on a one-meter bus would (the request reaches
// Gateway's Modbus handling unwrapped, and the reply goes back wrapped).
// It dials again whenever the connection drops.
type AcrelMeter struct {
	cfg AcrelConfig
	m   *Meter
	gw  *Gateway

	mu    sync.Mutex
	stats AcrelStats
}

// AcrelStats counts what an AcrelMeter exchanged with the platform.
type AcrelStats struct {
	Logins     int       // login replies received
	TimeSyncs  int       // time-sync replies received
	LastTime   time.Time // the time the last one gave
	Heartbeats int
	Uploads    int
}

// NewAcrelMeter returns m as an Acrel 4G meter; m needs a Modbus unit id
// (MeterConfig.Unit). Call Run to connect.
func NewAcrelMeter(m *Meter, cfg AcrelConfig) *AcrelMeter {
	if cfg.Profile.Registers == nil {
		cfg.Profile = modbus.AcrelDDSY1352
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 30 * time.Second
	}
	if cfg.Upload <= 0 {
		cfg.Upload = 30 * time.Minute
	}
	if cfg.Redial <= 0 {
		cfg.Redial = time.Second
	}
	if cfg.LoginTimeout <= 0 {
		cfg.LoginTimeout = 10 * time.Second
	}
	gw := NewGateway(GatewayConfig{Protocol: ModbusRTU, Profile: cfg.Profile, Seed: cfg.Seed}, []*Meter{m})
	return &AcrelMeter{cfg: cfg, m: m, gw: gw}
}

// Meter returns the simulated meter.
func (a *AcrelMeter) Meter() *Meter { return a.m }

// Stats returns the meter's counters. Safe for concurrent use.
func (a *AcrelMeter) Stats() AcrelStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stats
}

// Run connects to cfg.Addr and serves the platform until ctx ends, dialling
// again after every dropped connection. It returns ctx's error.
func (a *AcrelMeter) Run(ctx context.Context) error {
	var d net.Dialer
	for ctx.Err() == nil {
		c, err := d.DialContext(ctx, "tcp", a.cfg.Addr)
		if err == nil {
			a.serve(ctx, c)
		}
		select {
		case <-ctx.Done():
		case <-time.After(a.cfg.Redial):
		}
	}
	return ctx.Err()
}

// serve logs in on c and serves it until it fails or ctx ends.
func (a *AcrelMeter) serve(ctx context.Context, c net.Conn) {
	defer c.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	context.AfterFunc(ctx, func() { _ = c.Close() })
	loggedIn := make(chan struct{})
	var once sync.Once
	dc := acrel.NewConn(c, func(_ *acrel.Conn, f acrel.Frame) error {
		switch f.Cmd {
		case acrel.CmdLogin:
			once.Do(func() { close(loggedIn) })
			a.count(func(s *AcrelStats) { s.Logins++ })
		case acrel.CmdTimeSync:
			if t, err := acrel.DecodeTimeSyncReply(f); err == nil {
				a.count(func(s *AcrelStats) { s.TimeSyncs++; s.LastTime = t })
			}
		}
		return nil
	})
	if err := dc.WriteFrame(acrel.Frame{Cmd: acrel.CmdLogin, Body: acrel.LoginBody(a.cfg.Serial, simLoginRest)}); err != nil {
		return
	}
	go a.chatter(ctx, cancel, dc, loggedIn)
	a.gw.serveConn(ctx, dc) // reads drive the handler above
}

// simLoginRest is what the simulator sends after the serial field of its
// login: a made-up ICCID (20 ASCII digits) and a signal level (CSQ 0..31).
// The real layout is not known [U]; the platform keeps it raw.
var simLoginRest = append([]byte("89860000000000000000"), 25)

// chatter waits for the login reply (hanging up without one), then asks
// for the time once and keeps heartbeats and uploads going.
func (a *AcrelMeter) chatter(ctx context.Context, hangUp func(), dc *acrel.Conn, loggedIn <-chan struct{}) {
	select {
	case <-loggedIn:
	case <-ctx.Done():
		return
	case <-time.After(a.cfg.LoginTimeout):
		hangUp()
		return
	}
	if dc.WriteFrame(acrel.TimeSyncRequest(a.cfg.Serial)) != nil {
		return
	}
	hb, up := time.NewTicker(a.cfg.Heartbeat), time.NewTicker(a.cfg.Upload)
	defer hb.Stop()
	defer up.Stop()
	for {
		var f acrel.Frame
		select {
		case <-ctx.Done():
			return
		case <-hb.C:
			f = acrel.Frame{Cmd: acrel.CmdHeartbeat}
			a.count(func(s *AcrelStats) { s.Heartbeats++ })
		case <-up.C:
			f = acrel.Frame{Cmd: acrel.CmdUpload, Body: a.uploadBody()}
			a.count(func(s *AcrelStats) { s.Uploads++ })
		}
		if dc.WriteFrame(f) != nil {
			return
		}
	}
}

// uploadBody is the simulator's 0x91 body, a layout of our own since
// Acrel's is not known [U]: the serial field, then total energy (UINT32,
// 0.01 kWh) and balance (INT32, fen), big-endian.
func (a *AcrelMeter) uploadBody() []byte {
	st := a.m.State()
	b := acrel.SerialField(a.cfg.Serial)
	b = binary.BigEndian.AppendUint32(b, uint32(st.EnergyWh[0]/10))
	return binary.BigEndian.AppendUint32(b, uint32(int32(st.BalanceFen)))
}

func (a *AcrelMeter) count(f func(*AcrelStats)) {
	a.mu.Lock()
	f(&a.stats)
	a.mu.Unlock()
}
