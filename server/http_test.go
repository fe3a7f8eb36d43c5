package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// htGet GETs path (with query) from env's server and returns the status,
// headers and body.
func htGet(t *testing.T, env *testEnv, path string, header http.Header) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.Srv.URL+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// htGraphQLGet sends a GraphQL operation as GET /graphql?query=…
func (c *client) htGraphQLGet(t *testing.T, params url.Values) *gqlResponse {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.env.Srv.URL+"/graphql?"+params.Encode(), nil)
	return c.send(t, req)
}

// htPost POSTs a GraphQL request body as given.
func (c *client) htPost(t *testing.T, body map[string]any) *gqlResponse {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, c.env.Srv.URL+"/graphql", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return c.send(t, req)
}

func TestHTTP_Health(t *testing.T) {
	env := newEnv(t)
	if status, _, body := htGet(t, env, "/healthz", nil); status != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Errorf("/healthz: got %d %s", status, body)
	}
	if status, _, body := htGet(t, env, "/readyz", nil); status != http.StatusOK || !strings.Contains(body, `"ready"`) {
		t.Errorf("/readyz: got %d %s", status, body)
	}

	t.Run("DatabaseDown", func(t *testing.T) {
		db, err := postgres.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		down := newEnvOn(t, db, testConfig())
		if status, _, _ := htGet(t, down, "/readyz", nil); status != http.StatusOK {
			t.Fatalf("/readyz before closing: got %d", status)
		}
		db.Close()
		if status, _, body := htGet(t, down, "/readyz", nil); status != http.StatusServiceUnavailable || !strings.Contains(body, "database") {
			t.Errorf("/readyz without a database: got %d %s, want 503 naming the database", status, body)
		}
		if status, _, _ := htGet(t, down, "/healthz", nil); status != http.StatusOK {
			t.Errorf("/healthz without a database: got %d, want 200 (the process lives)", status)
		}
	})
}

func TestHTTP_Metrics(t *testing.T) {
	cfg := testConfig()
	cfg.MetricsToken = "metrics-" + newKey()
	env := newEnvOn(t, openTestDB(t), cfg)
	scrape := http.Header{"Authorization": {"Bearer " + cfg.MetricsToken}}
	htGet(t, env, "/healthz", nil)
	status, header, body := htGet(t, env, "/metrics", scrape)
	if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: got %d %s", status, header.Get("Content-Type"))
	}
	for _, want := range []string{`voltpay_http_requests_total{code="200",route="GET /healthz"}`, "voltpay_http_request_duration_seconds_bucket"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// Paths no endpoint routes are the admin console's (it routes in the
	// browser) and share its one label, so clients cannot grow the series.
	htGet(t, env, "/no/such/path/"+newKey(), nil)
	_, _, body = htGet(t, env, "/metrics", scrape)
	if strings.Contains(body, "/no/such/path") || !strings.Contains(body, `route="/"`) {
		t.Errorf("a path of the console got its own metric label")
	}
}

func TestHTTP_GraphQLGet(t *testing.T) {
	env := newEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)

	var got struct{ Me struct{ Name, Kind string } }
	viewer.htGraphQLGet(t, url.Values{"query": {"{ me { name kind } }"}}).Decode(t, &got)
	if got.Me.Name == "" || got.Me.Kind != "operator" {
		t.Errorf("GET me: got %+v", got.Me)
	}
	if code := env.anonymous().htGraphQLGet(t, url.Values{"query": {"{ me { name } }"}}).Code(); code != voltpay.EUNAUTHENTICATED {
		t.Errorf("anonymous GET me: got %q, want UNAUTHENTICATED", code)
	}

	t.Run("MutationRefused", func(t *testing.T) {
		admin := env.operator(t, voltpay.RoleAdmin)
		acct := env.openAccount(t, 0)
		before := valSnapshot(t, env, acct.ID)
		resp := admin.htGraphQLGet(t, url.Values{
			"query":     {`mutation($in: SaleInput!) { sell(input: $in) { id } }`},
			"variables": {`{"in": {"accountId": "` + jsonID(acct.ID) + `", "amountFen": 100, "channel": "cash", "idempotencyKey": "` + newKey() + `"}}`},
		})
		if resp.Status != http.StatusMethodNotAllowed || resp.Code() != voltpay.EINVALID || !strings.Contains(resp.Errors[0].Message, "POST") ||
			resp.Header.Get("Allow") != "POST" {
			t.Errorf("GET mutation: got %d %+v (Allow %q), want 405 INVALID_INPUT saying to use POST, Allow: POST", resp.Status, resp.Errors, resp.Header.Get("Allow"))
		}
		bad := admin.htGraphQLGet(t, url.Values{"query": {`{ me { name } }`}, "variables": {`{not json`}})
		if bad.Status != http.StatusBadRequest || bad.Code() != voltpay.EINVALID {
			t.Errorf("GET with bad variables: got %d %+v, want 400 INVALID_INPUT", bad.Status, bad.Errors)
		}
		if after := valSnapshot(t, env, acct.ID); after.String() != before.String() {
			t.Errorf("a GET mutation changed state:\n before %s\n after  %s", before, after)
		}
	})
}

func jsonID(id int64) string { b, _ := json.Marshal(id); return string(b) }

func TestHTTP_PersistedQueries(t *testing.T) {
	env := newEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)
	// A query text of its own, so that no other test has stored it.
	query := "{ me { name } } # " + newKey()
	sum := sha256.Sum256([]byte(query))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}

	if resp := viewer.htPost(t, map[string]any{"extensions": ext}); resp.Code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: got %+v, want PERSISTED_QUERY_NOT_FOUND", resp.Errors)
	}
	var got struct{ Me struct{ Name string } }
	viewer.htPost(t, map[string]any{"query": query, "extensions": ext}).Decode(t, &got)
	if got.Me.Name == "" {
		t.Fatalf("query with hash: got %+v", got)
	}
	got.Me.Name = ""
	viewer.htPost(t, map[string]any{"extensions": ext}).Decode(t, &got)
	if got.Me.Name == "" {
		t.Errorf("hash only (POST): got %+v", got)
	}
	got.Me.Name = ""
	rawExt, _ := json.Marshal(ext)
	viewer.htGraphQLGet(t, url.Values{"extensions": {string(rawExt)}}).Decode(t, &got)
	if got.Me.Name == "" {
		t.Errorf("hash only (GET): got %+v", got)
	}

	t.Run("WrongHash", func(t *testing.T) {
		bad := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("ab", 32)}}
		resp := viewer.htPost(t, map[string]any{"query": "{ me { name } }", "extensions": bad})
		if resp.Code() != voltpay.EINVALID || !strings.Contains(resp.Errors[0].Message, "hash") {
			t.Errorf("query with another query's hash: got %+v, want INVALID_INPUT about the hash", resp.Errors)
		}
	})
}

func TestHTTP_GraphiQL(t *testing.T) {
	env := newEnv(t)
	status, header, body := htGet(t, env, "/graphiql", nil)
	if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
		t.Fatalf("/graphiql: got %d %s", status, header.Get("Content-Type"))
	}
	// Served from the binary's own assets: nothing from a CDN, no inline script.
	policy := header.Get("Content-Security-Policy")
	if !strings.Contains(policy, "script-src 'self';") || !strings.Contains(policy, "frame-ancestors 'none'") {
		t.Errorf("/graphiql policy %q: want scripts from 'self' only and no framing", policy)
	}
	for _, cdn := range []string{"cdn.jsdelivr", "unpkg.com", "cdnjs", "esm.sh", "http://", "https://"} {
		if strings.Contains(body, cdn) {
			t.Errorf("/graphiql loads from %s:\n%.500s", cdn, body)
		}
	}
	if !strings.Contains(body, "GraphiQL") && !strings.Contains(body, "make frontend") {
		t.Errorf("/graphiql is neither GraphiQL nor the page saying how to build it:\n%.300s", body)
	}
}

func TestHTTP_RequestID(t *testing.T) {
	env := newEnv(t)
	_, h, _ := htGet(t, env, "/healthz", http.Header{"X-Request-Id": {"req-from-proxy-42"}})
	if got := h.Get("X-Request-Id"); got != "req-from-proxy-42" {
		t.Errorf("a sane incoming id: got %q back", got)
	}
	ids := map[string]bool{}
	for _, in := range []string{"", "short", "has spaces and <html>", strings.Repeat("x", 65)} {
		_, h, _ := htGet(t, env, "/healthz", http.Header{"X-Request-Id": {in}})
		got := h.Get("X-Request-Id")
		if got == in || !regexp.MustCompile(`^[A-Za-z0-9]{16}$`).MatchString(got) || ids[got] {
			t.Errorf("incoming id %q: got %q, want a fresh generated one", in, got)
		}
		ids[got] = true
	}
}

// htFailingSites is a SiteService whose site list fails with an error
// full of things a client must never see.
type htFailingSites struct{ voltpay.SiteService }

var errHTSecret = errors.New(`pq: relation "sites_secret" does not exist; dsn=postgres://admin:hunter2@db.internal/voltpay`)

func (htFailingSites) FindSites(context.Context) ([]*voltpay.Site, error) { return nil, errHTSecret }

func TestHTTP_InternalErrorHidden(t *testing.T) {
	env := newEnv(t)
	viewer := env.operator(t, voltpay.RoleViewer)
	env.Res.SiteService = htFailingSites{env.Res.SiteService}

	req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", strings.NewReader(`{"query": "{ sites { id name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "trace-internal-0001")
	resp := viewer.send(t, req)
	if resp.Code() != voltpay.EINTERNAL {
		t.Fatalf("got %+v, want INTERNAL", resp.Errors)
	}
	msg := resp.Errors[0].Message
	for _, secret := range []string{"hunter2", "sites_secret", "pq:", "db.internal"} {
		if strings.Contains(msg, secret) {
			t.Errorf("the client saw %q: %s", secret, msg)
		}
	}
	if !strings.Contains(msg, "trace-internal-0001") || resp.Header.Get("X-Request-Id") != "trace-internal-0001" {
		t.Errorf("message %q and header %q should quote the request id", msg, resp.Header.Get("X-Request-Id"))
	}
	if log := env.Log.String(); !strings.Contains(log, "sites_secret") || !strings.Contains(log, "trace-internal-0001") {
		t.Errorf("the server log should hold the detail with the request id:\n%s", log)
	}
}
