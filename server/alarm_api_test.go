package main

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// TestAPI_MeterDisplayStatus wires Meter.displayStatus to billing.Status
// (whose rule billing tests): one meter per precedence case, each set up
// through its account's balance and the meter's stored state.
func TestAPI_MeterDisplayStatus(t *testing.T) {
	env := newEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)
	cases := []struct {
		want    string
		account bool
		balance voltpay.Fen
		online  bool
		relay   string
		mode    string
	}{
		{billing.StatusNotOpened, false, 0, true, voltpay.RelayClosed, billing.ModePrepaid},
		{billing.StatusOffline, true, 0, false, voltpay.RelayOpen, billing.ModeGuarantee},
		{billing.StatusGuarantee, true, 0, true, voltpay.RelayOpen, billing.ModeGuarantee},
		{billing.StatusTripped, true, 100_00, true, voltpay.RelayOpen, billing.ModeForcedTrip},
		{billing.StatusArrears, true, 0, true, voltpay.RelayClosed, billing.ModePrepaid},
		{billing.StatusAlarm2, true, voltpay.DefaultAlarm2Fen, true, voltpay.RelayClosed, billing.ModePrepaid},
		{billing.StatusAlarm1, true, voltpay.DefaultAlarm1Fen, true, voltpay.RelayClosed, billing.ModePrepaid},
		{billing.StatusNormal, true, voltpay.DefaultAlarm1Fen + 1, true, voltpay.RelayUnknown, billing.ModePrepaid},
	}
	want := map[string]string{}
	for _, c := range cases {
		m := env.createMeter(t, nil)
		if c.account {
			env.openAccount(t, c.balance, m.ID)
		}
		if _, err := env.DB.Exec(`UPDATE meters SET online = $2, relay = $3, control_mode = $4 WHERE id = $1`,
			m.ID, c.online, c.relay, c.mode); err != nil {
			t.Fatal(err)
		}
		want[fmt.Sprint(m.ID)] = c.want
	}
	var got struct {
		Meters struct {
			Nodes []struct{ ID, DisplayStatus string }
		}
	}
	viewer.do(t, `query($site: ID!) { meters(first: 100, filter: {siteId: $site}) { nodes { id displayStatus } } }`,
		map[string]any{"site": env.Site.ID}).Decode(t, &got)
	if len(got.Meters.Nodes) != len(cases) {
		t.Fatalf("got %d meters, want %d", len(got.Meters.Nodes), len(cases))
	}
	for _, m := range got.Meters.Nodes {
		if m.DisplayStatus != want[m.ID] {
			t.Errorf("meter %s: displayStatus %s, want %s", m.ID, m.DisplayStatus, want[m.ID])
		}
	}
}

type apiAlarm struct {
	ID, Kind  string
	ClearedAt *string
	Account   *struct{ ID string }
	Meter     *struct{ ID string }
	Gateway   *struct{ ID string }
}

type apiAlarmPage struct {
	Alarms struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
		Nodes []apiAlarm
	}
}

const apiAlarmsQuery = `query($f: AlarmFilter, $first: Int, $after: String) {
  alarms(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind clearedAt account { id } meter { id } gateway { id } }
  }
}`

// TestAPI_Alarms: the alarms query's filters and pages for an operator, a
// tenant confined to their account's alarms (and blind to gateways), and
// Meter.activeAlarms.
func TestAPI_Alarms(t *testing.T) {
	env := newEnv(t)
	ctx := sys()
	viewer := env.operator(t, voltpay.RoleViewer)
	m1, m2 := env.createMeter(t, nil), env.createMeter(t, nil)
	a1, a2 := env.openAccount(t, 0, m1.ID), env.openAccount(t, 0, m2.ID)
	g, err := env.Res.SiteService.CreateGateway(ctx, voltpay.GatewayInput{SiteID: env.Site.ID, Name: "告警网关",
		Endpoint: fmt.Sprintf("10.9.%d.%d:4001", next()%256, next()%256), Protocol: voltpay.ProtocolDLT645})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	rs := env.Res.ReadingService
	for i := range 3 { // m1: three outages, the last still on
		if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m1.ID, ReadAt: base.Add(time.Duration(i) * time.Minute), EnergyWh: 1}}); err != nil {
			t.Fatal(err)
		}
		if err := rs.MarkOffline(ctx, []int64{m1.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := rs.RecordReadings(ctx, []*voltpay.Reading{{MeterID: m2.ID, ReadAt: base, EnergyWh: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := rs.MarkOffline(ctx, []int64{m2.ID}); err != nil {
		t.Fatal(err)
	}
	if err := rs.RecordGatewayStates(ctx, []voltpay.GatewayState{{GatewayID: g.ID}}); err != nil {
		t.Fatal(err)
	}
	site := fmt.Sprint(env.Site.ID)
	list := func(c *client, f map[string]any, first int, after *string) apiAlarmPage {
		t.Helper()
		vars := map[string]any{"f": f, "first": first}
		if after != nil {
			vars["after"] = *after
		}
		var p apiAlarmPage
		c.do(t, apiAlarmsQuery, vars).Decode(t, &p)
		return p
	}

	for _, tc := range []struct {
		name string
		f    map[string]any
		want int
	}{
		{"site", map[string]any{"siteId": site}, 5},
		{"active", map[string]any{"siteId": site, "active": true}, 3},
		{"history", map[string]any{"siteId": site, "active": false}, 2},
		{"kind", map[string]any{"siteId": site, "kind": "gateway_offline"}, 1},
		{"meter", map[string]any{"meterId": fmt.Sprint(m1.ID)}, 3},
		{"account", map[string]any{"accountId": fmt.Sprint(a2.ID)}, 1},
		{"gateway", map[string]any{"gatewayId": fmt.Sprint(g.ID)}, 1},
		{"to", map[string]any{"siteId": site, "to": "2000-01-01T00:00:00Z"}, 0},
	} {
		if p := list(viewer, tc.f, 50, nil); p.Alarms.TotalCount != tc.want || len(p.Alarms.Nodes) != tc.want {
			t.Errorf("%s: %d of %d alarms, want %d", tc.name, len(p.Alarms.Nodes), p.Alarms.TotalCount, tc.want)
		}
	}
	gw := list(viewer, map[string]any{"gatewayId": fmt.Sprint(g.ID)}, 1, nil).Alarms.Nodes[0]
	if gw.Gateway == nil || gw.Gateway.ID != fmt.Sprint(g.ID) || gw.Meter != nil || gw.Account != nil || gw.ClearedAt != nil {
		t.Errorf("gateway alarm: %+v", gw)
	}

	// Pages of two, newest first, until the end.
	var seen []string
	var after *string
	for {
		p := list(viewer, map[string]any{"siteId": site}, 2, after)
		for _, n := range p.Alarms.Nodes {
			seen = append(seen, n.ID)
		}
		if !p.Alarms.PageInfo.HasNextPage {
			break
		}
		after = p.Alarms.PageInfo.EndCursor
	}
	if len(seen) != 5 {
		t.Fatalf("pages gave %v, want 5 alarms", seen)
	}
	for i := 1; i < len(seen); i++ {
		prev, _ := strconv.ParseInt(seen[i-1], 10, 64)
		if id, _ := strconv.ParseInt(seen[i], 10, 64); id >= prev {
			t.Fatalf("not newest first: %v", seen)
		}
	}

	tenant := env.tenant(t, a1.ID)
	for _, f := range []map[string]any{nil, {"accountId": fmt.Sprint(a2.ID)}, {"siteId": site}} {
		p := list(tenant, f, 50, nil)
		if p.Alarms.TotalCount != 3 {
			t.Errorf("tenant with filter %v: %d alarms, want their 3", f, p.Alarms.TotalCount)
		}
		for _, n := range p.Alarms.Nodes {
			if n.Account == nil || n.Account.ID != fmt.Sprint(a1.ID) || n.Gateway != nil {
				t.Errorf("tenant sees %+v", n)
			}
		}
	}
	if p := list(tenant, map[string]any{"gatewayId": fmt.Sprint(g.ID)}, 50, nil); p.Alarms.TotalCount != 0 {
		t.Errorf("tenant sees %d gateway alarms", p.Alarms.TotalCount)
	}

	var mp struct {
		Meter struct{ ActiveAlarms []struct{ Kind string } }
	}
	tenant.do(t, `query($id: ID!) { meter(id: $id) { activeAlarms { kind } } }`, map[string]any{"id": m1.ID}).Decode(t, &mp)
	if len(mp.Meter.ActiveAlarms) != 1 || mp.Meter.ActiveAlarms[0].Kind != voltpay.AlarmOffline {
		t.Errorf("activeAlarms = %+v, want one offline", mp.Meter.ActiveAlarms)
	}
}
