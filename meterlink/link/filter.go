package link

import "bytes"

// Pattern is a packet to drop from a device's byte stream: a heartbeat, or
// the registration a DTU repeats before every data packet.
//
// An Exact pattern is removed wherever it occurs within one read from the
// socket (DTUs send a heartbeat in one TCP segment, but it may arrive glued
// to data before or after it). A packet-prefix pattern drops the whole read
// that starts with it, for heartbeats with a variable tail (a counter, a
// signal level). A pattern split across two reads is not recognised.
type Pattern struct {
	Bytes  []byte
	Packet bool // drop the whole read that starts with Bytes
}

// Exact returns a pattern removing b wherever it occurs.
func Exact(b []byte) Pattern { return Pattern{Bytes: bytes.Clone(b)} }

// PacketPrefix returns a pattern dropping every read that starts with b.
func PacketPrefix(b []byte) Pattern { return Pattern{Bytes: bytes.Clone(b), Packet: true} }

// strip removes the patterns from p, in place, and returns what is left and
// how many patterns were removed. Empty patterns are ignored.
func strip(p []byte, pats []Pattern) ([]byte, int) {
	for _, pat := range pats {
		if pat.Packet && len(pat.Bytes) > 0 && bytes.HasPrefix(p, pat.Bytes) {
			return p[:0], 1
		}
	}
	removed := 0
	for _, pat := range pats {
		if pat.Packet || len(pat.Bytes) == 0 {
			continue
		}
		for {
			i := bytes.Index(p, pat.Bytes)
			if i < 0 {
				break
			}
			p = append(p[:i], p[i+len(pat.Bytes):]...)
			removed++
		}
	}
	return p, removed
}
