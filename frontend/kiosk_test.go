package frontend

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestKiosk_Redirect: /kiosk/ opens the tenant app's kiosk page, keeping
// the kiosk key of ?device= and nothing else.
func TestKiosk_Redirect(t *testing.T) {
	for _, c := range []struct {
		method, path string
		status       int
		location     string
	}{
		{"GET", "/kiosk/", http.StatusFound, "/m/pages/kiosk/index"},
		{"GET", "/kiosk", http.StatusFound, "/m/pages/kiosk/index"},
		{"GET", "/kiosk/?device=k%201&next=https://evil.example", http.StatusFound, "/m/pages/kiosk/index?device=k+1"},
		{"GET", "/kiosk/?device=" + strings.Repeat("x", 129), http.StatusFound, "/m/pages/kiosk/index"},
		{"GET", "/kiosk/other", http.StatusNotFound, ""},
		{"POST", "/kiosk/", http.StatusMethodNotAllowed, ""},
	} {
		rec := httptest.NewRecorder()
		Kiosk().ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status || rec.Header().Get("Location") != c.location {
			t.Errorf("%s %s = %d %q, want %d %q", c.method, c.path, rec.Code, rec.Header().Get("Location"), c.status, c.location)
		}
	}
}
