package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// readingsPage is a page of Meter.readings as the tests select it.
type readingsPage struct {
	Meter struct {
		Readings struct {
			TotalCount int
			Nodes      []struct{ EnergyWh int64 }
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       string
			}
		}
	}
}

// energies lists a page's readings by their energy, in page order.
func (p readingsPage) energies() string {
	s := ""
	for _, n := range p.Meter.Readings.Nodes {
		s += fmt.Sprintf("%d ", n.EnergyWh)
	}
	return s
}

// TestConsole_MeterReadings pages a meter's readings newest first, forward
// and backward with cursors, within from and to; its tenant sees only those
// from when the meter was attached to their account.
func TestConsole_MeterReadings(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	m := env.createMeter(t, nil)
	t0 := time.Now().Add(-10 * time.Hour).Truncate(time.Second)
	var rs []*voltpay.Reading
	for i := range 7 {
		rs = append(rs, &voltpay.Reading{MeterID: m.ID, ReadAt: t0.Add(time.Duration(i) * time.Hour), EnergyWh: voltpay.Wh(1000 * i)})
	}
	if _, err := env.Res.ReadingService.RecordReadings(sys(), rs); err != nil {
		t.Fatal(err)
	}
	story := newStoryClock(t, env)
	story.set(t0.Add(3*time.Hour - time.Minute)) // attached just before the fourth reading
	acct := story.open(m.ID)

	const q = `query($m: ID!, $from: Time, $to: Time, $first: Int, $after: String, $last: Int, $before: String) {
		meter(id: $m) { readings(from: $from, to: $to, first: $first, after: $after, last: $last, before: $before) {
			totalCount nodes { energyWh } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`
	page := func(c *client, vars map[string]any) readingsPage {
		t.Helper()
		vars["m"] = m.ID
		var p readingsPage
		c.do(t, q, vars).Decode(t, &p)
		return p
	}
	first := page(admin, map[string]any{"first": 3})
	if first.energies() != "6000 5000 4000 " || first.Meter.Readings.TotalCount != 7 || !first.Meter.Readings.PageInfo.HasNextPage {
		t.Errorf("first page: %s %+v", first.energies(), first.Meter.Readings)
	}
	second := page(admin, map[string]any{"first": 3, "after": first.Meter.Readings.PageInfo.EndCursor})
	if second.energies() != "3000 2000 1000 " || !second.Meter.Readings.PageInfo.HasPreviousPage {
		t.Errorf("second page: %s %+v", second.energies(), second.Meter.Readings.PageInfo)
	}
	back := page(admin, map[string]any{"last": 2, "before": second.Meter.Readings.PageInfo.StartCursor})
	if back.energies() != "5000 4000 " || !back.Meter.Readings.PageInfo.HasPreviousPage || !back.Meter.Readings.PageInfo.HasNextPage {
		t.Errorf("two back from the second page: %s %+v", back.energies(), back.Meter.Readings.PageInfo)
	}
	oldest := page(admin, map[string]any{"last": 2})
	if oldest.energies() != "1000 0 " || oldest.Meter.Readings.PageInfo.HasNextPage {
		t.Errorf("the last two: %s %+v", oldest.energies(), oldest.Meter.Readings.PageInfo)
	}
	window := page(admin, map[string]any{"from": t0.Add(time.Hour).Format(time.RFC3339), "to": t0.Add(3 * time.Hour).Format(time.RFC3339)})
	if window.energies() != "2000 1000 " || window.Meter.Readings.TotalCount != 2 {
		t.Errorf("from the second to before the fourth: %s", window.energies())
	}
	// A cursor of another window is refused.
	resp := admin.do(t, q, map[string]any{"m": m.ID, "from": t0.Format(time.RFC3339), "after": first.Meter.Readings.PageInfo.EndCursor})
	if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "after" {
		t.Errorf("a cursor under another filter: got %+v, want INVALID_INPUT naming after", resp.Errors)
	}

	tenant := page(env.tenant(t, acct.ID), map[string]any{})
	if tenant.energies() != "6000 5000 4000 3000 " || tenant.Meter.Readings.TotalCount != 4 {
		t.Errorf("the tenant sees %s (%d), want only the readings since the meter became theirs", tenant.energies(), tenant.Meter.Readings.TotalCount)
	}
}
