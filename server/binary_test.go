package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestBinary_ServeLoginSell builds the real binary and runs `voltpay serve`
// the way `make run` does (first admin from VOLTPAY_ADMIN_PASSWORD, demo
// seed), then signs in and sells over HTTP like the README's curl lines,
// and finally stops it with SIGTERM, which must drain and exit 0.
func TestBinary_ServeLoginSell(t *testing.T) {
	bin := buildBinary(t)
	dbURL := pgtest.NewDatabase(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "VOLTPAY_ADDR="+addr,
		"VOLTPAY_ADMIN_PASSWORD=binary-test-pw", "VOLTPAY_SEED_DEMO=1", "VOLTPAY_LOG_FORMAT=text")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	waitReady(t, base+"/readyz", &out)

	token := postGraphQL(t, base, "", `mutation { login(username: "cashier", password: "voltpay-demo") { token } }`)["login"].(map[string]any)["token"].(string)
	sale := postGraphQL(t, base, token, `mutation { sell(input: {accountId: 1, amountFen: 10000, channel: cash, idempotencyKey: "binary-test-0001"}) { receiptNo amountFen balanceAfterFen } }`)["sell"].(map[string]any)
	if sale["amountFen"].(float64) != 10000 || sale["receiptNo"] == "" {
		t.Fatalf("sell: got %v", sale)
	}
	adminToken := postGraphQL(t, base, "", `mutation { login(username: "admin", password: "binary-test-pw") { token } }`)["login"].(map[string]any)["token"].(string)
	if adminToken == "" {
		t.Fatal("admin login gave no token")
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve did not exit cleanly after SIGTERM: %v\n%s", err, out.String())
	}
	for _, want := range []string{"demo site seeded", "admin / binary-test-pw", "stopped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// buildBinary builds the voltpay binary into a temporary directory (the Go
// build cache makes the second build of a run cheap). Skipped with -short.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "voltpay")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// waitReady polls url until it answers 200, for at most a minute.
func waitReady(t *testing.T, url string, out *bytes.Buffer) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never became ready:\n%s", url, out.String())
}

// postGraphQL posts query and returns its data, failing on errors.
func postGraphQL(t *testing.T, base, token, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   map[string]any
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("%s: %v %v", query, err, r.Errors)
	}
	return r.Data
}
