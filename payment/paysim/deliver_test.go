package paysim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// receiver records the bodies it is sent, refusing the first refuse ones.
type receiver struct {
	mu     sync.Mutex
	got    []string
	at     []time.Time
	refuse int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.got = append(rc.got, string(b))
	rc.at = append(rc.at, time.Now())
	if rc.refuse > 0 {
		rc.refuse--
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (rc *receiver) bodies() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.got...)
}

func sendTo(d *Deliverer, url, body string) {
	d.Send(func(forge bool) (*http.Request, error) {
		if forge {
			body += "-forged"
		}
		return http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	}, func(resp *http.Response, _ []byte) bool { return resp.StatusCode/100 == 2 })
}

func waitFor(t *testing.T, rc *receiver, n int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(rc.bodies()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("received %v, want %d", rc.bodies(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // nothing more may come
	return rc.bodies()
}

func TestDelivererFaults(t *testing.T) {
	newPair := func(t *testing.T) (*Deliverer, *receiver, string) {
		rc := &receiver{}
		srv := httptest.NewServer(rc)
		d := &Deliverer{Retries: []time.Duration{10 * time.Millisecond, 10 * time.Millisecond}}
		t.Cleanup(func() { d.Close(); srv.Close() })
		return d, rc, srv.URL
	}
	t.Run("retries until acknowledged", func(t *testing.T) {
		d, rc, url := newPair(t)
		rc.refuse = 2
		sendTo(d, url, "a")
		if got := waitFor(t, rc, 3); len(got) != 3 {
			t.Fatalf("got %v; want 3 attempts (2 refused, then acknowledged)", got)
		}
	})
	t.Run("gives up after the schedule", func(t *testing.T) {
		d, rc, url := newPair(t)
		rc.refuse = 100
		sendTo(d, url, "a")
		if got := waitFor(t, rc, 3); len(got) != 3 {
			t.Fatalf("got %d attempts; want 1 + 2 retries", len(got))
		}
	})
	t.Run("duplicate", func(t *testing.T) {
		d, rc, url := newPair(t)
		d.SetFaults(Faults{Duplicate: 4})
		sendTo(d, url, "a")
		if got := waitFor(t, rc, 5); len(got) != 5 {
			t.Fatalf("got %v; want 5 copies", got)
		}
	})
	t.Run("drop", func(t *testing.T) {
		d, rc, url := newPair(t)
		d.SetFaults(Faults{Drop: 1})
		sendTo(d, url, "lost")
		sendTo(d, url, "kept")
		if got := waitFor(t, rc, 1); len(got) != 1 || got[0] != "kept" {
			t.Fatalf("got %v; want only the second", got)
		}
	})
	t.Run("delay", func(t *testing.T) {
		d, rc, url := newPair(t)
		d.SetFaults(Faults{Delay: 150 * time.Millisecond})
		start := time.Now()
		sendTo(d, url, "a")
		waitFor(t, rc, 1)
		if at := rc.at[0].Sub(start); at < 150*time.Millisecond {
			t.Fatalf("delivered after %v; want at least the delay", at)
		}
	})
	t.Run("reorder", func(t *testing.T) {
		d, rc, url := newPair(t)
		d.SetFaults(Faults{Reorder: true})
		sendTo(d, url, "first")
		time.Sleep(50 * time.Millisecond)
		if n := len(rc.bodies()); n != 0 {
			t.Fatalf("%d delivered while held back", n)
		}
		sendTo(d, url, "second")
		if got := waitFor(t, rc, 2); got[0] != "second" || got[1] != "first" {
			t.Fatalf("order %v; want the newer first", got)
		}
		d.SetFaults(Faults{Reorder: true})
		sendTo(d, url, "third")
		d.Flush()
		if got := waitFor(t, rc, 3); got[2] != "third" {
			t.Fatalf("flush did not send the held notification: %v", got)
		}
	})
	t.Run("forge", func(t *testing.T) {
		d, rc, url := newPair(t)
		d.SetFaults(Faults{Forge: true})
		sendTo(d, url, "a")
		if got := waitFor(t, rc, 1); got[0] != "a-forged" {
			t.Fatalf("got %v; want the forged build", got)
		}
	})
}
