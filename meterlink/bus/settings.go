package bus

import (
	"errors"
	"fmt"
	"time"
)

// Protocol is the wire protocol a Bus carries. DL/T 645 and Modbus-RTU
// share the serial line (a bus may mix meters of both, see Bus); Modbus-TCP
// is for gateways that speak MBAP themselves.
type Protocol string

// The protocols a Bus speaks.
const (
	DLT645    Protocol = "dlt645"
	ModbusRTU Protocol = "modbus-rtu"
	ModbusTCP Protocol = "modbus-tcp"
)

// serial reports whether p is carried as raw serial bytes (RTU over TCP).
func (p Protocol) serial() bool { return p == DLT645 || p == ModbusRTU }

// Valid reports whether p is one of the known protocols.
func (p Protocol) Valid() bool { return p.serial() || p == ModbusTCP }

// Parity is the parity of the RS-485 character frame: 'N', 'E' or 'O'.
type Parity byte

// Parities. DL/T 645 uses even parity; Modbus meters commonly none.
const (
	ParityNone Parity = 'N'
	ParityEven Parity = 'E'
	ParityOdd  Parity = 'O'
)

// String returns "N", "E" or "O".
func (p Parity) String() string { return string(rune(p)) }

// bauds are the rates RS-485 meters and converters offer (docs/PROTOCOLS.md §1.1:
// 645 selects 600…19200, Acrel goes up to 38400).
var bauds = map[int]bool{600: true, 1200: true, 2400: true, 4800: true, 9600: true, 19200: true, 38400: true, 57600: true, 115200: true}

// Limits that catch typos in configuration (a timeout in seconds given as
// milliseconds, a retry count of 100).
const (
	MaxPreamble        = 4
	MaxRetries         = 10
	MaxResponseTimeout = time.Minute
	MaxInterFrameGap   = 10 * time.Second
	MaxConnectWarmup   = 10 * time.Second
	DefaultDialTimeout = 10 * time.Second
)

// ErrInvalidSettings is wrapped by every error Validate returns.
var ErrInvalidSettings = errors.New("bus: invalid settings")

// Settings are the per-gateway (per-bus) line settings of docs/PROTOCOLS.md §5.5.
// The zero value is not usable; start from DefaultSettings.
type Settings struct {
	// Baud and Parity describe the serial line behind the converter; they
	// give LineTime and the Modbus t3.5 gap. The converter itself is
	// configured separately (we only talk TCP to it).
	Baud   int
	Parity Parity
	// Preamble is the number of FE wake-up bytes sent before a DL/T 645
	// request (0…4); Modbus ignores it.
	Preamble int
	// ResponseTimeout bounds one attempt: from writing the request to the
	// matching reply's last byte.
	ResponseTimeout time.Duration
	// InterFrameGap is the silence kept after a reply (or timeout) before
	// the next request goes out; input arriving during it is drained.
	InterFrameGap time.Duration
	// Retries is how many times a request is repeated after a timeout, a
	// garbled reply or a dropped connection (not after a meter's error
	// reply, which is an answer).
	Retries int
	// ConnectWarmup is the pause after the TCP connect before the first
	// request; bytes the converter sends meanwhile are dropped.
	ConnectWarmup time.Duration
	// EchoStrip drops a copy of our own request read back before the reply
	// (half-duplex converters that echo the line). DL/T 645 replies never
	// look like requests, so there it is always on; for Modbus-RTU turn it
	// on only for echoing converters, since an FC06 reply equals its request.
	EchoStrip bool
	// ReconnectAfter closes and redials the connection after this many
	// consecutive timeouts (the converter keeps TCP up while its serial side
	// is dead); 0 never reconnects for timeouts.
	ReconnectAfter int
	// DialTimeout bounds one connect attempt (TCP, and SOCKS5 if the dial
	// function goes through a proxy); 0 means DefaultDialTimeout.
	DialTimeout time.Duration
}

// DefaultSettings returns the defaults of docs/PROTOCOLS.md §5.5 for protocol at
// baud: even parity and 4 FE for DL/T 645, none and no preamble for Modbus;
// a response timeout of 1.5 s below 9600 baud and 1 s from 9600 up; a gap of
// 20 ms for DL/T 645 up to 2400 baud and the same silence in character
// times above (DLT645Gap: 10 ms at 4800, 5 ms at 9600), t3.5 for Modbus; 2
// retries; no warm-up; no echo stripping; reconnect after 5 consecutive
// timeouts.
func DefaultSettings(protocol Protocol, baud int) Settings {
	s := Settings{
		Baud:            baud,
		Parity:          ParityNone,
		ResponseTimeout: time.Second,
		Retries:         2,
		ReconnectAfter:  5,
		DialTimeout:     DefaultDialTimeout,
	}
	if baud < 9600 {
		s.ResponseTimeout = 1500 * time.Millisecond
	}
	if protocol == DLT645 {
		s.Parity = ParityEven
		s.Preamble = 4
		s.InterFrameGap = DLT645Gap(baud)
	} else if baud > 0 {
		s.InterFrameGap = s.T35()
	}
	return s
}

// DLT645Gap is the default DL/T 645 inter-frame gap at baud: 20 ms at 2400
// baud and below (the customary value, ≈ 4.4 characters at 2400 8E1), and
// above 2400 the same ≈ 4.4 character times, i.e. 20 ms × 2400 / baud.
//
// DL/T 645 itself requires no silence from the master: its frames are
// delimited by length, and the timing it fixes is the meter's response
// delay (20 ms ≤ Td ≤ 500 ms, docs/PROTOCOLS.md §1.1). The gap is for the
// half-duplex line: the meter's transmitter must have released the RS-485
// pair (typically within one character) before the converter drives it,
// and stale bytes get a moment to arrive and be drained. A fixed 20 ms at
// 9600 baud was 17 character times per exchange, 30 % on top of a status
// read's line time (docs/BENCHMARKS.md, BenchmarkLine9600).
func DLT645Gap(baud int) time.Duration {
	const gap, at = 20 * time.Millisecond, 2400
	if baud <= at {
		return gap
	}
	return gap * at / time.Duration(baud)
}

// Validate checks s for protocol and returns an error wrapping
// ErrInvalidSettings that names the first bad field.
func (s Settings) Validate(protocol Protocol) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidSettings, fmt.Sprintf(format, args...))
	}
	switch {
	case !protocol.Valid():
		return bad("unknown protocol %q (want %q, %q or %q)", protocol, DLT645, ModbusRTU, ModbusTCP)
	case !bauds[s.Baud]:
		return bad("baud %d is not a standard rate (600…115200)", s.Baud)
	case s.Parity != ParityNone && s.Parity != ParityEven && s.Parity != ParityOdd:
		return bad("parity %q (want N, E or O)", rune(s.Parity))
	case s.Preamble < 0 || s.Preamble > MaxPreamble:
		return bad("preamble %d FE bytes (want 0…%d)", s.Preamble, MaxPreamble)
	case s.ResponseTimeout <= 0 || s.ResponseTimeout > MaxResponseTimeout:
		return bad("response timeout %v (want > 0 and ≤ %v)", s.ResponseTimeout, MaxResponseTimeout)
	case s.InterFrameGap < 0 || s.InterFrameGap > MaxInterFrameGap:
		return bad("inter-frame gap %v (want 0…%v)", s.InterFrameGap, MaxInterFrameGap)
	case s.Retries < 0 || s.Retries > MaxRetries:
		return bad("retries %d (want 0…%d)", s.Retries, MaxRetries)
	case s.ConnectWarmup < 0 || s.ConnectWarmup > MaxConnectWarmup:
		return bad("connect warm-up %v (want 0…%v)", s.ConnectWarmup, MaxConnectWarmup)
	case s.ReconnectAfter < 0:
		return bad("reconnect after %d timeouts (want ≥ 0; 0 = never)", s.ReconnectAfter)
	case s.DialTimeout < 0:
		return bad("dial timeout %v (want ≥ 0; 0 = default)", s.DialTimeout)
	}
	return nil
}

// bitsPerChar is start + 8 data + parity + 1 stop (docs/PROTOCOLS.md §5.1).
func (s Settings) bitsPerChar() int {
	if s.Parity == ParityNone {
		return 10
	}
	return 11
}

// LineTime returns how long n bytes occupy the serial line at s.Baud and
// s.Parity, e.g. 20 bytes at 2400 8E1 ≈ 91.7 ms. It returns 0 for a zero
// baud.
func (s Settings) LineTime(n int) time.Duration {
	if s.Baud <= 0 || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Duration(s.bitsPerChar()) * time.Second / time.Duration(s.Baud)
}

// T35 returns the Modbus-RTU frame separation of 3.5 character times, or
// the fixed 1750 µs above 19200 baud (docs/PROTOCOLS.md §2.1).
func (s Settings) T35() time.Duration {
	if s.Baud > 19200 {
		return 1750 * time.Microsecond
	}
	return s.LineTime(35) / 10
}
