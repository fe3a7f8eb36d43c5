package link

import (
	"bytes"
	"testing"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

func TestMatchers(t *testing.T) {
	addr := dlt645.MustParseAddress("000012345678")
	frame, err := dlt645.Frame{Addr: addr, Control: dlt645.FuncReadAddress.Reply(), Data: addr[:]}.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(frame)
	bad[len(bad)-2]++ // checksum
	bcast, _ := dlt645.ReadRequest(dlt645.Broadcast, dlt645.DIBalance).MarshalBinary()
	serial := []byte("00000012345678901234")
	login := AcrelFrame(0x84, append(bytes.Clone(serial), "ICCID8986\x1f\x7d\x7d"...))
	imei := IMEIMatcher{Suffix: []byte("\r\n")}
	tests := []struct {
		name string
		m    Matcher
		in   string
		id   string
		n    int
		res  Result
	}{
		{"IMEI", IMEIMatcher{}, "860000000000001rest", "860000000000001", 15, Matched},
		{"IMEIShort", IMEIMatcher{}, "86000", "", 0, NeedMore},
		{"IMEINotDigits", IMEIMatcher{}, "86A", "", 0, Rejected},
		{"IMEISuffix", imei, "860000000000001\r\nX", "860000000000001", 17, Matched},
		{"IMEISuffixPartial", imei, "860000000000001\r", "", 0, NeedMore},
		{"IMEISuffixWrong", imei, "860000000000001;", "", 0, Rejected},
		{"IMEIPrefix", IMEIMatcher{Prefix: []byte("IMEI:")}, "IMEI:490154203237518", "490154203237518", 20, Matched},
		{"IMEIPrefixPartial", IMEIMatcher{Prefix: []byte("IMEI:")}, "IM", "", 0, NeedMore},
		{"IMEILuhn", IMEIMatcher{Luhn: true}, "490154203237518", "490154203237518", 15, Matched},
		{"IMEILuhnBad", IMEIMatcher{Luhn: true}, "490154203237519", "", 0, Rejected},
		{"HexPrefix", HexPrefixMatcher{Prefix: []byte("LOGIN:"), IDLen: 4}, "LOGIN:1001\x68", "1001", 10, Matched},
		{"HexPrefixShort", HexPrefixMatcher{Prefix: []byte("LOGIN:"), IDLen: 4}, "LOGIN:10", "", 0, NeedMore},
		{"HexPrefixWrong", HexPrefixMatcher{Prefix: []byte("LOGIN:"), IDLen: 4}, "LOGOUT", "", 0, Rejected},
		{"HexPrefixBinaryID", HexPrefixMatcher{Prefix: []byte{0xAA, 0x55}, IDLen: 3}, "\xAA\x55\x01\x02\xFF", "0102FF", 5, Matched},
		{"HexPrefixForcedHex", HexPrefixMatcher{Prefix: []byte("ID"), IDLen: 2, Hex: true}, "IDab", "6162", 4, Matched},
		{"HexPrefixNoLen", HexPrefixMatcher{Prefix: []byte("ID")}, "IDab", "", 0, Rejected},
		{"DLT645", DLT645AddressMatcher{}, "\xFE\xFE" + string(frame) + "tail", "000012345678", 2 + len(frame), Matched},
		{"DLT645Partial", DLT645AddressMatcher{}, string(frame[:9]), "", 0, NeedMore},
		{"DLT645Checksum", DLT645AddressMatcher{}, string(bad), "", 0, Rejected},
		{"DLT645Broadcast", DLT645AddressMatcher{}, string(bcast), "", 0, Rejected},
		{"DLT645Noise", DLT645AddressMatcher{}, "860000", "", 0, Rejected},
		{"Acrel", Acrel7B7BMatcher{}, string(login) + "\x7B", "12345678901234", len(login), Matched},
		{"AcrelPartial", Acrel7B7BMatcher{}, string(login[:len(login)-1]), "", 0, NeedMore},
		{"AcrelNotLogin", Acrel7B7BMatcher{}, string(AcrelFrame(0x94, nil)), "", 0, Rejected},
		{"AcrelOther", Acrel7B7BMatcher{}, "LOGIN", "", 0, Rejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, n, res := tt.m.Match([]byte(tt.in))
			if id != tt.id || n != tt.n || res != tt.res {
				t.Errorf("Match(%q) = %q, %d, %v; want %q, %d, %v", tt.in, id, n, res, tt.id, tt.n, tt.res)
			}
		})
	}
}

func TestAcrelFrames(t *testing.T) {
	got, want := (Acrel7B7BMatcher{}).Reply("x"), []byte{0x7B, 0x7B, 0x84, 0xBF, 0x23, 0x7D, 0x7D}
	if !bytes.Equal(got, want) {
		t.Errorf("login reply = % X, want % X", got, want)
	}
	if got, want := AcrelHeartbeat.Bytes, []byte{0x7B, 0x7B, 0x94, 0xBE, 0xEF, 0x7D, 0x7D}; !bytes.Equal(got, want) {
		t.Errorf("heartbeat = % X, want % X", got, want)
	}
}

func TestStrip(t *testing.T) {
	pats := []Pattern{Exact([]byte("HB")), PacketPrefix([]byte("PING"))}
	tests := []struct{ in, want string }{
		{"HB", ""},
		{"HBdataHB", "data"},
		{"daHBta", "data"},
		{"HBHBHB", ""},
		{"PING 17 rssi=20", ""},
		{"data PING", "data PING"},
		{"H", "H"},
	}
	for _, tt := range tests {
		if got, _ := strip([]byte(tt.in), pats); string(got) != tt.want {
			t.Errorf("strip(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
