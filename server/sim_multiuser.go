package main

import (
	"cmp"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// simMultiUsers builds the multi-user devices of a Modbus bus: the channel
// meters (Channel > 0) at one unit id become one sim.MultiUser with the
// register layout of their model (poller.ProfileFor, as the poller reads
// them), so each channel answers its own block. Channels the database does
// not list are filled with meters nobody reads. Every channel draws its
// load from rng and continues from its last reading. It returns the
// devices' meters and the meters of their own, left for the caller.
func simMultiUsers(gw string, ms []*voltpay.Meter, rng *rand.Rand, opt simOptions) ([]*sim.Meter, []*voltpay.Meter) {
	byUnit := map[string][]*voltpay.Meter{}
	var own []*voltpay.Meter
	for _, m := range ms {
		if m.Channel > 0 {
			byUnit[m.Address] = append(byUnit[m.Address], m)
		} else {
			own = append(own, m)
		}
	}
	var out []*sim.Meter
	for _, addr := range slices.Sorted(maps.Keys(byUnit)) {
		chans := byUnit[addr]
		slices.SortFunc(chans, func(a, b *voltpay.Meter) int { return cmp.Compare(a.Channel, b.Channel) })
		p := poller.ProfileFor(chans[0].Model)
		cfgs := make([]sim.MeterConfig, chans[len(chans)-1].Channel)
		for i := range cfgs {
			cfgs[i] = sim.MeterConfig{LoadW: 700 + rng.Int64N(601)}
		}
		unit, _ := strconv.Atoi(addr)
		dev, err := sim.NewMultiUser(byte(unit), p, cfgs, sim.SystemClock{})
		if err != nil {
			opt.Log.Warn("sim: skipping multi-user device the bus cannot use", "gateway", gw, "unit", addr, "model", chans[0].Model, "err", err)
			continue
		}
		for _, m := range chans {
			if m.LastEnergyWh != nil {
				dev.Channel(m.Channel).SetEnergy(int64(*m.LastEnergyWh))
			}
		}
		out = append(out, dev.Meters()...)
	}
	return out, own
}
