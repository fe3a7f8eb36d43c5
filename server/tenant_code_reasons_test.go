package main

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// TestTenantApp_CodeReasons: a refused texted code says why in
// extensions.reason beside UNAUTHENTICATED, over the API against the
// database: wrong (with the guesses left), expired (the code's expiry
// moved into the past in the database, as time would), used up, and a
// throttled request with how long to wait.
func TestTenantApp_CodeReasons(t *testing.T) {
	env := newEnv(t)
	fake := withFakeSMS(t, env)
	anon := &client{env: env}
	reason := func(t *testing.T, what string, r *gqlResponse, want string) {
		t.Helper()
		wantError(t, what, r, voltpay.EUNAUTHENTICATED)
		if got := r.Errors[0].Extensions.Reason; got != want {
			t.Fatalf("%s: reason %q (%s), want %s", what, got, r.Errors[0].Message, want)
		}
	}
	phone := newMobile()
	anon.do(t, mRequestCode, map[string]any{"p": phone}).Decode(t, &struct{}{})
	good := textedCode(t, fake, phone)
	wrong := "000000"
	if good == wrong {
		wrong = "111111"
	}
	r := anon.do(t, mSignIn, map[string]any{"p": phone, "c": wrong})
	reason(t, "a wrong code", r, voltpay.ReasonCodeWrong)
	if left := r.Errors[0].Extensions.AttemptsLeft; left == nil || *left != voltpay.SMSCodeAttempts-1 {
		t.Fatalf("attemptsLeft %v, want %d", left, voltpay.SMSCodeAttempts-1)
	}

	if _, err := env.DB.ExecContext(t.Context(), `UPDATE tenant_sms_codes SET expires_at = now() - interval '1 second' WHERE phone = $1`, phone); err != nil {
		t.Fatal(err)
	}
	reason(t, "an expired code", anon.do(t, mSignIn, map[string]any{"p": phone, "c": good}), voltpay.ReasonCodeExpired)

	other := newMobile()
	anon.do(t, mRequestCode, map[string]any{"p": other}).Decode(t, &struct{}{})
	code := textedCode(t, fake, other)
	anon.do(t, mSignIn, map[string]any{"p": other, "c": code}).Decode(t, &struct{}{})
	reason(t, "a used code", anon.do(t, mSignIn, map[string]any{"p": other, "c": code}), voltpay.ReasonCodeUsedUp)

	// Asking again at once is throttled per phone.
	var r2 *gqlResponse
	for i := 0; i < 10; i++ {
		if r2 = anon.do(t, mRequestCode, map[string]any{"p": other}); r2.Code() != "" {
			break
		}
	}
	reason(t, "codes asked too often", r2, voltpay.ReasonThrottled)
	if s := r2.Errors[0].Extensions.RetryAfterSeconds; s < 1 || time.Duration(s)*time.Second > time.Hour {
		t.Fatalf("retryAfterSeconds %d", s)
	}
}
