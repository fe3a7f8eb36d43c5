package sim

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// Protocol is what a gateway's bus speaks.
type Protocol uint8

// Bus protocols. ModbusRTU is "RTU over TCP" (a transparent converter);
// ModbusTCP is a converter in Modbus-TCP mode (MBAP header, no CRC).
const (
	DLT645 Protocol = iota + 1
	ModbusRTU
	ModbusTCP
)

// String names the protocol.
func (p Protocol) String() string {
	switch p {
	case DLT645:
		return "dlt645"
	case ModbusRTU:
		return "modbus-rtu"
	case ModbusTCP:
		return "modbus-tcp"
	}
	return fmt.Sprintf("protocol %d", uint8(p))
}

// GatewayConfig configures one virtual RS-485-to-Ethernet converter and its
// bus (docs/PROTOCOLS.md §3.1, §5.1, §5.5).
type GatewayConfig struct {
	Protocol Protocol       // default DLT645
	Profile  modbus.Profile // Modbus register map (default Acrel DDSY1352)

	// Baud and CharBits give the line time per byte (CharBits default 11,
	// i.e. 8E1; use 10 for 8N1). Baud 0 means no line timing at all, for
	// throughput tests. With line timing, a transaction holds the bus for
	// the request's bytes as they arrived (the master's FE preamble
	// included), then Turnaround (+ jitter), then the reply's bytes (its FE
	// preamble included), and the reply is written to TCP when its last byte
	// has crossed the line; a request nobody answers (broadcast, silent
	// meter, dead serial side) still holds the bus for its own bytes. The
	// master's silence between a reply and its next request is the master's
	// business (bus.Settings.InterFrameGap) and is not added here.
	Baud     int
	CharBits int
	// Turnaround is the meter's Td before it answers; TurnaroundJitter adds
	// a random [0, jitter) on top.
	Turnaround       time.Duration
	TurnaroundJitter time.Duration
	// Preamble is the number of FE bytes before a DL/T 645 reply (0..4);
	// -1 draws 0..4 per reply.
	Preamble int
	// Faults are the per-reply fault probabilities of the bus; a meter's
	// own (Meter.SetFaults) take precedence for requests to it.
	Faults Faults
	// DisconnectAfter closes each TCP connection after that many requests
	// (0 = never).
	DisconnectAfter int
	// Seed seeds the gateway's random source (faults, preamble, jitter).
	Seed uint64
}

// Gateway is a virtual transparent converter: a TCP server in front of one
// half-duplex bus of meters. Requests from all connections are served one
// at a time.
type Gateway struct {
	cfg     GatewayConfig
	meters  []*Meter
	byAddr  map[dlt645.Address]*Meter // nil when addresses repeat on the bus
	perByte time.Duration

	bus        sync.Mutex // held for a whole transaction, late replies included
	rng        *rand.Rand
	forced     []Fault
	serialDead bool

	stats lineCounters

	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewGateway returns a gateway for the bus of meters; call Start to serve.
func NewGateway(cfg GatewayConfig, meters []*Meter) *Gateway {
	if cfg.Protocol == 0 {
		cfg.Protocol = DLT645
	}
	if cfg.Profile.Registers == nil {
		cfg.Profile = modbus.AcrelDDSY1352
	}
	if cfg.CharBits == 0 {
		cfg.CharBits = 11
	}
	g := &Gateway{cfg: cfg, meters: meters, conns: map[net.Conn]struct{}{},
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x5eed_6a7e)), byAddr: make(map[dlt645.Address]*Meter, len(meters))}
	for _, m := range meters {
		if _, dup := g.byAddr[m.addr]; dup {
			g.byAddr = nil // two meters share an address: every request scans (and collides)
			break
		}
		g.byAddr[m.addr] = m
	}
	if cfg.Baud > 0 {
		g.perByte = time.Duration(cfg.CharBits) * time.Second / time.Duration(cfg.Baud)
	}
	return g
}

// Meters returns the meters on the gateway's bus.
func (g *Gateway) Meters() []*Meter { return g.meters }

// LineStats are cumulative counters of what a gateway put on its serial
// line, for benchmarks that compare a poll with the line's physical limit.
type LineStats struct {
	Requests     uint64        // requests taken off TCP and put on the line
	Replies      uint64        // replies sent back (faulted ones included; dropped ones not)
	RequestBytes uint64        // request bytes on the line, FE preamble and preceding noise included
	ReplyBytes   uint64        // reply bytes on the line, FE preamble included
	Turnaround   time.Duration // sum of the meters' response delays (Td) before replies
	Busy         time.Duration // line time of those bytes plus Turnaround (0 without Baud)
}

type lineCounters struct {
	requests, replies, reqBytes, replyBytes atomic.Uint64
	turnaround, busy                        atomic.Int64
}

// LineStats returns the gateway's line counters. Safe for concurrent use.
func (g *Gateway) LineStats() LineStats {
	c := &g.stats
	return LineStats{Requests: c.requests.Load(), Replies: c.replies.Load(),
		RequestBytes: c.reqBytes.Load(), ReplyBytes: c.replyBytes.Load(),
		Turnaround: time.Duration(c.turnaround.Load()), Busy: time.Duration(c.busy.Load())}
}

// LineStats returns the sum of every gateway's line counters.
func (f *Fleet) LineStats() LineStats {
	var s LineStats
	for _, g := range f.gateways {
		gs := g.LineStats()
		s.Requests += gs.Requests
		s.Replies += gs.Replies
		s.RequestBytes += gs.RequestBytes
		s.ReplyBytes += gs.ReplyBytes
		s.Turnaround += gs.Turnaround
		s.Busy += gs.Busy
	}
	return s
}

// Start listens on addr ("" = 127.0.0.1:0) and serves connections in the
// background until ctx ends or Close is called. It returns the listen error.
func (g *Gateway) Start(ctx context.Context, addr string) error {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sim: gateway listen %s: %w", addr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	g.mu.Lock()
	g.ln, g.cancel = ln, cancel
	g.mu.Unlock()
	context.AfterFunc(ctx, g.shutdown)
	g.wg.Add(1)
	go g.accept(ctx, ln)
	return nil
}

// Addr returns the listening address, e.g. "127.0.0.1:40123" ("" before
// Start).
func (g *Gateway) Addr() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln == nil {
		return ""
	}
	return g.ln.Addr().String()
}

// Close stops the listener, closes every connection and waits for the
// serving goroutines to end.
func (g *Gateway) Close() error {
	g.mu.Lock()
	cancel := g.cancel
	g.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	g.shutdown()
	g.wg.Wait()
	return nil
}

func (g *Gateway) shutdown() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		_ = g.ln.Close()
	}
	for c := range g.conns {
		_ = c.Close()
	}
}

// Force makes the next n replies suffer fault f, ahead of the random draw.
func (g *Gateway) Force(f Fault, n int) {
	g.bus.Lock()
	defer g.bus.Unlock()
	for range n {
		g.forced = append(g.forced, f)
	}
}

// SetFaults replaces the bus's fault probabilities.
func (g *Gateway) SetFaults(f Faults) {
	g.bus.Lock()
	g.cfg.Faults = f
	g.bus.Unlock()
}

// SetSerialDead makes the serial side dead (TCP stays up, nothing answers)
// or alive again.
func (g *Gateway) SetSerialDead(dead bool) {
	g.bus.Lock()
	g.serialDead = dead
	g.bus.Unlock()
}

func (g *Gateway) accept(ctx context.Context, ln net.Listener) {
	defer g.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		g.mu.Lock()
		if ctx.Err() != nil {
			g.mu.Unlock()
			_ = c.Close()
			return
		}
		g.conns[c] = struct{}{}
		g.wg.Add(1)
		g.mu.Unlock()
		go func() {
			defer g.wg.Done()
			defer func() {
				g.mu.Lock()
				delete(g.conns, c)
				g.mu.Unlock()
				_ = c.Close()
			}()
			g.serveConn(ctx, c)
		}()
	}
}

// conn is the per-connection state of a transaction stream.
type conn struct {
	net.Conn
	held     []byte // a coalesced reply waiting for the next one
	requests int
}

// serveConn reads requests one by one and answers them.
func (g *Gateway) serveConn(ctx context.Context, nc net.Conn) {
	c := &conn{Conn: nc}
	next := g.requestSource(nc)
	for {
		req, line, answer, err := next()
		if err != nil {
			return
		}
		if req == nil {
			continue // bad checksum, garbage: silence
		}
		c.requests++
		if !g.transact(ctx, c, req, line, answer) {
			return
		}
		if g.cfg.DisconnectAfter > 0 && c.requests >= g.cfg.DisconnectAfter {
			return
		}
	}
}

// transact runs one request on the bus; line is the request's length on
// the serial line. It returns false when the connection must end.
func (g *Gateway) transact(ctx context.Context, c *conn, req []byte, line int, answer func() ([]byte, *Meter)) bool {
	g.bus.Lock()
	defer g.bus.Unlock()
	g.stats.requests.Add(1)
	g.stats.reqBytes.Add(uint64(line))
	reqTime := g.perByte * time.Duration(line)
	var reply []byte
	var m *Meter
	if !g.serialDead {
		reply, m = answer()
	}
	if reply == nil {
		g.stats.busy.Add(int64(reqTime))
		return sleep(ctx, reqTime) // the request still shifts out on the line
	}
	fault := g.nextFault(m)
	reply = g.preamble(reply)
	td := g.cfg.Turnaround
	if g.cfg.TurnaroundJitter > 0 {
		td += time.Duration(g.rng.Int64N(int64(g.cfg.TurnaroundJitter)))
	}
	wait := reqTime + td + g.perByte*time.Duration(len(reply))
	if fault != FaultDrop && fault != FaultDisconnect {
		g.stats.replies.Add(1)
		g.stats.replyBytes.Add(uint64(len(reply)))
		g.stats.turnaround.Add(int64(td))
		g.stats.busy.Add(int64(wait))
	} else {
		g.stats.busy.Add(int64(reqTime))
	}
	if !sleep(ctx, wait) {
		return false
	}
	faults := g.faultsFor(m)
	var out []byte
	switch fault {
	case FaultDrop:
		return true
	case FaultDisconnect:
		return false
	case FaultDelay:
		if !sleep(ctx, faults.delayBy()) {
			return false
		}
	case FaultCorrupt:
		g.corrupt(reply)
	case FaultEcho:
		out = append(out, req...)
	case FaultGarbage:
		for range 3 + g.rng.IntN(6) {
			out = append(out, byte(0x80+g.rng.IntN(0x60))) // never 68/16/FE
		}
	case FaultCoalesce:
		c.held = append(c.held, reply...)
		return true
	}
	if len(c.held) > 0 || len(out) > 0 {
		out = append(append(c.held, out...), reply...)
	} else {
		out = reply // the common case: no copy
	}
	c.held = nil
	if fault == FaultSplit {
		return g.writeSplit(ctx, c, out, faults.splitPause())
	}
	_, err := c.Write(out)
	return err == nil
}

// preamble prefixes a DL/T 645 reply with its FE wake-up bytes.
func (g *Gateway) preamble(reply []byte) []byte {
	if g.cfg.Protocol != DLT645 {
		return reply
	}
	n := g.cfg.Preamble
	if n < 0 {
		n = g.rng.IntN(5)
	}
	n = min(n, 4)
	out := make([]byte, n, n+len(reply))
	for i := range out {
		out[i] = 0xFE
	}
	return append(out, reply...)
}

// nextFault returns a forced fault if one is queued, else draws one.
func (g *Gateway) nextFault(m *Meter) Fault {
	f := g.faultsFor(m).pick(g.rng)
	if len(g.forced) > 0 {
		f, g.forced = g.forced[0], g.forced[1:]
	}
	return f
}

func (g *Gateway) faultsFor(m *Meter) Faults {
	if m != nil {
		if f, ok, _ := m.faultConfig(); ok {
			return f
		}
	}
	return g.cfg.Faults
}

// corrupt flips one byte of reply that keeps the frame's length intact, so
// the client sees a checksum (645) or CRC (Modbus) failure.
func (g *Gateway) corrupt(reply []byte) {
	switch g.cfg.Protocol {
	case DLT645:
		start := 0
		for start < len(reply) && reply[start] == 0xFE {
			start++
		}
		// Control byte, data bytes or CS: never the 68s, L or 16.
		candidates := []int{start + 8}
		for i := start + 10; i <= len(reply)-2; i++ {
			candidates = append(candidates, i)
		}
		reply[candidates[g.rng.IntN(len(candidates))]] ^= 0x01
	case ModbusRTU:
		lo := 3
		if len(reply) <= 5 {
			lo = 2
		}
		reply[lo+g.rng.IntN(len(reply)-lo)] ^= 0x01
	case ModbusTCP:
		reply[len(reply)-1] ^= 0x01 // no CRC: a wrong value, still framed
	}
}

func (g *Gateway) writeSplit(ctx context.Context, c *conn, out []byte, pause time.Duration) bool {
	chunks := 2 + g.rng.IntN(3)
	for i := 0; i < chunks && len(out) > 0; i++ {
		n := len(out)
		if i < chunks-1 && len(out) > 1 {
			n = 1 + g.rng.IntN(len(out)-1)
		}
		if _, err := c.Write(out[:n]); err != nil {
			return false
		}
		out = out[n:]
		if len(out) > 0 && !sleep(ctx, pause) {
			return false
		}
	}
	return true
}

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
