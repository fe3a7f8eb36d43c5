package main

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestSite_OfficePhone: a manager sets the property office's phone on a site
// (normalised like an account's phone; anything else is INVALID_INPUT naming
// officePhone, and the phone stays as it was; an update without the field
// keeps it); a tenant reads it on their own account's site, the only site they
// can reach, and cannot list sites.
func TestSite_OfficePhone(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	set := func(phone any) *gqlResponse {
		return manager.do(t, `mutation($id: ID!, $p: String!) { updateSite(id: $id, input: {officePhone: $p}) { officePhone } }`,
			map[string]any{"id": env.Site.ID, "p": phone})
	}
	var got struct{ UpdateSite struct{ OfficePhone string } }
	set("+86 021-5555 0100").Decode(t, &got)
	if got.UpdateSite.OfficePhone != "021-55550100" {
		t.Fatalf("officePhone after update: got %q, want the number normalised", got.UpdateSite.OfficePhone)
	}
	for _, bad := range []string{"12345", "call the office", "021-55550100-99"} {
		if r := set(bad); r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "officePhone" {
			t.Errorf("officePhone %q: got %+v, want INVALID_INPUT naming officePhone", bad, r.Errors)
		}
	}
	manager.do(t, `mutation($id: ID!) { updateSite(id: $id, input: {serviceFeeBp: 0}) { officePhone } }`, map[string]any{"id": env.Site.ID}).Decode(t, &got)
	if got.UpdateSite.OfficePhone != "021-55550100" {
		t.Errorf("an update without officePhone changed it to %q", got.UpdateSite.OfficePhone)
	}

	tenant := env.tenant(t, env.openAccount(t, 0).ID)
	var me struct {
		Me struct {
			Account struct{ Site struct{ OfficePhone string } }
		}
	}
	tenant.do(t, `{ me { account { site { officePhone } } } }`, nil).Decode(t, &me)
	if me.Me.Account.Site.OfficePhone != "021-55550100" {
		t.Errorf("the tenant's site: officePhone %q", me.Me.Account.Site.OfficePhone)
	}
	if r := tenant.do(t, `{ sites { officePhone } }`, nil); r.Code() != voltpay.EFORBIDDEN {
		t.Errorf("a tenant listing sites: got %+v, want FORBIDDEN", r.Errors)
	}

	set("").Decode(t, &got)
	if got.UpdateSite.OfficePhone != "" {
		t.Errorf("clearing officePhone: got %q", got.UpdateSite.OfficePhone)
	}
}
