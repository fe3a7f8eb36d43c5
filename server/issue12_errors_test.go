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
