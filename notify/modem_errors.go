package notify

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/voltpay/voltpay"
)

// lineKind classifies one line a modem sends (3GPP TS 27.007/27.005).
type lineKind int

const (
	lineInfo        lineKind = iota // an information response (+CSQ: 20,99) or anything else
	lineOK                          // OK: the command is done
	lineError                       // ERROR, +CMS ERROR: n, +CME ERROR: n
	linePrompt                      // "> ": AT+CMGS waits for the PDU
	lineCDS                         // +CDS: <length>, a status report whose PDU is the next line
	lineUnsolicited                 // other unsolicited results the driver ignores (+CMTI, RING, ^RSSI…)
)

// atLine is one parsed line.
type atLine struct {
	kind lineKind
	text string
	// err is set for lineError.
	err *ModemError
	// n is the length of a +CDS.
	n int
}

// parseLine classifies one line (without its CR LF). It never fails: what
// it does not know is lineInfo and left to the command that waits.
func parseLine(s string) atLine {
	l := atLine{kind: lineInfo, text: s}
	switch {
	case s == "OK":
		l.kind = lineOK
	case s == "ERROR", s == "NO CARRIER", s == "COMMAND NOT SUPPORT":
		l.kind, l.err = lineError, &ModemError{Kind: "", Code: -1, Text: s}
	case s == ">" || s == "> ":
		l.kind = linePrompt
	case strings.HasPrefix(s, "+CMS ERROR:"), strings.HasPrefix(s, "+CME ERROR:"):
		l.kind = lineError
		kind, rest := s[1:4], strings.TrimSpace(s[11:])
		code, err := strconv.Atoi(rest)
		if err != nil || code < 0 || code > 65535 {
			l.err = &ModemError{Kind: kind, Code: -1, Text: clip(rest, 80)}
		} else {
			l.err = &ModemError{Kind: kind, Code: code}
		}
	case strings.HasPrefix(s, "+CDS:"):
		n, err := strconv.Atoi(strings.TrimSpace(s[5:]))
		if err == nil && n > 0 && n <= 200 {
			l.kind, l.n = lineCDS, n
		} else {
			l.kind = lineUnsolicited // text-mode report or nonsense: not ours
		}
	case strings.HasPrefix(s, "+CMTI:"), strings.HasPrefix(s, "+CMT:"), strings.HasPrefix(s, "+CDSI:"),
		strings.HasPrefix(s, "+CBM:"), strings.HasPrefix(s, "^"), s == "RING", s == "RDY",
		strings.HasPrefix(s, "+CPIN: NOT READY"), s == "Call Ready", s == "SMS Ready":
		l.kind = lineUnsolicited
	}
	return l
}

// ModemError is an error the modem reported: +CMS ERROR (messaging),
// +CME ERROR (the phone: SIM, PIN, network) or a bare ERROR.
type ModemError struct {
	Kind string // "CMS", "CME" or "" for a bare ERROR
	Code int    // -1 when the modem gave no number
	Text string // the modem's own words when it gave no number
}

func (e *ModemError) Error() string {
	if e.Kind == "" {
		return "the modem answered " + e.Text + " (it gives no reason; AT+CMEE=1 may not be supported)"
	}
	if e.Code < 0 {
		return fmt.Sprintf("+%s ERROR: %s", e.Kind, e.Text)
	}
	return fmt.Sprintf("+%s ERROR: %d: %s", e.Kind, e.Code, e.Meaning())
}

// entry looks the code up in its table.
func (e *ModemError) entry() (meaning, bool) {
	table := cmeMeanings
	if e.Kind == "CMS" {
		table = cmsMeanings
	}
	m, ok := table[e.Code]
	return m, ok
}

// Meaning says the code in words and what to do.
func (e *ModemError) Meaning() string {
	if m, ok := e.entry(); ok {
		return m.text
	}
	if e.Kind == "CMS" && e.Code < 128 {
		return "the network refused the message (cause " + strconv.Itoa(e.Code) + ")"
	}
	return "an error the driver does not know; see the modem's manual"
}

// Rejected reports whether sending the same message again cannot help.
func (e *ModemError) Rejected() bool {
	m, _ := e.entry()
	return m.rejected
}

// Unwrap makes a rejecting error match voltpay.ErrSMSRejected.
func (e *ModemError) Unwrap() error {
	if e.Kind != "" && e.Code >= 0 && e.Rejected() {
		return voltpay.ErrSMSRejected
	}
	return nil
}

type meaning struct {
	text     string
	rejected bool
}

// cmsMeanings: 3GPP TS 27.005 §3.2.5 (300…) and the network's RP causes
// (TS 24.011 §8.2.5.4, below 128) that modems pass on.
var cmsMeanings = map[int]meaning{
	1:   {"the number is not assigned (空号)", true},
	8:   {"the operator barred this SIM: usually out of credit (欠费停机) or suspended; top it up", true},
	10:  {"calls/SMS barred for this SIM; ask the operator", true},
	21:  {"the network refused the message", true},
	27:  {"the recipient's phone is out of service", false},
	28:  {"the recipient is not known to the network", true},
	29:  {"the network refused the facility", true},
	30:  {"the recipient is not a subscriber", true},
	38:  {"the network is out of order; try again later", false},
	41:  {"temporary network failure; try again later", false},
	42:  {"network congestion; try again later", false},
	47:  {"network resources unavailable; try again later", false},
	50:  {"SMS is not part of this SIM's plan (or out of credit); ask the operator", true},
	69:  {"the network does not offer this facility", true},
	96:  {"the message was malformed (a driver bug: report it)", true},
	111: {"network protocol error; try again later", false},
	300: {"the modem failed; it will be reset", false},
	301: {"the modem's SMS service is reserved", false},
	302: {"operation not allowed now (is the SIM ready?)", false},
	303: {"operation not supported by this modem", false},
	304: {"the modem refused the PDU (a driver bug: report it)", true},
	305: {"invalid text mode parameter", true},
	310: {"no SIM card: insert the SIM and restart the modem", false},
	311: {"the SIM needs its PIN: set VOLTPAY_SMS_MODEM_PIN", false},
	312: {"the modem needs its PH-SIM PIN", false},
	313: {"SIM failure: reseat or replace the SIM", false},
	314: {"SIM busy; try again", false},
	315: {"wrong SIM", false},
	316: {"the SIM is locked (PUK needed): unlock it in a phone", false},
	317: {"the SIM needs PIN2", false},
	318: {"the SIM needs PUK2", false},
	320: {"the modem's memory failed", false},
	322: {"the modem's memory is full", false},
	330: {"the SIM has no service centre number: set it with AT+CSCA or in a phone", false},
	331: {"no network service: check the antenna and the signal", false},
	332: {"network timeout; try again", false},
	500: {"unknown error in the modem", false},
}

// cmeMeanings: 3GPP TS 27.007 §9.2.
var cmeMeanings = map[int]meaning{
	0:   {"the phone failed", false},
	3:   {"operation not allowed now", false},
	4:   {"operation not supported by this modem", false},
	10:  {"no SIM card: insert the SIM and restart the modem", false},
	11:  {"the SIM needs its PIN: set VOLTPAY_SMS_MODEM_PIN", false},
	12:  {"the SIM is locked (PUK needed): unlock it in a phone", false},
	13:  {"SIM failure: reseat or replace the SIM", false},
	14:  {"SIM busy; try again", false},
	15:  {"wrong SIM", false},
	16:  {"wrong PIN: check VOLTPAY_SMS_MODEM_PIN before the SIM locks (3 tries)", false},
	17:  {"the SIM needs PIN2", false},
	18:  {"the SIM needs PUK2", false},
	20:  {"the modem's memory is full", false},
	30:  {"no network service: check the antenna and the signal", false},
	31:  {"network timeout; try again", false},
	32:  {"network not allowed: emergency calls only", false},
	100: {"unknown error in the modem", false},
}

// ErrModemNotAnswering is returned when the modem stays silent; the driver
// then resynchronises and, failing that, reopens the port.
var ErrModemNotAnswering = errors.New("the modem did not answer: is it powered and on this port, at this baud rate?")
