// Package acrel is the codec of Acrel's 4G binary protocol (docs/PROTOCOLS.md
// §3.3), spoken by Acrel 4G/NB meters and the AWT100 DTU toward
// Acrel's platform, and, through PassThrough, a way for meterlink/bus to
// speak Modbus RTU to such a meter without knowing the framing.
//
// A frame is
//
//	7B 7B | cmd (1) | body | CRC16-MODBUS over cmd+body, low byte first | 7D 7D
//
// with no length field: a frame ends at the first 7D 7D after which the
// CRC is right, so a body may hold 7D 7D. Parse finds frames at the start
// of a byte slice, FrameReader in a byte stream (resynchronising past
// garbage), Encode and Append build them. Parsing is bounded by
// MaxFrameSize and never allocates.
//
// What docs/PROTOCOLS.md §3.3 gives, and so what is decoded here:
//   - 0x84 login: the serial (14 digits, ASCII, zero-padded to 20 bytes)
//     and the rest of the body kept raw (ICCID, signal, firmware versions,
//     upload interval: order and sizes not known [U]); the reply is the
//     empty 0x84 frame 7B 7B 84 BF 23 7D 7D;
//   - 0x93 time sync: the device sends its serial, the platform answers
//     binary YY MM DD WW hh mm ss;
//   - 0x94 heartbeat 7B 7B 94 BE EF 7D 7D, not answered;
//   - 0x91 data upload: kept raw, with the serial when the body starts
//     with one; the field offsets and scales are not known [U];
//   - 0x90 transparent pass-through: the body is a Modbus RTU ADU.
//
// 0x97 (pass-through with a service id), 0x82 (parameters), 0x88 (set
// server) and 0x89 (alarm) are named but their bodies are not known [U].
package acrel
