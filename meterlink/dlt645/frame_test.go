package dlt645

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

// hx decodes spaced hex from the protocol notes.
func hx(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var meter1 = MustParseAddress("000000000001")

// expiry is 2026-11-25 12:30:00, the worked trip's expiry.
var expiry = time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)

// workedFrames are section 1.12 of the protocol notes, with the frame we
// build for each.
func workedFrames(t testing.TB) []struct {
	name string
	hex  string
	f    Frame
} {
	trip, err := RelayRequest(meter1, RelayCommand{Auth: Auth{Level: LevelPlain2}, Action: RelayTrip, Expiry: expiry})
	if err != nil {
		t.Fatal(err)
	}
	bt, err := BroadcastTimeRequest(expiry.Add(5 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		hex  string
		f    Frame
	}{
		{"ReadBalance", "68 01 00 00 00 00 00 68 11 04 33 35 C3 33 44 16", ReadRequest(meter1, DIBalance)},
		{"BalanceReply", "68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16",
			Frame{meter1, 0x91, []byte{0x00, 0x02, 0x90, 0x00, 0x45, 0x23, 0x01, 0x00}}},
		{"ReadStatus3", "68 01 00 00 00 00 00 68 11 04 36 38 33 37 BE 16", ReadRequest(meter1, DIStatusWord3)},
		{"Status3Reply", "68 01 00 00 00 00 00 68 91 06 36 38 33 37 83 33 F6 16",
			Frame{meter1, 0x91, []byte{0x03, 0x05, 0x00, 0x04, 0x50, 0x00}}},
		{"Trip", "68 01 00 00 00 00 00 68 1C 10 35 33 33 33 33 33 33 33 4D 33 33 63 45 58 44 59 E7 16", trip},
		{"TripAck", "68 01 00 00 00 00 00 68 9C 00 6D 16", Frame{Addr: meter1, Control: 0x9C}},
		{"RelayRefused", "68 01 00 00 00 00 00 68 DC 01 37 E5 16", Frame{meter1, 0xDC, []byte{0x04}}},
		{"ReadRefused", "68 01 00 00 00 00 00 68 D1 01 35 D8 16", Frame{meter1, 0xD1, []byte{0x02}}},
		{"BroadcastTime", "68 99 99 99 99 99 99 68 08 06 38 63 45 58 44 59 49 16", bt},
		{"ReadAddress", "68 AA AA AA AA AA AA 68 13 00 DF 16", ReadAddressRequest()},
		{"ReadAddressReply", "68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16",
			Frame{meter1, 0x93, []byte{0x01, 0, 0, 0, 0, 0}}},
	}
}

func frameEqual(a, b Frame) bool {
	return a.Addr == b.Addr && a.Control == b.Control && bytes.Equal(a.Data, b.Data)
}

func TestFrame_WorkedExamples(t *testing.T) {
	for _, w := range workedFrames(t) {
		t.Run(w.name, func(t *testing.T) {
			want := hx(t, w.hex)
			got, err := w.f.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encode: got % X, want % X", got, want)
			}
			f, err := Decode(want)
			if err != nil {
				t.Fatal(err)
			}
			if !frameEqual(f, w.f) {
				t.Fatalf("decode: got %+v, want %+v", f, w.f)
			}
			// With a preamble: excluded from the checksum.
			pre, _ := w.f.AppendRequest(nil, DefaultPreamble)
			if !bytes.Equal(pre[:4], []byte{0xFE, 0xFE, 0xFE, 0xFE}) || !bytes.Equal(pre[4:], want) {
				t.Fatalf("preamble form % X", pre)
			}
			if f, err := Decode(pre); err != nil || !frameEqual(f, w.f) {
				t.Fatalf("decode with preamble: %+v, %v", f, err)
			}
		})
	}
}

func TestDecode_Errors(t *testing.T) {
	good := hx(t, "68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16")
	bad := bytes.Clone(good)
	bad[len(bad)-2]++
	noEnd := bytes.Clone(good)
	noEnd[len(noEnd)-1] = 0x17
	second := bytes.Clone(good)
	second[7] = 0x00
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"ErrEmpty", nil, ErrIncomplete},
		{"ErrTruncated", good[:len(good)-1], ErrIncomplete},
		{"ErrShortHeader", good[:5], ErrIncomplete},
		{"ErrChecksum", bad, ErrChecksum},
		{"ErrNoEnd", noEnd, ErrFraming},
		{"ErrNoSecond68", second, ErrFraming},
		{"ErrTrailing", append(bytes.Clone(good), 0x00), ErrFraming},
		{"ErrNoStart", []byte{0x00, 0x68}, ErrFraming},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Decode(c.in); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestFrame_RoundTrip(t *testing.T) {
	data := make([]byte, MaxData)
	for i := range data {
		data[i] = byte(i * 7) // includes 0xCD (+0x33 wraps to 0x00) and 0x16/0x68 in data
	}
	f := Frame{Addr: MustParseAddress("123456789012"), Control: 0x91, Data: data}
	b, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(b)
	if err != nil || !frameEqual(f, g) {
		t.Fatalf("round trip: %v", err)
	}
	f.Data = append(f.Data, 0)
	if _, err := f.MarshalBinary(); !errors.Is(err, ErrTooLong) {
		t.Fatalf("256 data bytes: got %v, want ErrTooLong", err)
	}
}

func TestAddress(t *testing.T) {
	a, err := ParseAddress("1")
	if err != nil || a != meter1 || a.String() != "000000000001" {
		t.Fatalf("got %v %v", a, err)
	}
	w := MustParseAddress("AAAA00000001")
	if !w.IsWildcard() || w.Validate() != nil || !w.Matches(MustParseAddress("123400000001")) || w.Matches(MustParseAddress("123400000002")) {
		t.Fatalf("wildcard %s", w)
	}
	if !MustParseAddress("999999999999").IsBroadcast() || Wildcard.String() != "AAAAAAAAAAAA" {
		t.Fatal("broadcast/wildcard")
	}
	for _, s := range []string{"", "1234567890123", "12AA00000001", "00000000000x"} {
		if _, err := ParseAddress(s); err == nil {
			t.Errorf("ParseAddress(%q): no error", s)
		}
	}
	if err := (Address{0x0F}).Validate(); !errors.Is(err, ErrNotBCD) {
		t.Errorf("Validate non-BCD: %v", err)
	}
}

func TestControl(t *testing.T) {
	c := Control(0xB1)
	if !c.IsReply() || c.IsAbnormal() || !c.HasFollowUp() || c.Function() != FuncRead || FuncRelay.Reply() != 0x9C {
		t.Fatalf("bits of %s", c)
	}
}
