package main

import (
	"net/http"
	"strings"
	"testing"
)

// The admin console answers every path the server does not: its pages (the
// app routes in the browser) with their security headers; the server's own
// endpoints keep theirs, and paths under them are not the app.
func TestHTTP_Console(t *testing.T) {
	env := newEnv(t)
	for _, p := range []string{"/", "/meters", "/accounts/7?tab=ledger", "/login"} {
		status, h, body := htGet(t, env, p, nil)
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(body, "Voltpay") {
			t.Fatalf("%s: got %d %s %.200q, want the console's page", p, status, h.Get("Content-Type"), body)
		}
		policy := h.Get("Content-Security-Policy")
		if !strings.Contains(policy, "'nonce-") || !strings.Contains(policy, "frame-ancestors 'none'") || strings.Contains(policy, "unsafe") {
			t.Errorf("%s: policy %q", p, policy)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: headers %v", p, h)
		}
	}

	if status, h, body := htGet(t, env, "/healthz", nil); status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || !strings.Contains(body, "ok") {
		t.Errorf("/healthz: got %d %s %q", status, h.Get("Content-Type"), body)
	}
	if status, h, _ := htGet(t, env, "/graphql?query=%7B__typename%7D", nil); status != http.StatusOK || !strings.Contains(h.Get("Content-Type"), "json") {
		t.Errorf("GET /graphql: got %d %s, want the API", status, h.Get("Content-Type"))
	}
	for _, p := range []string{"/healthz/x", "/graphql/x", "/graphiql/x", "/pay/notify/unknown", "/metrics/x"} {
		if status, _, body := htGet(t, env, p, nil); status != http.StatusNotFound || strings.Contains(body, "Voltpay") {
			t.Errorf("%s: got %d %.100q, want 404 and not the console", p, status, body)
		}
	}
}

// The tenant app's H5 pages are under /m/ (a build, or the page saying how to
// build it), with their own policy; /m redirects there, and the admin console
// never answers below /m.
func TestHTTP_TenantApp(t *testing.T) {
	env := newEnv(t)
	for _, p := range []string{"/m", "/m/", "/m/pages/home/index", "/m/pages/receipt/index?id=3"} {
		status, h, body := htGet(t, env, p, nil)
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: got %d %s, want the tenant app's page", p, status, h.Get("Content-Type"))
		}
		if !strings.Contains(body, `id="app"`) && !strings.Contains(body, "租户端尚未构建") {
			t.Errorf("%s: %.300q is neither the tenant app nor its placeholder", p, body)
		}
		policy := h.Get("Content-Security-Policy")
		if !strings.Contains(policy, "frame-ancestors 'none'") || strings.Contains(policy, "unsafe") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", p, h)
		}
	}
	if status, _, body := htGet(t, env, "/m/assets/js/missing.js", nil); status != http.StatusNotFound || strings.Contains(body, `id="app"`) {
		t.Errorf("a missing asset: got %d %.100q, want 404", status, body)
	}
}
