// Package bus is the client side of one RS-485 bus behind a gateway: a
// transparent RS-485-to-Ethernet converter reached over one TCP stream
// (directly or through a SOCKS5 proxy, see Dial), carrying DL/T 645-2007 or
// Modbus-RTU frames; or a Modbus-TCP gateway.
//
// A Bus puts exactly one request at a time on the line (docs/PROTOCOLS.md
// §0.3), and handles what transparent converters do to a byte stream
// (§3.1): replies split across reads, glued to late replies, echoed,
// mixed with noise or corrupted. The framing itself is the codecs' job
// (meterlink/dlt645, meterlink/modbus); the Bus adds the timing around it:
// lazy connect with warm-up, inter-frame gap with draining of stale input,
// a response timeout per attempt, retries, reconnect after repeated
// timeouts, clean Close, and counters (Stats).
//
// Failures are reported as *Error with a Kind (ErrTimeout: meter silent;
// ErrConnection: gateway down; ErrGarbled: corrupt replies; ErrClosed;
// ErrProtocol), while a meter's own error reply comes back as the codec's
// error (*dlt645.MeterError, *modbus.Exception) and is never retried. The
// caller's context bounds the whole call, queueing included.
package bus
