package postgres

import (
	"time"

	"github.com/voltpay/voltpay"
)

// energyRollupProbeQuery answers energyProbeQuery's rows from the energy
// rollup instead of the readings, for edges at local midnights ($2: their
// local dates, numbered from 1): a meter's registers at an edge are those
// its last day before the edge ended with (its last reading's total, the
// rate and reverse registers standing at its end), edge 0 its first day's
// first readings. One index probe of energy_days per meter and edge,
// however often the meters are read. %s is the scope's condition on
// meters m ($1 its id).
const energyRollupProbeQuery = `
	WITH scope AS (SELECT m.id, m.ct_ratio, m.protocol FROM meters m WHERE %s)
	SELECT s.id, s.ct_ratio, s.protocol, e.i, d.last_energy_wh,
		d.end_sharp_wh, d.end_peak_wh, d.end_flat_wh, d.end_valley_wh, d.end_reverse_wh
	FROM scope s
	CROSS JOIN unnest($2::date[]) WITH ORDINALITY AS e (day, i)
	LEFT JOIN LATERAL (
		SELECT d.last_energy_wh, d.end_sharp_wh, d.end_peak_wh, d.end_flat_wh, d.end_valley_wh, d.end_reverse_wh
		FROM energy_days d WHERE d.meter_id = s.id AND d.day < e.day
		ORDER BY d.day DESC LIMIT 1) d ON true
	UNION ALL
	SELECT s.id, s.ct_ratio, s.protocol, 0, d.first_energy_wh,
		d.first_sharp_wh, d.first_peak_wh, d.first_flat_wh, d.first_valley_wh, d.first_reverse_wh
	FROM scope s
	LEFT JOIN LATERAL (
		SELECT d.first_energy_wh, d.first_sharp_wh, d.first_peak_wh, d.first_flat_wh, d.first_valley_wh, d.first_reverse_wh
		FROM energy_days d WHERE d.meter_id = s.id
		ORDER BY d.day LIMIT 1) d ON true
	ORDER BY 1, 4`

// rollupEdges returns the local dates of the edges when the rollup can
// answer the chart: days or months (an hour is finer than the rollup),
// every edge a local midnight (a chart from 10:00 needs the register at
// 10:00), and the meters counted over their whole history (since false:
// an account's chart counts each meter from when it was attached, which
// may be any time of day; such a chart is a few meters and probes their
// readings instead).
func rollupEdges(q voltpay.EnergyQuery, since bool, edges []time.Time, loc *time.Location) ([]string, bool) {
	if since || q.Interval == voltpay.IntervalHour {
		return nil, false
	}
	return localMidnights(edges, loc)
}

// localMidnights returns the local dates of times that are all midnights
// in loc, and false when one is not.
func localMidnights(ts []time.Time, loc *time.Location) ([]string, bool) {
	days := make([]string, len(ts))
	for i, t := range ts {
		l := t.In(loc)
		if l.Hour() != 0 || l.Minute() != 0 || l.Second() != 0 || l.Nanosecond() != 0 {
			return nil, false
		}
		days[i] = l.Format(time.DateOnly)
	}
	return days, true
}
