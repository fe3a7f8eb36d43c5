package main

import (
	"testing"

	"github.com/voltpay/voltpay/server/demo"
)

// TestIssue11_DemoTenantSignsIn: the demo seeds a tenant login with a known
// phone and password (printed by `make run`), which signs in as a tenant
// and sees its own account only.
func TestIssue11_DemoTenantSignsIn(t *testing.T) {
	size := demo.Size{Gateways: 2, MetersPerGw: 3, AccountsPerGw: 2, GatewayBasePort: 17001}
	env := newDemoEnv(t, size)
	var login struct {
		Login struct{ Token string }
	}
	env.anonymous().do(t, `mutation($p: String!, $pw: String!) { login(username: $p, password: $pw, tenant: true) { token } }`,
		map[string]any{"p": demo.TenantPhone, "pw": demo.Password}).Decode(t, &login)
	if login.Login.Token == "" {
		t.Fatalf("the demo tenant %s / %s cannot sign in", demo.TenantPhone, demo.Password)
	}
	tenant := &client{env: env, bearer: login.Login.Token}
	var got struct {
		Accounts struct {
			TotalCount int
			Nodes      []struct{ Phone string }
		}
	}
	tenant.do(t, `{ accounts { totalCount nodes { phone } } }`, nil).Decode(t, &got)
	if got.Accounts.TotalCount != 1 || len(got.Accounts.Nodes) != 1 || got.Accounts.Nodes[0].Phone != demo.TenantPhone {
		t.Errorf("the demo tenant sees %+v; want its own account only (of %d opened)", got.Accounts, size.Gateways*size.AccountsPerGw)
	}
}
