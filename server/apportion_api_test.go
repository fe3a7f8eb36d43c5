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
	tariff, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("公摊电价 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatal(err)
	}
	common := env.createMeter(t, nil)
	for _, r := range []struct {
		at string
		wh voltpay.Wh
	}{{"2026-09-01 00:00:00", 1000}, {"2026-10-01 00:00:00", 101_000}} {
		at, _ := time.ParseInLocation(time.DateTime, r.at, billing.ChinaTime)
		if _, err := env.Res.ReadingService.RecordReadings(sys(), []*voltpay.Reading{{MeterID: common.ID, ReadAt: at, EnergyWh: r.wh}}); err != nil {
			t.Fatal(err)
		}
	}
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
