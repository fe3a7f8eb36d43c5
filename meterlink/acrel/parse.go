package acrel

import "github.com/voltpay/voltpay/meterlink/modbus"

// maxLookahead bounds how many later heads Parse tries when the frame at
// the start has not ended yet, so that a hostile stream of heads costs
// linear time per call.
const maxLookahead = 4

// Parse finds the frame at the start of p. It returns the frame (its Body
// aliases p) and its length n. Errors are the bare sentinels, so that
// resynchronising past garbage allocates nothing:
//   - ErrIncomplete: p may still become a frame (n is 0);
//   - ErrFraming: p does not start with a frame: no 7B 7B head, no
//     terminator with a good CRC in MaxFrameSize bytes, or a head followed
//     by a complete frame before it ended;
//   - ErrCRC: as the last case, but the broken frame did end in 7D 7D.
//
// On those two, n (at least 1) is how many bytes to drop before the next
// possible head.
//
// Without a length field, a frame ends at the first 7D 7D after which the
// CRC is right. A head whose frame has not ended is given up as soon as
// one of the next heads starts a complete frame (a frame lost its tail, or
// its CRC is wrong), instead of waiting for MaxFrameSize bytes; the price
// is that a frame still arriving whose body happens to hold a whole valid
// frame is taken for garbage. A third 7B after the head is read as the
// real head one byte later (no command is 0x7B).
func Parse(p []byte) (f Frame, n int, err error) {
	switch {
	case len(p) < 2 || (len(p) == 2 && p[0] == head && p[1] == head):
		if hasPrefix(p) {
			return Frame{}, 0, ErrIncomplete
		}
		return Frame{}, resync(p, 1), ErrFraming
	case p[0] != head || p[1] != head:
		return Frame{}, resync(p, 1), ErrFraming
	case p[2] == head:
		return Frame{}, 1, ErrFraming
	}
	if end := frameEnd(p); end > 0 {
		return Frame{Cmd: p[2], Body: p[3 : end-4]}, end, nil
	}
	if len(p) >= MaxFrameSize {
		return Frame{}, resync(p, 2), ErrFraming
	}
	tried := 0
	for i := 2; i+overhead <= len(p) && tried < maxLookahead; i++ {
		if p[i] != head || p[i+1] != head || p[i+2] == head {
			continue
		}
		tried++
		if frameEnd(p[i:]) > 0 {
			if i >= overhead && p[i-2] == tail && p[i-1] == tail {
				return Frame{}, i, ErrCRC
			}
			return Frame{}, i, ErrFraming
		}
	}
	return Frame{}, 0, ErrIncomplete
}

// frameEnd returns the length of the frame at the start of p (which starts
// with a head and a command), or 0 if no terminator within p and
// MaxFrameSize has the right CRC before it. The CRC is carried forward
// byte by byte, so the whole search is linear.
func frameEnd(p []byte) int {
	limit := min(len(p), MaxFrameSize)
	crc := modbus.CRC16Update(0xFFFF, p[2:3])
	// e is where the CRC would start: the frame is p[:e+4].
	for e := 3; e+4 <= limit; e++ {
		if p[e+2] == tail && p[e+3] == tail && p[e] == byte(crc) && p[e+1] == byte(crc>>8) {
			return e + 4
		}
		crc = modbus.CRC16Update(crc, p[e:e+1])
	}
	return 0
}

// resync returns the index of the first possible head at or after from
// (at least 1 when from is), or len(p).
func resync(p []byte, from int) int {
	for i := from; i < len(p); i++ {
		if p[i] == head && (i+1 == len(p) || p[i+1] == head) {
			return i
		}
	}
	return max(len(p), from)
}
