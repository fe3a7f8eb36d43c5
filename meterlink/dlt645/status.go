package dlt645

// Status3 is status word 3 (DI 04000503), the word that confirms relay
// commands: read it back after every 0x1C until the relevant bit matches.
type Status3 uint16

// Status word 3 bits.
const (
	S3SecondPeriodTable Status3 = 1 << 0  // running the second period table
	S3PowerSourceMask   Status3 = 3 << 1  // 00 mains, 01 auxiliary, 10 battery
	S3ProgramAllowed    Status3 = 1 << 3  // programming allowed
	S3RelayOpen         Status3 = 1 << 4  // relay actually open (断); 0 = closed (通)
	S3SecondTimeZone    Status3 = 1 << 5  // running the second time-zone set
	S3RelayCmdTrip      Status3 = 1 << 6  // relay command state trip; 0 = close
	S3PreTripAlarm      Status3 = 1 << 7  // pre-trip alarm active
	S3MeterTypeMask     Status3 = 3 << 8  // see MeterType
	S3SecondPriceSet    Status3 = 1 << 10 // running the second price set
	S3SecondLadderSet   Status3 = 1 << 11 // running the second ladder set
	S3Guarantee         Status3 = 1 << 12 // guarantee (保电) active
	S3IdentityValid     Status3 = 1 << 13 // identity authentication valid
	S3LocalAccount      Status3 = 1 << 14 // local account state (polarity varies by firmware)
	S3RemoteAccount     Status3 = 1 << 15 // remote account state (one firmware: 1 = not opened)
)

// MeterType is the prepaid type held in bits 8–9 of status word 3.
type MeterType uint8

// Meter types.
const (
	MeterNonPrepaid    MeterType = 0 // 00
	MeterEnergyPrepaid MeterType = 1 // 01: the meter counts down kWh
	MeterMoneyPrepaid  MeterType = 2 // 10: the meter counts down money
)

// PowerSource is bits 1–2 of status word 3.
type PowerSource uint8

// Power sources.
const (
	PowerMains     PowerSource = 0
	PowerAuxiliary PowerSource = 1
	PowerBattery   PowerSource = 2
)

// RelayOpen reports whether the contactor is actually open (bit 4): the
// confirmation for trip (1A) and direct close (1C).
func (s Status3) RelayOpen() bool { return s&S3RelayOpen != 0 }

// RelayCommandTrip reports whether the relay command state is trip (bit 6):
// 0 confirms close-allowed (1B) even if the contactor still waits for a
// button press.
func (s Status3) RelayCommandTrip() bool { return s&S3RelayCmdTrip != 0 }

// Guarantee reports whether guarantee (保电) is active (bit 12): confirms 3A.
func (s Status3) Guarantee() bool { return s&S3Guarantee != 0 }

// PreTripAlarm reports whether the pre-trip alarm is active (bit 7).
func (s Status3) PreTripAlarm() bool { return s&S3PreTripAlarm != 0 }

// MeterType returns the prepaid type from bits 8–9.
func (s Status3) MeterType() MeterType { return MeterType(s & S3MeterTypeMask >> 8) }

// PowerSource returns the power source from bits 1–2.
func (s Status3) PowerSource() PowerSource { return PowerSource(s & S3PowerSourceMask >> 1) }

// DecodeStatus3 decodes the 2 data bytes of a status word 3 reply (low byte
// first). It returns false if data is not exactly 2 bytes.
func DecodeStatus3(data []byte) (Status3, bool) {
	if len(data) != 2 {
		return 0, false
	}
	return Status3(data[0]) | Status3(data[1])<<8, true
}

// Confirms reports whether s shows that action has taken effect, per the
// relay procedure: trip → open; direct close → closed; close-allowed →
// command state close; guarantee on/off → bit 12. Alarm actions have no
// confirmation bit and return true.
func (s Status3) Confirms(a RelayAction) bool {
	switch a {
	case RelayTrip:
		return s.RelayOpen()
	case RelayDirectClose:
		return !s.RelayOpen()
	case RelayCloseAllowed:
		return !s.RelayCommandTrip()
	case GuaranteeOn:
		return s.Guarantee()
	case GuaranteeOff:
		return !s.Guarantee()
	}
	return true
}
