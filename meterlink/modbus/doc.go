// Package modbus is Voltpay's own Modbus codec: request and response PDUs for
// the four register functions a prepaid meter needs (0x03, 0x04, 0x06, 0x10),
// exception replies, CRC-16/MODBUS, RTU framing (also "RTU over TCP", which is
// what transparent RS-485 gateways carry), Modbus-TCP MBAP framing, and meter
// register maps kept as data (Profile).
//
// The package never dials and never sets deadlines: the readers work on any
// io.Reader the caller passes in (a net.Conn to a gateway, an inbound 4G
// connection, a pipe in tests). Deadlines, retries, draining stale input
// before a request, and "one outstanding request per RS-485 bus" belong to the
// caller (see docs/PROTOCOLS.md §0 and §5.5).
//
// Hostile input never panics and never makes a reader buffer more than one
// maximal frame (256 bytes RTU, 260 bytes TCP) plus one read; all register
// values decode to integers, never floats.
//
// Facts about the protocol and the Acrel meters come from docs/PROTOCOLS.md
// (§2); its legend [C] confirmed, [D] derived,
// [U] uncertain is repeated where a value depends on it.
package modbus
