package billing

import (
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
)

// ChinaTime is the local time of tariffs (UTC+8, no daylight saving).
var ChinaTime = time.FixedZone("CST", 8*3600)

// Interval is the energy a meter used between two readings, CT ratio
// applied (see Delta).
type Interval struct {
	From, To time.Time
	EnergyWh voltpay.Wh
	// RateWh is the energy per TOU rate when the meter keeps per-rate
	// registers; nil otherwise. When it adds up to EnergyWh and every
	// tariff in force prices each of its rates, each rate's energy is
	// priced at that rate, where the meter itself put it: an interval that
	// spans an offline gap is split as the meter measured it, not by time.
	RateWh map[string]voltpay.Wh
}

// Usage is the energy already priced in a tiered tariff's billing period
// (the period's start, in local time). The zero Usage is an empty period.
type Usage struct {
	Period time.Time
	Wh     voltpay.Wh
}

// Line is one priced part of an interval: energy at one price.
type Line struct {
	From, To time.Time
	TariffID int64
	Rate     string // voltpay.RateFlat for flat and tiered tariffs
	Tier     int    // 1-based; 0 for a tariff without tiers
	Wh       voltpay.Wh
	Price    voltpay.Price
	Amount   Micro // exactly Wh × Price
}

// Pricer prices intervals. Loc is the tariffs' local time (default
// ChinaTime).
type Pricer struct{ Loc *time.Location }

// share is energy of one rate in one piece.
type share struct {
	piece int
	rate  string
	wh    int64
}

// Price prices iv under the schedule, with u the energy already used in the
// billing period of a tiered tariff. It returns the lines in time order and
// the usage after them. The lines' energy adds up to iv.EnergyWh and each
// amount is exact; rounding to fen is the Carry's job. Tiers: an interval
// that crosses a tier bound is priced on both sides of it, and usage starts
// afresh with each billing period. A TOU tariff with tiers adds the tier's
// price to the rate's (阶梯 on top of 峰谷); a tiered tariff prices by tier
// alone. Errors: a negative energy, an interval ending before it starts, no
// tariff in force, a rate without a price.
func (p Pricer) Price(iv Interval, s Schedule, u Usage) ([]Line, Usage, error) {
	loc := p.Loc
	if loc == nil {
		loc = ChinaTime
	}
	switch {
	case iv.EnergyWh < 0:
		return nil, u, fmt.Errorf("billing: negative energy %d Wh", iv.EnergyWh)
	case iv.To.Before(iv.From):
		return nil, u, fmt.Errorf("billing: interval ends (%s) before it starts (%s)", iv.To, iv.From)
	case iv.EnergyWh == 0:
		return nil, u, nil
	}
	to := iv.To
	if !to.After(iv.From) {
		to = iv.From.Add(time.Nanosecond) // energy in no time: priced at the start
	}
	pieces, err := cut(iv.From, to, s, loc)
	if err != nil {
		return nil, u, err
	}
	var lines []Line
	for _, sh := range p.shares(iv, pieces) {
		pc := pieces[sh.piece]
		ls, next, err := priceShare(pc, sh, u)
		if err != nil {
			return nil, u, err
		}
		lines, u = append(lines, ls...), next
	}
	return lines, u, nil
}

// shares decides how much energy of which rate each piece gets, in time
// order: by the meter's rate registers when they can be used, else by
// time.
func (p Pricer) shares(iv Interval, pieces []piece) []share {
	weights := func(keep func(piece) bool) ([]int, []int64) {
		var idx []int
		var w []int64
		for i, pc := range pieces {
			if keep(pc) {
				idx = append(idx, i)
				w = append(w, int64(pc.to.Sub(pc.from)))
			}
		}
		return idx, w
	}
	var out []share
	if usableRates(iv, pieces) {
		for _, rate := range voltpay.TOURates {
			wh := int64(iv.RateWh[rate])
			if wh == 0 {
				continue
			}
			idx, w := weights(func(pc piece) bool { return pc.rate == rate })
			if len(idx) == 0 { // the meter's periods differ from the tariff's: spread over the interval
				idx, w = weights(func(piece) bool { return true })
			}
			for k, a := range allocate(wh, w) {
				if a > 0 {
					out = append(out, share{piece: idx[k], rate: rate, wh: a})
				}
			}
		}
		sortShares(out)
		return out
	}
	idx, w := weights(func(piece) bool { return true })
	for k, a := range allocate(int64(iv.EnergyWh), w) {
		if a > 0 {
			out = append(out, share{piece: idx[k], rate: pieces[idx[k]].rate, wh: a})
		}
	}
	return out
}

// usableRates reports whether iv's rate registers add up to its energy and
// every tariff in force is TOU and prices each rate with energy.
func usableRates(iv Interval, pieces []piece) bool {
	if len(iv.RateWh) == 0 {
		return false
	}
	var sum voltpay.Wh
	for _, wh := range iv.RateWh {
		sum += wh
	}
	if sum != iv.EnergyWh {
		return false
	}
	for _, pc := range pieces {
		if pc.tariff.Kind != voltpay.TariffTOU {
			return false
		}
		for rate, wh := range iv.RateWh {
			if _, ok := pc.tariff.Prices[rate]; wh > 0 && !ok {
				return false
			}
		}
	}
	return true
}

// sortShares orders shares by piece (time), then rate order, so tiers fill
// in time order.
func sortShares(ss []share) {
	rank := map[string]int{}
	for i, r := range voltpay.TOURates {
		rank[r] = i
	}
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0; j-- {
			a, b := ss[j-1], ss[j]
			if a.piece < b.piece || (a.piece == b.piece && rank[a.rate] <= rank[b.rate]) {
				break
			}
			ss[j-1], ss[j] = b, a
		}
	}
}

// priceShare prices one share, across tier bounds when the tariff has
// tiers.
func priceShare(pc piece, sh share, u Usage) ([]Line, Usage, error) {
	tr := pc.tariff
	base := voltpay.Price(0)
	if tr.Kind != voltpay.TariffTiered {
		var ok bool
		if base, ok = tr.Prices[sh.rate]; !ok {
			return nil, u, fmt.Errorf("billing: tariff %d (%s) has no price for rate %s", tr.ID, tr.Name, sh.rate)
		}
	}
	line := func(tier int, wh int64, price voltpay.Price) Line {
		return Line{From: pc.from, To: pc.to, TariffID: tr.ID, Rate: sh.rate, Tier: tier, Wh: voltpay.Wh(wh),
			Price: price, Amount: Cost(voltpay.Wh(wh), price)}
	}
	if len(tr.Tiers) == 0 {
		return []Line{line(0, sh.wh, base)}, u, nil
	}
	if !u.Period.Equal(pc.period) {
		u = Usage{Period: pc.period}
	}
	var out []Line
	left := sh.wh
	for k, tier := range tr.Tiers {
		room := left
		if tier.UpToWh != nil {
			room = min(left, max(0, int64(*tier.UpToWh)-int64(u.Wh)))
		}
		if room == 0 {
			continue
		}
		out = append(out, line(k+1, room, base+tier.Price))
		u.Wh += voltpay.Wh(room)
		if left -= room; left == 0 {
			break
		}
	}
	return out, u, nil
}
