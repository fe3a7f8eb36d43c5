package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// TestAPI_Apportionment: a manager sets up a 公摊 group over GraphQL and
// runs a month; each member's statement line and its 'apportionment' entry
// show on the account, a tenant sees only their own, a cashier may not run.
func TestAPI_Apportionment(t *testing.T) {
	env := newEnv(t)
	tariff, common := apportionSetup(t, env, 8523, "2026-09-01 00:00:00", 1000, "2026-10-01 00:00:00", 101_000)
	a, b := env.openAccount(t, 10_000), env.openAccount(t, 10_000)
	manager := env.operator(t, voltpay.RoleManager)
	in := map[string]any{"siteId": env.Site.ID, "name": "A座公摊", "method": "area", "tariffId": tariff.ID,
		"sources": []any{map[string]any{"meterId": common.ID, "role": "common"}},
		"members": []any{map[string]any{"accountId": a.ID, "areaM2x100": 10000}, map[string]any{"accountId": b.ID, "areaM2x100": 20000}}}
	var g struct {
		CreateApportionGroup struct {
			ID      string
			Method  string
			Tariff  struct{ ID string }
			Sources []struct {
				Role  string
				Meter struct{ ID string }
			}
		}
	}
	manager.do(t, `mutation($in: ApportionGroupInput!) { createApportionGroup(input: $in) {
		id method tariff { id } sources { role meter { id } } } }`, map[string]any{"in": in}).Decode(t, &g)
	if g.CreateApportionGroup.Method != "area" || len(g.CreateApportionGroup.Sources) != 1 || g.CreateApportionGroup.Sources[0].Meter.ID != fmt.Sprint(common.ID) {
		t.Fatalf("group %+v", g)
	}
	const run = `mutation($g: ID!, $m: String!) { runApportionment(groupId: $g, month: $m) {
		id month totalWh price totalFen lines { amountFen energyWh entry { type amountFen } } } }`
	vars := map[string]any{"g": g.CreateApportionGroup.ID, "m": "2026-09"}
	if code := env.operator(t, voltpay.RoleCashier).do(t, run, vars).Code(); code != voltpay.EFORBIDDEN {
		t.Fatalf("cashier: %s, want FORBIDDEN", code)
	}
	var r struct {
		RunApportionment struct {
			ID, Month, Price string
			TotalWh          int64
			TotalFen         int64
			Lines            []struct {
				AmountFen, EnergyWh int64
				Entry               struct {
					Type      string
					AmountFen int64
				}
			}
		}
	}
	manager.do(t, run, vars).Decode(t, &r)
	got := r.RunApportionment
	if got.Month != "2026-09" || got.TotalWh != 100_000 || got.Price != "0.8523" || got.TotalFen != 8523 || len(got.Lines) != 2 ||
		got.Lines[0].AmountFen != 2841 || got.Lines[1].AmountFen != 5682 || got.Lines[1].Entry.Type != "apportionment" ||
		got.Lines[1].Entry.AmountFen != -5682 {
		t.Fatalf("run %+v", got)
	}
	if code := manager.do(t, run, map[string]any{"g": g.CreateApportionGroup.ID, "m": "09/2026"}).Code(); code != voltpay.EINVALID {
		t.Fatalf("bad month: %s, want INVALID_INPUT", code)
	}

	var stmt struct {
		Account struct {
			BalanceFen     int64
			Apportionments []struct {
				Month     string
				AmountFen int64
				Note      string
			}
		}
	}
	env.tenant(t, b.ID).do(t, `query($id: ID!) { account(id: $id) { balanceFen apportionments { month amountFen note } } }`,
		map[string]any{"id": b.ID}).Decode(t, &stmt)
	if stmt.Account.BalanceFen != 10_000-5682 || len(stmt.Account.Apportionments) != 1 || stmt.Account.Apportionments[0].AmountFen != 5682 {
		t.Fatalf("statement %+v", stmt)
	}
	var runs struct {
		ApportionRuns []struct{ Lines []struct{ AmountFen int64 } }
	}
	env.tenant(t, a.ID).do(t, `query($g: ID!) { apportionRuns(groupId: $g) { lines { amountFen } } }`,
		map[string]any{"g": g.CreateApportionGroup.ID}).Decode(t, &runs)
	if len(runs.ApportionRuns) != 1 || len(runs.ApportionRuns[0].Lines) != 1 || runs.ApportionRuns[0].Lines[0].AmountFen != 2841 {
		t.Fatalf("tenant a's runs %+v", runs)
	}
}

// apportionSetup makes a flat tariff at price (in 1/10000 yuan) and a common
// meter read at from and to (Beijing time) with those registers.
func apportionSetup(t *testing.T, env *testEnv, price voltpay.Price, from string, fromWh voltpay.Wh, to string, toWh voltpay.Wh) (*voltpay.Tariff, *voltpay.Meter) {
	t.Helper()
	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("公摊电价 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: price}})
	if err != nil {
		t.Fatal(err)
	}
	common := env.createMeter(t, nil)
	for _, r := range []struct {
		at string
		wh voltpay.Wh
	}{{from, fromWh}, {to, toWh}} {
		at, _ := time.ParseInLocation(time.DateTime, r.at, billing.ChinaTime)
		if _, err := env.Res.ReadingService.RecordReadings(sys(), []*voltpay.Reading{{MeterID: common.ID, ReadAt: at, EnergyWh: r.wh}}); err != nil {
			t.Fatal(err)
		}
	}
	return tariff, common
}

// TestAPI_ApportionLookups: apportionGroup and apportionRun answer one
// object each, null (without an error) for an id of nothing and for a run a
// tenant was not charged by; a run's shares page by cursor, a tenant's page
// holding their own line only; the detail the console asks for fits the
// complexity budget that apportionGroups with members' accounts exceeds.
func TestAPI_ApportionLookups(t *testing.T) {
	env := newEnv(t)
	tariff, common := apportionSetup(t, env, 10000, "2026-08-01 00:00:00", 0, "2026-09-01 00:00:00", 30_000)
	members := []voltpay.ApportionMember{}
	accounts := []int64{}
	for range 3 {
		a := env.openAccount(t, 10_000)
		accounts = append(accounts, a.ID)
		area := int64(10000)
		members = append(members, voltpay.ApportionMember{AccountID: a.ID, AreaM2X100: &area})
	}
	outsider := env.openAccount(t, 10_000)
	g, err := env.Res.ApportionService.CreateApportionGroup(sys(), voltpay.ApportionGroupInput{SiteID: env.Site.ID, Name: "B座公摊",
		Method: voltpay.ApportionArea, TariffID: tariff.ID, Sources: []voltpay.ApportionSource{{MeterID: common.ID, Role: voltpay.SourceCommon}},
		Members: members})
	if err != nil {
		t.Fatal(err)
	}
	run, err := env.Res.ApportionService.RunApportionment(sys(), g.ID, "2026-08")
	if err != nil {
		t.Fatal(err)
	}
	cashier := env.operator(t, voltpay.RoleCashier)

	const groupQ = `query($id: ID!) { apportionGroup(id: $id) { id name method members { areaM2x100 account { id tenantName } } sources { role meter { id } } } }`
	var gr struct {
		ApportionGroup *struct {
			ID, Name, Method string
			Members          []struct{ AreaM2x100 int64 }
		}
	}
	cashier.do(t, groupQ, map[string]any{"id": g.ID}).Decode(t, &gr)
	if gr.ApportionGroup == nil || gr.ApportionGroup.Name != "B座公摊" || len(gr.ApportionGroup.Members) != 3 || gr.ApportionGroup.Members[0].AreaM2x100 != 10000 {
		t.Fatalf("group %+v", gr.ApportionGroup)
	}
	cashier.do(t, groupQ, map[string]any{"id": 999_999_999}).Decode(t, &gr)
	if gr.ApportionGroup != nil {
		t.Fatalf("missing group: %+v, want null", gr.ApportionGroup)
	}
	if code := env.tenant(t, accounts[0]).do(t, groupQ, map[string]any{"id": g.ID}).Code(); code != voltpay.EFORBIDDEN {
		t.Fatalf("tenant reading a group: %q, want FORBIDDEN (groups need read_site)", code)
	}

	const runQ = `query($id: ID!, $after: String) { apportionRun(id: $id) { id month totalFen
		shares(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { amountFen account { id } } } } }`
	type runAnswer struct {
		ApportionRun *struct {
			ID, Month string
			TotalFen  int64
			Shares    struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Nodes []struct {
					AmountFen int64
					Account   struct{ ID string }
				}
			}
		}
	}
	var first, second runAnswer
	cashier.do(t, runQ, map[string]any{"id": run.ID}).Decode(t, &first)
	r := first.ApportionRun
	if r == nil || r.Month != "2026-08" || r.TotalFen != 3000 || r.Shares.TotalCount != 3 || len(r.Shares.Nodes) != 2 ||
		!r.Shares.PageInfo.HasNextPage || r.Shares.Nodes[0].Account.ID != fmt.Sprint(accounts[0]) {
		t.Fatalf("run, first page %+v", r)
	}
	cashier.do(t, runQ, map[string]any{"id": run.ID, "after": *r.Shares.PageInfo.EndCursor}).Decode(t, &second)
	if s := second.ApportionRun.Shares; len(s.Nodes) != 1 || s.PageInfo.HasNextPage || s.Nodes[0].Account.ID != fmt.Sprint(accounts[2]) ||
		r.Shares.Nodes[0].AmountFen+r.Shares.Nodes[1].AmountFen+s.Nodes[0].AmountFen != 3000 {
		t.Fatalf("run, second page %+v", s)
	}
	if code := cashier.do(t, runQ, map[string]any{"id": run.ID, "after": "c1:nonsense"}).Code(); code != voltpay.EINVALID {
		t.Fatalf("bad cursor: %q, want INVALID_INPUT", code)
	}
	if code := cashier.do(t, `query($id: ID!) { apportionRun(id: $id) { shares(first: 5000) { totalCount } } }`,
		map[string]any{"id": run.ID}).Code(); code != voltpay.EINVALID {
		t.Fatalf("a page of 5000 shares: %q, want INVALID_INPUT (at most 1000)", code)
	}

	var mine runAnswer
	env.tenant(t, accounts[1]).do(t, runQ, map[string]any{"id": run.ID}).Decode(t, &mine)
	if m := mine.ApportionRun; m == nil || m.Shares.TotalCount != 1 || len(m.Shares.Nodes) != 1 || m.Shares.Nodes[0].Account.ID != fmt.Sprint(accounts[1]) {
		t.Fatalf("member tenant's run %+v, want only their own share", m)
	}
	// A person signed in by SMS code and bound to no account sees no run either (their
	// principal's account is 0, which must not read as "every account").
	unbound, _ := signInByCode(t, env, withFakeSMS(t, env), newMobile())
	for who, c := range map[string]*client{"tenant outside the group": env.tenant(t, outsider.ID), "cashier, id of nothing": cashier,
		"tenant bound to no account": unbound} {
		id := run.ID
		if c == cashier {
			id = 999_999_999
		}
		var none runAnswer
		c.do(t, runQ, map[string]any{"id": id}).Decode(t, &none)
		if none.ApportionRun != nil {
			t.Fatalf("%s: %+v, want null", who, none.ApportionRun)
		}
	}

	// The list asking for every group's members with their accounts is over
	// the budget; the one group's detail is not.
	const heavy = `{ apportionGroups { id members { account { id tenantName balanceFen } } } }`
	if code := cashier.do(t, heavy, nil).Code(); code == "" {
		t.Fatal("apportionGroups with every member's account passed the complexity limit; the test no longer shows why the detail is its own query")
	}
}
