package frontend

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// TenantPrefix is where the tenant app's H5 pages are served.
const TenantPrefix = "/m/"

// TenantApp serves the tenant app's H5 build (frontend/tenant, a Taro build
// written to dist/tenant) under TenantPrefix: its hashed files under
// /m/assets/ for a year, and index.html for any other path below /m/ (Taro's
// browser router). Its page has one inline script, Taro's rem sizing, which
// the policy allows by its hash; no other inline script runs. Taro's
// components (Stencil web components) write their styles into <style> tags,
// which carry the nonce Stencil reads from <meta name="csp-nonce">: the
// server puts a fresh one there for each response, as for the console.
type TenantApp struct {
	files  fs.FS
	built  bool
	index  []byte
	policy func(nonce string) string
	gz     gzipCache
}

// NewTenant returns the tenant app embedded in the binary, or a page saying
// how to build it when the binary was compiled without it.
func NewTenant() (*TenantApp, error) {
	app, err := fs.Sub(built, "dist/tenant")
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(app, "index.html"); errors.Is(err, fs.ErrNotExist) {
		return newTenantApp(placeholderFS(), "tenant.html", false)
	}
	return newTenantApp(app, "index.html", true)
}

// inlineScript matches a <script> element without a src attribute and its text.
var inlineScript = regexp.MustCompile(`(?is)<script(\s[^>]*)?>(.*?)</script>`)

func newTenantApp(files fs.FS, page string, isBuild bool) (*TenantApp, error) {
	index, err := fs.ReadFile(files, page)
	if err != nil {
		return nil, fmt.Errorf("frontend: the tenant app's build has no %s: %w", page, err)
	}
	t := &TenantApp{files: files, built: isBuild, index: index}
	scripts := "'self'"
	var inline int
	for _, m := range inlineScript.FindAllSubmatch(index, -1) {
		if strings.Contains(strings.ToLower(string(m[1])), "src=") {
			continue
		}
		inline++
		sum := sha256.Sum256(m[2])
		scripts += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	// The build has exactly one inline script (Taro's rem sizing, from
	// frontend/tenant/src/index.html); more means the template changed and
	// the policy would allow something nobody reviewed.
	if isBuild && inline != 1 {
		return nil, fmt.Errorf("frontend: the tenant app's index.html has %d inline scripts, want 1 (the rem sizing): rebuild it from frontend/tenant", inline)
	}
	t.policy = func(nonce string) string {
		return strings.Join([]string{
			"default-src 'self'",
			"script-src " + scripts,
			"style-src 'self' 'nonce-" + nonce + "'",
			"img-src 'self' data:",
			"font-src 'self' data:",
			"connect-src 'self'",
			"object-src 'none'",
			"base-uri 'self'",
			"form-action 'self'",
			"frame-ancestors 'none'",
		}, "; ")
	}
	return t, nil
}

// Built reports whether the app is a real build rather than the placeholder.
func (t *TenantApp) Built() bool { return t.built }

// ServeHTTP answers GET and HEAD below TenantPrefix.
func (t *TenantApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !readOnly(w, r, "the tenant app's") {
		return
	}
	p, ok := strings.CutPrefix(r.URL.Path, TenantPrefix)
	switch {
	case !ok:
		http.NotFound(w, r)
	case strings.HasPrefix(p, "receipt/"):
		// A printed receipt's QR code opens /m/receipt/<number>: the app's
		// receipt page shows it (to the account's own tenant only).
		no := strings.TrimPrefix(p, "receipt/")
		if !receiptNumber.MatchString(no) {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, TenantPrefix+"pages/receipt/index?no="+url.QueryEscape(no), http.StatusFound)
	case strings.HasPrefix(p, "assets/"):
		// A missing chunk is a 404, never the page (see Console.ServeHTTP).
		serveBuildFile(w, r, t.files, &t.gz, p, cacheImmutable)
	case t.isStaticFile(p):
		serveBuildFile(w, r, t.files, &t.gz, p, cacheRevalidate)
	default:
		servePage(w, t.index, t.policy)
	}
}

// receiptNumber is what a receipt number may look like in a QR code's path.
var receiptNumber = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)

// isStaticFile reports whether p names a file at the build's top level that
// is not a page or hidden.
func (t *TenantApp) isStaticFile(p string) bool {
	if p == "" || strings.Contains(p, "/") || strings.HasPrefix(p, ".") || path.Ext(p) == ".html" {
		return false
	}
	st, err := fs.Stat(t.files, p)
	return err == nil && !st.IsDir()
}
