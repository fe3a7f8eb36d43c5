package voltpay

import "fmt"

// DefaultMarkupCapPct is the regulated markup a site re-selling grid power
// may add over the grid's flat-period price, unless the site says otherwise.
const DefaultMarkupCapPct = 15

// MarkupCap returns the highest price allowed over grid at capPct percent,
// rounded down to the price unit (the check itself is exact: see
// CheckMarkup).
func MarkupCap(grid Price, capPct int) Price {
	return Price(int64(grid) * int64(100+capPct) / 100)
}

// CheckMarkup refuses a tariff whose any price is above the site's markup
// cap: grid × (100 + cap)/100, compared exactly in integers. The prices
// checked are what a tenant may pay per kWh: the flat price, each TOU rate's
// price (plus the highest tier surcharge when the tariff has tiers) and
// each tier's price of a tiered tariff. A site without a grid price is not
// checked. Call it after Validate. Errors: INVALID_INPUT naming the price,
// the grid price and the cap.
func (in *TariffInput) CheckMarkup(s *Site) error {
	if s == nil || s.GridPrice == nil {
		return nil
	}
	grid, pct := *s.GridPrice, s.MarkupCapPct
	over := func(p Price) bool { return int64(p)*100 > int64(grid)*int64(100+pct) }
	refuse := func(field, what string, p Price) error {
		return Invalid(field, "%s %s yuan/kWh is above the cap %s (grid flat price %s + %d%%); lower it or change the site's grid price",
			what, p, MarkupCap(grid, pct), grid, pct)
	}
	if in.Kind == TariffTiered {
		for i, t := range in.Tiers {
			if over(t.Price) {
				return refuse("tiers", fmt.Sprintf("tier %d price", i+1), t.Price)
			}
		}
		return nil
	}
	var surcharge Price
	for _, t := range in.Tiers {
		surcharge = max(surcharge, t.Price)
	}
	for _, rate := range TOURates { // a fixed order names the same price each time
		p, ok := in.Prices[rate]
		if !ok {
			continue
		}
		switch {
		case surcharge > 0 && over(p+surcharge):
			return refuse("prices", fmt.Sprintf("%s price %s + highest tier surcharge %s =", rate, p, surcharge), p+surcharge)
		case over(p):
			return refuse("prices", rate+" price", p)
		}
	}
	return nil
}
