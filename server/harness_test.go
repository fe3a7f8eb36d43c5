package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/demo"
	"github.com/voltpay/voltpay/server/events"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestMain gives this package its own throwaway database.
func TestMain(m *testing.M) { pgtest.Main(m) }

// testEnv is a running API server on loopback over the package's database,
// with a fresh site of its own. Tests share the database, so each works in
// its own site and never assumes a table is empty.
type testEnv struct {
	DB   *postgres.DB
	Res  *graph.Resolver
	Srv  *httptest.Server
	Site *voltpay.Site
	Log  *bytes.Buffer // what the server logged
}

var seq atomic.Int64

// next returns a number unique within the test binary.
func next() int64 { return seq.Add(1) }

// testConfig is the configuration tests serve with.
func testConfig() *config {
	return &config{MaxBodyBytes: 1 << 20, MaxDepth: 12, MaxComplexity: 250_000, LinkAddr: "127.0.0.1:0"}
}

// newEnv starts a server on the package database. Like `make run`, the
// server connects as a role that is no superuser and owns nothing
// (pgtest.AppRole), after the owner applied the schema and granted it its
// privileges: every API path a test takes is proven to work under least
// privilege.
func newEnv(tb testing.TB, opts ...func(*config)) *testEnv {
	tb.Helper()
	cfg := testConfig()
	for _, o := range opts {
		o(cfg)
	}
	cfg.DatabaseURL, cfg.MigrateURL = pgtest.AppURL(tb), pgtest.URL(tb)
	db, err := openDB(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	return newEnvOn(tb, db, cfg)
}

// ownDatabase opens an empty database of the test's own (a deployment of
// its own, for what counts every row of a table), connected as newEnv
// connects: as pgtest.AppRole, after the owner applied the schema. It
// returns the configuration to serve it with (newEnvOn).
func ownDatabase(tb testing.TB) (*postgres.DB, *config) {
	tb.Helper()
	owner := pgtest.NewDatabase(tb)
	ou, err := url.Parse(owner)
	if err != nil {
		tb.Fatal(err)
	}
	au, err := url.Parse(pgtest.AppURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	au.Path = ou.Path // the app role, on the new database
	cfg := testConfig()
	cfg.DatabaseURL, cfg.MigrateURL = au.String(), owner
	db, err := openDB(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	return db, cfg
}

// newDemoEnv starts a server, as newEnv does, on a database of its own
// (ownDatabase) seeded with the demo site at size: the demo seeds only a
// database without sites.
func newDemoEnv(tb testing.TB, size demo.Size) *testEnv {
	tb.Helper()
	db, cfg := ownDatabase(tb)
	svc := demo.Services{Sites: postgres.NewSiteService(db), Meters: postgres.NewMeterService(db),
		Tariffs: postgres.NewTariffService(db), Accounts: postgres.NewAccountService(db), Auth: postgres.NewAuthService(db)}
	if seeded, err := demo.Seed(context.Background(), svc, size, slog.New(slog.DiscardHandler)); err != nil || !seeded {
		db.Close()
		tb.Fatalf("seed the demo: %v, %v", seeded, err)
	}
	return newEnvOn(tb, db, cfg)
}

// newEnvOn starts a server on db (closing it at cleanup) with cfg.
func newEnvOn(tb testing.TB, db *postgres.DB, cfg *config) *testEnv {
	tb.Helper()
	db.Events = events.New()
	db.MaxSites = manySites
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	res := newResolver(db)
	srv := httptest.NewServer(newHTTPHandler(cfg, res, db, log))
	tb.Cleanup(func() { srv.Close(); db.Close() })
	n := next()
	site, err := res.SiteService.CreateSite(sys(), voltpay.SiteInput{Name: fmt.Sprintf("API test site %d", n), Code: fmt.Sprintf("A%d", 1000+n)})
	if err != nil {
		tb.Fatalf("create site: %v", err)
	}
	return &testEnv{DB: db, Res: res, Srv: srv, Site: site, Log: logs}
}

// manySites lifts the deployment's site limit (voltpay.MaxSites) for the
// package database, where every test env makes a site of its own.
const manySites = 1 << 20

// sys is a context acting as the system, for setting up fixtures.
func sys() context.Context { return voltpay.SystemContext(context.Background(), "test") }

// client calls the API with one credential (or none).
type client struct {
	env    *testEnv
	bearer string
	cookie *http.Cookie
}

// anonymous returns a client without credentials.
func (e *testEnv) anonymous() *client { return &client{env: e} }

// operator creates an operator with role and returns a signed-in client.
// It signs in through the service with a unique client address, so that
// fixtures never trip the login rate limit (tested on its own).
func (e *testEnv) operator(tb testing.TB, role voltpay.Role) *client {
	tb.Helper()
	name := fmt.Sprintf("%s%d", role, next())
	if _, err := e.Res.AuthService.CreateOperator(sys(), voltpay.OperatorInput{Username: name, DisplayName: name, Role: role, Password: "password-" + name}); err != nil {
		tb.Fatalf("create operator: %v", err)
	}
	s, err := e.Res.AuthService.Login(context.Background(), name, "password-"+name, false, fmt.Sprintf("fixture-%d", next()))
	if err != nil {
		tb.Fatalf("login %s: %v", name, err)
	}
	return &client{env: e, bearer: s.Token}
}

// apiKey creates an API key with scopes and returns a client using it.
func (e *testEnv) apiKey(tb testing.TB, scopes ...voltpay.Permission) *client {
	tb.Helper()
	_, secret, err := e.Res.AuthService.CreateAPIKey(sys(), fmt.Sprintf("key %d", next()), scopes)
	if err != nil {
		tb.Fatalf("create API key: %v", err)
	}
	return &client{env: e, bearer: secret}
}

// tenant creates a tenant login for accountID and returns its client.
func (e *testEnv) tenant(tb testing.TB, accountID int64) *client {
	tb.Helper()
	phone := fmt.Sprintf("139%08d", next())
	if _, err := e.Res.AuthService.CreateTenantUser(sys(), accountID, phone, "tenant-password"); err != nil {
		tb.Fatalf("create tenant user: %v", err)
	}
	s, err := e.Res.AuthService.Login(context.Background(), phone, "tenant-password", true, fmt.Sprintf("fixture-%d", next()))
	if err != nil {
		tb.Fatalf("tenant login: %v", err)
	}
	return &client{env: e, bearer: s.Token}
}

// openAccount opens an account in the env's site with a first sale (if > 0).
func (e *testEnv) openAccount(tb testing.TB, firstSale voltpay.Fen, meterIDs ...int64) *voltpay.Account {
	tb.Helper()
	in := voltpay.OpenAccountInput{MeterIDs: meterIDs, Account: voltpay.AccountInput{SiteID: e.Site.ID,
		TenantName: fmt.Sprintf("商户 %d", next()), ShopNo: "1F-01", Phone: "13800138000"}}
	if firstSale > 0 {
		in.FirstSale = &voltpay.SaleInput{AmountFen: firstSale, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()}
	}
	a, _, err := e.Res.AccountService.OpenAccount(sys(), in)
	if err != nil {
		tb.Fatalf("open account: %v", err)
	}
	return a
}

// createMeter creates a direct DL/T 645 meter in the env's site.
func (e *testEnv) createMeter(tb testing.TB, tariffID *int64) *voltpay.Meter {
	tb.Helper()
	m, err := e.Res.MeterService.CreateMeter(sys(), voltpay.MeterInput{SiteID: e.Site.ID, Address: fmt.Sprintf("%012d", 500000000+next()),
		Protocol: voltpay.MeterProtocolDLT645, TariffID: tariffID, Model: "DDSY1352"})
	if err != nil {
		tb.Fatalf("create meter: %v", err)
	}
	return m
}

func newKey() string { return fmt.Sprintf("key-%d-%d", next(), seq.Load()*7919) }

// gqlResponse is a GraphQL answer.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	Status int             `json:"-"`
	Header http.Header     `json:"-"`
}

type gqlError struct {
	Message    string `json:"message"`
	Path       []any  `json:"path"`
	Extensions struct {
		Code         string `json:"code"`
		Field        string `json:"field"`
		AvailableFen *int64 `json:"availableFen"`
		RequestID    string `json:"requestId"`
		// The reason of a refused one-time code or a throttled request.
		Reason            string `json:"reason"`
		RetryAfterSeconds int    `json:"retryAfterSeconds"`
		AttemptsLeft      *int   `json:"attemptsLeft"`
	} `json:"extensions"`
}

// Code returns the first error's extensions.code, or "" when there is none.
func (r *gqlResponse) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

// Decode unmarshals data into v, failing the test on errors.
func (r *gqlResponse) Decode(tb testing.TB, v any) {
	tb.Helper()
	if len(r.Errors) > 0 {
		tb.Fatalf("unexpected GraphQL errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		tb.Fatalf("decode data %s: %v", r.Data, err)
	}
}

// do POSTs a GraphQL operation.
func (c *client) do(tb testing.TB, query string, vars map[string]any) *gqlResponse {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, c.env.Srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return c.send(tb, req)
}

// send sends req with the client's credential and decodes the answer.
func (c *client) send(tb testing.TB, req *http.Request) *gqlResponse {
	tb.Helper()
	c.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header}
	if err := json.Unmarshal(raw, out); err != nil && resp.StatusCode < 300 {
		tb.Fatalf("response is not GraphQL JSON (%d): %s", resp.StatusCode, raw)
	}
	return out
}

// authorize adds the client's credential to req.
func (c *client) authorize(req *http.Request) {
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
}

// lockedWriter serialises writes of concurrent loggers to one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
