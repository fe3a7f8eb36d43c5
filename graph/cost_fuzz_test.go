package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// probeDocs are the shapes of issue 10's probe and their relatives: the
// fuzz seeds and the benchmarks' requests.
func probeDocs() map[string]string {
	var alias, alarms, frag strings.Builder
	alias.WriteString("mutation{")
	for i := range 5000 {
		fmt.Fprintf(&alias, `a:login(username:"u%d",password:"p"){token} `, i)
	}
	alias.WriteString("}")
	alarms.WriteString("{")
	for i := range 200 {
		fmt.Fprintf(&alarms, " a%d: alarms(first: 1000) { nodes { id kind raisedAt } totalCount }", i)
	}
	alarms.WriteString(" }")
	// A fragment bomb: each fragment spreads the next one twice.
	frag.WriteString("{ ...F0 }")
	for i := range 30 {
		fmt.Fprintf(&frag, " fragment F%d on Query { ...F%d ...F%d }", i, i+1, i+1)
	}
	frag.WriteString(" fragment F30 on Query { __typename }")
	return map[string]string{
		"Aliases5000":     alias.String(),
		"Typename50000":   "{" + strings.Repeat(" __typename", 50_000) + " }",
		"AlarmPages200":   alarms.String(),
		"FragmentBomb":    frag.String(),
		"NestedRepeats":   "{" + strings.Repeat(" me { me: name ", 20) + strings.Repeat("}", 20) + " }",
		"DeepNesting":     strings.Repeat("{ me ", 500) + strings.Repeat("}", 500),
		"FragmentCycle":   "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A me { name } }",
		"Introspection":   "{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }",
		"Login":           `mutation { login(username: "u", password: "p") { token } }`,
		"SubscriptionPOS": "subscription { alarmRaised { id } }",
	}
}

// newFuzzHandler is the GraphQL handler with the default limits over
// resolvers without services: every guard runs, and a document that gets
// past them reaches a resolver that fails (recovered as INTERNAL), which is
// all a fuzzer needs.
func newFuzzHandler() http.Handler {
	return NewHandler(&Resolver{}, DefaultLimits, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// postAs sends query through h as principal p (nil: anonymous).
func postAs(h http.Handler, p *voltpay.Principal, query string) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]any{"query": query})
	return postBody(h, p, body)
}

// postBody sends a JSON request body through h as principal p.
func postBody(h http.Handler, p *voltpay.Principal, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	ctx := WithRequestInfo(req.Context(), &RequestInfo{RequestID: "fuzz"})
	if p != nil {
		ctx = voltpay.WithPrincipal(ctx, p)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req.WithContext(ctx))
	return w
}

var fuzzViewer = &voltpay.Principal{Kind: voltpay.PrincipalOperator, ID: 1, Name: "fuzz", Role: voltpay.RoleViewer}

// FuzzGraphQLDocument sends any document through the handler, anonymously
// and signed in: the guards must answer every one with GraphQL JSON and
// keep each request's allocations bounded (the probe's documents allocated
// gigabytes).
func FuzzGraphQLDocument(f *testing.F) {
	for _, doc := range probeDocs() {
		f.Add(doc)
	}
	h := newFuzzHandler()
	f.Fuzz(func(t *testing.T, doc string) {
		for _, p := range []*voltpay.Principal{nil, fuzzViewer} {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			w := postAs(h, p, doc)
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
				t.Errorf("one request allocated %d MiB", n>>20)
			}
			var resp struct {
				Data   json.RawMessage `json:"data"`
				Errors []any           `json:"errors"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatalf("answer %d is not GraphQL JSON: %.200s", w.Code, w.Body.Bytes())
			}
			if len(resp.Errors) > 1000 {
				t.Errorf("%d errors in one answer: the guards let validation run wild", len(resp.Errors))
			}
		}
	})
}

// TestSecurity_ProbeDocsRefusedCheaply runs the probe's documents through
// the handler without a database: each is refused by a guard, with one
// error, before validation.
func TestSecurity_ProbeDocsRefusedCheaply(t *testing.T) {
	h := newFuzzHandler()
	for name, doc := range probeDocs() {
		switch name {
		case "Login", "Introspection", "FragmentCycle", "SubscriptionPOS":
			continue // not floods
		}
		for _, p := range []*voltpay.Principal{nil, fuzzViewer} {
			w := postAs(h, p, doc)
			var resp struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			json.Unmarshal(w.Body.Bytes(), &resp)
			if w.Code != http.StatusOK || len(resp.Errors) != 1 {
				t.Errorf("%s (signed in: %v): got %d with %d errors, want 200 with one refusal: %.200s", name, p != nil, w.Code, len(resp.Errors), w.Body.Bytes())
			}
		}
	}
}

// BenchmarkProbeRequests measures what the probe's requests cost now that
// they are refused: time and bytes allocated per request, and the largest
// live heap seen while they ran (peak-heap-B).
func BenchmarkProbeRequests(b *testing.B) {
	h := newFuzzHandler()
	docs := probeDocs()
	for _, name := range []string{"Aliases5000", "Typename50000", "AlarmPages200", "FragmentBomb"} {
		for _, who := range []struct {
			name string
			p    *voltpay.Principal
		}{{"anonymous", nil}, {"signedIn", fuzzViewer}} {
			body, _ := json.Marshal(map[string]any{"query": docs[name]})
			b.Run(name+"/"+who.name, func(b *testing.B) {
				stop := samplePeakHeap()
				b.ReportAllocs()
				for b.Loop() {
					if w := postBody(h, who.p, body); w.Code != http.StatusOK {
						b.Fatalf("got %d: %.200s", w.Code, w.Body.Bytes())
					}
				}
				b.ReportMetric(float64(stop()), "peak-heap-B")
			})
		}
	}
}

// samplePeakHeap samples the heap's live and not yet collected objects
// (runtime/metrics, which does not stop the world) every 100µs until the
// returned func is called, which returns the largest sample.
func samplePeakHeap() func() uint64 {
	ctx, cancel := context.WithCancel(context.Background())
	peak := make(chan uint64)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var max uint64
		for ctx.Err() == nil {
			metrics.Read(sample)
			max = maxU(max, sample[0].Value.Uint64())
			time.Sleep(100 * time.Microsecond)
		}
		peak <- max
	}()
	return func() uint64 { cancel(); return <-peak }
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
