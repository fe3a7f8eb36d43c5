package main

import (
	"fmt"
	"testing"
)

// partialUpdateTariff creates a tou tariff with surcharge tiers, renames it
// with name only (prices, periods, tiers and billing period kept), empties
// the tiers with tiers: [] and billingPeriod: null (periods kept), and
// expects name: null refused with the field named.
func partialUpdateTariff(t *testing.T, e *testEnv, admin *client) {
	const sel = "name kind prices { rate price } periods { start rate } tiers { upToWh price } billingPeriod"
	var created struct {
		CreateTariff struct {
			ID string `json:"id"`
		} `json:"createTariff"`
	}
	full := map[string]any{"siteId": e.Site.ID, "name": fmt.Sprintf("部分峰谷 %d", next()), "kind": "tou",
		"prices":        []any{map[string]any{"rate": "peak", "price": "1.2"}, map[string]any{"rate": "valley", "price": "0.4"}},
		"periods":       []any{map[string]any{"start": "08:00", "rate": "peak"}, map[string]any{"start": "22:00", "rate": "valley"}},
		"tiers":         []any{map[string]any{"upToWh": 100000, "price": "0"}, map[string]any{"price": "0.05"}},
		"billingPeriod": "month"}
	admin.do(t, `mutation($in: TariffInput!) { createTariff(input: $in) { id } }`, map[string]any{"in": full}).Decode(t, &created)
	var id int64
	fmt.Sscan(created.CreateTariff.ID, &id)
	name := full["name"].(string) + "新"
	after := checkPartial(t, admin, "updateTariff", sel, id, map[string]any{}, map[string]any{"name": name})
	if after["name"] != name {
		t.Errorf("name not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateTariff", sel, id, map[string]any{}, map[string]any{"tiers": []any{}, "billingPeriod": nil})
	if tiers, _ := after["tiers"].([]any); len(tiers) != 0 || after["billingPeriod"] != nil {
		t.Errorf("tiers: [] and billingPeriod: null should drop the tiers, got %v", after)
	}
	for _, f := range []string{"name", "kind"} {
		r := admin.do(t, fmt.Sprintf(`mutation($id: ID!) { updateTariff(id: $id, input: {%s: null}) { id } }`, f), map[string]any{"id": id})
		if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != f {
			t.Errorf("%s: null must be refused with INVALID_INPUT naming %s, got %+v", f, f, r.Errors)
		}
	}
	// Creation still needs its three fields.
	r := admin.do(t, `mutation($s: ID!) { createTariff(input: {siteId: $s, kind: flat, prices: [{rate: flat, price: "1"}]}) { id } }`,
		map[string]any{"s": e.Site.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "name" {
		t.Errorf("createTariff without name must be refused naming name, got %+v", r.Errors)
	}
}
