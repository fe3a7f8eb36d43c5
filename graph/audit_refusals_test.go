package graph

import (
	"testing"
	"time"
)

// TestRefusalSampler: at most perIP rows a minute per address and total in
// all; the next recorded row of an address says how many were left out.
func TestRefusalSampler(t *testing.T) {
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	s := newRefusalSampler(2, 3)
	s.now = func() time.Time { return now }
	type step struct {
		ip         string
		record     bool
		suppressed int
	}
	check := func(steps ...step) {
		t.Helper()
		for i, st := range steps {
			if rec, sup := s.admit(st.ip); rec != st.record || sup != st.suppressed {
				t.Fatalf("step %d (%s): got %v, %d; want %v, %d", i, st.ip, rec, sup, st.record, st.suppressed)
			}
		}
	}
	check(step{"a", true, 0}, step{"a", true, 0}, step{"a", false, 0}, step{"a", false, 0},
		step{"b", true, 0}, step{"c", false, 0}) // the minute's total is used up
	now = now.Add(time.Minute)
	check(step{"a", true, 2}, step{"c", true, 1}, step{"b", true, 0}, step{"d", false, 0})
}
