package notify

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/voltpay/voltpay"
)

// simModem plays a GSM modem on the master side of a pseudo-terminal:
// the driver opens the slave like a USB serial port. It speaks the AT
// dialogue (echo until ATE0, the "> " prompt, +CMGS, +CDS), checks the
// order of the dialogue and decodes every PDU it receives with the test's
// own decoder.
type simModem struct {
	t      *testing.T
	master *os.File
	slave  *os.File // kept open so the master never reads EIO between opens
	path   string

	mu        sync.Mutex
	echo      bool
	pdu       bool // AT+CMGF=0 seen
	cnmi      bool
	pinNeeded string // the PIN the SIM wants; "" when ready
	noSIM     bool
	silent    int // ignore this many commands
	cmsErrors []int
	reports   byte // the status to report for each part; 0xFF: none
	mr        int
	got       []testSubmit
	commands  []string
	problems  []string
}

func newSimModem(t *testing.T) *simModem {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	// Raw from the start: a tty's line discipline would echo and translate.
	if tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS); err == nil {
		tio.Lflag &^= unix.ECHO | unix.ICANON | unix.ISIG | unix.IEXTEN
		tio.Iflag &^= unix.ICRNL | unix.INLCR | unix.IXON
		tio.Oflag &^= unix.OPOST
		unix.IoctlSetTermios(int(slave.Fd()), unix.TCSETS, tio)
	}
	// A nonblocking copy of the master, so that closing it (the modem
	// unplugged) interrupts the simulator's read and hangs the slave up.
	fd, err := unix.Dup(int(master.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	master.Close()
	unix.SetNonblock(fd, true)
	master = os.NewFile(uintptr(fd), "ptmx")
	s := &simModem{t: t, master: master, slave: slave, path: slave.Name(), echo: true, reports: 0xFF, mr: 40}
	go s.serve()
	t.Cleanup(s.close)
	return s
}

func (s *simModem) set(f func(*simModem)) {
	s.mu.Lock()
	f(s)
	s.mu.Unlock()
}

func (s *simModem) close() {
	s.master.Close()
	s.slave.Close()
}

func (s *simModem) problem(format string, a ...any) {
	s.mu.Lock()
	s.problems = append(s.problems, fmt.Sprintf(format, a...))
	s.mu.Unlock()
}

func (s *simModem) write(str string) {
	s.master.Write([]byte(str))
}

func (s *simModem) serve() {
	buf := make([]byte, 256)
	var cur []byte
	prompt := 0 // the length AT+CMGS announced while waiting for the PDU
	for {
		n, err := s.master.Read(buf)
		if err != nil {
			return
		}
		for _, b := range buf[:n] {
			if prompt > 0 {
				switch b {
				case 0x1B: // ESC: cancelled
					prompt, cur = 0, nil
					s.write("\r\nOK\r\n")
				case 0x1A:
					s.submit(prompt, string(cur))
					prompt, cur = 0, nil
				default:
					cur = append(cur, b)
				}
				continue
			}
			switch b {
			case '\r':
				cmd := string(cur)
				cur = nil
				if cmd != "" {
					prompt = s.command(cmd)
				}
			case '\n', 0x1B:
			default:
				cur = append(cur, b)
			}
		}
	}
}

// command answers one AT command; it returns the PDU length when the
// command was AT+CMGS and the prompt is out.
func (s *simModem) command(cmd string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands = append(s.commands, cmd)
	if s.silent > 0 {
		s.silent--
		return 0
	}
	if s.echo {
		s.write(cmd + "\r")
	}
	ok := func(lines ...string) {
		for _, l := range lines {
			s.write("\r\n" + l + "\r\n")
		}
		s.write("\r\nOK\r\n")
	}
	switch {
	case cmd == "AT":
		ok()
	case cmd == "ATE0":
		s.echo = false
		ok()
	case cmd == "AT+CMEE=1":
		ok()
	case cmd == "AT+CPIN?":
		switch {
		case s.noSIM:
			s.write("\r\n+CME ERROR: 10\r\n")
		case s.pinNeeded != "":
			ok("+CPIN: SIM PIN")
		default:
			ok("+CPIN: READY")
		}
	case strings.HasPrefix(cmd, "AT+CPIN=\""):
		if strings.Trim(cmd[8:], `"`) == s.pinNeeded {
			s.pinNeeded = ""
			ok()
		} else {
			s.write("\r\n+CME ERROR: 16\r\n")
		}
	case cmd == "AT+CMGF=0":
		s.pdu = true
		ok()
	case cmd == "AT+CNMI=2,0,0,1,0":
		s.cnmi = true
		ok()
	case cmd == "AT+CREG?":
		ok("+CREG: 0,1")
	case cmd == "AT+CSQ":
		ok("+CSQ: 21,99")
	case strings.HasPrefix(cmd, "AT+CMGS="):
		n, err := strconv.Atoi(cmd[8:])
		if err != nil || n <= 0 {
			s.problems = append(s.problems, "bad "+cmd)
			s.write("\r\nERROR\r\n")
			return 0
		}
		if !s.pdu || s.echo || s.pinNeeded != "" {
			s.problems = append(s.problems, "AT+CMGS before the modem was set up (PDU mode, echo off, PIN)")
		}
		s.write("\r\n> ")
		return n
	default:
		s.problems = append(s.problems, "unexpected command "+cmd)
		s.write("\r\nERROR\r\n")
	}
	return 0
}

// submit checks one PDU the way a modem does (length, hex) and decodes it.
func (s *simModem) submit(n int, hexPDU string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, err := hex.DecodeString(hexPDU)
	if err != nil || len(raw) < 1 || int(raw[0])+1+n != len(raw) {
		s.problems = append(s.problems, fmt.Sprintf("PDU %q does not match AT+CMGS=%d", hexPDU, n))
		s.write("\r\n+CMS ERROR: 304\r\n")
		return
	}
	if len(s.cmsErrors) > 0 {
		code := s.cmsErrors[0]
		s.cmsErrors = s.cmsErrors[1:]
		if code != 0 { // 0: this part goes through
			s.write(fmt.Sprintf("\r\n+CMS ERROR: %d\r\n", code))
			return
		}
	}
	sub, err := testDecodeSubmit(raw[1+raw[0]:])
	if err != nil {
		s.problems = append(s.problems, "undecodable PDU "+hexPDU+": "+err.Error())
		s.write("\r\n+CMS ERROR: 304\r\n")
		return
	}
	s.got = append(s.got, sub)
	s.mr = (s.mr + 1) % 256
	s.write(fmt.Sprintf("\r\n+CMGS: %d\r\n\r\nOK\r\n", s.mr))
	if s.reports != 0xFF && s.cnmi {
		rep := testStatusReport(byte(s.mr), sub.To, s.reports)
		s.write(fmt.Sprintf("\r\n+CDS: %d\r\n%s\r\n", len(rep)/2-9, rep))
	}
}

func (s *simModem) check() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.problems {
		s.t.Error("modem simulator:", p)
	}
}

func (s *simModem) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	var cur strings.Builder
	for _, g := range s.got {
		cur.WriteString(g.Text)
		if g.Total == 0 || g.Seq == g.Total {
			out = append(out, g.To+": "+cur.String())
			cur.Reset()
		}
	}
	return out
}

func testModem(t *testing.T, cfg ModemConfig, port func() string) *Modem {
	t.Helper()
	cfg.Port = port()
	cfg.CommandTimeout, cfg.SendTimeout = time.Second, 2*time.Second
	if cfg.Reopen == 0 {
		cfg.Reopen = 200 * time.Millisecond
	}
	cfg.open = func(_ string, baud int) (io.ReadWriteCloser, error) { return openSerial(port(), baud) }
	m, err := NewModem(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func waitFor(t *testing.T, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestModemSends(t *testing.T) {
	sim := newSimModem(t)
	sim.set(func(s *simModem) { s.reports, s.pinNeeded = 0x00, "1234" })
	var mu sync.Mutex
	var reports []DeliveryReport
	m := testModem(t, ModemConfig{PIN: "1234", OnReport: func(d DeliveryReport) {
		mu.Lock()
		reports = append(reports, d)
		mu.Unlock()
	}}, func() string { return sim.path })
	ctx := context.Background()

	long := strings.Repeat("您的电费余额不足，请尽快充值。", 10)
	r, err := m.Send(ctx, voltpay.SMSMessage{To: "13800138000", Text: long, Ref: "outbox-1"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Parts != 3 || r.ProviderID != "41,42,43" {
		t.Fatalf("%+v", r)
	}
	r, err = m.Send(ctx, voltpay.SMSMessage{To: "+8613900139000", Text: "Code 123456 {valid 5 min}", Ref: "code-9"})
	if err != nil || r.Parts != 1 || r.ProviderID != "44" {
		t.Fatalf("%+v %v", r, err)
	}
	sim.check()
	got := sim.messages()
	if len(got) != 2 || got[0] != "13800138000: "+long || got[1] != "+8613900139000: Code 123456 {valid 5 min}" {
		t.Fatalf("the modem received %q", got)
	}
	if sim.got[0].DCS != 8 || sim.got[3].DCS != 0 || sim.got[0].Ref != sim.got[2].Ref || sim.got[0].Total != 3 {
		t.Fatalf("%+v", sim.got)
	}
	waitFor(t, "4 delivery reports", func() bool { mu.Lock(); defer mu.Unlock(); return len(reports) == 4 })
	for i, d := range reports {
		want := "41,42,43"
		if i == 3 {
			want = "44"
		}
		if d.ProviderID != want || d.Report.State() != Delivered || (i < 3) != (d.Ref == "outbox-1") {
			t.Fatalf("report %d: %+v", i, d)
		}
	}
	st := m.Status()
	if st.State != "ready" || st.Registration != "home" || st.Signal != 21 || st.SignalDBm != -71 || st.Sent != 4 {
		t.Fatalf("%+v", st)
	}
}

func TestModemConcurrentSends(t *testing.T) {
	sim := newSimModem(t)
	m := testModem(t, ModemConfig{}, func() string { return sim.path })
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := m.Send(context.Background(), voltpay.SMSMessage{To: "13800138000", Text: fmt.Sprintf("message %d %s", i, strings.Repeat("长", 80))})
			if err != nil {
				t.Error(err)
			}
			ids[i] = r.ProviderID
		}()
	}
	wg.Wait()
	sim.check()
	if got := sim.messages(); len(got) != 8 {
		t.Fatalf("%d messages reassembled: parts of different messages interleaved? %q", len(got), got)
	}
}

func TestModemErrors(t *testing.T) {
	sim := newSimModem(t)
	m := testModem(t, ModemConfig{}, func() string { return sim.path })
	ctx := context.Background()
	msg := voltpay.SMSMessage{To: "13800138000", Text: "hello"}
	waitFor(t, "ready", func() bool { return m.Status().State == "ready" })

	sim.mu.Lock()
	sim.cmsErrors = []int{8}
	sim.mu.Unlock()
	_, err := m.Send(ctx, msg)
	if !errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "欠费") {
		t.Fatalf("out of credit: %v", err)
	}
	if !strings.Contains(m.Status().LastError, "+CMS ERROR: 8") {
		t.Fatalf("status %+v", m.Status())
	}

	sim.mu.Lock()
	sim.cmsErrors = []int{331}
	sim.mu.Unlock()
	_, err = m.Send(ctx, msg)
	if err == nil || errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "no network service") {
		t.Fatalf("no network: %v", err)
	}

	// The second part fails: the message is not reported sent.
	sim.set(func(s *simModem) { s.cmsErrors = []int{0, 42} })
	_, err = m.Send(ctx, voltpay.SMSMessage{To: "13800138000", Text: strings.Repeat("电", 100)})
	if err == nil || errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "part 2 of 2") || !strings.Contains(err.Error(), "congestion") {
		t.Fatalf("second part: %v", err)
	}

	if _, err := m.Send(ctx, voltpay.SMSMessage{To: "abc", Text: "x"}); !errors.Is(err, voltpay.ErrSMSRejected) {
		t.Fatalf("bad number: %v", err)
	}

	// A modem that stops answering is resynchronised; the send fails,
	// the next one goes through.
	sim.mu.Lock()
	sim.silent = 1
	sim.mu.Unlock()
	_, err = m.Send(ctx, msg)
	if !errors.Is(err, ErrModemNotAnswering) {
		t.Fatalf("silent modem: %v", err)
	}
	if _, err := m.Send(ctx, msg); err != nil {
		t.Fatalf("after resync: %v", err)
	}
	sim.check()
}

func TestModemSIMProblems(t *testing.T) {
	sim := newSimModem(t)
	sim.set(func(s *simModem) { s.noSIM = true })
	m := testModem(t, ModemConfig{}, func() string { return sim.path })
	waitFor(t, "the SIM error", func() bool { return strings.Contains(m.Status().LastError, "no SIM card") })
	if st := m.Status(); st.State != "down" {
		t.Fatalf("%+v", st)
	}
	_, err := m.Send(context.Background(), voltpay.SMSMessage{To: "13800138000", Text: "hi"})
	if err == nil || errors.Is(err, voltpay.ErrSMSRejected) || !strings.Contains(err.Error(), "not ready") {
		t.Fatalf("%v", err)
	}
	// The SIM is inserted: the driver's next try finds it.
	sim.mu.Lock()
	sim.noSIM = false
	sim.mu.Unlock()
	waitFor(t, "ready", func() bool { return m.Status().State == "ready" })

	sim2 := newSimModem(t)
	sim2.set(func(s *simModem) { s.pinNeeded = "1234" })
	m2 := testModem(t, ModemConfig{}, func() string { return sim2.path })
	waitFor(t, "the PIN error", func() bool { return strings.Contains(m2.Status().LastError, "VOLTPAY_SMS_MODEM_PIN") })

	// A wrong PIN is entered once, never again: three wrong tries lock the SIM.
	sim3 := newSimModem(t)
	sim3.set(func(s *simModem) { s.pinNeeded = "1234" })
	m3 := testModem(t, ModemConfig{PIN: "9999"}, func() string { return sim3.path })
	waitFor(t, "the refused PIN", func() bool { return strings.Contains(m3.Status().LastError, "not tried again") })
	waitFor(t, "a second session", func() bool {
		sim3.mu.Lock()
		defer sim3.mu.Unlock()
		n := 0
		for _, c := range sim3.commands {
			if c == "AT+CPIN?" {
				n++
			}
		}
		return n >= 3
	})
	sim3.mu.Lock()
	defer sim3.mu.Unlock()
	tries := 0
	for _, c := range sim3.commands {
		if strings.HasPrefix(c, "AT+CPIN=") {
			tries++
		}
	}
	if tries != 1 {
		t.Fatalf("the PIN was entered %d times", tries)
	}
}

func TestModemPortGone(t *testing.T) {
	var mu sync.Mutex
	sim := newSimModem(t)
	cur := sim
	m := testModem(t, ModemConfig{}, func() string { mu.Lock(); defer mu.Unlock(); return cur.path })
	msg := voltpay.SMSMessage{To: "13800138000", Text: "hello"}
	if _, err := m.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	// Unplugged: the port goes away; a new one appears (as a USB modem
	// plugged back may come up on another tty).
	sim.close()
	waitFor(t, "the port gone", func() bool { return m.Status().State == "down" })
	sim2 := newSimModem(t)
	mu.Lock()
	cur = sim2
	mu.Unlock()
	waitFor(t, "ready again", func() bool { return m.Status().State == "ready" })
	if _, err := m.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	sim2.check()
	if len(sim2.messages()) != 1 {
		t.Fatal(sim2.messages())
	}
}
