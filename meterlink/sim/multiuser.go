package sim

import (
	"errors"
	"fmt"

	"github.com/voltpay/voltpay/meterlink/modbus"
)

// MultiUser is a simulated multi-user metering device (多用户计量装置): one
// Modbus unit id on the bus for a whole floor, whose channels are meters of
// their own (energy, relay, balance, faults), each answering the register
// block of its channel (modbus.Profile.ForChannel). Put Meters() on a Modbus
// gateway's bus (NewGateway), alone or among single meters: the gateway
// hands every request to the unit to the device, which lets the channel
// whose block holds the addressed registers answer.
type MultiUser struct {
	unit     byte
	profile  modbus.Profile
	channels []*Meter         // channel n is channels[n-1]
	blocks   []modbus.Profile // channel n's register map is blocks[n-1]
	spans    [][2]int         // [lo, hi) of every register of channel n's block
}

// NewMultiUser returns a device at unit with one channel per config, channel
// n made from channels[n-1] (its Unit is set to unit), on clock (nil =
// SystemClock). Profile p gives the device's register layout and must have
// at least len(channels) channels.
func NewMultiUser(unit byte, p modbus.Profile, channels []MeterConfig, clock Clock) (*MultiUser, error) {
	if unit < 1 || unit > 247 {
		return nil, fmt.Errorf("sim: multi-user device unit id %d must be 1..247", unit)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("sim: multi-user device at unit %d: %w", unit, err)
	}
	if len(channels) == 0 || len(channels) > p.Channels {
		return nil, fmt.Errorf("sim: multi-user device at unit %d: %d channels, profile %s has 1..%d", unit, len(channels), p.Model, p.Channels)
	}
	d := &MultiUser{unit: unit, profile: p}
	for i, cfg := range channels {
		block, err := p.ForChannel(i + 1)
		if err != nil {
			return nil, fmt.Errorf("sim: multi-user device at unit %d: %w", unit, err)
		}
		lo, hi := 0x10000, 0
		for _, r := range block.Registers {
			lo, hi = min(lo, int(r.Address)), max(hi, int(r.Address)+int(r.Count()))
		}
		cfg.Unit = unit
		m := NewMeter(cfg, clock)
		m.device, m.channel = d, i+1
		d.channels = append(d.channels, m)
		d.blocks = append(d.blocks, block)
		d.spans = append(d.spans, [2]int{lo, hi})
	}
	return d, nil
}

// Unit returns the device's Modbus unit id.
func (d *MultiUser) Unit() byte { return d.unit }

// Meters returns the channel meters, channel 1 first.
func (d *MultiUser) Meters() []*Meter { return d.channels }

// Channel returns channel n's meter (1-based), or nil.
func (d *MultiUser) Channel(n int) *Meter {
	if n < 1 || n > len(d.channels) {
		return nil
	}
	return d.channels[n-1]
}

// Channel returns the meter's channel of its multi-user device, 0 for a
// meter of its own.
func (m *Meter) Channel() int { return m.channel }

// modbusProfile returns the register map the meter answers with: its
// channel's block on a multi-user device, else its gateway's profile gw.
func (m *Meter) modbusProfile(gw modbus.Profile) modbus.Profile {
	if m.device != nil {
		return m.device.blocks[m.channel-1]
	}
	return gw
}

// reply answers one request addressed to the device's unit. The channel
// whose block holds every register the request names answers it (silence
// when that channel is offline); a request across channels or outside them
// gets exception 02 from the device, and one that did not decode gets 01 or
// 03 as from a single meter. The returned meter is the channel that
// answered (channel 1 for the device's own exceptions), for the gateway's
// per-meter faults.
func (d *MultiUser) reply(req modbus.Request, decodeErr error) ([]byte, *Meter) {
	first := d.channels[0]
	if decodeErr != nil {
		code := modbus.IllegalDataValue
		if errors.Is(decodeErr, modbus.ErrInvalidRequest) {
			code = modbus.IllegalFunction
		}
		return modbus.AppendException(nil, req.Function, code), first
	}
	switch req.Function {
	case modbus.ReadHoldingRegisters, modbus.ReadInputRegisters, modbus.WriteSingleRegister, modbus.WriteMultipleRegisters:
	default:
		return first.HandleModbus(d.blocks[0], req), first // exception 01
	}
	lo := int(req.Address)
	hi := lo + max(int(req.Quantity), len(req.Values), 1)
	for i, sp := range d.spans {
		if lo < sp[0] || hi > sp[1] {
			continue
		}
		m := d.channels[i]
		if _, _, offline := m.faultConfig(); offline {
			return nil, m
		}
		return m.HandleModbus(d.blocks[i], req), m
	}
	return modbus.AppendException(nil, req.Function, modbus.IllegalDataAddress), first
}
