package receipt

import (
	"io"
	"testing"
)

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkRender: receipts per second and bytes per PDF (docs/BENCHMARKS.md).
func BenchmarkRender(b *testing.B) {
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"a4-three-parts", Options{}},
		{"a4-one-copy", Options{Copies: []Copy{CopyTenant}}},
		{"241-three-pages", Options{Paper: Continuous241}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			l := &Layout{Title: "万达广场 预付费电费收据", Footer: []string{"服务电话 400-800-1234"}}
			r := sample()
			var w countWriter
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(&w, r, l, tc.o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.n)/float64(b.N), "bytes/pdf")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "receipts/s")
		})
	}
}
