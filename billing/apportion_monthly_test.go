package billing

import (
	"context"
	"errors"
	"testing"

	"github.com/voltpay/voltpay"
)

// runsRecorder is an ApportionService that records the runs asked for.
type runsRecorder struct {
	voltpay.ApportionService
	groups []*voltpay.ApportionGroup
	runs   []string
	fail   map[int64]bool
}

func (r *runsRecorder) FindApportionGroups(context.Context, *int64) ([]*voltpay.ApportionGroup, error) {
	return r.groups, nil
}

func (r *runsRecorder) RunApportionment(_ context.Context, id int64, month string) (*voltpay.ApportionRun, error) {
	if r.fail[id] {
		return nil, errors.New("database down")
	}
	r.runs = append(r.runs, month)
	return &voltpay.ApportionRun{}, nil
}

// TestMonthlyApportioner: the month just ended is run once per group after
// the delay, a failed group is tried again, nothing runs before the delay.
func TestMonthlyApportioner(t *testing.T) {
	svc := &runsRecorder{groups: []*voltpay.ApportionGroup{{ID: 1}, {ID: 2}}, fail: map[int64]bool{2: true}}
	m := NewMonthlyApportioner(svc, nil)
	if n, err := m.Tick(context.Background(), at("2026-12-01 05:59:00")); n != 0 || err != nil {
		t.Fatalf("before the delay: %d runs, %v", n, err)
	}
	if n, err := m.Tick(context.Background(), at("2026-12-01 06:00:00")); n != 1 || err == nil {
		t.Fatalf("after the delay: %d runs, %v; want 1 and group 2's error", n, err)
	}
	svc.fail[2] = false
	if n, err := m.Tick(context.Background(), at("2026-12-01 07:00:00")); n != 1 || err != nil {
		t.Fatalf("next tick: %d runs, %v; want group 2 only", n, err)
	}
	if len(svc.runs) != 2 || svc.runs[0] != "2026-11" || svc.runs[1] != "2026-11" {
		t.Fatalf("runs %v; want 2026-11 for each group once", svc.runs)
	}
}
