package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestTariffAPI_TOUWithTiersAndVariants: a time-of-use tariff with tier
// surcharges and a weekend and a summer variant, created and read back over
// GraphQL.
func TestTariffAPI_TOUWithTiersAndVariants(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	in := map[string]any{"siteId": env.Site.ID, "name": fmt.Sprintf("峰谷阶梯 %d", next()), "kind": "tou",
		"prices": []any{map[string]any{"rate": "sharp", "price": "1.5"}, map[string]any{"rate": "peak", "price": "1.2"},
			map[string]any{"rate": "flat", "price": "0.8"}, map[string]any{"rate": "valley", "price": "0.4"}},
		"periods": []any{map[string]any{"start": "07:00", "rate": "flat"}, map[string]any{"start": "23:00", "rate": "valley"}},
		"variants": []any{
			map[string]any{"weekdays": []any{6, 0}, "periods": []any{map[string]any{"start": "00:00", "rate": "flat"},
				map[string]any{"start": "12:00", "rate": "peak"}}},
			map[string]any{"months": []any{7, 8}, "periods": []any{map[string]any{"start": "00:00", "rate": "valley"},
				map[string]any{"start": "11:00", "rate": "sharp"}, map[string]any{"start": "13:00", "rate": "flat"}}},
		},
		"tiers":         []any{map[string]any{"upToWh": 200000, "price": "0"}, map[string]any{"price": "0.3"}},
		"billingPeriod": "month"}
	const fields = `kind billingPeriod tiers { upToWh price } variants { months weekdays periods { start rate } }`
	var out struct {
		CreateTariff struct {
			Kind          string
			BillingPeriod string
			Tiers         []struct {
				UpToWh *int64
				Price  string
			}
			Variants []struct {
				Months, Weekdays []int
				Periods          []struct{ Start, Rate string }
			}
		}
	}
	manager.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { `+fields+` } }`, map[string]any{"in": in}).Decode(t, &out)
	got := out.CreateTariff
	if got.Kind != "tou" || got.BillingPeriod != "month" || len(got.Tiers) != 2 || got.Tiers[0].Price != "0.0000" || got.Tiers[1].Price != "0.3000" {
		t.Fatalf("tariff %+v", got)
	}
	if len(got.Variants) != 2 || fmt.Sprint(got.Variants[0].Weekdays) != "[0 6]" || len(got.Variants[0].Months) != 0 ||
		fmt.Sprint(got.Variants[1].Months) != "[7 8]" || len(got.Variants[1].Weekdays) != 0 ||
		got.Variants[1].Periods[1].Start != "11:00" || got.Variants[1].Periods[1].Rate != "sharp" {
		t.Fatalf("variants %+v", got.Variants)
	}

	// Without a billing period, tiers on a TOU tariff are refused, saying what to fix.
	in["name"], in["billingPeriod"] = fmt.Sprintf("峰谷阶梯 %d", next()), nil
	resp := manager.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, map[string]any{"in": in})
	if resp.Code() != voltpay.EINVALID || resp.Errors[0].Extensions.Field != "billingPeriod" {
		t.Fatalf("errors %+v, want INVALID_INPUT on billingPeriod", resp.Errors)
	}
}

// TestTariffAPI_MarkupCap: a site's grid price and cap set over GraphQL
// refuse a tariff above the cap, with the reason.
func TestTariffAPI_MarkupCap(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	admin := env.operator(t, voltpay.RoleAdmin)
	var site struct {
		CreateSite struct {
			ID           string
			GridPrice    string
			MarkupCapPct int
			ServiceFeeBp int
		}
	}
	admin.do(t, `mutation($in: SiteInput!) { createSite(input: $in) { id gridPrice markupCapPct serviceFeeBp } }`,
		map[string]any{"in": map[string]any{"name": "转供电园区", "code": fmt.Sprintf("MK%d", next()%1_000_000), "gridPrice": "0.9",
			"serviceFeeBp": 150}}).Decode(t, &site)
	if s := site.CreateSite; s.GridPrice != "0.9000" || s.MarkupCapPct != 15 || s.ServiceFeeBp != 150 {
		t.Fatalf("site %+v: want grid price 0.9000, the default cap 15, fee 150 bp", s)
	}
	in := map[string]any{"siteId": site.CreateSite.ID, "name": "峰谷", "kind": "tou",
		"prices":  []any{map[string]any{"rate": "peak", "price": "1.2"}, map[string]any{"rate": "valley", "price": "0.4"}},
		"periods": []any{map[string]any{"start": "08:00", "rate": "peak"}, map[string]any{"start": "22:00", "rate": "valley"}}}
	resp := manager.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, map[string]any{"in": in})
	const want = "peak price 1.2000 yuan/kWh is above the cap 1.0350 (grid flat price 0.9000 + 15%); lower it or change the site's grid price"
	if resp.Code() != voltpay.EINVALID || !strings.Contains(resp.Errors[0].Message, want) || resp.Errors[0].Extensions.Field != "prices" {
		t.Fatalf("errors %+v, want INVALID_INPUT saying %q", resp.Errors, want)
	}
	in["prices"] = []any{map[string]any{"rate": "peak", "price": "1.035"}, map[string]any{"rate": "valley", "price": "0.4"}}
	if resp := manager.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, map[string]any{"in": in}); len(resp.Errors) > 0 {
		t.Fatalf("a tariff at the cap: %+v", resp.Errors)
	}
}

// TestTariffAPI_SetMeterTariff: a tariff change from a given time, over
// GraphQL, audited.
func TestTariffAPI_SetMeterTariff(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	mk := func(p voltpay.Price) int64 {
		tr, err := env.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: env.Site.ID, Name: fmt.Sprintf("一表一电价 %d", next()),
			Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: p}})
		if err != nil {
			t.Fatal(err)
		}
		return tr.ID
	}
	old, newer := mk(8523), mk(9000)
	meter := env.createMeter(t, &old)
	const q = `mutation($m: ID!, $t: ID!, $from: Time) { setMeterTariff(meterId: $m, tariffId: $t, effectiveFrom: $from) { id tariff { id } } }`
	var out struct {
		SetMeterTariff struct {
			ID     string
			Tariff struct{ ID string }
		}
	}
	manager.do(t, q, map[string]any{"m": meter.ID, "t": newer, "from": "2026-01-01T00:00:00+08:00"}).Decode(t, &out)
	if out.SetMeterTariff.Tariff.ID != fmt.Sprint(newer) {
		t.Fatalf("meter %+v, want tariff %d", out.SetMeterTariff, newer)
	}
	var n int
	if err := env.DB.Get(&n, `SELECT count(*) FROM meter_tariffs WHERE meter_id = $1`, meter.ID); err != nil || n != 2 {
		t.Fatalf("%d history rows (%v), want the old tariff's and the new one's", n, err)
	}
	if rows := auditRows(t, env, `operation = 'setMeterTariff' AND result = 'ok'`); len(rows) == 0 {
		t.Fatal("setMeterTariff not audited")
	}
	// A viewer may not.
	resp := env.operator(t, voltpay.RoleViewer).do(t, q, map[string]any{"m": meter.ID, "t": old})
	if resp.Code() != voltpay.EFORBIDDEN {
		t.Fatalf("viewer: %+v, want FORBIDDEN", resp.Errors)
	}
}
