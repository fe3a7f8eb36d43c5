package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// TestConsole_SetMetersTariff assigns a tariff to several meters at once:
// all of them move, in id order, with one audit row; a batch with one meter
// that cannot move (charged past effectiveFrom) moves none and names it; a
// tariff of another site and a viewer are refused.
func TestConsole_SetMetersTariff(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	mk := func(site int64) int64 {
		tr, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: site, Name: fmt.Sprintf("批量 %d", next()),
			Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8000}})
		if err != nil {
			t.Fatal(err)
		}
		return tr.ID
	}
	old, newer := mk(env.Site.ID), mk(env.Site.ID)
	a, b, c := env.createMeter(t, &old), env.createMeter(t, &old), env.createMeter(t, &old)
	const q = `mutation($m: [ID!]!, $t: ID!, $from: Time) { setMetersTariff(meterIds: $m, tariffId: $t, effectiveFrom: $from) { id tariff { id } } }`
	tariffOf := func(m *voltpay.Meter) int64 {
		got, err := env.Res.MeterService.FindMeterByID(sys(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return *got.TariffID
	}

	var out struct {
		SetMetersTariff []struct {
			ID     string
			Tariff struct{ ID string }
		}
	}
	manager.do(t, q, map[string]any{"m": []any{b.ID, a.ID, b.ID}, "t": newer}).Decode(t, &out)
	if len(out.SetMetersTariff) != 2 || out.SetMetersTariff[0].ID != fmt.Sprint(a.ID) || out.SetMetersTariff[1].Tariff.ID != fmt.Sprint(newer) {
		t.Errorf("two meters, in id order, on the new tariff: %+v", out.SetMetersTariff)
	}
	if rows := auditRows(t, env, `operation = 'setMetersTariff' AND result = 'ok' AND args::text LIKE '%'||$1||'%'`, fmt.Sprint(a.ID)); len(rows) != 1 {
		t.Errorf("want one audit row for the batch, got %d", len(rows))
	}

	// c is charged up to a reading an hour ago: a change from two hours ago fails, for the whole batch.
	for _, at := range []time.Time{time.Now().Add(-3 * time.Hour), time.Now().Add(-time.Hour)} {
		if _, err := env.Res.ReadingService.RecordReadings(sys(), []*voltpay.Reading{{MeterID: c.ID, ReadAt: at, EnergyWh: 1000}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := newStoryClock(t, env).charge.ChargeMeters(sys(), []int64{c.ID}); err != nil {
		t.Fatal(err)
	}
	resp := manager.do(t, q, map[string]any{"m": []any{a.ID, c.ID}, "t": old, "from": time.Now().Add(-2 * time.Hour).Format(time.RFC3339)})
	if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "effectiveFrom" || !strings.Contains(resp.Errors[0].Message, fmt.Sprint(c.ID)) {
		t.Errorf("a meter charged past effectiveFrom: got %+v, want INVALID_INPUT naming it", resp.Errors)
	}
	if tariffOf(a) != newer {
		t.Error("a failed batch moved a meter")
	}

	if resp := manager.do(t, q, map[string]any{"m": []any{a.ID}, "t": mk(env.openOtherSite(t))}); resp.Code() != voltpay.EINVALID {
		t.Errorf("a tariff of another site: got %+v, want INVALID_INPUT", resp.Errors)
	}
	if resp := manager.do(t, q, map[string]any{"m": []any{}, "t": old}); resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "meterIds" {
		t.Errorf("no meter: got %+v, want INVALID_INPUT naming meterIds", resp.Errors)
	}
	if resp := env.operator(t, voltpay.RoleViewer).do(t, q, map[string]any{"m": []any{a.ID}, "t": old}); resp.Code() != voltpay.EFORBIDDEN {
		t.Errorf("a viewer: got %+v, want FORBIDDEN", resp.Errors)
	}
}

// openOtherSite makes another site and returns its id.
func (e *testEnv) openOtherSite(t *testing.T) int64 {
	t.Helper()
	s, err := e.Res.SiteService.CreateSite(sys(), voltpay.SiteInput{Name: fmt.Sprintf("另一场 %d", next()), Code: fmt.Sprintf("O%d", next())})
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}
