// Package wxapi points github.com/silenceper/wechat/v2 at a WeChat API
// base URL of our choosing, per request: WeChat's own host in production,
// the offline fake (voltpay paysim) in tests and the demo.
//
// That library builds its URLs on https://api.weixin.qq.com and sends them
// with one package-wide *http.Client (util.DefaultHTTPClient, set by
// Wechat.SetHTTPClient). Install gives it, once, a client whose transport
// sends a request to the base URL carried by the request's context
// (WithBase): every user (the mini-program sign-in, the subscription
// messages) talks to its own host, several in one process included, and
// requests without a base in their context pass through unchanged.
package wxapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/silenceper/wechat/v2"
)

// Default is WeChat's API host.
const Default = "https://api.weixin.qq.com"

// ParseBase checks a base URL (empty: Default): http(s)://host[:port][/path].
func ParseBase(base string) (*url.URL, error) {
	if base == "" {
		base = Default
	}
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("WeChat API URL %q: want http(s)://host[:port]", base)
	}
	return u, nil
}

type baseKey struct{}

// WithBase returns ctx sending the library's requests made with it to base.
func WithBase(ctx context.Context, base *url.URL) context.Context {
	return context.WithValue(ctx, baseKey{}, base)
}

var installOnce sync.Once

// Install gives the library the rerouting client; calling it again does
// nothing.
func Install() {
	installOnce.Do(func() {
		wechat.NewWechat().SetHTTPClient(&http.Client{Transport: rehost{next: http.DefaultTransport}})
	})
}

type rehost struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t rehost) RoundTrip(r *http.Request) (*http.Response, error) {
	api, ok := r.Context().Value(baseKey{}).(*url.URL)
	if !ok {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = api.Scheme, api.Host
	r.URL.Path = api.Path + r.URL.Path
	r.Host = api.Host
	return t.next.RoundTrip(r)
}

// Redact keeps the query (app secret, code, access token) out of an error
// that quotes a URL.
func Redact(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + " WeChat: " + ue.Err.Error()
	}
	s := err.Error()
	if i := strings.Index(s, "?"); i >= 0 {
		if j := strings.IndexAny(s[i:], " ,"); j >= 0 {
			return s[:i] + s[i+j:]
		}
		return s[:i]
	}
	return s
}
