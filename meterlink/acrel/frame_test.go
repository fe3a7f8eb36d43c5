package acrel

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

// worked are the frames of docs/PROTOCOLS.md §3.3 (the login reply, the
// heartbeat, the time-sync reply of its example) and frames built from
// what it says of the others, as hex.
var worked = []struct{ name, hex string }{
	{"login reply", "7B7B84BF237D7D"},
	{"heartbeat", "7B7B94BEEF7D7D"},
	{"time sync reply", "7B7B93170A0A0311071B" + crcHex(CmdTimeSync, "170A0A0311071B") + "7D7D"},
	{"login", hexOf(Append(nil, CmdLogin, LoginBody("12345678901234", []byte("89860012345678901234\x1f\x7d\x7d"))))},
	{"time sync request", hexOf(Append(nil, CmdTimeSync, SerialField("12345678901234")))},
	{"pass-through request", hexOf(Append(nil, CmdPassThrough, mustHex("010300000001840A")))},
	{"upload", hexOf(Append(nil, CmdUpload, append(SerialField("12345678901234"), 0x00, 0x01, 0x7D, 0x7D, 0x7B, 0x7B)))},
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// crcHex is the CRC of cmd+body (hex) as it goes on the wire.
func crcHex(cmd byte, body string) string {
	f := Append(nil, cmd, mustHex(body))
	return hexOf(f[len(f)-4 : len(f)-2])
}

func TestWorkedFrames(t *testing.T) {
	if got := LoginReply(); !bytes.Equal(got, mustHex("7B7B84BF237D7D")) {
		t.Errorf("LoginReply = % X, want 7B 7B 84 BF 23 7D 7D", got)
	}
	if got := Heartbeat(); !bytes.Equal(got, mustHex("7B7B94BEEF7D7D")) {
		t.Errorf("Heartbeat = % X, want 7B 7B 94 BE EF 7D 7D", got)
	}
	at := time.Date(2023, 10, 10, 17, 7, 27, 0, China)
	if got := TimeSyncReply(at.UTC()); !bytes.Equal(got.Body, mustHex("170A0A0311071B")) {
		t.Errorf("TimeSyncReply(%v) body = % X, want 17 0A 0A 03 11 07 1B (the worked example of docs/PROTOCOLS.md §3.3)", at, got.Body)
	}
	for _, w := range worked {
		b := mustHex(w.hex)
		f, err := Decode(b)
		if err != nil {
			t.Errorf("%s: Decode: %v", w.name, err)
			continue
		}
		f2, n, err := Parse(append(bytes.Clone(b), 0x7B, 0x7B, 0x94))
		if err != nil || n != len(b) || f2.Cmd != f.Cmd || !bytes.Equal(f2.Body, f.Body) {
			t.Errorf("%s: Parse = %+v, %d, %v; want the frame of %d bytes", w.name, f2, n, err, len(b))
		}
		if enc, err := Encode(f); err != nil || !bytes.Equal(enc, b) {
			t.Errorf("%s: Encode = % X, %v; want % X", w.name, enc, err, b)
		}
	}
}

func TestDecoders(t *testing.T) {
	l, err := DecodeLogin(Frame{Cmd: CmdLogin, Body: LoginBody("12345678901234", []byte{1, 2})})
	if err != nil || l.Serial != "12345678901234" || !bytes.Equal(l.Rest, []byte{1, 2}) {
		t.Errorf("DecodeLogin = %+v, %v", l, err)
	}
	for _, body := range [][]byte{[]byte("0000001234"), bytes.Repeat([]byte{0}, 20), append([]byte("000000123456789\x01234"), 0)} {
		if _, err := DecodeLogin(Frame{Cmd: CmdLogin, Body: body}); !errors.Is(err, ErrBody) {
			t.Errorf("DecodeLogin(% X) = %v, want ErrBody", body, err)
		}
	}
	if _, err := DecodeLogin(Frame{Cmd: CmdHeartbeat}); !errors.Is(err, ErrCommand) {
		t.Errorf("DecodeLogin(heartbeat) = %v, want ErrCommand", err)
	}
	padded := append([]byte("12345678901234"), 0, 0, 0, 0, 0, 0) // NUL-padded on the right
	if s, ok := ParseSerial(padded); !ok || s != "12345678901234" {
		t.Errorf("ParseSerial(NUL padded) = %q, %v", s, ok)
	}
	if s, err := DecodeTimeSyncRequest(TimeSyncRequest("12345678901234")); err != nil || s != "12345678901234" {
		t.Errorf("DecodeTimeSyncRequest = %q, %v", s, err)
	}
	at := time.Date(2023, 10, 10, 17, 7, 27, 0, China)
	if got, err := DecodeTimeSyncReply(TimeSyncReply(at)); err != nil || !got.Equal(at) {
		t.Errorf("DecodeTimeSyncReply = %v, %v; want %v", got, err, at)
	}
	if _, err := DecodeTimeSyncReply(Frame{Cmd: CmdTimeSync, Body: mustHex("170D0A0311071B")}); !errors.Is(err, ErrBody) {
		t.Errorf("month 13: %v, want ErrBody", err)
	}
	u, err := DecodeUpload(Frame{Cmd: CmdUpload, Body: append(SerialField("12345678901234"), 9)})
	if err != nil || u.Serial != "12345678901234" || len(u.Body) != 21 {
		t.Errorf("DecodeUpload = %+v, %v", u, err)
	}
	if u, _ := DecodeUpload(Frame{Cmd: CmdUpload, Body: bytes.Repeat([]byte{'A'}, 30)}); u.Serial != "" {
		t.Errorf("DecodeUpload(no serial).Serial = %q", u.Serial)
	}
	req := mustHex("010300000001840A")
	f, err := WrapRTU(req)
	if err != nil {
		t.Fatal(err)
	}
	if adu, err := UnwrapRTU(f); err != nil || !bytes.Equal(adu, req) {
		t.Errorf("UnwrapRTU = % X, %v", adu, err)
	}
	if _, err := UnwrapRTU(Frame{Cmd: CmdPassThrough, Body: mustHex("010300000001840B")}); !errors.Is(err, ErrBody) {
		t.Errorf("UnwrapRTU(bad CRC) = %v, want ErrBody", err)
	}
}

func TestParse(t *testing.T) {
	hb := Heartbeat()
	bad := bytes.Clone(hb)
	bad[3] ^= 1
	login := Append(nil, CmdLogin, LoginBody("12345678901234", []byte{0x7D, 0x7D}))
	tests := []struct {
		name string
		in   []byte
		n    int
		err  error
	}{
		{"empty", nil, 0, ErrIncomplete},
		{"head byte", []byte{0x7B}, 0, ErrIncomplete},
		{"head", []byte{0x7B, 0x7B}, 0, ErrIncomplete},
		{"prefix", hb[:6], 0, ErrIncomplete},
		{"heartbeat", hb, 7, nil},
		{"login holding 7D 7D", login, len(login), nil},
		{"garbage", []byte{0x01, 0x02, 0x7B, 0x7B}, 2, ErrFraming},
		{"lone 7B", []byte{0x7B, 0x01, 0x7B}, 2, ErrFraming},
		{"third 7B", append([]byte{0x7B}, hb...), 1, ErrFraming},
		{"bad CRC then a frame", append(bytes.Clone(bad), hb...), 7, ErrCRC},
		{"cut short by a frame", append(bytes.Clone(hb[:4]), hb...), 4, ErrFraming},
		{"bad CRC alone", bad, 0, ErrIncomplete},
		{"no terminator", append([]byte{0x7B, 0x7B, 0x90}, make([]byte, MaxFrameSize)...), MaxFrameSize + 3, ErrFraming},
	}
	for _, tt := range tests {
		_, n, err := Parse(tt.in)
		if n != tt.n || err != tt.err {
			t.Errorf("%s: Parse(% X…) = %d, %v; want %d, %v", tt.name, tt.in[:min(len(tt.in), 12)], n, err, tt.n, tt.err)
		}
	}
	if _, err := Decode(bad); !errors.Is(err, ErrCRC) {
		t.Errorf("Decode(bad CRC) = %v, want ErrCRC", err)
	}
	if _, err := Decode(hb[:6]); !errors.Is(err, ErrIncomplete) {
		t.Errorf("Decode(prefix) = %v, want ErrIncomplete", err)
	}
	if _, err := Decode(append(bytes.Clone(hb), 0)); !errors.Is(err, ErrFraming) {
		t.Errorf("Decode(trailing byte) = %v, want ErrFraming", err)
	}
	if _, err := Encode(Frame{Cmd: CmdUpload, Body: make([]byte, MaxBodySize+1)}); !errors.Is(err, ErrTooLong) {
		t.Errorf("Encode(too long) = %v, want ErrTooLong", err)
	}
	junk := append(append(bytes.Clone(bad), 1, 2, 3), hb...)
	if testing.AllocsPerRun(100, func() { _, _, _ = Parse(junk) }) > 0 {
		t.Error("Parse allocates")
	}
}
