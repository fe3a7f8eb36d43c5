package frontend

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeBuild is a build as Vite writes it, small enough to read.
func fakeBuild() fstest.MapFS {
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`<!doctype html><title>` + title + `</title>` +
			`<meta property="csp-nonce" nonce="VOLTPAY_CSP_NONCE">` +
			`<script type="module" src="/assets/index-AbC123.js" nonce="VOLTPAY_CSP_NONCE"></script>`)}
	}
	return fstest.MapFS{
		"index.html":                 page("console"),
		"graphiql.html":              page("graphiql"),
		"favicon.svg":                {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"assets/index-AbC123.js":     {Data: []byte(strings.Repeat("console.log('voltpay');\n", 200))},
		"assets/_chunk-XyZ.js":       {Data: []byte("export {}")},
		"assets/font-Q1.woff2":       {Data: []byte("wOF2")},
		".vite/manifest.json":        {Data: []byte(`{"secret":"layout"}`)},
		"assets/index-AbC123.js.map": {Data: []byte("{}")},
	}
}

var reserved = []string{"/graphql", "/graphiql", "/healthz", "/readyz", "/metrics", "/pay/", "/paysim"}

func serve(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var nonceInPolicy = regexp.MustCompile(`style-src 'self' 'nonce-([^']+)'`)

func TestConsole_PagesGetAFreshNonce(t *testing.T) {
	c, err := newConsole(fakeBuild(), true, reserved)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	// The app routes in the browser: every path that is not a file or the
	// server's own is the app's index page.
	for _, p := range []string{"/", "/meters", "/meters/42?tab=alarms", "/login", "/index.html", "/.vite/manifest.json", "/graphqlx", "/assetsx"} {
		resp := serve(t, c, http.MethodGet, p, nil)
		text := body(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, "<title>console</title>") {
			t.Fatalf("%s: got %d %q, want the console's index page", p, resp.StatusCode, text)
		}
		h := resp.Header
		if h.Get("Content-Type") != "text/html; charset=utf-8" || h.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: Content-Type %q, Cache-Control %q", p, h.Get("Content-Type"), h.Get("Cache-Control"))
		}
		m := nonceInPolicy.FindStringSubmatch(h.Get("Content-Security-Policy"))
		if m == nil {
			t.Fatalf("%s: policy %q has no style nonce", p, h.Get("Content-Security-Policy"))
		}
		nonce := m[1]
		if strings.Contains(text, noncePlaceholder) || strings.Count(text, `nonce="`+nonce+`"`) != 2 {
			t.Errorf("%s: the page does not carry the policy's nonce %q in place of the placeholder: %s", p, nonce, text)
		}
		if seen[nonce] || len(nonce) < 22 {
			t.Errorf("%s: nonce %q reused or short", p, nonce)
		}
		seen[nonce] = true
		assertSecurityHeaders(t, p, h)
		policy := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'"} {
			if !strings.Contains(policy, want) {
				t.Errorf("%s: policy %q lacks %q", p, policy, want)
			}
		}
		if strings.Contains(policy, "unsafe") {
			t.Errorf("%s: the console's policy allows something unsafe: %q", p, policy)
		}
	}
}

func assertSecurityHeaders(t *testing.T, p string, h http.Header) {
	t.Helper()
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: security headers missing: %v", p, h)
	}
}

func TestConsole_ReservedPathsAreNotTheApp(t *testing.T) {
	c, _ := newConsole(fakeBuild(), true, reserved)
	for _, p := range []string{"/graphql", "/graphql/x", "/graphiql/x", "/healthz/", "/readyz/deep", "/metrics/x", "/pay/notify/wechat", "/paysim/", "/paysim"} {
		resp := serve(t, c, http.MethodGet, p, nil)
		if text := body(t, resp); resp.StatusCode != http.StatusNotFound || strings.Contains(text, "console") {
			t.Errorf("%s: got %d %q, want 404 and not the app", p, resp.StatusCode, text)
		}
	}
}

func TestConsole_Assets(t *testing.T) {
	c, _ := newConsole(fakeBuild(), true, reserved)
	plain := string(fakeBuild()["assets/index-AbC123.js"].Data)

	resp := serve(t, c, http.MethodGet, "/assets/index-AbC123.js", nil)
	if got := body(t, resp); resp.StatusCode != http.StatusOK || got != plain {
		t.Fatalf("asset: got %d, %d bytes", resp.StatusCode, len(got))
	}
	h := resp.Header
	if h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("Content-Type") != "text/javascript; charset=utf-8" || h.Get("Content-Encoding") != "" {
		t.Errorf("asset headers: %v", h)
	}
	assertSecurityHeaders(t, "asset", h)

	for _, ae := range []string{"gzip", "br, gzip;q=0.8", "GZIP"} {
		resp = serve(t, c, http.MethodGet, "/assets/index-AbC123.js", http.Header{"Accept-Encoding": {ae}})
		if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("Accept-Encoding %q: headers %v", ae, resp.Header)
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(zr)
		if string(got) != plain {
			t.Errorf("gzipped asset does not decompress to the file")
		}
	}
	resp = serve(t, c, http.MethodGet, "/assets/index-AbC123.js", http.Header{"Accept-Encoding": {"gzip;q=0, deflate"}})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0: still gzipped")
	}

	resp = serve(t, c, http.MethodGet, "/assets/_chunk-XyZ.js", nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a chunk named with a leading underscore: %d", resp.StatusCode)
	}
	resp = serve(t, c, http.MethodGet, "/assets/font-Q1.woff2", http.Header{"Accept-Encoding": {"gzip"}})
	if resp.Header.Get("Content-Type") != "font/woff2" || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("woff2: %v", resp.Header)
	}
	resp = serve(t, c, http.MethodHead, "/assets/index-AbC123.js", nil)
	if b := body(t, resp); resp.StatusCode != http.StatusOK || b != "" || resp.Header.Get("Content-Length") != "4800" {
		t.Errorf("HEAD: %d, %d bytes, length %q", resp.StatusCode, len(b), resp.Header.Get("Content-Length"))
	}

	// A chunk of another build is missing, not HTML the browser would try to run.
	resp = serve(t, c, http.MethodGet, "/assets/index-Old999.js", nil)
	if text := body(t, resp); resp.StatusCode != http.StatusNotFound || strings.Contains(text, "<title>") {
		t.Errorf("missing asset: got %d %q, want 404", resp.StatusCode, text)
	}
}

func TestConsole_TopLevelFiles(t *testing.T) {
	c, _ := newConsole(fakeBuild(), true, reserved)
	resp := serve(t, c, http.MethodGet, "/favicon.svg", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("favicon: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestConsole_OnlyGetAndHead(t *testing.T) {
	c, _ := newConsole(fakeBuild(), true, reserved)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		resp := serve(t, c, m, "/meters", nil)
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: got %d, Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}

func TestConsole_GraphiQLPolicy(t *testing.T) {
	c, _ := newConsole(fakeBuild(), true, reserved)
	resp := serve(t, c.GraphiQL(), http.MethodGet, "/graphiql", nil)
	text := body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, "<title>graphiql</title>") || strings.Contains(text, noncePlaceholder) {
		t.Fatalf("got %d %q", resp.StatusCode, text)
	}
	policy := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self';", "style-src 'self' 'unsafe-inline'", "font-src 'self' data:", "frame-ancestors 'none'", "worker-src 'self'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	// A nonce beside 'unsafe-inline' would make browsers ignore 'unsafe-inline'.
	if strings.Contains(policy, "nonce-") {
		t.Errorf("policy %q has a nonce", policy)
	}
	assertSecurityHeaders(t, "/graphiql", resp.Header)
}

func TestConsole_Placeholder(t *testing.T) {
	c, err := newConsole(placeholderFS(), false, reserved)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []http.Handler{c, c.GraphiQL()} {
		resp := serve(t, h, http.MethodGet, "/", nil)
		text := body(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, "make frontend") || !strings.Contains(text, "make run") {
			t.Fatalf("placeholder: got %d %q", resp.StatusCode, text)
		}
		// Its inline style carries the nonce the policy allows.
		m := nonceInPolicy.FindStringSubmatch(resp.Header.Get("Content-Security-Policy"))
		if m == nil || !strings.Contains(text, `<style nonce="`+m[1]+`">`) {
			t.Errorf("placeholder: the style's nonce does not match the policy %q", resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// The binary's own console, built or not, serves a page.
func TestNew(t *testing.T) {
	c, err := New(reserved...)
	if err != nil {
		t.Fatal(err)
	}
	resp := serve(t, c, http.MethodGet, "/", nil)
	text := body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, "Voltpay") {
		t.Fatalf("got %d %q", resp.StatusCode, text)
	}
	if c.Built() && !bytes.Contains(c.index, []byte(`src="/assets/`)) {
		t.Errorf("the built index.html names no asset")
	}
	t.Logf("built console embedded: %v", c.Built())
}

func TestNewConsole_BuildWithoutGraphiQL(t *testing.T) {
	fsys := fakeBuild()
	delete(fsys, "graphiql.html")
	if _, err := newConsole(fsys, true, reserved); err == nil || !strings.Contains(err.Error(), "graphiql.html") {
		t.Errorf("got %v, want an error naming graphiql.html", err)
	}
}
