package main

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestIssue12_ErrorExtensions: INSUFFICIENT_BALANCE carries the balance
// that was there to use as a number (extensions.availableFen), and every
// error carries the request id the server logged it under
// (extensions.requestId, also the X-Request-Id header).
func TestIssue12_ErrorExtensions(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 1234)
	cashier := env.operator(t, voltpay.RoleCashier)
	r := cashier.do(t, `mutation($in: RefundInput!) { refund(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"accountId": acct.ID, "amountFen": 5000, "channel": "cash", "idempotencyKey": newKey()}})
	if r.Code() != voltpay.EINSUFFICIENT_BALANCE {
		t.Fatalf("refund above the balance: got %+v, want INSUFFICIENT_BALANCE", r.Errors)
	}
	e := r.Errors[0].Extensions
	if e.AvailableFen == nil || *e.AvailableFen != 1234 {
		t.Errorf("extensions.availableFen = %v, want 1234", e.AvailableFen)
	}
	if e.RequestID == "" || e.RequestID != r.Header.Get("X-Request-Id") {
		t.Errorf("extensions.requestId = %q, header X-Request-Id = %q; want the same, not empty", e.RequestID, r.Header.Get("X-Request-Id"))
	}
	// Any error, here a validation error, names its request too.
	if r := env.anonymous().do(t, `{ nope }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions.RequestID == "" {
		t.Errorf("validation error without extensions.requestId: %+v", r.Errors)
	}
}

// TestIssue12_ScalarErrorsNameTheField: a scalar that does not parse names
// the input field at fault in extensions.field, as domain errors do, whether
// the value came inline or in the variables.
func TestIssue12_ScalarErrorsNameTheField(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 0)
	cashier := env.operator(t, voltpay.RoleCashier)
	sale := func(amount any) map[string]any {
		return map[string]any{"in": map[string]any{"accountId": acct.ID, "amountFen": amount, "channel": "cash", "idempotencyKey": newKey()}}
	}
	cases := map[string]*gqlResponse{
		"variables 1e2":  cashier.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, sale("1e2")),
		"variables 1.5":  cashier.do(t, `mutation($in: SaleInput!) { sell(input: $in) { id } }`, sale(1.5)),
		"inline string":  cashier.do(t, `mutation { sell(input: {accountId: 1, amountFen: "abc", channel: cash, idempotencyKey: "k-inline-1"}) { id } }`, nil),
		"time variables": cashier.do(t, `query($f: LedgerFilter) { ledgerEntries(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"from": "yesterday"}}),
	}
	want := map[string]string{"variables 1e2": "amountFen", "variables 1.5": "amountFen", "inline string": "amountFen", "time variables": "from"}
	for name, r := range cases {
		if len(r.Errors) == 0 || r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != want[name] {
			t.Errorf("%s: got %+v, want INVALID_INPUT with extensions.field %q", name, r.Errors, want[name])
		}
	}
}
