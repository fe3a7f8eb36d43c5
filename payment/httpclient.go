package payment

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// DefaultTimeout bounds one call to a provider. The providers answer in
// well under a second; a webhook or an operator waits on some calls.
const DefaultTimeout = 10 * time.Second

// HTTPOptions shape the HTTP client a Gateway uses.
type HTTPOptions struct {
	// Proxy is an egress proxy for the providers' APIs, e.g.
	// socks5://user:pass@10.0.0.5:1080 (a fixed egress IP whitelisted at
	// the provider). Empty: direct.
	Proxy string
	// BaseURL sends every request to this scheme://host[:port] instead of
	// the provider's host (WeChat Pay's SDK has no base-URL option). Used
	// for the offline fake gateways; empty in production.
	BaseURL string
	Timeout time.Duration // DefaultTimeout when zero
}

// NewHTTPClient builds the client for a provider's SDK.
func NewHTTPClient(o HTTPOptions) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if o.Proxy != "" {
		u, err := url.Parse(o.Proxy)
		if err != nil || (u.Scheme != "socks5" && u.Scheme != "socks5h" && u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("payment proxy %q: use socks5://[user:pass@]host:port (or http://host:port)", o.Proxy)
		}
		tr.Proxy = http.ProxyURL(u)
	}
	var rt http.RoundTripper = tr
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("payment base URL %q: use http(s)://host:port", o.BaseURL)
		}
		rt = rewriteHost{scheme: u.Scheme, host: u.Host, next: tr}
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &http.Client{Transport: rt, Timeout: timeout}, nil
}

// rewriteHost sends requests to another host, keeping the path and query
// (which is all a WeChat Pay merchant signature covers).
type rewriteHost struct {
	scheme, host string
	next         http.RoundTripper
}

func (r rewriteHost) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = r.scheme, r.host, r.host
	return r.next.RoundTrip(out)
}
