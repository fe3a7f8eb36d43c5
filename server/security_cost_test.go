package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// probeAliasFlood is the outside probe's document: n login fields under one
// alias, with arguments that differ, so that validation reports every pair.
func probeAliasFlood(n int) string {
	var b strings.Builder
	b.WriteString("mutation{")
	for i := range n {
		fmt.Fprintf(&b, `a:login(username:"u%d",password:"p"){token} `, i)
	}
	return b.String() + "}"
}

// probeTypenames is `{ __typename __typename … }` with n fields.
func probeTypenames(n int) string {
	return "{" + strings.Repeat(" __typename", n) + " }"
}

// probeAlarmPages is n aliases of a full page of alarms.
func probeAlarmPages(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: alarms(first: 1000) { nodes { id kind raisedAt } totalCount }", i)
	}
	return b.String() + " }"
}

// patient is a client that gives up long after any sane answer, so that a
// request the server does not bound fails the test instead of hanging it.
var patient = &http.Client{Timeout: 60 * time.Second}

// postRaw POSTs a GraphQL document with c's credential and extra headers,
// returning the status, headers and decoded answer.
func (c *client) postRaw(t *testing.T, query string, header http.Header) *gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, c.env.Srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := patient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("answer is not GraphQL JSON (%d %s): %.300s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
	return out
}

// refusedWhole checks that resp refuses the document as a whole: one error
// (validation would have reported thousands), INVALID_INPUT, the status of
// every validation error, and a message naming the limit.
func refusedWhole(t *testing.T, resp *gqlResponse, wantStatus int, msg string) {
	t.Helper()
	if len(resp.Errors) != 1 {
		first := ""
		if len(resp.Errors) > 0 {
			first = resp.Errors[0].Message
		}
		t.Fatalf("got %d errors (first %.200q, data %.100s), want exactly one refusal", len(resp.Errors), first, resp.Data)
	}
	e := resp.Errors[0]
	if e.Extensions.Code != voltpay.EINVALID || resp.Status != wantStatus || !strings.Contains(e.Message, msg) {
		t.Errorf("got %d %s %q, want %d INVALID_INPUT mentioning %q", resp.Status, e.Extensions.Code, e.Message, wantStatus, msg)
	}
	if resp.Data != nil && string(resp.Data) != "null" {
		t.Errorf("a refused document answered data %.200s", resp.Data)
	}
}

// TestSecurity_AliasFlood: 5,000 same-alias logins (194 KB) grew the server
// to 24 GB; now they are refused before validation, for anyone.
func TestSecurity_AliasFlood(t *testing.T) {
	env := newEnv(t)
	doc := probeAliasFlood(5000)
	refusedWhole(t, env.anonymous().postRaw(t, doc, nil), http.StatusOK, "limit is")
	refusedWhole(t, env.operator(t, voltpay.RoleAdmin).postRaw(t, doc, nil), http.StatusOK, "limit is")
	// Even few repeats of one response name are refused once over the repeat
	// budget, so that validation's pairwise comparison stays small.
	refusedWhole(t, env.anonymous().postRaw(t, probeAliasFlood(5), nil), http.StatusOK, `"a" is selected more than 4 times`)
}

// TestSecurity_TypenameFlood: 50,000 `__typename` (550 KB) took 156 s of CPU.
func TestSecurity_TypenameFlood(t *testing.T) {
	env := newEnv(t)
	doc := probeTypenames(50_000)
	refusedWhole(t, env.anonymous().postRaw(t, doc, nil), http.StatusOK, "tokens")
	refusedWhole(t, env.operator(t, voltpay.RoleViewer).postRaw(t, doc, nil), http.StatusOK, "tokens")
	// Under the token limit, the field count and the repeat budget refuse it.
	refusedWhole(t, env.operator(t, voltpay.RoleViewer).postRaw(t, probeTypenames(3000), nil), http.StatusOK, "limit is")
}

// TestSecurity_AlarmPagesCost: 200 × alarms(first: 1000) were accepted (83 s,
// a 71 MB answer): alarms now costs its page size.
func TestSecurity_AlarmPagesCost(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	refusedWhole(t, admin.postRaw(t, probeAlarmPages(200), nil), http.StatusOK, "complexity")
	var many strings.Builder
	for i := range 200 {
		fmt.Fprintf(&many, " r%d: rechargeOrders(first: 1000) { nodes { id amountFen } }", i)
	}
	refusedWhole(t, admin.postRaw(t, "{"+many.String()+" }", nil), http.StatusOK, "complexity")
	// One page is fine.
	if resp := admin.postRaw(t, probeAlarmPages(1), nil); len(resp.Errors) > 0 {
		t.Errorf("one page of alarms: %+v", resp.Errors)
	}
}

// TestSecurity_AnonymousBudget: callers who have not signed in get a much
// smaller budget than signed-in ones.
func TestSecurity_AnonymousBudget(t *testing.T) {
	env := newEnv(t)
	var b strings.Builder
	for i := range 600 {
		fmt.Fprintf(&b, " m%d: me { name }", i)
	}
	doc := "{" + b.String() + " }"
	refusedWhole(t, env.anonymous().postRaw(t, doc, nil), http.StatusOK, "sign in")
	if resp := env.operator(t, voltpay.RoleViewer).postRaw(t, doc, nil); len(resp.Errors) > 0 {
		t.Errorf("signed in, 600 fields: %+v", resp.Errors[0])
	}
	if resp := env.anonymous().postRaw(t, "{ me { name } }", nil); resp.Code() != voltpay.EUNAUTHENTICATED {
		t.Errorf("anonymous me: got %+v, want UNAUTHENTICATED from the directive (within budget)", resp.Errors)
	}
	login := `mutation { login(username: "nobody", password: "wrong") { token } }`
	if resp := env.anonymous().postRaw(t, login, nil); resp.Status != http.StatusOK || resp.Code() == voltpay.EINVALID {
		t.Errorf("anonymous login must fit the budget: got %d %+v", resp.Status, resp.Errors)
	}
}

// TestSecurity_ValidationStatusConsistent: depth and complexity refusals
// answered 200 while other validation errors answered 422; every refusal
// of the document now answers alike, by the GraphQL-over-HTTP rule (200
// for application/json, 400 for application/graphql-response+json).
func TestSecurity_ValidationStatusConsistent(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	docs := map[string]string{
		"UnknownField": `{ me { color } }`,
		"Syntax":       `{ me { name }`,
		"TooDeep":      `{ meters { nodes { account { meters { account { meters { account { meters { account { meters { account { meters { account { id } } } } } } } } } } } } } }`,
		"TooComplex":   `{ meters(first: 1000) { nodes { account { entries(first: 1000) { nodes { id amountFen } } } } } }`,
		"TooMany":      probeTypenames(3000),
		"Subscription": `subscription { alarmRaised { id } }`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			refusedWhole(t, admin.postRaw(t, doc, nil), http.StatusOK, "")
			gr := admin.postRaw(t, doc, http.Header{"Accept": {"application/graphql-response+json"}})
			refusedWhole(t, gr, http.StatusBadRequest, "")
			if ct := gr.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/graphql-response+json") {
				t.Errorf("Content-Type %q, want application/graphql-response+json", ct)
			}
		})
	}
}

// TestSecurity_SubscriptionOverPOST: a subscription sent with POST held the
// request open with no limit; subscriptions are served over websockets only.
func TestSecurity_SubscriptionOverPOST(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	refusedWhole(t, admin.postRaw(t, `subscription { alarmRaised { id } }`, nil), http.StatusOK, "websockets")
	resp := admin.htGraphQLGet(t, map[string][]string{"query": {`subscription { alarmRaised { id } }`}})
	if resp.Status != http.StatusOK || resp.Code() != voltpay.EINVALID || (resp.Data != nil && string(resp.Data) != "null") {
		t.Errorf("subscription over GET: got %d %+v, want a refusal with INVALID_INPUT (200 as application/json)", resp.Status, resp.Errors)
	}
}

// TestSecurity_RequestDeadline: a query that outlives the request timeout is
// stopped and says so.
func TestSecurity_RequestDeadline(t *testing.T) {
	cfg := testConfig()
	cfg.RequestTimeout = time.Nanosecond // over before any resolver reaches the database
	env := newEnvOn(t, openTestDB(t), cfg)
	resp := env.operator(t, voltpay.RoleAdmin).postRaw(t, `{ accounts(first: 1) { nodes { id } } }`, nil)
	if resp.Code() != voltpay.EUNAVAILABLE {
		t.Errorf("got %d %+v, want UNAVAILABLE", resp.Status, resp.Errors)
	}
}

// openTestDB opens the package's database for a server of a test's own.
func openTestDB(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	return db
}

// TestSecurity_TransportErrorsAreJSON: 413 and "transport not supported"
// were text/plain without a code.
func TestSecurity_TransportErrorsAreJSON(t *testing.T) {
	env := newEnv(t)
	check := func(t *testing.T, req *http.Request, wantStatus int, wantType string) {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var out gqlResponse
		if err := json.Unmarshal(raw, &out); err != nil || out.Code() != voltpay.EINVALID {
			t.Errorf("body %.200s: want GraphQL JSON with code INVALID_INPUT", raw)
		}
		if resp.StatusCode != wantStatus || !strings.HasPrefix(resp.Header.Get("Content-Type"), wantType) {
			t.Errorf("got %d %s, want %d %s", resp.StatusCode, resp.Header.Get("Content-Type"), wantStatus, wantType)
		}
	}
	big := `{"query": "{ me { name } }", "pad": "` + strings.Repeat("x", 2<<20) + `"}`
	for _, accept := range []string{"", "application/graphql-response+json"} {
		want := "application/json"
		if accept != "" {
			want = accept
		}
		req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", strings.NewReader(big))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		check(t, req, http.StatusRequestEntityTooLarge, want)

		req, _ = http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", strings.NewReader("{ me { name } }"))
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("Accept", accept)
		check(t, req, http.StatusUnsupportedMediaType, want)
	}
}

// TestSecurity_IntrospectionSignedInOnly: anyone could introspect.
func TestSecurity_IntrospectionSignedInOnly(t *testing.T) {
	env := newEnv(t)
	const q = `{ __schema { queryType { name } } }`
	if resp := env.anonymous().postRaw(t, q, nil); len(resp.Errors) == 0 || resp.Code() != voltpay.EUNAUTHENTICATED {
		t.Errorf("anonymous introspection: got %s %+v, want a refusal", resp.Data, resp.Errors)
	}
	var got struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	env.operator(t, voltpay.RoleViewer).postRaw(t, q, nil).Decode(t, &got)
	if got.Schema.QueryType.Name != "Query" {
		t.Errorf("signed-in introspection: got %+v", got)
	}
	cfg := testConfig()
	cfg.Introspection = "off"
	off := newEnvOn(t, openTestDB(t), cfg)
	if resp := off.operator(t, voltpay.RoleAdmin).postRaw(t, q, nil); resp.Code() != voltpay.EFORBIDDEN {
		t.Errorf("introspection off: a signed-in admin got %s", resp.Data)
	}
}

// TestSecurity_MetricsNotPublic: /metrics was open to anyone.
func TestSecurity_MetricsNotPublic(t *testing.T) {
	env := newEnv(t)
	if status, _, body := htGet(t, env, "/metrics", nil); status != http.StatusNotFound || strings.Contains(body, "voltpay_http") {
		t.Errorf("/metrics without a token configured: got %d %.100s, want 404 saying where metrics are", status, body)
	}
	cfg := testConfig()
	cfg.MetricsToken = "metrics-secret-" + newKey()
	tok := newEnvOn(t, openTestDB(t), cfg)
	if status, _, _ := htGet(t, tok, "/metrics", http.Header{"Authorization": {"Bearer wrong"}}); status != http.StatusUnauthorized {
		t.Errorf("/metrics with a wrong token: got %d, want 401", status)
	}
	if status, _, body := htGet(t, tok, "/metrics", http.Header{"Authorization": {"Bearer " + cfg.MetricsToken}}); status != http.StatusOK || !strings.Contains(body, "voltpay_http") {
		t.Errorf("/metrics with the token: got %d %.100s", status, body)
	}
}

// graphiqlIntrospection is the query GraphiQL sends (graphql-js's
// getIntrospectionQuery with descriptions and deprecations).
const graphiqlIntrospection = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// TestSecurity_GraphiQLFitsTheBudget: the budgets must not break GraphiQL,
// which introspects with the session cookie of a signed-in operator.
func TestSecurity_GraphiQLFitsTheBudget(t *testing.T) {
	env := newEnv(t)
	resp := env.operator(t, voltpay.RoleViewer).postRaw(t, graphiqlIntrospection, nil)
	if resp.Status != http.StatusOK || len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), `"queryType":{"name":"Query"}`) {
		t.Errorf("GraphiQL's introspection, signed in: got %d %+v", resp.Status, resp.Errors)
	}
	// With VOLTPAY_INTROSPECTION=all, the anonymous budget fits it too.
	cfg := testConfig()
	cfg.Introspection = "all"
	all := newEnvOn(t, openTestDB(t), cfg)
	if resp := all.anonymous().postRaw(t, graphiqlIntrospection, nil); resp.Status != http.StatusOK || len(resp.Errors) > 0 {
		t.Errorf("GraphiQL's introspection, anonymous with introspection all: got %d %+v", resp.Status, resp.Errors)
	}
}
