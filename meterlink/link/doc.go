// Package link accepts inbound connections from 4G meters and DTUs
// (docs/PROTOCOLS.md §3.2): the device is the TCP client, it identifies
// itself with a registration packet, keeps the connection alive with
// heartbeats and reconnects whenever a NAT drops it.
//
// A Listener reads each new connection until one of its Matchers recognises
// the registration (an IMEI, a fixed prefix and id, a DL/T 645 frame whose
// address names the meter, an Acrel 7B 7B login), binds the connection to
// the device id, closing any older connection of the same device, and from
// then on reads it in the background: heartbeats (and, if configured, the
// registration repeated before every packet) are removed, the time the
// device was last heard is kept, and a device silent for IdleTimeout is
// disconnected. Listener.Dial returns the device's byte stream as a
// net.Conn with working deadlines, so a Listener is a connection source for
// meterlink/bus:
//
//	b, err := bus.New(l.DialFunc("860000000000001"), bus.DLT645, set, logger)
//
// An Acrel 4G meter's stream carries 7B 7B frames after its login, not
// transparent meter frames: acrel.PassThrough over the Conn turns it into
// Modbus RTU for a bus.
//
// MQTT meters (section 3.4) will come in through MessageLink instead.
package link
