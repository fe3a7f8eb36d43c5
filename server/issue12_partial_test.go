package main

import (
	"strings"
	"testing"

	voltpay "github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// partialUpdateCases holds, per update* mutation, a check that sending one
// field changes that field only. Mutations listed in partialUpdatePending do
// not yet keep absent fields (issue 12 item 1, still to do).
var partialUpdateCases = map[string]func(t *testing.T, e *testEnv, admin *client){
	"updateAccount": partialUpdateAccount,
}

// partialUpdatePending are the update* mutations not yet converted.
var partialUpdatePending = map[string]bool{
	"updateApportionGroup": true, "updateOperator": true, "updateMeter": true, "updateControlSchedule": true,
	"updateSite": true, "updateBuilding": true, "updateGateway": true, "updateTariff": true,
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
			if partialUpdatePending[f.Name] {
				t.Skip("issue 12 item 1: not yet a partial update")
			}
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
