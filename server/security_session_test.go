package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

// browserLogin signs in as a web page would: with Origin and the fetch
// metadata headers.
func browserLogin(t *testing.T, env *testEnv, user, password string) (*gqlResponse, *http.Cookie) {
	t.Helper()
	return loginWithHeaders(t, env, user, password, map[string]string{"Origin": env.Srv.URL, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"})
}

// loginWithHeaders signs in with the request headers given.
func loginWithHeaders(t *testing.T, env *testEnv, user, password string, headers map[string]string) (*gqlResponse, *http.Cookie) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": loginMutation, "variables": map[string]any{"u": user, "p": password, "t": false}})
	req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp := env.anonymous().send(t, req)
	return resp, loginCookie(t, resp.Header)
}

// TestSecurity_BrowserHeaders: a login is a browser's, and gets no token,
// when it carries Origin or Sec-Fetch-Site, which browsers send and page
// scripts cannot set or remove. Sec-Fetch-Mode alone is no sign: Node's
// fetch sends it (as "cors") on every request, and a Node integration
// signing in needs its token.
func TestSecurity_BrowserHeaders(t *testing.T) {
	env := newEnv(t)
	const password = "correct horse battery"
	user := loginOperator(t, env, voltpay.RoleViewer, password)
	for _, c := range []struct {
		name      string
		headers   map[string]string
		wantToken bool
	}{
		{"Node's fetch", map[string]string{"Sec-Fetch-Mode": "cors"}, true},
		{"a browser's same-origin request without Origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}, false},
		{"a browser without fetch metadata", map[string]string{"Origin": env.Srv.URL}, false},
	} {
		resp, _ := loginWithHeaders(t, env, user, password, c.headers)
		var got loginResult
		resp.Decode(t, &got)
		if (got.Login.Token != "") != c.wantToken {
			t.Errorf("%s (%v): token %q, want a token: %v", c.name, c.headers, got.Login.Token, c.wantToken)
		}
	}
}

// TestSecurity_SessionCookie (issue 10, finding 8): a browser gets its
// session only as the HTTP-only cookie, never as a token a page script could
// read, and the cookie's expiry follows the session as it slides.
func TestSecurity_SessionCookie(t *testing.T) {
	env := newEnv(t)
	const password = "correct horse battery"
	user := loginOperator(t, env, voltpay.RoleViewer, password)

	resp, cookie := browserLogin(t, env, user, password)
	var got loginResult
	resp.Decode(t, &got)
	if got.Login.Token != "" {
		t.Errorf("browser login answered the token %q to the page; want it only in the HTTP-only cookie", got.Login.Token)
	}
	if cookie == nil || cookie.Value == "" || !cookie.HttpOnly {
		t.Fatalf("browser login: cookie %+v, want an HTTP-only session cookie", cookie)
	}
	// Integrations (no browser headers) still get the token.
	var api loginResult
	loginAttempt(t, env, user, password, false).Decode(t, &api)
	if api.Login.Token == "" {
		t.Fatal("non-browser login got no token")
	}

	// Used after more than half the idle timeout, the session slides, and
	// so must the cookie: otherwise the browser drops it at the first expiry.
	later := time.Now().UTC().Add(voltpay.SessionTTL * 6 / 10)
	env.DB.Now = func() time.Time { return later }
	r := (&client{env: env, cookie: &http.Cookie{Name: graph.SessionCookie, Value: cookie.Value}}).do(t, `{ me { name } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("me with the cookie: %+v", r.Errors)
	}
	refreshed := loginCookie(t, r.Header)
	if refreshed == nil || refreshed.Value != cookie.Value || !refreshed.HttpOnly {
		t.Fatalf("the session slid but the cookie was not refreshed: %+v", refreshed)
	}
	if want := later.Add(voltpay.SessionTTL); refreshed.Expires.Sub(want).Abs() > 2*time.Second {
		t.Errorf("refreshed cookie expires %v, want the session's new expiry %v", refreshed.Expires, want)
	}
}
