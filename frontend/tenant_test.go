package frontend

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

const remScript = `!function(n){n.document.documentElement.style.fontSize="20px"}(window);`

// fakeTenantBuild is an H5 build as Taro writes it with frontend/tenant's config.
func fakeTenantBuild(inline ...string) fstest.MapFS {
	page := `<!doctype html><html lang="zh-CN"><head><meta name="csp-nonce" property="csp-nonce" content="VOLTPAY_CSP_NONCE" nonce="VOLTPAY_CSP_NONCE">`
	for _, s := range inline {
		page += "<script>" + s + "</script>"
	}
	page += `<script defer="defer" src="/m/assets/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div></body></html>`
	return fstest.MapFS{
		"index.html":                  {Data: []byte(page)},
		"assets/js/app.1a2b3c4d.js":   {Data: []byte(strings.Repeat("console.log('tenant');\n", 100))},
		"assets/css/app.1a2b3c4d.css": {Data: []byte("body{}")},
		"favicon.ico":                 {Data: []byte("ico")},
	}
}

var tenantNonce = regexp.MustCompile(`style-src 'self' 'nonce-([^']+)'`)

func TestTenantApp_PagesAllowOnlyTheRemScript(t *testing.T) {
	app, err := newTenantApp(fakeTenantBuild(remScript), "index.html", true)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(remScript))
	wantScripts := "script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "';"
	seen := map[string]bool{}
	// Taro's browser router: every path below /m/ that is not a file is the app's page.
	for _, p := range []string{"/m/", "/m/pages/home/index", "/m/pages/receipt/index?id=7", "/m/index.html", "/m/.hidden", "/m/assetsx"} {
		resp := serve(t, app, http.MethodGet, p, nil)
		text := body(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, `<div id="app">`) {
			t.Fatalf("%s: got %d %q, want the app's page", p, resp.StatusCode, text)
		}
		policy := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(policy, wantScripts) || strings.Contains(policy, "unsafe") || !strings.Contains(policy, "frame-ancestors 'none'") {
			t.Errorf("%s: policy %q: want %q and nothing unsafe", p, policy, wantScripts)
		}
		m := tenantNonce.FindStringSubmatch(policy)
		if m == nil || seen[m[1]] || strings.Contains(text, noncePlaceholder) || !strings.Contains(text, `content="`+m[1]+`"`) {
			t.Errorf("%s: the page does not carry a fresh nonce of the policy %q", p, policy)
		} else {
			seen[m[1]] = true
		}
		if resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: Cache-Control %q", p, resp.Header.Get("Cache-Control"))
		}
		assertSecurityHeaders(t, p, resp.Header)
	}
}

func TestTenantApp_Assets(t *testing.T) {
	app, _ := newTenantApp(fakeTenantBuild(remScript), "index.html", true)
	resp := serve(t, app, http.MethodGet, "/m/assets/js/app.1a2b3c4d.js", http.Header{"Accept-Encoding": {"gzip"}})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != cacheImmutable || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("hashed asset: %d %v", resp.StatusCode, resp.Header)
	}
	// A missing chunk is a 404, never the page.
	resp = serve(t, app, http.MethodGet, "/m/assets/js/gone.js", nil)
	if text := body(t, resp); resp.StatusCode != http.StatusNotFound || strings.Contains(text, "app") {
		t.Errorf("missing asset: %d %q", resp.StatusCode, text)
	}
	resp = serve(t, app, http.MethodGet, "/m/favicon.ico", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != cacheRevalidate {
		t.Errorf("top-level file: %d %v", resp.StatusCode, resp.Header)
	}
	resp = serve(t, app, http.MethodPost, "/m/pages/home/index", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	resp = serve(t, app, http.MethodGet, "/mx", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("outside /m/: %d", resp.StatusCode)
	}
}

func TestTenantApp_RefusesABuildWithOtherInlineScripts(t *testing.T) {
	for _, inline := range [][]string{nil, {remScript, "alert(1)"}} {
		if _, err := newTenantApp(fakeTenantBuild(inline...), "index.html", true); err == nil || !strings.Contains(err.Error(), "inline scripts") {
			t.Errorf("%d inline scripts: got %v, want an error saying so", len(inline), err)
		}
	}
}

func TestNewTenant(t *testing.T) {
	app, err := NewTenant()
	if err != nil {
		t.Fatal(err)
	}
	resp := serve(t, app, http.MethodGet, "/m/pages/home/index", nil)
	text := body(t, resp)
	if resp.StatusCode != http.StatusOK || (!app.Built() && !strings.Contains(text, "make frontend")) {
		t.Errorf("built %v: got %d %q", app.Built(), resp.StatusCode, text)
	}
}

// A printed receipt's QR code (receipt.Layout's /m/receipt/<number>) lands on
// the app's receipt page with the number; anything else after receipt/ is a 404.
func TestTenantApp_ReceiptQRCodeOpensTheReceiptPage(t *testing.T) {
	app, _ := newTenantApp(fakeTenantBuild(remScript), "index.html", true)
	resp := serve(t, app, http.MethodGet, "/m/receipt/R20261207-000123", nil)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/m/pages/receipt/index?no=R20261207-000123" {
		t.Errorf("receipt link: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, p := range []string{"/m/receipt/", "/m/receipt/a/b", "/m/receipt/%3Cscript%3E", "/m/receipt/" + strings.Repeat("9", 65)} {
		if resp := serve(t, app, http.MethodGet, p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
}
