package main

import (
	"testing"

	voltpay "github.com/voltpay/voltpay"
)

// TestIssue12_EmptyEnumFilterIsAbsent: genqlient's default non-pointer
// inputs send "" for unset enum and id filters; they read as absent (they
// were refused with 422), while "" for a required enum is still refused.
func TestIssue12_EmptyEnumFilterIsAbsent(t *testing.T) {
	e := newEnv(t)
	admin := e.operator(t, voltpay.RoleAdmin)
	e.createMeter(t, nil)
	const q = `query($f: MeterFilter) { meters(filter: $f) { totalCount } }`
	var want, got struct {
		Meters struct{ TotalCount int } `json:"meters"`
	}
	// In the env's own site: other tests add meters meanwhile.
	admin.do(t, q, map[string]any{"f": map[string]any{"siteId": e.Site.ID}}).Decode(t, &want)
	r := admin.do(t, q, map[string]any{"f": map[string]any{"siteId": e.Site.ID, "buildingId": "", "gatewayId": "", "accountId": "",
		"relay": "", "status": ""}})
	r.Decode(t, &got)
	if got != want || want.Meters.TotalCount == 0 {
		t.Errorf("empty enum and id filters: got %+v, want %+v (as with no filter)", got, want)
	}
	// A top-level optional enum variable and an id inside a list.
	r = admin.do(t, `query($s: AccountStatus, $site: ID) { accounts(filter: {status: $s, siteId: $site}) { totalCount } }`,
		map[string]any{"s": "", "site": ""})
	if len(r.Errors) > 0 {
		t.Errorf("empty optional enum and id variables: %+v", r.Errors)
	}
	// "" for a required enum is no value of it: still refused.
	r = admin.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"accountId": "1", "amountFen": 100, "channel": "", "idempotencyKey": newKey()}})
	if r.Code() != "INVALID_INPUT" {
		t.Errorf("\"\" for the required channel: got %+v, want INVALID_INPUT", r.Errors)
	}
}
