package main

// Benchmarks of the sale path, run by `make bench` (scripts/bench.sh) beside
// pgbench; docs/BENCHMARKS.md has the figures and how to read them. They only
// run under -bench: a plain `go test` never calls them.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// benchAccounts is how many accounts the sales are spread over, so that
// concurrent clients mostly lock different rows, as at a real sales desk.
const benchAccounts = 64

// defaultBenchClients is the number of concurrent clients when
// VOLTPAY_BENCH_CLIENTS is unset; scripts/bench.sh gives pgbench the same -c.
const defaultBenchClients = 16

// benchSellQuery is what an integrator sends to sell and print a receipt.
const benchSellQuery = `mutation Sell($in: SaleInput!) {
  sell(input: $in) { id receiptNo amountFen balanceAfterFen createdAt }
}`

// benchKeys makes idempotency keys unique across the runs of one binary
// (a benchmark function runs several times with growing b.N) and across
// binaries sharing a database.
var (
	benchKeyPrefix = "bench-" + rand.Text()[:10] + "-"
	benchKeySeq    atomic.Int64
)

func benchKey() string { return benchKeyPrefix + strconv.FormatInt(benchKeySeq.Add(1), 10) }

// benchClients sets b's parallelism so that RunParallel starts about
// VOLTPAY_BENCH_CLIENTS goroutines (it starts parallelism × GOMAXPROCS)
// and returns that number.
func benchClients(b *testing.B) int {
	b.Helper()
	clients := defaultBenchClients
	if v := os.Getenv("VOLTPAY_BENCH_CLIENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("VOLTPAY_BENCH_CLIENTS=%q: want a whole number of clients, 1 or more", v)
		}
		clients = n
	}
	procs := runtime.GOMAXPROCS(0)
	p := (clients + procs - 1) / procs
	b.SetParallelism(p)
	return p * procs
}

// benchFixture is a server with an integrator's sell key and accounts to sell to.
type benchFixture struct {
	env      *testEnv
	bearer   string
	accounts []int64
}

func newBenchFixture(b *testing.B) *benchFixture {
	b.Helper()
	env := newEnv(b)
	f := &benchFixture{env: env, bearer: env.apiKey(b, voltpay.PermSell).bearer}
	for range benchAccounts {
		f.accounts = append(f.accounts, env.openAccount(b, 0).ID)
	}
	return f
}

// account returns the account for the i-th sale, round robin.
func (f *benchFixture) account(i int64) int64 { return f.accounts[i%int64(len(f.accounts))] }

// BenchmarkSellGraphQL measures sales per second through the whole stack:
// HTTP over loopback with keep-alive, bearer API key authentication,
// GraphQL parsing and execution, the ledger transaction in PostgreSQL and
// the audit entry of the mutation.
func BenchmarkSellGraphQL(b *testing.B) {
	f := newBenchFixture(b)
	clients := benchClients(b)
	hc := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        clients * 2,
			MaxIdleConnsPerHost: clients * 2,
			IdleConnTimeout:     time.Minute,
		},
	}
	b.Cleanup(hc.CloseIdleConnections)
	url := f.env.Srv.URL + "/graphql"
	var n atomic.Int64
	// One warm-up sale: the query cache, the pool and the API key's
	// last_used_at write are then as they are in steady state.
	if err := postSale(hc, url, f.bearer, f.account(0)); err != nil {
		b.Fatalf("warm-up sale: %v", err)
	}
	if b.N == 1 {
		b.Logf("%d concurrent clients (GOMAXPROCS %d), %d accounts", clients, runtime.GOMAXPROCS(0), len(f.accounts))
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := postSale(hc, url, f.bearer, f.account(n.Add(1))); err != nil {
				b.Errorf("sell: %v", err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sales/s")
}

// BenchmarkSellService measures LedgerService.Sell called directly, as the
// API key's principal: the ledger transaction alone, without HTTP,
// authentication, GraphQL or the audit entry. The gap to
// BenchmarkSellGraphQL is what those layers cost.
func BenchmarkSellService(b *testing.B) {
	f := newBenchFixture(b)
	clients := benchClients(b)
	p, err := f.env.Res.AuthService.Authenticate(context.Background(), f.bearer)
	if err != nil {
		b.Fatalf("authenticate the API key: %v", err)
	}
	ctx := voltpay.WithPrincipal(context.Background(), p)
	svc := f.env.Res.LedgerService
	var n atomic.Int64
	if b.N == 1 {
		b.Logf("%d concurrent callers (GOMAXPROCS %d), %d accounts", clients, runtime.GOMAXPROCS(0), len(f.accounts))
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e, err := svc.Sell(ctx, voltpay.SaleInput{AccountID: f.account(n.Add(1)), AmountFen: 1000,
				Channel: voltpay.ChannelCash, IdempotencyKey: benchKey()})
			if err != nil {
				b.Errorf("sell: %v", err)
				return
			}
			if e.ReceiptNo == "" {
				b.Errorf("sell: entry %d has no receipt number", e.ID)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sales/s")
}

// benchSellResponse is the part of the sell answer the benchmark checks.
type benchSellResponse struct {
	Data *struct {
		Sell *struct {
			ReceiptNo string `json:"receiptNo"`
		} `json:"sell"`
	} `json:"data"`
	Errors []gqlError `json:"errors"`
}

// postSale sells 10 yuan to account through POST /graphql and returns an
// error unless the answer is a sale with a receipt and no GraphQL errors.
func postSale(hc *http.Client, url, bearer string, account int64) error {
	body, err := json.Marshal(map[string]any{"query": benchSellQuery, "operationName": "Sell",
		"variables": map[string]any{"in": map[string]any{"accountId": account, "amountFen": 1000,
			"channel": "cash", "idempotencyKey": benchKey()}}})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	var got benchSellResponse
	if err := json.Unmarshal(raw, &got); err != nil {
		return fmt.Errorf("answer is not GraphQL JSON (HTTP %d): %.200s", resp.StatusCode, raw)
	}
	if len(got.Errors) > 0 || got.Data == nil || got.Data.Sell == nil || got.Data.Sell.ReceiptNo == "" {
		return fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, raw)
	}
	return nil
}
