package postgres

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkBoundAuditArgs: what bounding costs an audit row: nothing to
// decode for a sale's args, one decode and encode for args with a long
// note or a URL.
func BenchmarkBoundAuditArgs(b *testing.B) {
	for _, bc := range []struct {
		name string
		args string
	}{
		{"Sale", `{"input":{"accountId":"12","amountFen":10000,"channel":"cash","idempotencyKey":"demo-sale-0001"}}`},
		{"LongNote", `{"input":{"accountId":"12","amountFen":10000,"channel":"cash","idempotencyKey":"demo-sale-0001","note":"` + strings.Repeat("n", 500) + `"}}`},
		{"ProxyURL", `{"id":"3","input":{"name":"gw","endpoint":"192.0.2.1:4001","proxyUrl":"socks5://u:p@198.51.100.9:1080"}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			raw := json.RawMessage(bc.args)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := boundAuditArgs(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBoundAuditArgs_KeepsShape: args over the limit because of a long
// list (a statement check's differences) keep their other keys and as many
// items as fit, with a note of how many were left out, instead of becoming
// an opaque head of text.
func TestBoundAuditArgs_KeepsShape(t *testing.T) {
	diffs := make([]map[string]any, 200)
	for i := range diffs {
		diffs[i] = map[string]any{"outTradeNo": strings.Repeat("x", 30), "problem": "paid at the provider, not here"}
	}
	raw, _ := json.Marshal(map[string]any{"channel": "wechat", "day": "2026-12-07", "differences": diffs})
	out, err := boundAuditArgs(raw)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Channel     string `json:"channel"`
		Differences []any  `json:"differences"`
	}
	if err := json.Unmarshal(out, &got); err != nil || len(out) > MaxAuditArgsBytes {
		t.Fatalf("bounded args: %d bytes, %v: %s", len(out), err, out)
	}
	n := len(got.Differences)
	note, _ := got.Differences[n-1].(string)
	if got.Channel != "wechat" || n < 10 || note != fmt.Sprintf("…[%d more items left out]", 200-(n-1)) {
		t.Fatalf("got channel %q, %d items ending %q; want wechat, the first items and a note of the rest", got.Channel, n, note)
	}
}
