package dlt645

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestIssue11_FollowUpSEQ: a follow-up reply (0x92/0xB2) ends with the SEQ
// byte of the request, which is not data; a follow-up answered with the
// active-report status word matches the request and says so.
func TestIssue11_FollowUpSEQ(t *testing.T) {
	req := ReadFollowUpRequest(meter1, DIForwardActiveBlock, 1)
	values := []byte{0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00}
	for _, c := range []Control{0x92, 0xB2} {
		reply := Frame{Addr: meter1, Control: c, Data: append(append(appendDI(nil, DIForwardActiveBlock), values...), 1)}
		if !Matches(req, reply) {
			t.Fatalf("%s: reply does not match its follow-up request", c)
		}
		data, err := ReadReplyData(DIForwardActiveBlock, reply)
		if err != nil || !slices.Equal(data, values) {
			t.Fatalf("%s: data % X, %v; want % X", c, data, err, values)
		}
		it, _ := Lookup(DIForwardActiveBlock)
		if got, err := it.Decode(data); err != nil || !slices.Equal(got, []int64{1000, 2000}) {
			t.Fatalf("%s: decoded %v, %v; want [1000 2000] Wh", c, got, err)
		}
		fu, err := ParseFollowUp(reply)
		if err != nil || fu.Seq != 1 || fu.More != (c == 0xB2) {
			t.Fatalf("%s: %+v, %v", c, fu, err)
		}
	}
	report := Frame{Addr: meter1, Control: 0x92, Data: append(append(appendDI(nil, DIActiveReportStatus), 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1)}
	if !Matches(req, report) {
		t.Fatal("a follow-up answered with the active-report status word is dropped")
	}
	if _, err := ReadReplyData(DIForwardActiveBlock, report); !errors.Is(err, ErrActiveReport) {
		t.Fatalf("active report: got %v, want ErrActiveReport", err)
	}
	if Matches(req, Frame{Addr: meter1, Control: 0x92, Data: append(appendDI(nil, DIBalance), 0, 0, 0, 0, 1)}) {
		t.Fatal("a follow-up of another DI matches")
	}
	if _, err := ParseFollowUp(Frame{Addr: meter1, Control: 0x92, Data: appendDI(nil, DIBalance)}); !errors.Is(err, ErrFraming) {
		t.Fatalf("follow-up without SEQ: got %v, want ErrFraming", err)
	}
}

// TestIssue11_TwoByteErrorWord: a 2-byte error word to a non-security
// command (firmware's extended path) is not the standard ERR: 0x0010 is
// "execution time invalid" there, not "too many annual time zones".
func TestIssue11_TwoByteErrorWord(t *testing.T) {
	for _, c := range []Control{0xD1, 0xDC} {
		err := ReplyError(Frame{Addr: meter1, Control: c, Data: []byte{0x10, 0x00}})
		var me *MeterError
		if !errors.As(err, &me) || errors.Is(err, ErrTimeZones) || me.VendorBits() != 0x0010 ||
			!strings.Contains(err.Error(), "vendor bit 4 (0x0010)") || strings.Contains(err.Error(), "time zones") {
			t.Fatalf("%s 10 00: got %v", c, err)
		}
	}
	// Bit 2 means password/unauthorised in both words.
	if err := ReplyError(Frame{Addr: meter1, Control: 0xDC, Data: []byte{0x04, 0x00}}); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("DC 04 00: got %v, want ErrUnauthorized", err)
	}
	// The 1-byte ERR keeps every standard name.
	if err := ReplyError(Frame{Addr: meter1, Control: 0xD4, Data: []byte{0x10}}); !errors.Is(err, ErrTimeZones) {
		t.Fatalf("D4 10: got %v, want ErrTimeZones", err)
	}
}

// TestIssue11_FFFilledBlock: a block whose unused entries are FF-filled
// decodes entry by entry, FF as not supported.
func TestIssue11_FFFilledBlock(t *testing.T) {
	ff := []byte{0xFF, 0xFF}
	volts, _ := Lookup(DIVoltageBlock)
	vals, have, err := volts.DecodeEntries(append([]byte{0x00, 0x22}, append(ff, ff...)...))
	if err != nil || !slices.Equal(vals, []int64{2200, 0, 0}) || !slices.Equal(have, []bool{true, false, false}) {
		t.Fatalf("voltage block: %v %v %v", vals, have, err)
	}
	energy, _ := Lookup(DIForwardActiveBlock)
	data := []byte{0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}
	vals, have, err = energy.DecodeEntries(data)
	if err != nil || !slices.Equal(vals[:2], []int64{10000, 10000}) || !slices.Equal(have, []bool{true, true, false, false, false, false}) {
		t.Fatalf("energy block: %v %v %v", vals, have, err)
	}
	if _, err := energy.Decode(data); !errors.Is(err, ErrNotSupported) {
		t.Fatalf("Decode of an FF-filled block: %v, want ErrNotSupported", err)
	}
	// A status word of all ones is a value, not a fill.
	st, _ := Lookup(DIStatusWord3)
	if vals, have, err := st.DecodeEntries(ff); err != nil || vals[0] != 0xFFFF || !have[0] {
		t.Fatalf("status FFFF: %v %v %v", vals, have, err)
	}
}
