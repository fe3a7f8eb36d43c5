package billing

import (
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
)

// Apportion splits totalFen over weights in proportion (公摊), in whole fen
// that add up to exactly totalFen: the largest remainder method (see
// allocate), so no fen is lost or made up by rounding each share. All
// weights zero share equally. Weights must not be negative.
func Apportion(totalFen voltpay.Fen, weights []int64) []voltpay.Fen {
	sign := voltpay.Fen(1)
	if totalFen < 0 {
		sign, totalFen = -1, -totalFen
	}
	parts := allocate(int64(totalFen), weights)
	out := make([]voltpay.Fen, len(parts))
	for i, p := range parts {
		out[i] = sign * voltpay.Fen(p)
	}
	return out
}

// Month parses "YYYY-MM" and returns its bounds in local time loc (nil:
// ChinaTime): the first instant of the month and of the next.
func Month(s string, loc *time.Location) (start, end time.Time, err error) {
	if loc == nil {
		loc = ChinaTime
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil || len(s) != 7 {
		return time.Time{}, time.Time{}, voltpay.Invalid("month", "month %q must be written YYYY-MM, e.g. 2026-11", s)
	}
	return t, t.AddDate(0, 1, 0), nil
}

// MonthReadings are the two readings of one meter that bound a month: the
// first at or after its start and the first at or after its end (or, when
// the meter has none yet, its last before the end). Nil when missing.
type MonthReadings struct {
	MeterID    int64
	CTRatio    int
	Start, End *Registers
}

// Energy returns the meter's energy over the month, CT ratio applied
// (Delta: a rollover counts, a fall is an error), and a note when it is
// measured over less than the month or not at all.
func (m MonthReadings) Energy(start, end time.Time) (voltpay.Wh, string, error) {
	if m.Start == nil || m.End == nil || !m.End.At.After(m.Start.At) {
		return 0, fmt.Sprintf("meter %d: no readings in the month, counted as 0", m.MeterID), nil
	}
	wh, err := Delta(m.Start.EnergyWh, m.End.EnergyWh, 0, m.CTRatio)
	if err != nil {
		return 0, "", voltpay.Errorf(voltpay.ECONFLICT, "meter %d: %v between %s and %s; correct its readings before apportioning the month",
			m.MeterID, err, m.Start.At.In(ChinaTime).Format(time.DateTime), m.End.At.In(ChinaTime).Format(time.DateTime))
	}
	note := ""
	if m.Start.At.After(start.Add(24*time.Hour)) || m.End.At.Before(end) {
		note = fmt.Sprintf("meter %d: measured %s to %s only", m.MeterID,
			m.Start.At.In(ChinaTime).Format(time.DateTime), m.End.At.In(ChinaTime).Format(time.DateTime))
	}
	return wh, note, nil
}

// Shared is the shared energy of a group's month.
type Shared struct {
	CommonWh   voltpay.Wh
	LineLossWh voltpay.Wh
	Notes      []string
}

// TotalWh is the energy to share.
func (s Shared) TotalWh() voltpay.Wh { return s.CommonWh + s.LineLossWh }

// SharedEnergy returns a month's shared energy: all of the common meters'
// energy, plus, with lineLoss, the line loss: the master meters' energy
// minus that of the meters below them, which are the members' meters and
// the common meters (the common meters hang below the master too, so
// leaving them out would count their energy twice). A negative loss (meters
// read at other times, a master that is not above them all) counts as 0,
// with a note.
func SharedEnergy(common, masters, subs []voltpay.Wh, lineLoss bool) Shared {
	var s Shared
	for _, wh := range common {
		s.CommonWh += wh
	}
	if !lineLoss {
		return s
	}
	var m, below voltpay.Wh
	for _, wh := range masters {
		m += wh
	}
	for _, wh := range subs {
		below += wh
	}
	below += s.CommonWh
	if loss := m - below; loss >= 0 {
		s.LineLossWh = loss
	} else {
		s.Notes = append(s.Notes, fmt.Sprintf("line loss negative (master %s, meters below %s): counted as 0", kWh(m), kWh(below)))
	}
	return s
}

// SharedPrice is the price of shared energy under tariff t: a flat
// tariff's price, a time-of-use tariff's flat-rate (平段) price, a tiered
// tariff's first tier. Shared energy has no time of day or tier of its own,
// so one price, rounded once over the month, keeps it simple and exact.
func SharedPrice(t *voltpay.Tariff) (voltpay.Price, error) {
	if t.Kind == voltpay.TariffTiered {
		if len(t.Tiers) > 0 {
			return t.Tiers[0].Price, nil
		}
	} else if p := t.Prices[voltpay.RateFlat]; p > 0 {
		return p, nil
	}
	return 0, voltpay.Invalid("tariffId", "tariff %s has no flat price to charge shared energy at; choose a tariff with a flat rate", t.Name)
}

// SharedCost is wh at price p, rounded once to whole fen.
func SharedCost(wh voltpay.Wh, p voltpay.Price) voltpay.Fen { return roundFen(Cost(wh, p)) }

// FormatKWh formats wh as kWh with three decimals, e.g. "1.234 kWh".
func FormatKWh(wh voltpay.Wh) string { return kWh(wh) }

// ApportionWh splits wh over weights like Apportion splits money, so that a
// statement's energies add up to the shared energy too.
func ApportionWh(wh voltpay.Wh, weights []int64) []voltpay.Wh {
	parts := allocate(int64(max(wh, 0)), weights)
	out := make([]voltpay.Wh, len(parts))
	for i, p := range parts {
		out[i] = voltpay.Wh(p)
	}
	return out
}
