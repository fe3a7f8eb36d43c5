package modbus

import "fmt"

// ForChannel returns the register map of channel n (1..Channels) of a
// multi-user device: a copy of p whose registers are shifted by
// (n-1) × ChannelStride, with no channels of its own, so that Span,
// DecodeBlock and the simulator treat the channel as a meter of its own
// (one block read of its registers at the device's unit id). The model is
// "<model> channel <n>". It returns ErrInvalidRequest for a profile without
// channels, n out of range, or a shift past 0xFFFF.
func (p Profile) ForChannel(n int) (Profile, error) {
	if p.Channels == 0 {
		return Profile{}, fmt.Errorf("%w: profile %s is a meter of its own, it has no channel %d", ErrInvalidRequest, p.Model, n)
	}
	if n < 1 || n > p.Channels {
		return Profile{}, fmt.Errorf("%w: profile %s has channels 1..%d, not %d", ErrInvalidRequest, p.Model, p.Channels, n)
	}
	shift := (n - 1) * int(p.ChannelStride)
	out := Profile{Model: fmt.Sprintf("%s channel %d", p.Model, n), Registers: make(map[Quantity]Register, len(p.Registers))}
	for q, r := range p.Registers {
		a := int(r.Address) + shift
		if a+int(r.Count()) > 0x10000 {
			return Profile{}, fmt.Errorf("%w: profile %s: %s of channel %d at 0x%X runs past 0xFFFF", ErrInvalidRequest, p.Model, q, n, a)
		}
		r.Address = uint16(a)
		out.Registers[q] = r
	}
	return out, nil
}

// validateChannels checks the channel layout: no negative count, and for a
// multi-user device a stride that keeps channel blocks apart (at least the
// extent of the registers, so channel n+1 never overlaps channel n) and a
// last channel that still fits below 0xFFFF.
func (p Profile) validateChannels() error {
	if p.Channels < 0 {
		return fmt.Errorf("%w: profile %s: %d channels", ErrInvalidRequest, p.Model, p.Channels)
	}
	if p.Channels == 0 {
		return nil
	}
	lo, hi := 0x10000, 0
	for _, r := range p.Registers {
		lo, hi = min(lo, int(r.Address)), max(hi, int(r.Address)+int(r.Count()))
	}
	if hi == 0 {
		return nil
	}
	if p.Channels > 1 && int(p.ChannelStride) < hi-lo {
		return fmt.Errorf("%w: profile %s: channel stride 0x%X is below the %d registers of one channel, channels would overlap", ErrInvalidRequest, p.Model, p.ChannelStride, hi-lo)
	}
	if end := hi + (p.Channels-1)*int(p.ChannelStride); end > 0x10000 {
		return fmt.Errorf("%w: profile %s: channel %d runs past 0xFFFF", ErrInvalidRequest, p.Model, p.Channels)
	}
	return nil
}
