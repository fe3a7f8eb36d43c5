package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	voltpay "github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// partialUpdateCases holds, per update* mutation, a check that sending one
// field changes that field only.
var partialUpdateCases = map[string]func(t *testing.T, e *testEnv, admin *client){
	"updateAccount":         partialUpdateAccount,
	"updateBuilding":        partialUpdateBuilding,
	"updateGateway":         partialUpdateGateway,
	"updateSite":            partialUpdateSite,
	"updateMeter":           partialUpdateMeter,
	"updateOperator":        partialUpdateOperator,
	"updateControlSchedule": partialUpdateControlSchedule,
	"updateApportionGroup":  partialUpdateApportionGroup,
	"updateTariff":          partialUpdateTariff,
}

// TestIssue12_UpdateIsPartial walks the schema's update* mutations: each
// must change only the fields present in its input and say so.
func TestIssue12_UpdateIsPartial(t *testing.T) {
	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	for _, f := range generated.NewExecutableSchema(generated.Config{}).Schema().Mutation.Fields {
		if !strings.HasPrefix(f.Name, "update") {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			if !strings.Contains(f.Description, "only the fields present") {
				t.Errorf("%s: description must say it changes only the fields present in its input, got %q", f.Name, f.Description)
			}
			check, ok := partialUpdateCases[f.Name]
			if !ok {
				t.Fatalf("%s has no partial-update check in partialUpdateCases", f.Name)
			}
			check(t, e, admin)
		})
	}
}

// partialUpdateAccount sends only tenantName and phone (the probe's request)
// and expects every other field kept; then null shopNo clears it and null
// tenantName is refused with the field named.
func partialUpdateAccount(t *testing.T, e *testEnv, admin *client) {
	a := e.openAccount(t, 0)
	const full = `mutation($id: ID!, $in: AccountInput!) { updateAccount(id: $id, input: $in) {
		tenantName shopNo phone alarm1Fen alarm2Fen overdraftLimitFen note balanceMode } }`
	var got struct {
		UpdateAccount map[string]any `json:"updateAccount"`
	}
	admin.do(t, full, map[string]any{"id": a.ID, "in": map[string]any{"tenantName": a.TenantName, "phone": a.Phone,
		"shopNo": "2F-09", "alarm1Fen": 8000, "alarm2Fen": 3000, "overdraftLimitFen": 1500, "note": "corner shop"}}).Decode(t, &got)
	before := got.UpdateAccount
	admin.do(t, full, map[string]any{"id": a.ID, "in": map[string]any{"tenantName": "新名字", "phone": "13900139000"}}).Decode(t, &got)
	after := got.UpdateAccount
	for k, v := range before {
		switch k {
		case "tenantName", "phone":
			continue
		}
		if after[k] != v {
			t.Errorf("updateAccount with tenantName and phone only changed %s: %v -> %v", k, v, after[k])
		}
	}
	if after["tenantName"] != "新名字" || after["phone"] != "13900139000" {
		t.Errorf("the fields sent were not changed: %v", after)
	}
	// A literal object with one field behaves the same.
	admin.do(t, `mutation($id: ID!) { updateAccount(id: $id, input: {shopNo: null}) { shopNo note } }`,
		map[string]any{"id": a.ID}).Decode(t, &got)
	if got.UpdateAccount["shopNo"] != "" || got.UpdateAccount["note"] != "corner shop" {
		t.Errorf("shopNo: null should clear shopNo only, got %v", got.UpdateAccount)
	}
	r := admin.do(t, `mutation($id: ID!) { updateAccount(id: $id, input: {tenantName: null}) { id } }`, map[string]any{"id": a.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "tenantName" {
		t.Errorf("tenantName: null must be refused with INVALID_INPUT naming tenantName, got %+v", r.Errors)
	}
}

// checkPartial sends mutation with full, then with partial only, and fails
// when a selected field that partial did not name changed. It returns the
// answer to the partial update.
func checkPartial(t *testing.T, c *client, mutation, selection string, id int64, full, partial map[string]any) map[string]any {
	t.Helper()
	q := fmt.Sprintf(`mutation($id: ID!, $in: %sInput!) { %s(id: $id, input: $in) { %s } }`,
		strings.TrimPrefix(mutation, "update"), mutation, selection)
	var got map[string]map[string]any
	c.do(t, q, map[string]any{"id": id, "in": full}).Decode(t, &got)
	before := got[mutation]
	c.do(t, q, map[string]any{"id": id, "in": partial}).Decode(t, &got)
	after := got[mutation]
	for k, v := range before {
		_, sent := partial[k]
		_, sentID := partial[k+"Id"] // building { id } answers buildingId
		if !sent && !sentID && !reflect.DeepEqual(after[k], v) {
			t.Errorf("%s with %v changed %s: %v -> %v", mutation, partial, k, v, after[k])
		}
	}
	return after
}

func partialUpdateBuilding(t *testing.T, e *testEnv, admin *client) {
	b, err := e.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: e.Site.ID, Name: fmt.Sprintf("部分楼 %d", next())})
	if err != nil {
		t.Fatal(err)
	}
	after := checkPartial(t, admin, "updateBuilding", "name floors", b.ID,
		map[string]any{"siteId": e.Site.ID, "name": b.Name, "floors": []any{"1F", "2F"}},
		map[string]any{"name": b.Name + "新"})
	if after["name"] != b.Name+"新" {
		t.Errorf("name not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateBuilding", "name floors", b.ID, map[string]any{"floors": []any{"B1"}}, map[string]any{"floors": nil})
	if fl, _ := after["floors"].([]any); len(fl) != 0 {
		t.Errorf("floors: null should clear the floors, got %v", after["floors"])
	}
	r := admin.do(t, `mutation($id: ID!) { updateBuilding(id: $id, input: {name: null}) { id } }`, map[string]any{"id": b.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "name" {
		t.Errorf("name: null must be refused with INVALID_INPUT naming name, got %+v", r.Errors)
	}
}

func partialUpdateGateway(t *testing.T, e *testEnv, admin *client) {
	g, err := e.Res.SiteService.CreateGateway(sys(), voltpay.GatewayInput{SiteID: e.Site.ID, Name: fmt.Sprintf("部分网关 %d", next()),
		Endpoint: fmt.Sprintf("192.0.2.%d:4001", next()%250+1), Protocol: voltpay.ProtocolDLT645})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: e.Site.ID, Name: fmt.Sprintf("网关楼 %d", next())})
	if err != nil {
		t.Fatal(err)
	}
	// No proxyUrl here: TestSecurity_AuditProxyPassword counts the audited ones.
	const sel = "name endpoint protocol building { id } pollIntervalSeconds"
	after := checkPartial(t, admin, "updateGateway", sel, g.ID,
		map[string]any{"name": g.Name, "endpoint": g.Endpoint(), "protocol": "dlt645", "buildingId": b.ID, "pollIntervalSeconds": 600},
		map[string]any{"name": g.Name + "新"})
	if after["name"] != g.Name+"新" {
		t.Errorf("name not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateGateway", sel, g.ID, map[string]any{"pollIntervalSeconds": 900}, map[string]any{"buildingId": nil})
	if after["building"] != nil {
		t.Errorf("buildingId: null should take the gateway out of its building, got %v", after["building"])
	}
	r := admin.do(t, `mutation($id: ID!) { updateGateway(id: $id, input: {endpoint: null}) { id } }`, map[string]any{"id": g.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "endpoint" {
		t.Errorf("endpoint: null must be refused with INVALID_INPUT naming endpoint, got %+v", r.Errors)
	}
}

func partialUpdateSite(t *testing.T, e *testEnv, admin *client) {
	code := fmt.Sprintf("PS%d", next()%100000)
	site, err := e.Res.SiteService.CreateSite(sys(), voltpay.SiteInput{Name: "部分站 " + code, Code: code})
	if err != nil {
		t.Fatal(err)
	}
	const sel = `name code timezone gridPrice markupCapPct serviceFeeBp serviceFeeOn graceFen graceMinutes
		friendlyNightFrom friendlyNightTo friendlyWeekends friendlyHolidays`
	after := checkPartial(t, admin, "updateSite", sel, site.ID,
		map[string]any{"name": site.Name, "code": code, "timezone": "Asia/Urumqi", "gridPrice": "0.6", "markupCapPct": 20,
			"serviceFeeBp": 150, "serviceFeeOn": "sale", "graceFen": 500, "graceMinutes": 60, "friendlyNightFrom": 1320,
			"friendlyNightTo": 480, "friendlyWeekends": true, "friendlyHolidays": []any{"2026-10-01"}},
		map[string]any{"name": site.Name + "新"})
	if after["name"] != site.Name+"新" {
		t.Errorf("name not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateSite", sel, site.ID, map[string]any{"graceMinutes": 30}, map[string]any{"gridPrice": nil})
	if after["gridPrice"] != nil {
		t.Errorf("gridPrice: null should clear it, got %v", after["gridPrice"])
	}
	r := admin.do(t, `mutation($id: ID!) { updateSite(id: $id, input: {code: null}) { id } }`, map[string]any{"id": site.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "code" {
		t.Errorf("code: null must be refused with INVALID_INPUT naming code, got %+v", r.Errors)
	}
}

func partialUpdateMeter(t *testing.T, e *testEnv, admin *client) {
	m := e.createMeter(t, nil)
	b, err := e.Res.SiteService.CreateBuilding(sys(), voltpay.BuildingInput{SiteID: e.Site.ID, Name: fmt.Sprintf("表楼 %d", next())})
	if err != nil {
		t.Fatal(err)
	}
	const sel = `building { id } floor room address channel model phases protocol ctRatio prepaidMode overloadW
		alarm1Fen alarm2Fen creditCapFen linkId`
	after := checkPartial(t, admin, "updateMeter", sel, m.ID,
		map[string]any{"siteId": e.Site.ID, "buildingId": b.ID, "floor": "3F", "room": "301", "address": m.Address, "model": "DTSY1352",
			"phases": 3, "protocol": "dlt645", "ctRatio": 50, "overloadW": 9000, "alarm1Fen": 4000, "alarm2Fen": 1000,
			"linkId": fmt.Sprintf("L%d", next())},
		map[string]any{"room": "302"})
	if after["room"] != "302" {
		t.Errorf("room not changed: %v", after)
	}
	after = checkPartial(t, admin, "updateMeter", sel, m.ID, map[string]any{"floor": "4F"}, map[string]any{"overloadW": nil})
	if after["overloadW"] != nil {
		t.Errorf("overloadW: null should clear it, got %v", after["overloadW"])
	}
	r := admin.do(t, `mutation($id: ID!) { updateMeter(id: $id, input: {address: null}) { id } }`, map[string]any{"id": m.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "address" {
		t.Errorf("address: null must be refused with INVALID_INPUT naming address, got %+v", r.Errors)
	}
}

func partialUpdateOperator(t *testing.T, e *testEnv, admin *client) {
	name := fmt.Sprintf("partial%d", next())
	o, err := e.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: name, DisplayName: "部分", Role: voltpay.RoleCashier, Password: "password-" + name})
	if err != nil {
		t.Fatal(err)
	}
	const sel = "username displayName role disabled"
	after := checkPartial(t, admin, "updateOperator", sel, o.ID,
		map[string]any{"username": name, "displayName": "部分", "role": "cashier", "password": "", "disabled": true},
		map[string]any{"displayName": "部分新"})
	if after["displayName"] != "部分新" {
		t.Errorf("displayName not changed: %v", after)
	}
	r := admin.do(t, `mutation($id: ID!) { updateOperator(id: $id, input: {role: null}) { id } }`, map[string]any{"id": o.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "role" {
		t.Errorf("role: null must be refused with INVALID_INPUT naming role, got %+v", r.Errors)
	}
}

func partialUpdateControlSchedule(t *testing.T, e *testEnv, admin *client) {
	const sel = "name action atMinute weekdays enabled meterIds"
	// Creation still needs atMinute (0 would be midnight).
	r := admin.do(t, `mutation($s: ID!) { createControlSchedule(input: {siteId: $s, name: "x", action: trip}) { id } }`, map[string]any{"s": e.Site.ID})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "atMinute" {
		t.Errorf("createControlSchedule without atMinute: got %+v, want INVALID_INPUT naming atMinute", r.Errors)
	}
	m := e.createMeter(t, nil)
	var created struct {
		CreateControlSchedule struct{ ID string } `json:"createControlSchedule"`
	}
	admin.do(t, `mutation($s: ID!, $n: String!, $m: ID!) { createControlSchedule(input: {siteId: $s, name: $n, action: trip, atMinute: 1320, meterIds: [$m]}) { id } }`,
		map[string]any{"s": e.Site.ID, "n": fmt.Sprintf("夜间 %d", next()), "m": m.ID}).Decode(t, &created)
	var id int64
	fmt.Sscan(created.CreateControlSchedule.ID, &id)
	after := checkPartial(t, admin, "updateControlSchedule", sel, id,
		map[string]any{"siteId": e.Site.ID, "name": fmt.Sprintf("夜间 %d", next()), "action": "trip", "atMinute": 1300, "weekdays": []any{1, 2}, "enabled": false},
		map[string]any{"atMinute": 1330})
	if after["atMinute"] != float64(1330) {
		t.Errorf("atMinute not changed: %v", after)
	}
	r = admin.do(t, `mutation($id: ID!) { updateControlSchedule(id: $id, input: {atMinute: null}) { id } }`, map[string]any{"id": id})
	if r.Code() != "INVALID_INPUT" || r.Errors[0].Extensions.Field != "atMinute" {
		t.Errorf("atMinute: null must be refused with INVALID_INPUT naming atMinute, got %+v", r.Errors)
	}
}

func partialUpdateApportionGroup(t *testing.T, e *testEnv, admin *client) {
	tariff, err := e.Res.TariffService.CreateTariff(sys(), voltpay.TariffInput{SiteID: e.Site.ID, Name: fmt.Sprintf("部分电价 %d", next()),
		Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}})
	if err != nil {
		t.Fatal(err)
	}
	common := e.createMeter(t, nil)
	a, b := e.openAccount(t, 0), e.openAccount(t, 0)
	in := map[string]any{"siteId": e.Site.ID, "name": fmt.Sprintf("部分公摊 %d", next()), "method": "area", "tariffId": tariff.ID,
		"sources": []any{map[string]any{"meterId": common.ID, "role": "common"}},
		"members": []any{map[string]any{"accountId": a.ID, "areaM2x100": 10000}, map[string]any{"accountId": b.ID, "areaM2x100": 20000}}}
	var created struct {
		CreateApportionGroup struct{ ID string } `json:"createApportionGroup"`
	}
	admin.do(t, `mutation($in: ApportionGroupInput!) { createApportionGroup(input: $in) { id } }`, map[string]any{"in": in}).Decode(t, &created)
	var id int64
	fmt.Sscan(created.CreateApportionGroup.ID, &id)
	const sel = "name method includeLineLoss tariff { id } sources { role meter { id } } members { areaM2x100 shareBp account { id } }"
	in["method"] = "fixed"
	in["members"] = []any{map[string]any{"accountId": a.ID, "shareBp": 4000}, map[string]any{"accountId": b.ID, "shareBp": 6000}}
	after := checkPartial(t, admin, "updateApportionGroup", sel, id, in, map[string]any{"name": "改名公摊"})
	if after["name"] != "改名公摊" {
		t.Errorf("name not changed: %v", after)
	}
}
