package billing

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestRateSplitAddsUp: the parts' fen add up to the charge's whatever the
// carry did, largest remainder first, and each part keeps its exact amount.
func TestRateSplitAddsUp(t *testing.T) {
	c := Charge{Fen: 7, Lines: []Line{
		{Rate: voltpay.RateValley, Wh: 1000, Price: 4000, Amount: Cost(1000, 4000)}, // 4 fen exactly... of 7
		{Rate: voltpay.RatePeak, Wh: 150, Price: 12000, Amount: Cost(150, 12000)},   // 1.8 fen
		{Rate: voltpay.RateValley, Tier: 0, Wh: 20, Price: 4000, Amount: Cost(20, 4000)},
		{Rate: voltpay.RateFlat, Tier: 2, Wh: 100, Price: 8000, Amount: Cost(100, 8000)},
	}}
	parts := RateSplit(c)
	if len(parts) != 3 || parts[0].Rate != voltpay.RatePeak || parts[1].Rate != voltpay.RateFlat || parts[2].Rate != voltpay.RateValley {
		t.Fatalf("parts %+v: want peak, flat (tier 2), valley", parts)
	}
	var sum voltpay.Fen
	var exact Micro
	for _, p := range parts {
		sum += p.Fen
		exact += p.Exact
	}
	if sum != 7 || exact != Cost(1000, 4000)+Cost(150, 12000)+Cost(20, 4000)+Cost(100, 8000) {
		t.Fatalf("parts %+v add up to %d fen, %s; want 7 fen", parts, sum, exact)
	}
	// 7 fen over exact 1.8 : 0.8 : 4.08 (sum 6.68): floors 1, 0, 4, the two fen left to the largest remainders.
	if parts[0].Fen != 2 || parts[1].Fen != 1 || parts[2].Fen != 4 || parts[2].EnergyWh != 1020 {
		t.Fatalf("parts %+v: want peak 2, flat 1, valley 4 fen (1020 Wh)", parts)
	}
	if got := RateSplit(Charge{Fen: 0, Lines: c.Lines}); got[0].Fen+got[1].Fen+got[2].Fen != 0 {
		t.Fatalf("a charge the carry kept shares no fen: %+v", got)
	}
}
