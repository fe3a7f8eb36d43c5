package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// statusCount is one MeterStatusCount as the tests select it.
type statusCount struct {
	Status                 string
	Count, Online, Offline int
}

// meterStatusCounts asks c for the counts of site (and building, if not nil).
func meterStatusCounts(t *testing.T, c *client, site int64, building *int64) map[string]statusCount {
	t.Helper()
	vars := map[string]any{"site": site}
	if building != nil {
		vars["building"] = *building
	}
	var got struct{ MeterStatusCounts []statusCount }
	c.do(t, `query($site: ID, $building: ID) { meterStatusCounts(siteId: $site, buildingId: $building) { status count online offline } }`,
		vars).Decode(t, &got)
	if len(got.MeterStatusCounts) != len(billing.Statuses) {
		t.Fatalf("want every status once, got %+v", got.MeterStatusCounts)
	}
	out := map[string]statusCount{}
	for i, c := range got.MeterStatusCounts {
		if c.Status != billing.Statuses[i] {
			t.Errorf("status %d is %s, want %s (MeterDisplayStatus's order)", i, c.Status, billing.Statuses[i])
		}
		if c.Online+c.Offline != c.Count {
			t.Errorf("%s: online %d + offline %d != count %d", c.Status, c.Online, c.Offline, c.Count)
		}
		out[c.Status] = c
	}
	return out
}

// TestConsole_MeterStatusCounts puts meters of a building in every display
// status (a per-meter account's meters each by their own balance) and
// checks the counts against the displayStatus of each meter as the meters
// list shows it: the precedence is the same, written once.
func TestConsole_MeterStatusCounts(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	b, err := env.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: env.Site.ID, Name: fmt.Sprintf("状态楼 %d", next())})
	if err != nil {
		t.Fatal(err)
	}
	meter := func() *voltpay.Meter {
		m, err := env.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: env.Site.ID, BuildingID: &b.ID,
			Address: fmt.Sprintf("%012d", 700000000+next()), Protocol: voltpay.MeterProtocolDLT645})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	read := func(m *voltpay.Meter, relay string) {
		if _, err := env.Res.ReadingService.RecordReadings(sys(), []*voltpay.Reading{{MeterID: m.ID, ReadAt: time.Now(), EnergyWh: 1000, Relay: &relay}}); err != nil {
			t.Fatal(err)
		}
	}
	online := func(balance voltpay.Fen, relay string) *voltpay.Meter {
		m := meter()
		env.openAccount(t, balance, m.ID)
		read(m, relay)
		return m
	}
	meter()                                      // not_opened, offline (never read)
	read(meter(), voltpay.RelayClosed)           // not_opened, online
	env.openAccount(t, 100000, meter().ID)       // offline: never read
	online(100000, voltpay.RelayClosed)          // normal
	online(100000, voltpay.RelayClosed)          // normal
	online(0, voltpay.RelayClosed)               // arrears
	online(3000, voltpay.RelayClosed)            // alarm1 (5000 ≥ 3000 > 2000)
	online(1000, voltpay.RelayClosed)            // alarm2
	online(100000, voltpay.RelayOpen)            // tripped
	guaranteed := online(0, voltpay.RelayClosed) // guarantee, though in arrears
	admin.do(t, `mutation($m: ID!, $k: String!) { controlMeters(input: {meterIds: [$m], kind: guarantee_on, idempotencyKey: $k}) { batchKey } }`,
		map[string]any{"m": guaranteed.ID, "k": newKey()}).Decode(t, &struct{}{})
	// A per-meter account: the funded meter is normal, the other in arrears.
	funded, empty := meter(), meter()
	acct, _, err := env.Res.AccountService.OpenAccount(sys(), voltpay.OpenAccountInput{MeterIDs: []int64{funded.ID, empty.ID},
		Account:   voltpay.AccountInput{SiteID: env.Site.ID, TenantName: "分表商户", Phone: "13800138000", BalanceMode: voltpay.BalancePerMeter},
		FirstSale: &voltpay.SaleInput{AmountFen: 100000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey(), MeterID: &funded.ID}})
	if err != nil {
		t.Fatal(err)
	}
	read(funded, voltpay.RelayClosed)
	read(empty, voltpay.RelayClosed)
	// A meter of another building of the site.
	other := meter()
	if _, err := env.Res.MeterService.UpdateMeter(sys(), other.ID, voltpay.MeterInput{BuildingID: nil,
		Fields: voltpay.FieldSet{"buildingId": true}}); err != nil {
		t.Fatal(err)
	}

	want := map[string]statusCount{
		billing.StatusNotOpened: {Count: 3, Online: 1, Offline: 2}, billing.StatusOffline: {Count: 1, Offline: 1},
		billing.StatusGuarantee: {Count: 1, Online: 1}, billing.StatusTripped: {Count: 1, Online: 1},
		billing.StatusArrears: {Count: 2, Online: 2}, billing.StatusAlarm2: {Count: 1, Online: 1},
		billing.StatusAlarm1: {Count: 1, Online: 1}, billing.StatusNormal: {Count: 3, Online: 3},
	}
	// The building leaves out the other meter (not opened, offline).
	inBuilding := meterStatusCounts(t, admin, env.Site.ID, &b.ID)
	for st, w := range want {
		if st == billing.StatusNotOpened {
			w.Count, w.Offline = 2, 1
		}
		w.Status = st
		if inBuilding[st] != w {
			t.Errorf("building: %s: got %+v, want %+v", st, inBuilding[st], w)
		}
	}
	site := meterStatusCounts(t, admin, env.Site.ID, nil)
	for st, w := range want {
		w.Status = st
		if site[st] != w {
			t.Errorf("site: %s: got %+v, want %+v", st, site[st], w)
		}
	}

	// The same as each meter's displayStatus in the meters list.
	var list struct {
		Meters struct {
			Nodes []struct{ DisplayStatus string }
		}
	}
	admin.do(t, `query($s: ID!) { meters(first: 1000, filter: {siteId: $s, status: active}) { nodes { displayStatus } } }`,
		map[string]any{"s": env.Site.ID}).Decode(t, &list)
	fromList := map[string]int{}
	for _, m := range list.Meters.Nodes {
		fromList[m.DisplayStatus]++
	}
	for _, st := range billing.Statuses {
		if fromList[st] != site[st].Count {
			t.Errorf("%s: meterStatusCounts says %d, the meters' displayStatus %d", st, site[st].Count, fromList[st])
		}
	}

	// The meters list filters by the same statuses.
	for _, statuses := range [][]string{{billing.StatusArrears}, {billing.StatusNotOpened, billing.StatusTripped, billing.StatusGuarantee}} {
		var page struct {
			Meters struct {
				TotalCount int
				Nodes      []struct{ DisplayStatus string }
			}
		}
		admin.do(t, `query($s: ID!, $d: [MeterDisplayStatus!]) { meters(first: 100, filter: {siteId: $s, status: active, displayStatus: $d}) {
			totalCount nodes { displayStatus } } }`, map[string]any{"s": env.Site.ID, "d": statuses}).Decode(t, &page)
		want := 0
		for _, st := range statuses {
			want += site[st].Count
		}
		if page.Meters.TotalCount != want || len(page.Meters.Nodes) != want {
			t.Errorf("meters showing %v: %d listed of %d, want %d", statuses, len(page.Meters.Nodes), page.Meters.TotalCount, want)
		}
		for _, m := range page.Meters.Nodes {
			if !slices.Contains(statuses, m.DisplayStatus) {
				t.Errorf("meters showing %v lists one showing %s", statuses, m.DisplayStatus)
			}
		}
	}

	// A tenant counts their own account's meters only.
	tenant := meterStatusCounts(t, env.tenant(t, acct.ID), env.Site.ID, nil)
	if tenant[billing.StatusNormal].Count != 1 || tenant[billing.StatusArrears].Count != 1 || tenant[billing.StatusNotOpened].Count != 0 {
		t.Errorf("tenant of the per-meter account: %+v", tenant)
	}
}

// TestConsole_Roles: every role with the permissions it holds, as
// authzRoleTable pins them, for any signed-in caller.
func TestConsole_Roles(t *testing.T) {
	env := newEnv(t)
	var got struct {
		Roles []struct {
			Role        voltpay.Role
			Permissions []voltpay.Permission
		}
	}
	env.operator(t, voltpay.RoleViewer).do(t, `{ roles { role permissions } }`, nil).Decode(t, &got)
	if len(got.Roles) != len(voltpay.Roles) {
		t.Fatalf("roles: %+v", got.Roles)
	}
	for i, r := range got.Roles {
		if r.Role != voltpay.Roles[i] || !slices.Equal(r.Permissions, authzPermsOf(authzRoleTable[r.Role])) {
			t.Errorf("role %d: %+v, want %s with %v", i, r, voltpay.Roles[i], authzPermsOf(authzRoleTable[voltpay.Roles[i]]))
		}
	}
}
