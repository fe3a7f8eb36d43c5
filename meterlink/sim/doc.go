// Package sim is Voltpay's meter simulator: a fleet of virtual meters behind
// virtual RS-485-to-Ethernet gateways, speaking DL/T 645-2007 or Modbus over
// real TCP on loopback, for tests and for the `sim` subcommand.
//
// The parts (docs/PROTOCOLS.md §6):
//
//   - Meter (meter.go): energy per TOU rate advancing with a load profile,
//     derived voltage/current/power, a drifting clock, an on-meter prepaid
//     balance with integer fen debits and self-trip, relay and guarantee
//     state, thresholds and purchase count.
//   - dlt645.go and modbus.go: the meter's answers to DL/T 645 and Modbus
//     requests, built with the codec packages.
//   - Gateway (gateway.go): a half-duplex bus behind a TCP server, with
//     turnaround, line timing at the configured baud, FE preambles and
//     fault injection (faults.go).
//   - MultiUser (multiuser.go): a multi-user metering device, one Modbus
//     unit id whose channels are meters of their own, each answering its
//     channel's register block.
//   - AcrelMeter (acrel.go): a meter with Acrel's 4G modem, dialling in and
//     speaking the 7B 7B protocol, its Modbus answered through a Gateway.
//   - Fleet (fleet.go): gateways × meters derived from one seed, and a
//     manual Clock.
//
// Units follow the codecs: energy in Wh (the wire carries 0.01 kWh, so
// reads are floored to 10 Wh), money in fen, prices in 0.0001 yuan/kWh.
// Nothing passes through floating point except fault probabilities.
// Randomness comes from seeded math/rand/v2 sources, so a fleet with the
// same seed, clock and request sequence sends the same bytes.
package sim
