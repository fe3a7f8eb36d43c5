package graph

import (
	"errors"
	"testing"

	"github.com/voltpay/voltpay"
)

func TestInBatch(t *testing.T) {
	for _, c := range []struct {
		key, batch string
		want       bool
	}{
		{"batch-0001:42", "batch-0001", true},
		{"batch-0001:42:7", "batch-0001:42", true},
		{"batch-0001:42:7", "batch-0001", false}, // another batch, whose key extends this one's
		{"batch-0001:", "batch-0001", false},
		{"batch-00012:42", "batch-0001", false},
		{"other-0001:42", "batch-0001", false},
	} {
		if got := inBatch(c.key, c.batch); got != c.want {
			t.Errorf("inBatch(%q, %q): got %v, want %v", c.key, c.batch, got, c.want)
		}
	}
}

func TestLeafErrors(t *testing.T) {
	a := voltpay.Errorf(voltpay.ENOTFOUND, "a")
	b := voltpay.Errorf(voltpay.EUNAVAILABLE, "b")
	c := errors.New("c")
	got := leafErrors(errors.Join(a, errors.Join(b, c)))
	if len(got) != 3 || got[0] != error(a) || got[1] != error(b) || got[2] != c {
		t.Errorf("got %v, want a, b, c", got)
	}
	if got := leafErrors(nil); got != nil {
		t.Errorf("nil: got %v", got)
	}
	if got := leafErrors(a); len(got) != 1 || got[0] != error(a) {
		t.Errorf("single: got %v", got)
	}
}
