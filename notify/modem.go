package notify

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.bug.st/serial"

	"github.com/voltpay/voltpay"
)

// ModemConfig says where the GSM modem (短信猫) is and how to talk to it.
type ModemConfig struct {
	Port string // /dev/ttyUSB0, /dev/serial/by-id/…
	Baud int    // 115200 unless the modem says otherwise
	PIN  string // the SIM's PIN, when it has one
	// CommandTimeout bounds an ordinary command (default 5 s); SendTimeout
	// the network's answer to one part (default 60 s); Health the interval
	// of the signal and registration check (default 30 s); Reopen the
	// longest wait between tries to reopen a port that went away (default 30 s).
	CommandTimeout, SendTimeout, Health, Reopen time.Duration
	// OnReport receives each part's status report, on the modem's
	// goroutine: it must not block.
	OnReport func(DeliveryReport)
	Log      *slog.Logger
	// open opens the port; tests replace it. Nil: go.bug.st/serial.
	open func(name string, baud int) (io.ReadWriteCloser, error)
}

// DeliveryReport is one part's status report matched to its message.
type DeliveryReport struct {
	// ProviderID is the SMSReceipt.ProviderID of the message this part
	// belongs to; empty when the report matches no message this process
	// sent (sent before a restart, or more than 256 parts ago).
	ProviderID string
	Ref        string // the SMSMessage.Ref of that message
	Report     StatusReport
}

// ModemStatus is what operators are shown about the modem.
type ModemStatus struct {
	Port  string `json:"port"`
	State string `json:"state"` // starting, ready, not-registered, down
	// Registration is AT+CREG's: home, roaming, searching, denied, not-registered, unknown.
	Registration string `json:"registration"`
	// Signal is AT+CSQ's RSSI (0…31; 99 unknown) and SignalDBm its level.
	Signal    int       `json:"signal"`
	SignalDBm int       `json:"signalDbm"`
	LastError string    `json:"lastError,omitempty"`
	ErrorAt   time.Time `json:"errorAt,omitzero"`
	Sent      int64     `json:"sent"` // parts accepted since start
	CheckedAt time.Time `json:"checkedAt,omitzero"`
}

// Modem sends SMS through a GSM modem in PDU mode. One goroutine owns the
// port: it opens it, initialises the modem, serves Send one message at a
// time, reads status reports and checks the signal, and reopens the port
// when it goes away. Send may be called from any goroutine.
type Modem struct {
	cfg  ModemConfig
	log  *slog.Logger
	reqs chan *sendReq
	stop chan struct{}
	done chan struct{}

	mu     sync.Mutex
	status ModemStatus

	// owned by the port's goroutine
	ref  byte
	sent map[string]sentPart // key: mr and recipient
	// pinRefused is set once the SIM refused the PIN: it is never tried
	// again, as three wrong tries lock the SIM.
	pinRefused bool
}

type sendReq struct {
	ctx   context.Context
	msg   voltpay.SMSMessage
	reply chan sendResult
}

type sendResult struct {
	r   voltpay.SMSReceipt
	err error
}

type sentPart struct {
	providerID, ref string
}

// maxSentParts bounds the memory of sent parts kept to match reports.
const maxSentParts = 512

// Check refuses settings the modem cannot work with.
func (cfg ModemConfig) Check() error {
	if cfg.Port == "" {
		return errors.New("modem: no port: set VOLTPAY_SMS_MODEM_PORT (e.g. /dev/ttyUSB0)")
	}
	if cfg.Baud != 0 && (cfg.Baud < 300 || cfg.Baud > 4000000) {
		return fmt.Errorf("modem: baud rate %d: give the modem's rate (usually 115200 or 9600)", cfg.Baud)
	}
	if cfg.PIN != "" && !allDigits(cfg.PIN, 4, 8) {
		return errors.New("modem: the SIM's PIN (VOLTPAY_SMS_MODEM_PIN) is 4 to 8 digits")
	}
	return nil
}

// NewModem starts the modem's goroutine; Close stops it.
func NewModem(cfg ModemConfig) (*Modem, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Baud == 0 {
		cfg.Baud = 115200
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.CommandTimeout, 5*time.Second)
	def(&cfg.SendTimeout, 60*time.Second)
	def(&cfg.Health, 30*time.Second)
	def(&cfg.Reopen, 30*time.Second)
	if cfg.open == nil {
		cfg.open = openSerial
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Modem{cfg: cfg, log: log, reqs: make(chan *sendReq), stop: make(chan struct{}), done: make(chan struct{}),
		status: ModemStatus{Port: cfg.Port, State: "starting", Registration: "unknown", Signal: 99},
		sent:   map[string]sentPart{}}
	go m.run()
	return m, nil
}

func openSerial(name string, baud int) (io.ReadWriteCloser, error) {
	return serial.Open(name, &serial.Mode{BaudRate: baud, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit})
}

func allDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Close stops the goroutine and closes the port.
func (m *Modem) Close() error {
	select {
	case <-m.stop:
	default:
		close(m.stop)
	}
	<-m.done
	return nil
}

// Status is the modem's state as last seen.
func (m *Modem) Status() ModemStatus {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.status
}

func (m *Modem) setStatus(f func(*ModemStatus)) {
	m.mu.Lock()
	f(&m.status)
	m.mu.Unlock()
}

func (m *Modem) fail(err error) {
	m.log.Warn("sms modem", "port", m.cfg.Port, "err", err)
	m.setStatus(func(s *ModemStatus) { s.LastError, s.ErrorAt = err.Error(), time.Now() })
}

// Send hands the message to the modem, part after part, and returns once
// the network accepted every part (+CMGS) or one failed.
func (m *Modem) Send(ctx context.Context, msg voltpay.SMSMessage) (voltpay.SMSReceipt, error) {
	// Encoded here so a bad number or text is refused without waiting for
	// the port; the reference is filled in by the port's goroutine.
	if _, err := encodeSubmit(msg.To, msg.Text, 0); err != nil {
		return voltpay.SMSReceipt{}, err
	}
	req := &sendReq{ctx: ctx, msg: msg, reply: make(chan sendResult, 1)}
	select {
	case m.reqs <- req:
	case <-ctx.Done():
		return voltpay.SMSReceipt{}, fmt.Errorf("sms modem: %w (the modem was busy with other messages)", ctx.Err())
	case <-m.stop:
		return voltpay.SMSReceipt{}, errors.New("sms modem: closed")
	}
	res := <-req.reply
	return res.r, res.err
}

// run owns the port for the modem's life.
func (m *Modem) run() {
	defer close(m.done)
	wait := time.Second
	for {
		started := time.Now()
		err := m.session()
		if err == nil { // stopped
			return
		}
		m.fail(err)
		m.setStatus(func(s *ModemStatus) { s.State = "down" })
		if time.Since(started) > m.cfg.Reopen {
			wait = time.Second
		}
		t := time.NewTimer(wait)
	waiting:
		for {
			select {
			case <-m.stop:
				t.Stop()
				return
			case r := <-m.reqs:
				r.reply <- sendResult{err: fmt.Errorf("sms modem on %s is not ready: %v", m.cfg.Port, err)}
			case <-t.C:
				break waiting
			}
		}
		if wait *= 2; wait > m.cfg.Reopen {
			wait = m.cfg.Reopen
		}
	}
}

// conn is one opened port: the reader goroutine's lines and the writer.
type conn struct {
	m     *Modem
	port  io.ReadWriteCloser
	lines chan string
	rerr  chan error
	quit  chan struct{} // closed when the session ends: the reader stops
	// cds is set after a +CDS line: the next line is its PDU.
	cds int
	// inflight is the message being sent: a report for one of its parts
	// can come before its last part is accepted, and is held until then.
	inflight *inflight
}

type inflight struct {
	to   string
	mrs  map[int]bool
	held []StatusReport
}

// session opens the port, initialises the modem and serves until the port
// fails (an error) or the modem is closed (nil).
func (m *Modem) session() error {
	port, err := m.cfg.open(m.cfg.Port, m.cfg.Baud)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w (is the modem plugged in, and may this user open it? dialout group)", m.cfg.Port, err)
	}
	c := &conn{m: m, port: port, lines: make(chan string, 64), rerr: make(chan error, 1), quit: make(chan struct{})}
	go c.read()
	defer port.Close()
	defer close(c.quit)
	if err := c.init(); err != nil {
		if errors.Is(err, errStopped) {
			return nil
		}
		return err
	}
	m.log.Info("sms modem ready", "port", m.cfg.Port, "status", m.Status())
	health := time.NewTicker(m.cfg.Health)
	defer health.Stop()
	for {
		select {
		case <-m.stop:
			return nil
		case err := <-c.rerr:
			return fmt.Errorf("the port %s went away: %w", m.cfg.Port, err)
		case line := <-c.lines:
			c.unsolicited(parseLine(line))
		case <-health.C:
			if err := c.check(); errors.Is(err, errStopped) {
				return nil
			} else if err != nil && c.gone(err) {
				return err
			}
		case r := <-m.reqs:
			res := c.send(r)
			r.reply <- res
			if errors.Is(res.err, errStopped) {
				return nil
			}
			if res.err != nil && c.gone(res.err) {
				return res.err
			}
		}
	}
}

// gone reports whether err means the port (or the modem) is lost: after
// a silence the modem is resynchronised, and if that fails too, reopened.
func (c *conn) gone(err error) bool {
	var pe *portError
	if errors.As(err, &pe) {
		return true
	}
	if errors.Is(err, ErrModemNotAnswering) {
		if rerr := c.resync(); rerr != nil {
			return true
		}
	}
	return false
}

// errStopped ends a dialogue when the modem is closed.
var errStopped = errors.New("sms modem: closed")

type portError struct{ err error }

func (e *portError) Error() string { return "port: " + e.err.Error() }
func (e *portError) Unwrap() error { return e.err }

// read turns the port's bytes into lines. The "> " prompt of AT+CMGS ends
// with no newline, so it is a line of its own as soon as it is seen.
func (c *conn) read() {
	buf := make([]byte, 512)
	var line []byte
	for {
		n, err := c.port.Read(buf)
		for _, b := range buf[:n] {
			switch {
			case b == '\r' || b == '\n':
				if len(line) > 0 && !c.emit(string(line)) {
					return
				}
				line = line[:0]
			case len(line) < 1024:
				line = append(line, b)
			}
			if len(line) == 2 && line[0] == '>' && line[1] == ' ' {
				if !c.emit("> ") {
					return
				}
				line = line[:0]
			}
		}
		if err == nil && n == 0 {
			err = io.EOF
		}
		if err != nil {
			select {
			case c.rerr <- err:
			case <-c.quit:
			}
			return
		}
	}
}

func (c *conn) emit(line string) bool {
	select {
	case c.lines <- line:
		return true
	case <-c.quit:
		return false
	}
}

func (c *conn) write(s string) error {
	if _, err := io.WriteString(c.port, s); err != nil {
		return &portError{err}
	}
	return nil
}

// cmd runs one command and returns its information lines; an error
// result is a *ModemError, silence ErrModemNotAnswering.
func (c *conn) cmd(command string, timeout time.Duration) ([]string, error) {
	if err := c.write(command + "\r"); err != nil {
		return nil, err
	}
	return c.await(command, timeout, false)
}

// await reads lines until the final result (or, with prompt, the "> ").
func (c *conn) await(command string, timeout time.Duration, prompt bool) ([]string, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	var info []string
	for {
		select {
		case <-t.C:
			return info, fmt.Errorf("%w (%s, %s)", ErrModemNotAnswering, command, timeout)
		case err := <-c.rerr:
			c.rerr <- err // for the session loop as well
			return info, &portError{err}
		case <-c.m.stop:
			return info, errStopped
		case s := <-c.lines:
			if s == command { // echo, until ATE0 takes effect
				continue
			}
			l := parseLine(s)
			switch l.kind {
			case lineOK:
				if !prompt {
					return info, nil
				}
			case lineError:
				return info, l.err
			case linePrompt:
				if prompt {
					return info, nil
				}
			case lineCDS, lineUnsolicited:
				c.unsolicited(l)
			default:
				if c.cds > 0 {
					c.unsolicited(l)
					continue
				}
				info = append(info, s)
			}
		}
	}
}

// resync brings a modem that went silent, or is stuck at the "> " prompt,
// back to answering AT: ESC cancels a PDU being typed, then AT until OK,
// then whatever late answers were on their way are drained.
func (c *conn) resync() error {
	for try := 0; try < 3; try++ {
		if err := c.write("\x1b\r"); err != nil {
			return err
		}
		if _, err := c.cmd("AT", 2*time.Second); err == nil {
			c.drain(200 * time.Millisecond)
			return nil
		} else if !errors.Is(err, ErrModemNotAnswering) {
			var me *ModemError
			if !errors.As(err, &me) {
				return err
			}
		}
	}
	return fmt.Errorf("%w: no OK to AT after 3 tries", ErrModemNotAnswering)
}

// drain drops lines until the modem has been quiet for d.
func (c *conn) drain(d time.Duration) {
	for {
		select {
		case s := <-c.lines:
			if l := parseLine(s); l.kind == lineCDS || c.cds > 0 {
				c.unsolicited(l)
			}
		case <-time.After(d):
			return
		}
	}
}

// init brings the modem to PDU mode with status reports: echo off,
// numbered errors, SIM ready (entering the PIN if asked), PDU mode, status
// reports routed to us as +CDS, then a first registration and signal check.
func (c *conn) init() error {
	if err := c.resync(); err != nil {
		return err
	}
	to := c.m.cfg.CommandTimeout
	for _, command := range []string{"ATE0", "AT+CMEE=1"} {
		if _, err := c.cmd(command, to); err != nil {
			return fmt.Errorf("%s: %w", command, err)
		}
	}
	if err := c.pin(); err != nil {
		return err
	}
	for _, command := range []string{"AT+CMGF=0", "AT+CNMI=2,0,0,1,0"} {
		if _, err := c.cmd(command, to); err != nil {
			return fmt.Errorf("%s: %w", command, err)
		}
	}
	return c.check()
}

func (c *conn) pin() error {
	info, err := c.cmd("AT+CPIN?", c.m.cfg.CommandTimeout)
	if err != nil {
		return fmt.Errorf("AT+CPIN?: %w", err)
	}
	state := strings.TrimSpace(strings.TrimPrefix(firstWith(info, "+CPIN:"), "+CPIN:"))
	switch state {
	case "READY":
		return nil
	case "SIM PIN":
		if c.m.cfg.PIN == "" {
			return errors.New("the SIM needs its PIN: set VOLTPAY_SMS_MODEM_PIN")
		}
		if c.m.pinRefused {
			return errors.New("the SIM refused VOLTPAY_SMS_MODEM_PIN; it is not tried again, as three wrong tries lock the SIM: correct it and restart voltpay")
		}
		if _, err := c.cmd(`AT+CPIN="`+c.m.cfg.PIN+`"`, c.m.cfg.CommandTimeout); err != nil {
			var me *ModemError
			if errors.As(err, &me) {
				c.m.pinRefused = true
			}
			return fmt.Errorf("entering the PIN: %w (not tried again: correct VOLTPAY_SMS_MODEM_PIN and restart voltpay)", err)
		}
		return nil
	case "":
		return errors.New("AT+CPIN? gave no +CPIN: line")
	}
	return fmt.Errorf("the SIM is not ready (+CPIN: %s): it needs a code other than the PIN; unlock it in a phone", clip(state, 20))
}

func firstWith(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// check asks registration and signal and updates the status.
func (c *conn) check() error {
	to := c.m.cfg.CommandTimeout
	info, err := c.cmd("AT+CREG?", to)
	if err != nil {
		c.m.fail(fmt.Errorf("AT+CREG?: %w", err))
		return err
	}
	reg := "unknown"
	if f := strings.Split(strings.TrimPrefix(firstWith(info, "+CREG:"), "+CREG:"), ","); len(f) >= 2 {
		reg = map[string]string{"0": "not-registered", "1": "home", "2": "searching", "3": "denied", "5": "roaming"}[strings.TrimSpace(f[1])]
		if reg == "" {
			reg = "unknown"
		}
	}
	info, err = c.cmd("AT+CSQ", to)
	if err != nil {
		c.m.fail(fmt.Errorf("AT+CSQ: %w", err))
		return err
	}
	rssi := 99
	if f := strings.Split(strings.TrimPrefix(firstWith(info, "+CSQ:"), "+CSQ:"), ","); len(f) >= 1 {
		if v, err := strconv.Atoi(strings.TrimSpace(f[0])); err == nil && v >= 0 && v <= 99 {
			rssi = v
		}
	}
	c.m.setStatus(func(s *ModemStatus) {
		s.Registration, s.Signal, s.CheckedAt = reg, rssi, time.Now()
		s.SignalDBm = 0
		if rssi <= 31 {
			s.SignalDBm = -113 + 2*rssi
		}
		s.State = "ready"
		if reg != "home" && reg != "roaming" {
			s.State = "not-registered"
		}
	})
	return nil
}

// send submits each part of one message.
func (c *conn) send(r *sendReq) sendResult {
	if err := r.ctx.Err(); err != nil {
		return sendResult{err: fmt.Errorf("sms modem: %w", err)}
	}
	c.m.ref++
	pdus, err := encodeSubmit(r.msg.To, r.msg.Text, c.m.ref)
	if err != nil {
		return sendResult{err: err}
	}
	mrs := make([]string, 0, len(pdus))
	fl := &inflight{to: canonicalNumber(r.msg.To), mrs: map[int]bool{}}
	c.inflight = fl
	defer func() { c.inflight = nil }()
	for i, pdu := range pdus {
		if i > 0 {
			if err := r.ctx.Err(); err != nil {
				return sendResult{err: fmt.Errorf("sms modem: %w after %d of %d parts; the message is incomplete", err, i, len(pdus))}
			}
		}
		mr, err := c.sendPart(pdu)
		if err != nil {
			c.m.fail(err)
			what := "sms modem"
			if len(pdus) > 1 {
				what = fmt.Sprintf("sms modem: part %d of %d", i+1, len(pdus))
			}
			c.release(fl, "", r.msg.Ref)
			return sendResult{err: fmt.Errorf("%s to %s: %w", what, r.msg.To, err)}
		}
		fl.mrs[mr] = true
		mrs = append(mrs, strconv.Itoa(mr))
		c.m.setStatus(func(s *ModemStatus) { s.Sent++ })
	}
	id := strings.Join(mrs, ",")
	to := canonicalNumber(r.msg.To)
	if len(c.m.sent)+len(mrs) > maxSentParts {
		clear(c.m.sent) // old reports will match nothing; bounded memory
	}
	for _, mr := range mrs {
		c.m.sent[mr+" "+to] = sentPart{providerID: id, ref: r.msg.Ref}
	}
	c.release(fl, id, r.msg.Ref)
	return sendResult{r: voltpay.SMSReceipt{ProviderID: id, Parts: len(pdus), SentAt: time.Now()}}
}

// canonicalNumber makes a mainland number and its +86 form one key, as a
// status report may carry either.
func canonicalNumber(n string) string {
	if strings.HasPrefix(n, "+86") {
		return n[3:]
	}
	if strings.HasPrefix(n, "86") && len(n) == 13 {
		return n[2:]
	}
	return n
}

// sendPart is one AT+CMGS dialogue: the length, the "> " prompt, the PDU
// in hex after a zero service-centre length (the SIM's centre is used),
// Ctrl-Z, then +CMGS: <mr> from the network.
func (c *conn) sendPart(tpdu []byte) (int, error) {
	command := "AT+CMGS=" + strconv.Itoa(len(tpdu))
	if err := c.write(command + "\r"); err != nil {
		return 0, err
	}
	if _, err := c.await(command, c.m.cfg.CommandTimeout, true); err != nil {
		return 0, err
	}
	if err := c.write("00" + strings.ToUpper(hex.EncodeToString(tpdu)) + "\x1a"); err != nil {
		return 0, err
	}
	info, err := c.await(command, c.m.cfg.SendTimeout, false)
	if err != nil {
		return 0, err
	}
	line := firstWith(info, "+CMGS:")
	mr, perr := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "+CMGS:")))
	if line == "" || perr != nil || mr < 0 || mr > 255 {
		return 0, fmt.Errorf("the modem said OK without a valid +CMGS: <mr> (%q)", clip(strings.Join(info, " "), 60))
	}
	return mr, nil
}

// unsolicited handles a line nobody asked for: a +CDS header arms the
// decoding of the next line, its PDU.
func (c *conn) unsolicited(l atLine) {
	switch {
	case l.kind == lineCDS:
		c.cds = l.n
	case c.cds > 0:
		n := c.cds
		c.cds = 0
		pdu, err := hex.DecodeString(l.text)
		if err != nil {
			c.m.log.Warn("sms modem: a status report that is not hex", "line", clip(l.text, 80))
			return
		}
		rep, err := decodeStatusReport(pdu, n)
		if err != nil {
			c.m.log.Warn("sms modem: undecodable status report", "err", err, "pdu", clip(l.text, 80))
			return
		}
		if fl := c.inflight; fl != nil && fl.mrs[rep.MR] && fl.to == canonicalNumber(rep.Recipient) {
			fl.held = append(fl.held, rep)
			return
		}
		key := strconv.Itoa(rep.MR) + " " + canonicalNumber(rep.Recipient)
		p := c.m.sent[key]
		if rep.State() != Pending {
			delete(c.m.sent, key)
		}
		c.report(DeliveryReport{ProviderID: p.providerID, Ref: p.ref, Report: rep})
	}
}

// release delivers the reports held while their message was being sent;
// providerID is empty when the message failed part-way.
func (c *conn) release(fl *inflight, providerID, ref string) {
	for _, rep := range fl.held {
		if providerID != "" && rep.State() != Pending {
			delete(c.m.sent, strconv.Itoa(rep.MR)+" "+fl.to)
		}
		c.report(DeliveryReport{ProviderID: providerID, Ref: ref, Report: rep})
	}
	fl.held = nil
}

func (c *conn) report(d DeliveryReport) {
	c.m.log.Info("sms delivery report", "provider_id", d.ProviderID, "mr", d.Report.MR, "state", d.Report.State(), "meaning", d.Report.Meaning())
	if c.m.cfg.OnReport != nil {
		c.m.cfg.OnReport(d)
	}
}
