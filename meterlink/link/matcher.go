package link

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/voltpay/voltpay/meterlink/acrel"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Result is a Matcher's verdict on the bytes received so far.
type Result int

// Matcher verdicts.
const (
	// NeedMore means the bytes so far could still become a registration.
	NeedMore Result = iota
	// Matched means the bytes start with a registration.
	Matched
	// Rejected means the bytes can never be this matcher's registration.
	Rejected
)

// String returns the verdict's name.
func (r Result) String() string {
	switch r {
	case NeedMore:
		return "need-more"
	case Matched:
		return "matched"
	case Rejected:
		return "rejected"
	}
	return "invalid"
}

// Matcher recognises a device's registration packet at the start of the
// bytes it sent after connecting (heartbeats already removed). On Matched
// it returns the device id and how many bytes of p the registration used;
// bytes after them are the start of the data stream. Match must not keep
// or modify p. The Listener bounds p by Options.MaxRegistration.
type Matcher interface {
	Match(p []byte) (id string, n int, res Result)
}

// Replier is implemented by matchers whose protocol acknowledges a
// registration: the Listener writes Reply(id) to the device after a match.
type Replier interface {
	Reply(id string) []byte
}

// IMEIMatcher matches a registration of 15 ASCII digits (an IMEI), with an
// optional fixed Prefix before and Suffix (e.g. "\r\n") after them. The id
// is the 15 digits.
type IMEIMatcher struct {
	Prefix, Suffix []byte
	// Luhn rejects IMEIs whose check digit is wrong.
	Luhn bool
}

const imeiLen = 15

// Match implements Matcher.
func (m IMEIMatcher) Match(p []byte) (string, int, Result) {
	if r := hasPrefix(p, m.Prefix); r != Matched {
		return "", 0, r
	}
	i := len(m.Prefix)
	for j := i; j < len(p) && j < i+imeiLen; j++ {
		if p[j] < '0' || p[j] > '9' {
			return "", 0, Rejected
		}
	}
	if len(p) < i+imeiLen {
		return "", 0, NeedMore
	}
	imei := p[i : i+imeiLen]
	if m.Luhn && !luhn(imei) {
		return "", 0, Rejected
	}
	i += imeiLen
	if r := hasPrefix(p[i:], m.Suffix); r != Matched {
		return "", 0, r
	}
	return string(imei), i + len(m.Suffix), Matched
}

// luhn reports whether the digits carry a valid Luhn check digit.
func luhn(d []byte) bool {
	sum := 0
	for i := range d {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// hasPrefix reports whether p starts with prefix (Matched), is a proper
// prefix of it (NeedMore), or differs from it (Rejected).
func hasPrefix(p, prefix []byte) Result {
	n := min(len(p), len(prefix))
	if !bytes.Equal(p[:n], prefix[:n]) {
		return Rejected
	}
	if n < len(prefix) {
		return NeedMore
	}
	return Matched
}

// HexPrefixMatcher matches a fixed Prefix followed by an id of IDLen bytes,
// the "user-defined registration packet" of DTUs (e.g. "LOGIN:" + "1001").
// The id is those bytes as text if they are printable UTF-8, else in upper
// case hex; with Hex set it is always hex.
type HexPrefixMatcher struct {
	Prefix []byte
	IDLen  int
	Hex    bool
}

// Match implements Matcher. An IDLen below 1 rejects everything.
func (m HexPrefixMatcher) Match(p []byte) (string, int, Result) {
	if m.IDLen < 1 {
		return "", 0, Rejected
	}
	if r := hasPrefix(p, m.Prefix); r != Matched {
		return "", 0, r
	}
	n := len(m.Prefix) + m.IDLen
	if len(p) < n {
		return "", 0, NeedMore
	}
	id := p[len(m.Prefix):n]
	if !m.Hex && printable(id) {
		return string(id), n, Matched
	}
	return strings.ToUpper(hex.EncodeToString(id)), n, Matched
}

// printable reports whether b is UTF-8 text without control characters.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < 0x20 || r == 0x7F {
			return false
		}
	}
	return true
}

// DLT645AddressMatcher identifies a meter by the address of the first
// DL/T 645 frame it sends (after optional FE preamble bytes), e.g. a meter
// that reports on connect or a DTU configured to send a fixed frame. The
// frame is consumed. The id is the address as dlt645.Address.String prints
// it (12 digits, most significant first). Broadcast and wildcard addresses
// and frames that are not valid DL/T 645 are rejected.
type DLT645AddressMatcher struct{}

// Match implements Matcher.
func (DLT645AddressMatcher) Match(p []byte) (string, int, Result) {
	i := 0
	for i < len(p) && p[i] == 0xFE {
		i++
	}
	f, n, err := dlt645.Parse(p[i:])
	switch {
	case errors.Is(err, dlt645.ErrIncomplete):
		return "", 0, NeedMore
	case err != nil:
		return "", 0, Rejected
	}
	if f.Addr.IsBroadcast() || f.Addr.IsWildcard() || f.Addr.Validate() != nil {
		return "", 0, Rejected
	}
	return f.Addr.String(), i + n, Matched
}

// AcrelHeartbeat is the Acrel 4G heartbeat frame (7B 7B 94 BE EF 7D 7D),
// to be listed in Options.Heartbeats next to an Acrel7B7BMatcher.
var AcrelHeartbeat = Exact(acrel.Heartbeat())

// AcrelFrame encodes an Acrel 7B 7B frame: 7B 7B cmd body CRC16 (Modbus,
// low byte first, over cmd and body) 7D 7D. The codec is meterlink/acrel.
func AcrelFrame(cmd byte, body []byte) []byte { return acrel.Append(nil, cmd, body) }

// Acrel7B7BMatcher matches the login frame (cmd 0x84) of Acrel 4G meters
// and the AWT100 DTU. The id is the serial from the first 20 body bytes with
// NULs, spaces and the zero padding down to 14 digits removed
// (acrel.DecodeLogin). It answers the login with the empty 0x84 frame
// (7B 7B 84 BF 23 7D 7D). After login the stream carries Acrel frames, not
// transparent meter frames: read it through acrel.PassThrough.
type Acrel7B7BMatcher struct{}

// Match implements Matcher. The body length is not fixed, so the frame ends
// at the first 7D 7D after which the CRC is right (acrel.Parse).
func (Acrel7B7BMatcher) Match(p []byte) (string, int, Result) {
	if len(p) >= 3 && p[0] == 0x7B && p[1] == 0x7B && p[2] != acrel.CmdLogin {
		return "", 0, Rejected // another command: no need to wait for its end
	}
	f, n, err := acrel.Parse(p)
	switch {
	case err == acrel.ErrIncomplete:
		return "", 0, NeedMore
	case err != nil:
		return "", 0, Rejected
	}
	l, err := acrel.DecodeLogin(f)
	if err != nil {
		return "", 0, Rejected
	}
	return l.Serial, n, Matched
}

// Reply implements Replier: the login acknowledgement.
func (Acrel7B7BMatcher) Reply(string) []byte { return acrel.LoginReply() }

var (
	_ Matcher = IMEIMatcher{}
	_ Matcher = HexPrefixMatcher{}
	_ Matcher = DLT645AddressMatcher{}
	_ Matcher = Acrel7B7BMatcher{}
	_ Replier = Acrel7B7BMatcher{}
)
