package notify

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/voltpay/voltpay"
)

// The test's own reading of TS 23.040/23.038, written apart from the
// driver's encoder so that the two have to agree.

const testGSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

var testGSM7Ext = map[byte]rune{0x0A: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2F: '\\', 0x3C: '[', 0x3D: '~', 0x3E: ']', 0x40: '|', 0x65: '€'}

type testSubmit struct {
	First       byte
	To          string
	TOA         byte
	DCS         byte
	VP          byte
	Ref, Total  int // concatenation; Total 0 when none
	Seq         int
	Text        string
	UDL, Octets int
}

func testDecodeSubmit(p []byte) (testSubmit, error) {
	var s testSubmit
	get := func(n int) ([]byte, error) {
		if len(p) < n {
			return nil, errors.New("short")
		}
		b := p[:n]
		p = p[n:]
		return b, nil
	}
	b, err := get(2)
	if err != nil {
		return s, err
	}
	s.First = b[0]
	if s.First&3 != 1 {
		return s, fmt.Errorf("MTI %d", s.First&3)
	}
	b, err = get(2)
	if err != nil {
		return s, err
	}
	digits, toa := int(b[0]), b[1]
	s.TOA = toa
	b, err = get((digits + 1) / 2)
	if err != nil {
		return s, err
	}
	var num strings.Builder
	if toa == 0x91 {
		num.WriteByte('+')
	}
	for i := 0; i < digits; i++ {
		var d byte
		if i%2 == 0 {
			d = b[i/2] & 0xF
		} else {
			d = b[i/2] >> 4
		}
		num.WriteByte('0' + d)
	}
	s.To = num.String()
	b, err = get(2)
	if err != nil {
		return s, err
	}
	if b[0] != 0 {
		return s, fmt.Errorf("PID %x", b[0])
	}
	s.DCS = b[1]
	switch (s.First >> 3) & 3 {
	case 2:
		b, err = get(1)
		if err != nil {
			return s, err
		}
		s.VP = b[0]
	case 1, 3:
		if _, err = get(7); err != nil {
			return s, err
		}
	}
	b, err = get(1)
	if err != nil {
		return s, err
	}
	s.UDL = int(b[0])
	ud := p
	s.Octets = len(ud)
	hdrOctets := 0
	if s.First&0x40 != 0 {
		hl := int(ud[0])
		hdrOctets = hl + 1
		h := ud[1 : 1+hl]
		for len(h) >= 2 {
			iei, l := h[0], int(h[1])
			if iei == 0 && l == 3 {
				s.Ref, s.Total, s.Seq = int(h[2]), int(h[3]), int(h[4])
			}
			h = h[2+l:]
		}
	}
	switch s.DCS {
	case 0:
		skip := (hdrOctets*8 + 6) / 7 // septets taken by the header and its fill
		n := s.UDL
		if (n*7+7)/8 != len(ud) {
			return s, fmt.Errorf("UDL %d septets but %d octets", n, len(ud))
		}
		var out []rune
		esc := false
		for i := skip; i < n; i++ {
			var v byte
			for bit := 0; bit < 7; bit++ {
				pos := i*7 + bit
				if ud[pos/8]&(1<<(pos%8)) != 0 {
					v |= 1 << bit
				}
			}
			switch {
			case esc:
				out, esc = append(out, testGSM7Ext[v]), false
			case v == 0x1B:
				esc = true
			default:
				out = append(out, []rune(testGSM7)[v])
			}
		}
		s.Text = string(out)
	case 8:
		if s.UDL != len(ud) {
			return s, fmt.Errorf("UDL %d but %d octets", s.UDL, len(ud))
		}
		body := ud[hdrOctets:]
		u := make([]uint16, len(body)/2)
		for i := range u {
			u[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
		}
		s.Text = string(utf16.Decode(u))
	default:
		return s, fmt.Errorf("DCS %x", s.DCS)
	}
	return s, nil
}

func TestSubmitKnownVector(t *testing.T) {
	// The classic "hellohello" to +46708251358, with status report requested.
	pdus, err := encodeSubmit("+46708251358", "hellohello", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.ToUpper(hex.EncodeToString(pdus[0])), "31000B916407281553F80000A70AE8329BFD4697D9EC37"; got != want {
		t.Fatalf("PDU %s, want %s", got, want)
	}
}

func TestSubmitRoundTrip(t *testing.T) {
	long7 := strings.Repeat("Balance low: top up at the desk {ok} ", 10) // 370 chars with extension chars
	longCN := strings.Repeat("您的电费余额不足，请尽快充值。", 10)                      // 150 Chinese chars
	cases := []struct {
		to, text string
		parts    int
		dcs      byte
		toa      byte
	}{
		{"13800138000", "Your code is 123456", 1, 0, 0xA1},
		{"+8613800138000", "您的验证码是 123456，5分钟内有效。", 1, 8, 0x91},
		{"13800138000", strings.Repeat("a", 160), 1, 0, 0xA1},
		{"13800138000", strings.Repeat("a", 161), 2, 0, 0xA1},
		{"13800138000", strings.Repeat("[", 80), 1, 0, 0xA1}, // 160 septets
		{"13800138000", strings.Repeat("[", 81), 2, 0, 0xA1}, // escapes never split
		{"13800138000", strings.Repeat("电", 70), 1, 8, 0xA1}, // one full UCS-2 part
		{"13800138000", strings.Repeat("电", 71), 2, 8, 0xA1},
		{"13800138000", strings.Repeat("😀", 40), 2, 8, 0xA1}, // surrogate pairs never split
		{"13800138000", long7, 3, 0, 0xA1},
		{"13800138000", longCN, 3, 8, 0xA1},
		{"13800138000", "€5 ^ \\ | ~", 1, 0, 0xA1},
	}
	for _, c := range cases {
		pdus, err := encodeSubmit(c.to, c.text, 42)
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		if len(pdus) != c.parts {
			t.Fatalf("%q: %d parts, want %d", c.text, len(pdus), c.parts)
		}
		var got strings.Builder
		for i, p := range pdus {
			s, err := testDecodeSubmit(p)
			if err != nil {
				t.Fatalf("%q part %d: %v (%X)", c.text, i, err, p)
			}
			if s.To != c.to || s.DCS != c.dcs || s.TOA != c.toa || s.First&0x20 == 0 || s.VP != 0xA7 {
				t.Fatalf("%q part %d: %+v", c.text, i, s)
			}
			if s.Octets > 140 {
				t.Fatalf("%q part %d: %d octets of user data", c.text, i, s.Octets)
			}
			if c.parts > 1 && (s.Ref != 42 || s.Total != c.parts || s.Seq != i+1) {
				t.Fatalf("%q part %d: header %+v", c.text, i, s)
			}
			got.WriteString(s.Text)
		}
		if got.String() != c.text {
			t.Fatalf("reassembled %q, want %q", got.String(), c.text)
		}
	}
}

func TestSubmitRefuses(t *testing.T) {
	for _, c := range []struct{ to, text string }{
		{"1380013800", "short number"},
		{"23800138000", "not mobile"},
		{"+0123456789", "leading zero"},
		{"+86138001380001234", "too long"},
		{"1380013800x", "letter"},
		{"13800138000", ""},
		{"13800138000", strings.Repeat("电", MaxSMSParts*ucs2Part+1)},
	} {
		if _, err := encodeSubmit(c.to, c.text, 1); !errors.Is(err, voltpay.ErrSMSRejected) {
			t.Errorf("%q %q: %v, want ErrSMSRejected", c.to, clip(c.text, 10), err)
		}
	}
}

// testStatusReport builds a +CDS PDU (with a service centre address).
func testStatusReport(mr byte, to string, st byte) string {
	toa := "A1"
	digits := to
	if strings.HasPrefix(to, "+") {
		toa, digits = "91", to[1:]
	}
	sw := digits
	if len(sw)%2 == 1 {
		sw += "F"
	}
	var a strings.Builder
	for i := 0; i < len(sw); i += 2 {
		a.WriteByte(sw[i+1])
		a.WriteByte(sw[i])
	}
	tpdu := fmt.Sprintf("06%02X%02X%s%s%s%s%02X", mr, len(digits), toa, a.String(),
		"62211270001523", "62211270002023", st)
	return "0891683108200105F0" + tpdu
}

func TestStatusReport(t *testing.T) {
	pduHex := testStatusReport(7, "13800138000", 0)
	pdu, _ := hex.DecodeString(pduHex)
	r, err := decodeStatusReport(pdu, len(pdu)-9)
	if err != nil {
		t.Fatal(err)
	}
	if r.MR != 7 || r.Recipient != "13800138000" || r.State() != Delivered || r.Submitted.Year() != 2026 || r.Submitted.Month() != 12 || r.Done.Minute() != 0 {
		t.Fatalf("%+v", r)
	}
	_, off := r.Submitted.Zone()
	if off != 8*3600 {
		t.Fatalf("zone %d", off)
	}
	// without the service centre address
	r2, err := decodeStatusReport(pdu[9:], len(pdu)-9)
	if err != nil || r2 != r {
		t.Fatalf("%+v %v", r2, err)
	}
	pdu, _ = hex.DecodeString(testStatusReport(200, "+8613800138000", 0x46))
	r, err = decodeStatusReport(pdu, len(pdu)-9)
	if err != nil || r.Recipient != "+8613800138000" || r.State() != Failed || r.Meaning() != "validity period expired" {
		t.Fatalf("%+v %v %s", r, err, r.Meaning())
	}
	if _, err := decodeStatusReport(pdu[:20], len(pdu)-9); err == nil {
		t.Fatal("a cut report decoded")
	}
}

func FuzzStatusReport(f *testing.F) {
	pdu, _ := hex.DecodeString(testStatusReport(7, "13800138000", 0))
	f.Add(pdu, len(pdu)-9)
	f.Add(pdu[9:], len(pdu)-9)
	f.Add([]byte{0x00, 0x06}, 1)
	f.Fuzz(func(t *testing.T, pdu []byte, n int) {
		r, err := decodeStatusReport(pdu, n)
		if err == nil {
			_ = r.Meaning()
			_ = r.State()
		}
	})
}

func FuzzSubmit(f *testing.F) {
	f.Add("13800138000", "hello")
	f.Add("+8613800138000", "您好 {} €")
	f.Add("13800138000", strings.Repeat("😀x", 50))
	f.Fuzz(func(t *testing.T, to, text string) {
		pdus, err := encodeSubmit(to, text, 9)
		if err != nil {
			if !errors.Is(err, voltpay.ErrSMSRejected) {
				t.Fatalf("not a rejection: %v", err)
			}
			return
		}
		var got strings.Builder
		for _, p := range pdus {
			s, err := testDecodeSubmit(p)
			if err != nil {
				t.Fatalf("%X: %v", p, err)
			}
			if s.Octets > 140 {
				t.Fatalf("%d octets", s.Octets)
			}
			got.WriteString(s.Text)
		}
		// Invalid UTF-8 reaches the phone as U+FFFD, as Go's decoding gives.
		if want := strings.ToValidUTF8(text, "\uFFFD"); got.String() != want && got.String() != string([]rune(text)) {
			t.Fatalf("round trip %q → %q", text, got.String())
		}
	})
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"OK", "ERROR", "+CMS ERROR: 330", "+CME ERROR: 10", "+CME ERROR: SIM not inserted", "> ", "+CDS: 25", "+CDS: x", "+CMGS: 12", "^RSSI: 5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := parseLine(s)
		if l.kind == lineError {
			if l.err == nil {
				t.Fatal("error line without error")
			}
			_ = l.err.Error()
			_ = errors.Is(l.err, voltpay.ErrSMSRejected)
		}
		if l.kind == lineCDS && (l.n <= 0 || l.n > 200) {
			t.Fatal(l.n)
		}
	})
}

func TestParseLine(t *testing.T) {
	l := parseLine("+CMS ERROR: 8")
	if l.kind != lineError || !errors.Is(l.err, voltpay.ErrSMSRejected) || !strings.Contains(l.err.Error(), "欠费") {
		t.Fatalf("%+v %v", l, l.err)
	}
	l = parseLine("+CMS ERROR: 331")
	if l.kind != lineError || errors.Is(l.err, voltpay.ErrSMSRejected) || !strings.Contains(l.err.Error(), "no network") {
		t.Fatalf("%v", l.err)
	}
	l = parseLine("+CME ERROR: 10")
	if !strings.Contains(l.err.Error(), "no SIM") {
		t.Fatalf("%v", l.err)
	}
	if parseLine("+CDS: 25").n != 25 || parseLine("> ").kind != linePrompt || parseLine("+CMGS: 3").kind != lineInfo {
		t.Fatal("misread")
	}
}

func BenchmarkEncodeSubmit(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"code-gsm7", "Your code is 482913, valid for 5 minutes."},
		{"warning-ucs2-1part", "A座301的电费余额为12.50元，已低于提醒值，请及时充值。"},
		{"long-ucs2-3parts", strings.Repeat("您的电费余额不足，请尽快充值。", 10)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encodeSubmit("13800138000", c.text, 7); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeStatusReport(b *testing.B) {
	pdu, _ := hex.DecodeString(testStatusReport(7, "13800138000", 0))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeStatusReport(pdu, len(pdu)-9); err != nil {
			b.Fatal(err)
		}
	}
}
