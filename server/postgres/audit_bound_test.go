package postgres

import (
	"encoding/json"
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
