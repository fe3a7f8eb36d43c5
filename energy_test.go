package voltpay

import (
	"testing"
	"time"
)

// TestEnergyEdges: a chart's points start at from and at each local
// interval's start after it, the last ending at to; a daylight-saving day
// has 23 or 25 hourly points; more than MaxEnergyPoints is refused naming
// interval.
func TestEnergyEdges(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	day := func(loc *time.Location, y int, m time.Month, d, h int) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, loc)
	}
	for _, c := range []struct {
		name     string
		from, to time.Time
		interval string
		points   int
		second   time.Time // where the second point starts
	}{
		{"days from mid-morning", day(shanghai, 2026, 11, 1, 10), day(shanghai, 2026, 11, 8, 0), IntervalDay, 7, day(shanghai, 2026, 11, 2, 0)},
		{"months across a year end", day(shanghai, 2026, 11, 15, 0), day(shanghai, 2027, 2, 1, 0), IntervalMonth, 3, day(shanghai, 2026, 12, 1, 0)},
		{"hours of the day clocks go back", day(newYork, 2026, 11, 1, 0), day(newYork, 2026, 11, 2, 0), IntervalHour, 25, day(newYork, 2026, 11, 1, 1)},
		{"hours of the day clocks go forward", day(newYork, 2026, 3, 8, 0), day(newYork, 2026, 3, 9, 0), IntervalHour, 23, day(newYork, 2026, 3, 8, 1)},
		{"days across the change", day(newYork, 2026, 10, 31, 0), day(newYork, 2026, 11, 3, 0), IntervalDay, 3, day(newYork, 2026, 11, 1, 0)},
	} {
		q := EnergyQuery{Scope: EnergyScopeSite, ID: 1, From: c.from, To: c.to, Interval: c.interval}
		if err := q.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		edges, err := EnergyEdges(q, c.from.Location())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(edges)-1 != c.points || !edges[0].Equal(c.from) || !edges[len(edges)-1].Equal(c.to) || !edges[1].Equal(c.second) {
			t.Errorf("%s: %d points from %s, second %s, last ending %s; want %d from %s, second %s",
				c.name, len(edges)-1, edges[0], edges[1], edges[len(edges)-1], c.points, c.from, c.second)
		}
		for i := 1; i < len(edges); i++ {
			if !edges[i].After(edges[i-1]) {
				t.Errorf("%s: edge %d (%s) not after %s", c.name, i, edges[i], edges[i-1])
			}
		}
	}
	from := day(shanghai, 2026, 1, 1, 0)
	if _, err := EnergyEdges(EnergyQuery{From: from, To: from.Add(MaxEnergyPoints * time.Hour), Interval: IntervalHour}, shanghai); err != nil {
		t.Errorf("%d hourly points: %v", MaxEnergyPoints, err)
	}
	_, err = EnergyEdges(EnergyQuery{From: from, To: from.Add((MaxEnergyPoints + 1) * time.Hour), Interval: IntervalHour}, shanghai)
	if e, ok := err.(*Error); !ok || e.Code != EINVALID || e.Field != "interval" {
		t.Errorf("%d hourly points: got %v, want INVALID_INPUT naming interval", MaxEnergyPoints+1, err)
	}
	for _, q := range []EnergyQuery{
		{Scope: "floor", Interval: IntervalDay, From: from, To: from.Add(time.Hour)},
		{Scope: EnergyScopeMeter, Interval: "week", From: from, To: from.Add(time.Hour)},
		{Scope: EnergyScopeMeter, Interval: IntervalDay, From: from, To: from},
		{Scope: EnergyScopeMeter, Interval: IntervalDay, From: from, To: from.AddDate(0, 0, MaxSummaryDays+1)},
	} {
		if err := q.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: got %v, want INVALID_INPUT", q, err)
		}
	}
}
