package graph

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Limits of the refusals of unauthenticated callers written to the audit
// log. Anyone can send them, 50 to a request, so they are counted in full
// (voltpay_anonymous_refusals_total) but only sampled into the log.
const (
	refusalsPerIP     = 10    // rows a minute for one address
	refusalsPerMinute = 100   // rows a minute for all addresses together
	refusalsTracked   = 10000 // addresses whose suppressed count is kept
)

var anonymousRefusals = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "voltpay_anonymous_refusals_total",
	Help: "Mutations refused to callers not signed in (no or a bad credential, failed logins), by operation and whether the audit log recorded them (recorded) or they were only counted (suppressed).",
}, []string{"operation", "audit"})

// refusalsCounted counts one refusal of operation (a schema field name, so
// the label set stays small).
func refusalsCounted(operation string, recorded bool) {
	outcome := "suppressed"
	if recorded {
		outcome = "recorded"
	}
	anonymousRefusals.WithLabelValues(operation, outcome).Inc()
}

// refusalSampler lets through at most perIP refusals a minute from one
// address and total from all, and counts the others per address so that
// the address's next recorded row says how many were left out. Its memory
// is bounded: total addresses a minute, and refusalsTracked counts.
type refusalSampler struct {
	mu         sync.Mutex
	perIP      int
	total      int
	now        func() time.Time
	minute     int64
	written    map[string]int // rows this minute, by address
	nWritten   int
	suppressed map[string]int // refusals not written since the last row, by address ("" : the rest)
}

func newRefusalSampler(perIP, total int) *refusalSampler {
	return &refusalSampler{perIP: perIP, total: total, now: time.Now,
		written: map[string]int{}, suppressed: map[string]int{}}
}

// admit reports whether a refusal from ip is to be written, and if so how
// many from ip were left out before it.
func (s *refusalSampler) admit(ip string) (record bool, suppressed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.now().Unix() / 60; m != s.minute {
		s.minute, s.written, s.nWritten = m, map[string]int{}, 0
	}
	if s.written[ip] >= s.perIP || s.nWritten >= s.total {
		if _, ok := s.suppressed[ip]; !ok && len(s.suppressed) >= refusalsTracked {
			ip = ""
		}
		s.suppressed[ip]++
		return false, 0
	}
	s.written[ip]++
	s.nWritten++
	suppressed = s.suppressed[ip]
	delete(s.suppressed, ip)
	return true, suppressed
}
