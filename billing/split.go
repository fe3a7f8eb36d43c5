package billing

import (
	"slices"

	"github.com/voltpay/voltpay"
)

// RatePart is what one charge took at one TOU rate and tier: the energy,
// the exact amount and its share of the charge's whole fen.
type RatePart struct {
	Rate     string // voltpay.RateFlat for flat and tiered tariffs
	Tier     int    // 1-based; 0 for a tariff without tiers
	EnergyWh voltpay.Wh
	Exact    Micro
	Fen      voltpay.Fen
}

// RateSplit splits a charge by rate and tier, in voltpay.TOURates order then
// tier. The whole fen the carry charged (c.Fen, which may be a fen more or
// less than the sum of the parts' rounded exact amounts, or 0 while the
// carry keeps it) are shared over the parts in proportion to their exact
// amounts by largest remainder, so the parts' fen add up to c.Fen exactly;
// a charge of energy at no price shares by energy. A charge of no energy
// has no part.
func RateSplit(c Charge) []RatePart {
	var parts []RatePart
	for _, l := range c.Lines {
		i := slices.IndexFunc(parts, func(p RatePart) bool { return p.Rate == l.Rate && p.Tier == l.Tier })
		if i < 0 {
			parts = append(parts, RatePart{Rate: l.Rate, Tier: l.Tier})
			i = len(parts) - 1
		}
		parts[i].EnergyWh += l.Wh
		parts[i].Exact += l.Amount
	}
	order := func(rate string) int { return slices.Index(voltpay.TOURates, rate) }
	slices.SortStableFunc(parts, func(a, b RatePart) int {
		if d := order(a.Rate) - order(b.Rate); d != 0 {
			return d
		}
		return a.Tier - b.Tier
	})
	weights := make([]int64, len(parts))
	for i, p := range parts {
		weights[i] = max(int64(p.Exact), 0)
	}
	for i, fen := range allocate(int64(c.Fen), weights) {
		parts[i].Fen = voltpay.Fen(fen)
	}
	return parts
}
