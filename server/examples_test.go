package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/demo"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestExamples runs the integrators' examples under examples/ against a real
// server seeded with the demo, as an integrator would run them: the Go one
// (genqlient) signs in as the demo cashier, the TypeScript one
// (graphql-codegen, graphql-request, graphql-ws) uses an API key and then
// runs graphql-http's audit of the GraphQL-over-HTTP spec. Each pages
// through every meter, sells twice with one idempotency key, sees its sale
// on balanceChanged, refunds and reads an error's code and field.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the examples")
	}
	env := newDemoEnv(t, demo.Size{Gateways: 2, MetersPerGw: 5, DirectMeters: 3, AccountsPerGw: 2, GatewayBasePort: 17001})
	accounts, err := env.Res.AccountService.FindAccounts(sys(), voltpay.AccountFilter{})
	if err != nil || len(accounts.Items) < 2 {
		t.Fatalf("the demo opened %v accounts (%v); want two, one for each example", accounts, err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	url := env.Srv.URL + "/graphql"
	// Both examples print these; the meters line also proves paging through
	// Relay edges (13 meters in pages of 4).
	common := []string{"meters: 13 edges in 4 pages of at most 4 (totalCount 13)", ", the same sale",
		"balanceChanged: entry", "refund: receipt", "error: code=INVALID_INPUT field=amountFen", "done"}

	t.Run("go", func(t *testing.T) {
		t.Parallel()
		out := runExample(t, root, []string{"VOLTPAY_PASSWORD=" + demo.Password},
			"go", "run", "./examples/go", "-url", url, "-username", "cashier", "-page-size", "4",
			"-account", id(accounts.Items[0].ID))
		wantLines(t, out, append(common, "login: cashier got a session", "signed in: operator cashier")...)
	})
	t.Run("ts", func(t *testing.T) {
		t.Parallel()
		npmInstall(t, root)
		_, key, err := env.Res.AuthService.CreateAPIKey(sys(), "examples-ts", []voltpay.Permission{
			voltpay.PermReadAccounts, voltpay.PermReadSite, voltpay.PermSell, voltpay.PermRefund})
		if err != nil {
			t.Fatal(err)
		}
		out := runExample(t, filepath.Join(root, "examples", "ts"), []string{"VOLTPAY_URL=" + url, "VOLTPAY_API_KEY=" + key,
			"VOLTPAY_PAGE_SIZE=4", "VOLTPAY_ACCOUNT_ID=" + id(accounts.Items[1].ID)},
			"npm", "run", "--silent", "example")
		wantLines(t, out, append(common, "using the API key", " examples-ts, permissions", "audit: ", "MUST failed: 0", "SHOULD failed: 0")...)
	})
}

// runExample runs a command in dir with env added and returns its output,
// failing the test when it exits other than 0.
func runExample(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s (%.1f s):\n%s", name, strings.Join(args, " "), time.Since(start).Seconds(), out.String())
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String()
}

// npmInstall installs the TypeScript example's packages when they are
// missing or stale (scripts/npm-ci.sh). Without node and npm the test skips,
// unless what `make test` provides is required.
func npmInstall(t *testing.T, root string) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if pgtest.Required() {
				t.Fatalf("%s not found on PATH: install Node.js 20 or newer (make deps does on Debian)", tool)
			}
			t.Skipf("%s not found on PATH: the TypeScript example needs Node.js 20 or newer", tool)
		}
	}
	runExample(t, root, nil, "scripts/npm-ci.sh", "examples/ts")
}

// wantLines fails the test for each of want that out lacks.
func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
