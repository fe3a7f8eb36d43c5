package bus

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

func TestDefaultSettings(t *testing.T) {
	s := DefaultSettings(DLT645, 2400)
	want := Settings{Baud: 2400, Parity: ParityEven, Preamble: 4, ResponseTimeout: 1500 * time.Millisecond,
		InterFrameGap: 20 * time.Millisecond, Retries: 2, ReconnectAfter: 5, DialTimeout: DefaultDialTimeout}
	if s != want {
		t.Fatalf("DefaultSettings(DLT645, 2400) = %+v, want %+v", s, want)
	}
	for baud, gap := range map[int]time.Duration{1200: 20 * time.Millisecond, 2400: 20 * time.Millisecond,
		4800: 10 * time.Millisecond, 9600: 5 * time.Millisecond, 19200: 2500 * time.Microsecond} {
		if got := DefaultSettings(DLT645, baud).InterFrameGap; got != gap {
			t.Errorf("DefaultSettings(DLT645, %d).InterFrameGap = %v, want %v", baud, got, gap)
		}
	}
	if s := DefaultSettings(DLT645, 9600); s.ResponseTimeout != time.Second {
		t.Fatalf("645 at 9600: response timeout %v, want 1s", s.ResponseTimeout)
	}
	m := DefaultSettings(ModbusRTU, 9600)
	if m.Parity != ParityNone || m.Preamble != 0 || m.InterFrameGap != m.T35() || m.ResponseTimeout != time.Second {
		t.Fatalf("DefaultSettings(ModbusRTU, 9600) = %+v", m)
	}
	for _, p := range []Protocol{DLT645, ModbusRTU, ModbusTCP} {
		for _, baud := range []int{1200, 2400, 9600, 19200, 38400} {
			if err := DefaultSettings(p, baud).Validate(p); err != nil {
				t.Errorf("DefaultSettings(%s, %d) invalid: %v", p, baud, err)
			}
		}
	}
}

func TestSettings_Validate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Settings)
		proto Protocol
		want  string
	}{
		{"ErrProtocol", func(*Settings) {}, "iec1107", "unknown protocol"},
		{"ErrBaud", func(s *Settings) { s.Baud = 9601 }, DLT645, "baud 9601"},
		{"ErrParity", func(s *Settings) { s.Parity = 'X' }, DLT645, "parity"},
		{"ErrPreamble", func(s *Settings) { s.Preamble = 5 }, DLT645, "preamble 5"},
		{"ErrResponseTimeout", func(s *Settings) { s.ResponseTimeout = 0 }, DLT645, "response timeout"},
		{"ErrResponseTimeoutHuge", func(s *Settings) { s.ResponseTimeout = time.Hour }, DLT645, "response timeout"},
		{"ErrGap", func(s *Settings) { s.InterFrameGap = -1 }, DLT645, "inter-frame gap"},
		{"ErrRetries", func(s *Settings) { s.Retries = 11 }, DLT645, "retries 11"},
		{"ErrWarmup", func(s *Settings) { s.ConnectWarmup = time.Minute }, DLT645, "warm-up"},
		{"ErrReconnect", func(s *Settings) { s.ReconnectAfter = -1 }, DLT645, "reconnect"},
		{"ErrDialTimeout", func(s *Settings) { s.DialTimeout = -1 }, DLT645, "dial timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := DefaultSettings(DLT645, 2400)
			tc.edit(&s)
			err := s.Validate(tc.proto)
			if !errors.Is(err, ErrInvalidSettings) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalidSettings mentioning %q", err, tc.want)
			}
			if _, err := New(func(context.Context) (net.Conn, error) { return nil, nil }, tc.proto, s, nil); !errors.Is(err, ErrInvalidSettings) {
				t.Fatalf("New: err = %v, want ErrInvalidSettings", err)
			}
		})
	}
	if _, err := New(nil, DLT645, DefaultSettings(DLT645, 2400), nil); !errors.Is(err, ErrInvalidSettings) {
		t.Fatalf("New without dial: err = %v", err)
	}
}

func TestSettings_LineTime(t *testing.T) {
	for _, tc := range []struct {
		baud   int
		parity Parity
		n      int
		want   time.Duration
	}{
		{2400, ParityEven, 20, 91666666 * time.Nanosecond}, // docs/PROTOCOLS.md §5.2: 91.7 ms
		{9600, ParityEven, 1, 1145833 * time.Nanosecond},   // 1.146 ms
		{9600, ParityNone, 1, 1041666 * time.Nanosecond},   // 1.042 ms
		{9600, ParityNone, 0, 0},
	} {
		s := Settings{Baud: tc.baud, Parity: tc.parity}
		if got := s.LineTime(tc.n); got != tc.want {
			t.Errorf("LineTime(%d) at %d 8%s1 = %v, want %v", tc.n, tc.baud, tc.parity, got, tc.want)
		}
	}
	if got := (Settings{Baud: 9600, Parity: ParityNone}).T35(); got < 3640*time.Microsecond || got > 3650*time.Microsecond {
		t.Errorf("T35 at 9600 8N1 = %v, want ≈ 3.65 ms", got)
	}
	if got := (Settings{Baud: 38400}).T35(); got != 1750*time.Microsecond {
		t.Errorf("T35 at 38400 = %v, want 1750µs", got)
	}
}

func TestError(t *testing.T) {
	err := error(&Error{Op: "dlt645 000000000001 0x11", Kind: ErrTimeout, Attempts: 3, Err: context.DeadlineExceeded})
	if want := "bus: dlt645 000000000001 0x11: no reply from meter after 3 attempt(s): context deadline exceeded"; err.Error() != want {
		t.Fatalf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrConnection) {
		t.Fatalf("errors.Is on %v wrong", err)
	}
}
