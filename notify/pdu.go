package notify

// SMS-SUBMIT encoding and SMS-STATUS-REPORT decoding (3GPP TS 23.040
// §9.2.2.2 and §9.2.2.3), the PDUs a GSM modem takes with AT+CMGS and
// hands back with +CDS in PDU mode (AT+CMGF=0). The codec is ours on
// purpose: it is small, it is where a modem's behaviour is decided, and
// the tests check it against an independent decoder.

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf16"

	"github.com/voltpay/voltpay"
)

// Limits of one SMS: 140 octets of user data, so 160 septets or 70 UCS-2
// units alone, 153 or 67 after the 6-octet concatenation header.
const (
	gsm7Single = 160
	gsm7Part   = 153
	ucs2Single = 70
	ucs2Part   = 67
	// MaxSMSParts is the most parts one message may take; a longer text is
	// refused (ErrSMSRejected) rather than sent as a flood of SMS the
	// tenant pays nothing for and the property pays for all.
	MaxSMSParts = 8
	// maxTextBytes bounds the text before it is even looked at.
	maxTextBytes = 8 * 1024
)

// First-octet bits of an SMS-SUBMIT.
const (
	mtiSubmit  = 0x01
	vpfRelRel  = 0x10 // TP-VPF: relative validity period present
	srrRequest = 0x20 // TP-SRR: status report requested
	udhiFlag   = 0x40 // TP-UDHI: user data starts with a header
	dcsGSM7    = 0x00
	dcsUCS2    = 0x08
	// validity 0xA7: (167-166)+1 days = 24 hours.
	validity24h = 0xA7
)

// Type-of-address octets (TS 23.040 §9.1.2.5): ISDN numbering plan,
// international or national number.
const (
	toaInternational = 0x91
	toaNational      = 0xA1
)

// errBadNumber is returned for a number that is neither a mainland mobile
// number nor an international one.
func errBadNumber(to string) error {
	return fmt.Errorf("%w: %q is not a phone number: give 11 digits (13800138000) or + and the country code (+8613800138000)", voltpay.ErrSMSRejected, clip(to, 24))
}

// encodeAddress returns TP-DA: the number of digits, the type of address
// and the digits as swapped semi-octets (F-padded).
func encodeAddress(to string) ([]byte, error) {
	toa := byte(toaNational)
	digits := to
	if len(to) > 0 && to[0] == '+' {
		toa, digits = toaInternational, to[1:]
		if len(digits) < 7 || len(digits) > 15 || digits[0] == '0' {
			return nil, errBadNumber(to)
		}
	} else if len(digits) != 11 || digits[0] != '1' {
		return nil, errBadNumber(to)
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, errBadNumber(to)
		}
	}
	out := make([]byte, 2, 2+(len(digits)+1)/2)
	out[0], out[1] = byte(len(digits)), toa
	for i := 0; i < len(digits); i += 2 {
		lo := digits[i] - '0'
		hi := byte(0xF)
		if i+1 < len(digits) {
			hi = digits[i+1] - '0'
		}
		out = append(out, hi<<4|lo)
	}
	return out, nil
}

// encodeSubmit returns the SMS-SUBMIT TPDUs (without the SMSC prefix: the
// modem uses the SIM's service centre) that carry text to the number, as
// many as the text needs. Texts that fit the GSM default alphabet go as
// 7-bit, any other (Chinese) as UCS-2; a text needing more than one part
// is split with the 8-bit-reference concatenation header, ref telling
// this message's parts from another's. Every part asks for a status report.
func encodeSubmit(to, text string, ref byte) ([][]byte, error) {
	if text == "" {
		return nil, fmt.Errorf("%w: the text is empty", voltpay.ErrSMSRejected)
	}
	if len(text) > maxTextBytes {
		return nil, fmt.Errorf("%w: the text is %d bytes; at most %d parts (about %d Chinese characters) can be sent", voltpay.ErrSMSRejected, len(text), MaxSMSParts, MaxSMSParts*ucs2Part)
	}
	da, err := encodeAddress(to)
	if err != nil {
		return nil, err
	}
	var chunks [][]byte // user data of each part, without header
	var lens []int      // TP-UDL of each part without header (septets or octets)
	dcs := byte(dcsGSM7)
	if septets, ok := gsm7Septets(text); ok {
		chunks, lens = splitGSM7(septets)
	} else {
		dcs = dcsUCS2
		chunks, lens = splitUCS2(text)
	}
	if len(chunks) > MaxSMSParts {
		return nil, fmt.Errorf("%w: the text needs %d SMS; at most %d are sent for one message (%d GSM or %d Chinese characters)", voltpay.ErrSMSRejected, len(chunks), MaxSMSParts, MaxSMSParts*gsm7Part, MaxSMSParts*ucs2Part)
	}
	out := make([][]byte, len(chunks))
	for i, ud := range chunks {
		first := byte(mtiSubmit | vpfRelRel | srrRequest)
		if len(chunks) > 1 {
			first |= udhiFlag
		}
		p := make([]byte, 0, 7+len(da)+6+len(ud))
		p = append(p, first, 0x00) // TP-MR 0: the modem assigns it
		p = append(p, da...)
		p = append(p, 0x00, dcs, validity24h) // TP-PID, TP-DCS, TP-VP
		udl := lens[i]
		if dcs == dcsGSM7 {
			fill := 0
			if len(chunks) > 1 {
				udl, fill = udl+7, 1 // 6 header octets and 1 fill bit are 7 septets
			}
			ud = packSeptets(ud, fill)
		} else if len(chunks) > 1 {
			udl += 6
		}
		p = append(p, byte(udl))
		if len(chunks) > 1 {
			p = append(p, 0x05, 0x00, 0x03, ref, byte(len(chunks)), byte(i+1))
		}
		out[i] = append(p, ud...)
	}
	return out, nil
}

// splitGSM7 groups septets into parts, never parting an escape (0x1B,
// which is never a character of its own) from the code after it.
func splitGSM7(septets []byte) ([][]byte, []int) {
	if len(septets) <= gsm7Single {
		return [][]byte{septets}, []int{len(septets)}
	}
	var chunks [][]byte
	var lens []int
	for len(septets) > 0 {
		n := min(gsm7Part, len(septets))
		if n < len(septets) && !escapeEnds(septets[:n]) {
			n--
		}
		chunks, lens = append(chunks, septets[:n]), append(lens, n)
		septets = septets[n:]
	}
	return chunks, lens
}

// escapeEnds reports whether s ends in the middle of no escape sequence,
// i.e. its last septet is a complete character.
func escapeEnds(s []byte) bool {
	esc := false
	for _, c := range s {
		esc = !esc && c == 0x1B
	}
	return !esc
}

// splitUCS2 encodes text as big-endian UTF-16 and groups it into parts,
// never parting a surrogate pair.
func splitUCS2(text string) ([][]byte, []int) {
	units := utf16.Encode([]rune(text))
	limit := ucs2Single
	if len(units) > ucs2Single {
		limit = ucs2Part
	}
	var chunks [][]byte
	var lens []int
	var cur []byte
	for i := 0; i < len(units); i++ {
		n := 1
		if utf16.IsSurrogate(rune(units[i])) && i+1 < len(units) {
			n = 2
		}
		if len(cur)/2+n > limit {
			chunks, lens = append(chunks, cur), append(lens, len(cur))
			cur = nil
		}
		for j := 0; j < n; j++ {
			cur = append(cur, byte(units[i+j]>>8), byte(units[i+j]))
		}
		i += n - 1
	}
	return append(chunks, cur), append(lens, len(cur))
}

// StatusReport is a decoded SMS-STATUS-REPORT: what the service centre
// knows of one part it was given.
type StatusReport struct {
	// MR is the message reference the modem returned in +CMGS for the part.
	MR int
	// Recipient is the number the part was for, "+" first if international.
	Recipient string
	// Submitted is when the service centre took the part (TP-SCTS),
	// Done when it delivered it or gave up (TP-DT).
	Submitted, Done time.Time
	// Status is TP-ST (TS 23.040 §9.2.3.15).
	Status byte
}

// DeliveryState says where a part stands.
type DeliveryState string

const (
	Delivered DeliveryState = "delivered"
	Pending   DeliveryState = "pending" // the centre is still trying
	Failed    DeliveryState = "failed"
)

// State classifies Status.
func (r StatusReport) State() DeliveryState {
	switch {
	case r.Status < 0x20:
		return Delivered
	case r.Status < 0x40:
		return Pending
	}
	return Failed
}

var statusMeanings = map[byte]string{
	0x00: "delivered", 0x01: "forwarded, delivery not confirmed", 0x02: "replaced by the service centre",
	0x20: "congestion", 0x21: "the phone is busy", 0x22: "no response from the phone",
	0x23: "service rejected", 0x24: "quality of service not available", 0x25: "error in the phone",
	0x40: "remote procedure error", 0x41: "incompatible destination", 0x42: "connection rejected by the phone",
	0x43: "not obtainable", 0x44: "quality of service not available", 0x45: "no interworking available",
	0x46: "validity period expired", 0x47: "deleted by the sender", 0x48: "deleted by the service centre",
	0x49: "the message does not exist",
}

// Meaning says Status in words.
func (r StatusReport) Meaning() string {
	s := r.Status
	if s >= 0x60 && s < 0x80 {
		if m, ok := statusMeanings[s-0x40]; ok {
			return m + " (the centre stopped trying)"
		}
	}
	if m, ok := statusMeanings[s]; ok {
		return m
	}
	return fmt.Sprintf("status 0x%02X (%s)", s, r.State())
}

var errShortPDU = errors.New("status report: the PDU ends early")

// decodeStatusReport decodes the PDU of a +CDS line. tpduLen is the
// length +CDS announced (the TPDU's, without the service centre address);
// the PDU may or may not start with that address, as modems differ.
func decodeStatusReport(pdu []byte, tpduLen int) (StatusReport, error) {
	var r StatusReport
	p := pdu
	if tpduLen < 0 || tpduLen > 255 {
		return r, fmt.Errorf("status report: +CDS announced %d octets", tpduLen)
	}
	if len(p) != tpduLen {
		if len(p) == 0 || int(p[0])+1+tpduLen != len(p) {
			return r, fmt.Errorf("status report: %d octets, but +CDS announced %d (with or without a service centre address)", len(p), tpduLen)
		}
		p = p[1+int(p[0]):]
	}
	if len(p) < 2 {
		return r, errShortPDU
	}
	if p[0]&0x03 != 0x02 {
		return r, fmt.Errorf("status report: message type %d is not SMS-STATUS-REPORT (2)", p[0]&0x03)
	}
	r.MR = int(p[1])
	p = p[2:]
	if len(p) < 2 {
		return r, errShortPDU
	}
	n, toa := int(p[0]), p[1]
	if n > 20 {
		return r, fmt.Errorf("status report: recipient of %d digits", n)
	}
	octets := (n + 1) / 2
	if len(p) < 2+octets {
		return r, errShortPDU
	}
	addr, err := decodeAddress(p[2:2+octets], n, toa)
	if err != nil {
		return r, err
	}
	r.Recipient = addr
	p = p[2+octets:]
	if len(p) < 15 {
		return r, errShortPDU
	}
	r.Submitted = decodeTimestamp(p[0:7])
	r.Done = decodeTimestamp(p[7:14])
	r.Status = p[14]
	return r, nil
}

// decodeAddress reads n semi-octet digits (or, for an alphanumeric
// address, GSM 7-bit characters).
func decodeAddress(b []byte, n int, toa byte) (string, error) {
	if toa&0x70 == 0x50 { // alphanumeric
		chars := unpackSeptets(b, n*4/7)
		return gsm7Text(chars), nil
	}
	out := make([]byte, 0, n+1)
	if toa&0x70 == 0x10 {
		out = append(out, '+')
	}
	for i := 0; i < n; i++ {
		d := b[i/2] >> (4 * uint(i%2)) & 0x0F
		switch {
		case d <= 9:
			out = append(out, '0'+d)
		case d == 0x0A:
			out = append(out, '*')
		case d == 0x0B:
			out = append(out, '#')
		default:
			return "", fmt.Errorf("status report: recipient digit 0x%X", d)
		}
	}
	return string(out), nil
}

// unpackSeptets reads n septets packed least significant bit first.
func unpackSeptets(b []byte, n int) []byte {
	out := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		bit := i * 7
		if bit/8 >= len(b) {
			break
		}
		v := uint16(b[bit/8])
		if bit/8+1 < len(b) {
			v |= uint16(b[bit/8+1]) << 8
		}
		out = append(out, byte(v>>(bit%8))&0x7F)
	}
	return out
}

// gsm7Text maps septets to text through the default alphabet and its
// extension table.
func gsm7Text(septets []byte) string {
	out := make([]rune, 0, len(septets))
	for i := 0; i < len(septets); i++ {
		s := septets[i]
		if s == 0x1B && i+1 < len(septets) {
			i++
			r := ' '
			for ch, code := range gsm7Ext {
				if code == septets[i] {
					r = ch
				}
			}
			out = append(out, r)
			continue
		}
		out = append(out, gsm7Basic[s&0x7F])
	}
	return string(out)
}

// decodeTimestamp reads a TP-SCTS/TP-DT: swapped semi-octets YY MM DD hh
// mm ss and the zone in quarter hours. Nonsense gives the zero time rather
// than an error: some modems fill it carelessly and the report is still
// worth having.
func decodeTimestamp(b []byte) time.Time {
	var v [6]int
	for i := 0; i < 6; i++ {
		lo, hi := int(b[i]&0x0F), int(b[i]>>4)
		if lo > 9 || hi > 9 {
			return time.Time{}
		}
		v[i] = lo*10 + hi
	}
	tz := int(b[6]&0x07)*10 + int(b[6]>>4)
	if b[6]>>4 > 9 {
		return time.Time{}
	}
	if b[6]&0x08 != 0 {
		tz = -tz
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59 || tz < -64 || tz > 64 {
		return time.Time{}
	}
	loc := time.FixedZone("", tz*15*60)
	return time.Date(2000+v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, loc)
}

// clip bounds a string quoted in an error.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
