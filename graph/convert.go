package graph

import (
	"fmt"
	"net/url"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// tariffInput converts the GraphQL tariff input to the domain's.
func tariffInput(in model.TariffInput) (voltpay.TariffInput, error) {
	out := voltpay.TariffInput{SiteID: in.SiteID, Name: in.Name, Kind: in.Kind, Prices: map[string]voltpay.Price{}}
	if in.BillingPeriod != nil {
		out.BillingPeriod = *in.BillingPeriod
	}
	for _, p := range in.Prices {
		if _, dup := out.Prices[p.Rate]; dup {
			return out, voltpay.Invalid("prices", "rate %s is priced twice; give each rate one price", p.Rate)
		}
		out.Prices[p.Rate] = p.Price
	}
	var err error
	if out.Periods, err = tariffPeriods(in.Periods); err != nil {
		return out, err
	}
	for _, v := range in.Variants {
		ps, err := tariffPeriods(v.Periods)
		if err != nil {
			return out, err
		}
		wds := make([]time.Weekday, len(v.Weekdays))
		for i, wd := range v.Weekdays {
			wds[i] = time.Weekday(wd)
		}
		out.Variants = append(out.Variants, voltpay.TariffVariant{Months: v.Months, Weekdays: wds, Periods: ps})
	}
	for _, t := range in.Tiers {
		out.Tiers = append(out.Tiers, voltpay.TariffTier{UpToWh: t.UpToWh, Price: t.Price})
	}
	return out, nil
}

// tariffPeriods converts periods with "HH:MM" starts.
func tariffPeriods(in []*model.TariffPeriodInput) ([]voltpay.TariffPeriod, error) {
	var out []voltpay.TariffPeriod
	for _, p := range in {
		m, err := parseMinute(p.Start)
		if err != nil {
			return nil, err
		}
		out = append(out, voltpay.TariffPeriod{StartMinute: m, Rate: p.Rate})
	}
	return out, nil
}

// parseMinute parses "HH:MM" into minutes after midnight.
func parseMinute(s string) (int, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || len(s) != 5 || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, voltpay.Invalid("periods", "period start %q is not a time of day like \"08:30\"", s)
	}
	return h*60 + m, nil
}

// ratePrices lists a tariff's prices in meter register order.
func ratePrices(t *voltpay.Tariff) []*model.RatePrice {
	var out []*model.RatePrice
	for _, rate := range voltpay.TOURates {
		if p, ok := t.Prices[rate]; ok {
			out = append(out, &model.RatePrice{Rate: rate, Price: p})
		}
	}
	return out
}

// permissions lists what a principal may do.
func permissions(p *voltpay.Principal) []voltpay.Permission {
	var out []voltpay.Permission
	for _, perm := range voltpay.AllPermissions {
		if p.Can(perm) {
			out = append(out, perm)
		}
	}
	return out
}

// redactURL hides the password of a URL such as socks5://user:pass@host:port.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "[unparseable]"
	}
	return u.Redacted()
}
