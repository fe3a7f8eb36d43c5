package main

import (
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestConsole_AccountSearchByMeterAddress: the sales desk finds a tenant by
// the number on their meter as well as by name, shop, phone or account
// number; a meter detached from the account no longer finds it; a
// tenant's search stays within their own account.
func TestConsole_AccountSearchByMeterAddress(t *testing.T) {
	env := newEnv(t)
	cashier := env.operator(t, voltpay.RoleCashier)
	m, other := env.createMeter(t, nil), env.createMeter(t, nil)
	acct := env.openAccount(t, 0, m.ID)
	env.openAccount(t, 0, other.ID)
	search := func(c *client, text string) []string {
		var got struct {
			Accounts struct{ Nodes []struct{ ID string } }
		}
		c.do(t, `query($s: ID!, $q: String!) { accounts(first: 10, filter: {siteId: $s, search: $q}) { nodes { id } } }`,
			map[string]any{"s": env.Site.ID, "q": text}).Decode(t, &got)
		var ids []string
		for _, n := range got.Accounts.Nodes {
			ids = append(ids, n.ID)
		}
		return ids
	}
	want := fmt.Sprint([]string{fmt.Sprint(acct.ID)})
	for _, q := range []string{m.Address, m.Address[5:], acct.TenantName, acct.No} {
		if got := fmt.Sprint(search(cashier, q)); got != want {
			t.Errorf("search %q: got %s, want %s", q, got, want)
		}
	}
	if got := search(cashier, "%"); len(got) != 0 {
		t.Errorf("%% is a character, not a wildcard, and no account has one: got %v", got)
	}
	if got := search(env.tenant(t, acct.ID), other.Address); len(got) != 0 {
		t.Errorf("a tenant's search found another account: %v", got)
	}
	if _, err := env.Res.AccountService.DetachMeter(sys(), acct.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := search(cashier, m.Address); len(got) != 0 {
		t.Errorf("a detached meter's address still finds the account: %v", got)
	}
}
