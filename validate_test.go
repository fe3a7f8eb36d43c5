package voltpay

import (
	"fmt"
	"strings"
	"testing"
)

func valPtr[T any](v T) *T { return &v }

// wantInvalid fails unless err is nil (field "") or an INVALID_INPUT about field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	e, ok := err.(*Error)
	if !ok || e.Code != EINVALID || e.Field != field {
		t.Fatalf("got %v, want INVALID_INPUT on field %q", err, field)
	}
}

func TestSiteInput_Validate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    SiteInput
		field string
	}{
		{"OK", SiteInput{Name: " 万达广场 ", Code: " wd01 "}, ""},
		{"UTC", SiteInput{Name: "x", Code: "AB", Timezone: "UTC"}, ""},
		{"NoName", SiteInput{Name: "  ", Code: "AB"}, "name"},
		{"LongName", SiteInput{Name: strings.Repeat("名", 101), Code: "AB"}, "name"},
		{"ShortCode", SiteInput{Name: "x", Code: "A"}, "code"},
		{"LongCode", SiteInput{Name: "x", Code: "ABCDEFGHI"}, "code"},
		{"CodeChars", SiteInput{Name: "x", Code: "A-1"}, "code"},
		{"BadZone", SiteInput{Name: "x", Code: "AB", Timezone: "Mars/Olympus"}, "timezone"},
		{"LocalZone", SiteInput{Name: "x", Code: "AB", Timezone: "Local"}, "timezone"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantInvalid(t, tc.in.Validate(), tc.field) })
	}
	in := SiteInput{Name: " 万达广场 ", Code: " wd01 "}
	if err := in.Validate(); err != nil || in.Name != "万达广场" || in.Code != "WD01" || in.Timezone != DefaultTimezone {
		t.Fatalf("normalised to %+v, %v", in, err)
	}
}

func TestBuildingInput_Validate(t *testing.T) {
	many := make([]string, MaxFloors+1)
	for i := range many {
		many[i] = fmt.Sprintf("%dF", i+1)
	}
	for _, tc := range []struct {
		name  string
		in    BuildingInput
		field string
	}{
		{"OK", BuildingInput{Name: "A座", Floors: []string{"B1", " 1F ", "2F"}}, ""},
		{"NoFloors", BuildingInput{Name: "A座"}, ""},
		{"MaxFloors", BuildingInput{Name: "A座", Floors: many[:MaxFloors]}, ""},
		{"NoName", BuildingInput{Name: ""}, "name"},
		{"TooManyFloors", BuildingInput{Name: "A座", Floors: many}, "floors"},
		{"EmptyFloor", BuildingInput{Name: "A座", Floors: []string{"1F", " "}}, "floors"},
		{"LongFloor", BuildingInput{Name: "A座", Floors: []string{strings.Repeat("F", 21)}}, "floors"},
		{"DuplicateFloor", BuildingInput{Name: "A座", Floors: []string{"1F", "2F", " 1F"}}, "floors"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantInvalid(t, tc.in.Validate(), tc.field) })
	}
}

func TestGatewayInput_Validate(t *testing.T) {
	ok := func(f func(*GatewayInput)) GatewayInput {
		in := GatewayInput{Name: "1号通讯管理机", Endpoint: "192.168.1.20:8899", Protocol: ProtocolDLT645}
		f(&in)
		return in
	}
	for _, tc := range []struct {
		name  string
		in    GatewayInput
		field string
	}{
		{"OK", ok(func(*GatewayInput) {}), ""},
		{"HostName", ok(func(in *GatewayInput) { in.Endpoint = "GW-1.Example.com:502" }), ""},
		{"IPv6", ok(func(in *GatewayInput) { in.Endpoint = "[fe80::1]:502" }), ""},
		{"Proxy", ok(func(in *GatewayInput) { in.ProxyURL = "socks5://10.0.0.1:1080" }), ""},
		{"ProxyAuth", ok(func(in *GatewayInput) { in.ProxyURL = "socks5://agent:s3cret@agent.example.com:1080" }), ""},
		{"Poll", ok(func(in *GatewayInput) { in.PollIntervalSeconds = 60 }), ""},
		{"NoName", ok(func(in *GatewayInput) { in.Name = "" }), "name"},
		{"NoPort", ok(func(in *GatewayInput) { in.Endpoint = "192.168.1.20" }), "endpoint"},
		{"Port0", ok(func(in *GatewayInput) { in.Endpoint = "192.168.1.20:0" }), "endpoint"},
		{"PortHigh", ok(func(in *GatewayInput) { in.Endpoint = "192.168.1.20:65536" }), "endpoint"},
		{"PortText", ok(func(in *GatewayInput) { in.Endpoint = "192.168.1.20:http" }), "endpoint"},
		{"NoHost", ok(func(in *GatewayInput) { in.Endpoint = ":8899" }), "endpoint"},
		{"LongHost", ok(func(in *GatewayInput) { in.Endpoint = strings.Repeat("a", 254) + ":1" }), "endpoint"},
		{"BadHost", ok(func(in *GatewayInput) { in.Endpoint = "my gw:1" }), "endpoint"},
		{"Protocol", ok(func(in *GatewayInput) { in.Protocol = "iec104" }), "protocol"},
		{"ProxyScheme", ok(func(in *GatewayInput) { in.ProxyURL = "http://10.0.0.1:1080" }), "proxyUrl"},
		{"ProxyNoPort", ok(func(in *GatewayInput) { in.ProxyURL = "socks5://10.0.0.1" }), "proxyUrl"},
		{"ProxyPath", ok(func(in *GatewayInput) { in.ProxyURL = "socks5://10.0.0.1:1080/x" }), "proxyUrl"},
		{"ProxyNoUser", ok(func(in *GatewayInput) { in.ProxyURL = "socks5://:pw@10.0.0.1:1080" }), "proxyUrl"},
		{"PollLow", ok(func(in *GatewayInput) { in.PollIntervalSeconds = 59 }), "pollIntervalSeconds"},
		{"PollHigh", ok(func(in *GatewayInput) { in.PollIntervalSeconds = 86401 }), "pollIntervalSeconds"},
		{"PollNegative", ok(func(in *GatewayInput) { in.PollIntervalSeconds = -1 }), "pollIntervalSeconds"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantInvalid(t, tc.in.Validate(), tc.field) })
	}

	t.Run("Normalised", func(t *testing.T) {
		in := ok(func(in *GatewayInput) { in.Endpoint = " GW-1.Example.com:0502 " })
		if err := in.Validate(); err != nil || in.Endpoint != "gw-1.example.com:502" || in.PollIntervalSeconds != 1800 {
			t.Fatalf("got %+v, %v", in, err)
		}
	})
	t.Run("ProxyPasswordNotEchoed", func(t *testing.T) {
		in := ok(func(in *GatewayInput) { in.ProxyURL = "socks5://agent:TopSecret@10.0.0.1" })
		if err := in.Validate(); err == nil || strings.Contains(err.Error(), "TopSecret") {
			t.Fatalf("got %v, want an error without the password", err)
		}
	})
}

func TestMeterInput_Validate(t *testing.T) {
	dlt := func(f func(*MeterInput)) MeterInput {
		in := MeterInput{Address: "1234", Protocol: MeterProtocolDLT645}
		f(&in)
		return in
	}
	for _, tc := range []struct {
		name  string
		in    MeterInput
		field string
	}{
		{"OK", dlt(func(*MeterInput) {}), ""},
		{"Full", dlt(func(in *MeterInput) {
			in.Phases, in.CTRatio, in.PrepaidMode = 3, 40, PrepaidMeter
			in.OverloadW, in.Alarm1Fen, in.Alarm2Fen = valPtr[int64](8000), valPtr[Fen](5000), valPtr[Fen](5000)
		}), ""},
		{"Modbus", MeterInput{Address: "247", Protocol: MeterProtocolModbus}, ""},
		{"Channel1", MeterInput{Address: "5", Channel: 1, Protocol: MeterProtocolModbus}, ""},
		{"Channel36", MeterInput{Address: "5", Channel: 36, Protocol: MeterProtocolModbus}, ""},
		{"Channel37", MeterInput{Address: "5", Channel: 37, Protocol: MeterProtocolModbus}, "channel"},
		{"ChannelNegative", MeterInput{Address: "5", Channel: -1, Protocol: MeterProtocolModbus}, "channel"},
		{"ChannelDLT645", dlt(func(in *MeterInput) { in.Channel = 1 }), "channel"},
		{"NoAddress", dlt(func(in *MeterInput) { in.Address = "" }), "address"},
		{"LongAddress", dlt(func(in *MeterInput) { in.Address = "1234567890123" }), "address"},
		{"HexAddress", dlt(func(in *MeterInput) { in.Address = "AAAAAAAAAAAA" }), "address"},
		{"Broadcast", dlt(func(in *MeterInput) { in.Address = "999999999999" }), "address"},
		{"Unit0", MeterInput{Address: "0", Protocol: MeterProtocolModbus}, "address"},
		{"Unit248", MeterInput{Address: "248", Protocol: MeterProtocolModbus}, "address"},
		{"UnitSign", MeterInput{Address: "+5", Protocol: MeterProtocolModbus}, "address"},
		{"Protocol", dlt(func(in *MeterInput) { in.Protocol = "mbus" }), "protocol"},
		{"Phases", dlt(func(in *MeterInput) { in.Phases = 2 }), "phases"},
		{"CTRatioLow", dlt(func(in *MeterInput) { in.CTRatio = -1 }), "ctRatio"},
		{"CTRatioHigh", dlt(func(in *MeterInput) { in.CTRatio = 10001 }), "ctRatio"},
		{"PrepaidMode", dlt(func(in *MeterInput) { in.PrepaidMode = "card" }), "prepaidMode"},
		{"Overload", dlt(func(in *MeterInput) { in.OverloadW = valPtr[int64](0) }), "overloadW"},
		{"Alarm1Negative", dlt(func(in *MeterInput) { in.Alarm1Fen = valPtr[Fen](-1) }), "alarm1Fen"},
		{"Alarm2Negative", dlt(func(in *MeterInput) { in.Alarm2Fen = valPtr[Fen](-1) }), "alarm2Fen"},
		{"AlarmOrder", dlt(func(in *MeterInput) { in.Alarm1Fen, in.Alarm2Fen = valPtr[Fen](100), valPtr[Fen](200) }), "alarm1Fen"},
		{"LongFloor", dlt(func(in *MeterInput) { in.Floor = strings.Repeat("F", 21) }), "floor"},
		{"LongRoom", dlt(func(in *MeterInput) { in.Room = strings.Repeat("R", 51) }), "room"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantInvalid(t, tc.in.Validate(), tc.field) })
	}

	t.Run("Defaults", func(t *testing.T) {
		in := dlt(func(*MeterInput) {})
		if err := in.Validate(); err != nil || in.Address != "000000001234" || in.Phases != 1 || in.CTRatio != 1 || in.PrepaidMode != PrepaidPlatform {
			t.Fatalf("got %+v, %v", in, err)
		}
	})
	t.Run("ModbusUnitID", func(t *testing.T) {
		if got, err := NormalizeMeterAddress(MeterProtocolModbus, " 007 "); err != nil || got != "7" {
			t.Fatalf("got %q, %v; want \"7\"", got, err)
		}
	})
}

func TestValidate_ParsePrice(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Price
		ok   bool
	}{
		{"0.8523", 8523, true}, {"1", 10000, true}, {"1.2", 12000, true}, {".5", 5000, true},
		{" 100 ", 1_000_000, true}, {"0", 0, true},
		{"", 0, false}, {"-1", 0, false}, {"+1", 0, false}, {"0.12345", 0, false}, {"1e3", 0, false},
		{"abc", 0, false}, {".", 0, false}, {"100.0001", 0, false}, {"1,5", 0, false},
	} {
		got, err := ParsePrice(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParsePrice(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("ParsePrice(%q) code %s, want %s", tc.in, ErrorCode(err), EINVALID)
		}
	}
}

func TestValidate_NormalizePhone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"13812345678", "13812345678"}, {"+86 138 1234 5678", "13812345678"}, {"008613812345678", "13812345678"},
		{"021-12345678", "021-12345678"}, {"0755 8765432", "07558765432"},
		{"12812345678", ""}, {"1381234567", ""}, {"abc", ""}, {"", ""},
	} {
		got, err := NormalizePhone("phone", tc.in)
		if got != tc.want || (err == nil) != (tc.want != "") {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestValidate_MoneyString(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Fen(0).String(), "0.00"}, {Fen(5).String(), "0.05"}, {Fen(-1205).String(), "-12.05"},
		{Fen(123456).String(), "1234.56"}, {Price(8523).String(), "0.8523"}, {Price(10000).String(), "1.0000"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
