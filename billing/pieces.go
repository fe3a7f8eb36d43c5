package billing

import (
	"fmt"
	"math/bits"
	"sort"
	"time"

	"github.com/voltpay/voltpay"
)

// Version is a tariff in force from From until the next version's From.
type Version struct {
	From   time.Time
	Tariff *voltpay.Tariff
}

// Schedule is a meter's tariffs over time (一表一电价, changes effective
// from a given time), sorted by From.
type Schedule []Version

// at returns the index of the version in force at t.
func (s Schedule) at(t time.Time) (int, bool) {
	i := sort.Search(len(s), func(i int) bool { return s[i].From.After(t) }) - 1
	return i, i >= 0
}

// piece is a stretch of an interval under one tariff version, one rate and
// one billing period.
type piece struct {
	from, to time.Time
	tariff   *voltpay.Tariff
	rate     string
	period   time.Time // start of the tiers' billing period; zero without tiers
}

// cut cuts [from, to) at tariff changes, time-of-use period edges and
// billing-period starts, in local time loc. Adjacent stretches that agree
// on all three are one piece. Errors: no tariff in force at some time.
func cut(from, to time.Time, s Schedule, loc *time.Location) ([]piece, error) {
	var out []piece
	for t := from; t.Before(to); {
		i, ok := s.at(t)
		if !ok {
			return nil, fmt.Errorf("billing: no tariff in force at %s", t.In(loc).Format(time.DateTime))
		}
		tr := s[i].Tariff
		end := to
		if i+1 < len(s) && s[i+1].From.Before(end) {
			end = s[i+1].From
		}
		rate, edge := rateAt(tr, t, loc)
		if !edge.IsZero() && edge.Before(end) {
			end = edge
		}
		var period time.Time
		if len(tr.Tiers) > 0 {
			var next time.Time
			period, next = billingPeriod(tr.BillingPeriod, t, loc)
			if next.Before(end) {
				end = next
			}
		}
		if n := len(out); n > 0 && out[n-1].tariff == tr && out[n-1].rate == rate && out[n-1].period.Equal(period) {
			out[n-1].to = end
		} else {
			out = append(out, piece{from: t, to: end, tariff: tr, rate: rate, period: period})
		}
		t = end
	}
	return out, nil
}

// rateAt returns the rate of tr at t and when the period holding t ends
// (zero for a tariff without periods: the rate never changes). A day's
// periods are those of its first matching variant (voltpay.Tariff.PeriodsOn)
// and run the whole local day, the last wrapping to the day's start; when
// the next day has other periods, the last period ends at midnight.
func rateAt(tr *voltpay.Tariff, t time.Time, loc *time.Location) (string, time.Time) {
	if tr.Kind != voltpay.TariffTOU || len(tr.Periods) == 0 {
		return voltpay.RateFlat, time.Time{}
	}
	lt := t.In(loc)
	midnight := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	variant, ps := tr.PeriodsOn(midnight)
	since := lt.Sub(midnight)
	// The last period starting at or before t; before the first start of
	// the day, the day's last period (it runs across midnight).
	i := sort.Search(len(ps), func(i int) bool { return time.Duration(ps[i].StartMinute)*time.Minute > since }) - 1
	rate := ps[len(ps)-1].Rate
	if i >= 0 {
		rate = ps[i].Rate
	}
	if i+1 < len(ps) {
		return rate, midnight.Add(time.Duration(ps[i+1].StartMinute) * time.Minute)
	}
	tomorrow := time.Date(lt.Year(), lt.Month(), lt.Day()+1, 0, 0, 0, 0, loc)
	if next, _ := tr.PeriodsOn(tomorrow); next != variant {
		return rate, tomorrow
	}
	return rate, tomorrow.Add(time.Duration(ps[0].StartMinute) * time.Minute)
}

// billingPeriod returns the start of the month or year holding t and the
// start of the next one, in loc.
func billingPeriod(kind string, t time.Time, loc *time.Location) (start, next time.Time) {
	lt := t.In(loc)
	if kind == voltpay.PeriodYear {
		start = time.Date(lt.Year(), 1, 1, 0, 0, 0, 0, loc)
		return start, start.AddDate(1, 0, 0)
	}
	start = time.Date(lt.Year(), lt.Month(), 1, 0, 0, 0, 0, loc)
	return start, start.AddDate(0, 1, 0)
}

// allocate shares total over weights in proportion, in whole units that add
// up to total: each gets the floor of its exact share, and the units left
// go to the largest remainders (earliest first on ties). All weights zero
// share equally.
func allocate(total int64, weights []int64) []int64 {
	out := make([]int64, len(weights))
	if len(weights) == 0 || total == 0 {
		return out
	}
	var sum uint64
	for _, w := range weights {
		sum += uint64(w)
	}
	if sum == 0 {
		weights = make([]int64, len(weights))
		for i := range weights {
			weights[i] = 1
		}
		sum = uint64(len(weights))
	}
	rem := make([]uint64, len(weights))
	left := total
	for i, w := range weights {
		hi, lo := bits.Mul64(uint64(total), uint64(w))
		q, r := bits.Div64(hi, lo, sum) // hi < sum: total·w < 2^64·sum
		out[i], rem[i] = int64(q), r
		left -= int64(q)
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; left > 0; k++ {
		out[order[k%len(order)]]++
		left--
	}
	return out
}
