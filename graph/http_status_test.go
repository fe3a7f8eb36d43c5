package graph

import (
	"strings"
	"testing"
)

func TestMalformedBody(t *testing.T) {
	ok := []string{
		`{"query": "{ me { name } }"}`,
		`{"query": "{ me { name } }", "variables": null, "operationName": null, "extensions": null}`,
		`{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}`,
	}
	for _, b := range ok {
		if msg := malformedBody([]byte(b)); msg != "" {
			t.Errorf("%s: refused (%s), want accepted", b, msg)
		}
	}
	bad := []string{``, `[]`, `[{"query": "{ a }"}]`, `"x"`, `{"query": 1}`, `{"variables": {}}`,
		`{"query": "{ a }", "variables": "x"}`, `{"query": "{ a }", "operationName": 2}`, `{"query": "{ a }"`}
	for _, b := range bad {
		if malformedBody([]byte(b)) == "" {
			t.Errorf("%s: accepted, want refused", b)
		}
	}
}

// BenchmarkMalformedBody: what checking a request's shape before gqlgen
// decodes it again costs, for a sale as the sales desk sends it.
func BenchmarkMalformedBody(b *testing.B) {
	body := []byte(`{"operationName":"Sell","query":"mutation Sell($in: SaleInput!) { sell(input: $in) { id receiptNo balanceAfterFen account { id balanceFen } } }",` +
		`"variables":{"in":{"accountId":"12","amountFen":8880,"channel":"cash","idempotencyKey":"` + strings.Repeat("a", 36) + `","note":""}}}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if malformedBody(body) != "" {
			b.Fatal("refused")
		}
	}
}
