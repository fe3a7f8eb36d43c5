package voltpay

// MaxMeterChannel is the highest channel of a multi-user metering device
// (多用户计量装置): such a device, one unit on the bus for a whole floor,
// has 12 to 36 metering points, each a tenant's meter with its own
// registers and relay.
const MaxMeterChannel = 36

// validateChannel checks a meter's channel: 0 for a meter of its own, or
// 1..MaxMeterChannel for channel n of the multi-user device at the meter's
// address. Only Modbus devices share one address among channels: DL/T 645
// multi-user devices give each user an address of its own in practice, so
// their channels are entered as separate meters with channel 0.
func validateChannel(protocol string, channel int) error {
	if channel < 0 || channel > MaxMeterChannel {
		return Invalid("channel", "channel must be 0 (a meter of its own) or 1 to %d (a channel of a multi-user device), got %d", MaxMeterChannel, channel)
	}
	if channel > 0 && protocol != MeterProtocolModbus {
		return Invalid("channel", "channel %d: only Modbus multi-user devices put several channels behind one address; a DL/T 645 multi-user device gives each user its own address, so enter each as a meter with channel 0 and the address of that user", channel)
	}
	return nil
}
