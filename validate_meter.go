package voltpay

import (
	"regexp"
	"strconv"
	"strings"
)

// Limits of meter fields.
const (
	DLT645AddressLen   = 12 // BCD digits of a DL/T 645 address
	DLT645Broadcast    = "999999999999"
	MaxModbusUnitID    = 247
	MaxCTRatio         = 10000
	MaxMeterTextLen    = 50 // room and model
	DefaultMeterPhases = 1
)

var digitsRE = regexp.MustCompile(`^[0-9]+$`)

// Validate normalises a meter (trims text, pads a DL/T 645 address to 12
// digits, writes a Modbus unit id without leading zeros, fills the defaults:
// 1 phase, CT ratio 1, prepaid mode platform) and returns INVALID_INPUT
// saying what to fix. Whether the site, building, gateway and tariff exist
// and fit together is for the storage layer to check.
func (in *MeterInput) Validate() error {
	in.Floor = strings.TrimSpace(in.Floor)
	in.Room = strings.TrimSpace(in.Room)
	in.Model = strings.TrimSpace(in.Model)
	switch {
	case len([]rune(in.Floor)) > MaxFloorLabelLen:
		return Invalid("floor", "floor is at most %d characters", MaxFloorLabelLen)
	case len([]rune(in.Room)) > MaxMeterTextLen:
		return Invalid("room", "room is at most %d characters", MaxMeterTextLen)
	case len([]rune(in.Model)) > MaxMeterTextLen:
		return Invalid("model", "model is at most %d characters, e.g. \"DDSY1352\"", MaxMeterTextLen)
	}
	addr, err := NormalizeMeterAddress(in.Protocol, in.Address)
	if err != nil {
		return err
	}
	in.Address = addr
	if err := validateChannel(in.Protocol, in.Channel); err != nil {
		return err
	}
	if err := in.validateModel(); err != nil {
		return err
	}
	if in.Phases == 0 {
		in.Phases = DefaultMeterPhases
	}
	if in.Phases != 1 && in.Phases != 3 {
		return Invalid("phases", "phases must be 1 (single phase, e.g. DDSY1352) or 3 (three phase, e.g. DTSY1352), got %d", in.Phases)
	}
	if in.CTRatio == 0 {
		in.CTRatio = 1
	}
	if in.CTRatio < 1 || in.CTRatio > MaxCTRatio {
		return Invalid("ctRatio", "CT ratio must be 1 (no current transformer) to %d, got %d; for a 200/5 A transformer enter 40", MaxCTRatio, in.CTRatio)
	}
	if in.PrepaidMode == "" {
		in.PrepaidMode = PrepaidPlatform
	}
	if in.PrepaidMode != PrepaidPlatform && in.PrepaidMode != PrepaidMeter {
		return Invalid("prepaidMode", "prepaid mode must be %q (the platform keeps the balance) or %q (the meter keeps it), got %q", PrepaidPlatform, PrepaidMeter, in.PrepaidMode)
	}
	return in.validateThresholds()
}

func (in *MeterInput) validateThresholds() error {
	if in.OverloadW != nil && *in.OverloadW <= 0 {
		return Invalid("overloadW", "overload threshold must be above 0 W, got %d; leave it empty for none", *in.OverloadW)
	}
	for _, a := range []struct {
		field string
		v     *Fen
	}{{"alarm1Fen", in.Alarm1Fen}, {"alarm2Fen", in.Alarm2Fen}} {
		if a.v != nil && (*a.v < 0 || *a.v > MaxTransactionFen) {
			return Invalid(a.field, "%s must be 0 to %s yuan, got %s; leave it empty for none", a.field, MaxTransactionFen, *a.v)
		}
	}
	if c := in.CreditCapFen; c != nil && (*c <= 0 || *c > MaxTransactionFen) {
		return Invalid("creditCapFen", "the stored-credit cap (囤积上限) must be above 0 and at most %s yuan, got %s; leave it empty for no cap", MaxTransactionFen, *c)
	}
	if id := in.LinkID; id != nil && !linkIDRE.MatchString(*id) {
		return Invalid("linkId", "a link id is the serial or registration id a 4G meter or DTU dials in with: 1 to 32 letters or digits, got %q", *id)
	}
	if in.LinkID != nil && in.GatewayID != nil {
		return Invalid("linkId", "only a direct (4G) meter dials in with a link id; a meter behind a gateway is reached through it")
	}
	if in.CreditCapFen != nil && in.PrepaidMode != PrepaidMeter {
		return Invalid("creditCapFen", "only a meter-billed meter (prepaid mode %q) stores credit, so only it takes a stored-credit cap; leave it empty or set the prepaid mode to %q", PrepaidMeter, PrepaidMeter)
	}
	if in.Alarm1Fen != nil && in.Alarm2Fen != nil && *in.Alarm1Fen < *in.Alarm2Fen {
		return Invalid("alarm1Fen", "alarm 1 warns first, so alarm1 must be at least alarm2, got alarm1=%s alarm2=%s yuan", *in.Alarm1Fen, *in.Alarm2Fen)
	}
	return nil
}

// NormalizeMeterAddress checks a meter address for its protocol and returns
// it in stored form: 12 digits, left-padded with zeros, for DL/T 645
// ("1234" → "000000001234"); the unit id 1..247 in decimal for Modbus
// ("007" → "7"). It returns INVALID_INPUT, also for an unknown protocol.
func NormalizeMeterAddress(protocol, address string) (string, error) {
	a := strings.TrimSpace(address)
	switch protocol {
	case MeterProtocolDLT645:
		if len(a) < 1 || len(a) > DLT645AddressLen || !digitsRE.MatchString(a) {
			return "", Invalid("address", "a DL/T 645 address is 1 to 12 digits, as printed on the meter's nameplate (e.g. 000012345678), got %q", address)
		}
		a = strings.Repeat("0", DLT645AddressLen-len(a)) + a
		if a == DLT645Broadcast {
			return "", Invalid("address", "999999999999 is the DL/T 645 broadcast address, not a meter's; use the address on the nameplate")
		}
		return a, nil
	case MeterProtocolModbus:
		n, err := strconv.Atoi(a)
		if err != nil || !digitsRE.MatchString(a) || n < 1 || n > MaxModbusUnitID {
			return "", Invalid("address", "a Modbus unit id is a number from 1 to %d, got %q", MaxModbusUnitID, address)
		}
		return strconv.Itoa(n), nil
	}
	return "", Invalid("protocol", "unknown meter protocol %q; use %q or %q", protocol, MeterProtocolDLT645, MeterProtocolModbus)
}

// MeterProtocolFor returns the meter protocol a gateway of protocol gw
// speaks to its meters: dlt645 for dlt645, modbus for modbus_rtu and modbus_tcp.
func MeterProtocolFor(gw string) string {
	switch gw {
	case ProtocolDLT645:
		return MeterProtocolDLT645
	case ProtocolModbusRTU, ProtocolModbusTCP:
		return MeterProtocolModbus
	}
	return ""
}

// CheckBusProtocol returns INVALID_INPUT (field protocol) unless a meter
// speaking meterProtocol can be read through a gateway speaking
// gwProtocol; gateway names the gateway in the message.
func CheckBusProtocol(gateway, gwProtocol, meterProtocol string) error {
	if want := MeterProtocolFor(gwProtocol); want != meterProtocol {
		return Invalid("protocol", "gateway %s speaks %s, so its meters must use protocol %s, not %s; pick another gateway or protocol", gateway, gwProtocol, want, meterProtocol)
	}
	return nil
}

// linkIDRE is what a 4G meter or DTU may dial in with.
var linkIDRE = regexp.MustCompile(`^[0-9A-Za-z]{1,32}$`)
