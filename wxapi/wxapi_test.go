package wxapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/silenceper/wechat/v2/util"
)

// TestRoute: the library's request made with WithBase reaches that base
// (its path prefix kept) over TCP; bad bases are refused.
func TestRoute(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path + "?" + r.URL.RawQuery
		w.Write([]byte(`{"errcode":0}`))
	}))
	defer srv.Close()
	Install()
	base, err := ParseBase(srv.URL + "/wx/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := util.HTTPGetContext(WithBase(context.Background(), base), Default+"/cgi-bin/token?appid=a"); err != nil {
		t.Fatal(err)
	}
	if got != "/wx/cgi-bin/token?appid=a" {
		t.Fatalf("the fake saw %q", got)
	}
	for _, bad := range []string{"ftp://x", "http://", "::"} {
		if _, err := ParseBase(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if u, _ := ParseBase(""); u.String() != Default {
		t.Errorf("empty base: %v", u)
	}
	if s := Redact(errString("Get https://x/cgi-bin/token?secret=s3cret: refused")); strings.Contains(s, "s3cret") {
		t.Errorf("redacted: %q", s)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
