package modbus

// AcrelADF400L is the register map of the Acrel ADF400L multi-user
// metering device (多用户计量装置): one Modbus unit id on the bus for a whole
// floor, up to 36 single-phase metering points (or 12 three-phase), each a
// tenant's meter with its own registers and relay.
//
// ASSUMPTION, not from a source: our protocol reference (docs/PROTOCOLS.md §2.3) has no
// ADF400L register map. Until Acrel sends one, each channel is taken to
// expose the DDSY1352 manual table (energy, tariffs, U, I, P, S, PF at
// offsets 0x0000–0x0010) in a block of its own, channel n at
// (n-1) × 0x0100; every register is marked [U]. The stride and the block
// layout must be checked on a real device, and this profile replaced by
// the vendor's map, before any ADF400L is read in the field.
var AcrelADF400L = Profile{
	Model:         "Acrel ADF400L",
	Registers:     acrelManualTable("U: assumed DDSY1352 table per channel, no ADF400L map in our notes"),
	Channels:      36,
	ChannelStride: 0x0100,
}
