package main

import (
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestSecurity_ScopeEscalation (issue 10, finding 7): a credential that may
// manage operators hands out only what it holds. A key with manage_operators
// alone cannot make a key that sells, nor an operator of any role holding
// more, nor an admin, nor take over an admin by resetting their password;
// every key and operator records who created it.
func TestSecurity_ScopeEscalation(t *testing.T) {
	env := newEnv(t)
	manage := env.apiKey(t, voltpay.PermManageOperators)
	createKey := `mutation($s: [Permission!]!) { createApiKey(name: "escalation", scopes: $s) { apiKey { id createdBy } secret } }`
	createOp := `mutation($in: OperatorInput!) { createOperator(input: $in) { id } }`
	opInput := func(role voltpay.Role) map[string]any {
		name := fmt.Sprintf("esc%d", next())
		return map[string]any{"in": map[string]any{"username": name, "displayName": name, "role": role, "password": "escalation-" + name}}
	}
	wantForbidden := func(what string, r *gqlResponse) {
		t.Helper()
		if r.Code() != voltpay.EFORBIDDEN {
			t.Errorf("%s: got %q %+v, want FORBIDDEN", what, r.Code(), r.Errors)
		}
	}

	wantForbidden("manage_operators key creating a key with sell",
		manage.do(t, createKey, map[string]any{"s": []string{"manage_operators", "sell"}}))
	wantForbidden("manage_operators key creating an admin operator", manage.do(t, createOp, opInput(voltpay.RoleAdmin)))
	wantForbidden("manage_operators key creating a cashier operator", manage.do(t, createOp, opInput(voltpay.RoleCashier)))

	victim, err := env.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: fmt.Sprintf("victim%d", next()),
		Role: voltpay.RoleAdmin, Password: "victim-password-1"})
	if err != nil {
		t.Fatal(err)
	}
	wantForbidden("manage_operators key resetting an admin's password", manage.do(t,
		`mutation($id: ID!, $in: OperatorInput!) { updateOperator(id: $id, input: $in) { id } }`,
		map[string]any{"id": victim.ID, "in": map[string]any{"username": victim.Username, "displayName": "", "role": "admin",
			"password": "taken-over-password"}}))
	if _, err := env.Res.AuthService.Login(sys(), victim.Username, "victim-password-1", false, fmt.Sprintf("esc-%d", next())); err != nil {
		t.Fatalf("the admin's password changed: %v", err)
	}

	// A key holding every permission still cannot make an admin: only an admin can.
	wantForbidden("all-scopes key creating an admin operator", env.apiKey(t, voltpay.AllPermissions...).do(t, createOp, opInput(voltpay.RoleAdmin)))

	// What it holds it may grant, and the key records its creator.
	var got struct {
		CreateAPIKey struct {
			APIKey struct{ CreatedBy string } `json:"apiKey"`
		} `json:"createApiKey"`
	}
	manage.do(t, createKey, map[string]any{"s": []string{"manage_operators"}}).Decode(t, &got)
	if want := "API key key "; len(got.CreateAPIKey.APIKey.CreatedBy) <= len(want) || got.CreateAPIKey.APIKey.CreatedBy[:len(want)] != want {
		t.Errorf("createdBy of a key made by a key: got %q, want %q…", got.CreateAPIKey.APIKey.CreatedBy, want)
	}
	adminClient := env.operator(t, voltpay.RoleAdmin)
	adminClient.do(t, createKey, map[string]any{"s": []string{"sell", "manage_operators"}}).Decode(t, &got)
	if want := "operator admin"; len(got.CreateAPIKey.APIKey.CreatedBy) < len(want) || got.CreateAPIKey.APIKey.CreatedBy[:len(want)] != want {
		t.Errorf("createdBy of a key made by an admin: got %q, want %q…", got.CreateAPIKey.APIKey.CreatedBy, want)
	}
	var ok struct{ CreateOperator struct{ ID string } }
	adminClient.do(t, createOp, opInput(voltpay.RoleAdmin)).Decode(t, &ok)
	var by string
	if err := env.DB.GetContext(sys(), &by, `SELECT o.username FROM operators n JOIN operators o ON o.id = n.created_by_operator_id
		WHERE n.id = $1`, ok.CreateOperator.ID); err != nil || by[:5] != "admin" {
		t.Errorf("creator of the operator an admin made: %q, %v", by, err)
	}
	cashier := env.operator(t, voltpay.RoleCashier)
	if r := cashier.do(t, createKey, map[string]any{"s": []string{"sell"}}); r.Code() != voltpay.EFORBIDDEN {
		t.Errorf("cashier creating a key: got %q, want FORBIDDEN (no manage_operators)", r.Code())
	}
}
