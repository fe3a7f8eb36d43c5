package frontend

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// noncePlaceholder marks in the built HTML where each response's CSP nonce
// goes (Vite's html.cspNonce in frontend/admin/vite.config.ts; the
// placeholder page uses it too).
const noncePlaceholder = "VOLTPAY_CSP_NONCE"

// Console serves a front end's build: its pages with their security
// headers, its hashed assets for a year, its other files, and index.html for
// any other path (the app routes in the browser). Paths it is told are the
// server's own are never answered with the app.
type Console struct {
	files    fs.FS
	built    bool
	index    []byte // index.html, with the nonce placeholder
	graphiql []byte // graphiql.html, or index.html when there is no build
	reserved []string
	gz       gzipCache
}

// New returns the console embedded in the binary, or the placeholder page
// when the binary was compiled without a build. reserved are path prefixes
// the server answers itself (such as "/graphql"): a request under one of
// them that reaches the console is a 404, not the app.
func New(reserved ...string) (*Console, error) {
	admin, err := fs.Sub(built, "dist/admin")
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(admin, "index.html"); errors.Is(err, fs.ErrNotExist) {
		return newConsole(placeholderFS(), false, reserved)
	}
	return newConsole(admin, true, reserved)
}

func placeholderFS() fs.FS {
	sub, err := fs.Sub(placeholder, "placeholder")
	if err != nil {
		panic(err) // a fixed, embedded directory
	}
	return sub
}

func newConsole(files fs.FS, isBuild bool, reserved []string) (*Console, error) {
	c := &Console{files: files, built: isBuild, reserved: reserved}
	var err error
	if c.index, err = fs.ReadFile(files, "index.html"); err != nil {
		return nil, fmt.Errorf("frontend: the build has no index.html: %w", err)
	}
	c.graphiql = c.index
	if isBuild {
		if c.graphiql, err = fs.ReadFile(files, "graphiql.html"); err != nil {
			return nil, fmt.Errorf("frontend: the build has no graphiql.html (was it built with frontend/admin/vite.config.ts?): %w", err)
		}
	}
	return c, nil
}

// Built reports whether the console is a real build rather than the placeholder.
func (c *Console) Built() bool { return c.built }

// ServeHTTP answers GET and HEAD for every path not reserved to the server.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !readOnly(w, r, "the console's") {
		return
	}
	p := r.URL.Path
	switch {
	case c.isReserved(p):
		http.NotFound(w, r)
	case strings.HasPrefix(p, "/assets/"):
		// A missing chunk is a 404, never index.html: a browser that got
		// HTML for a script would fail later and more obscurely.
		c.serveFile(w, r, strings.TrimPrefix(p, "/"), cacheImmutable)
	case c.isStaticFile(p):
		c.serveFile(w, r, strings.TrimPrefix(p, "/"), cacheRevalidate)
	default:
		servePage(w, c.index, consolePolicy)
	}
}

// GraphiQL serves the GraphiQL page (or the placeholder) under its own
// policy: Monaco, its editor, writes inline styles and loads fonts as data
// URLs.
func (c *Console) GraphiQL() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setCommonHeaders(w.Header())
		policy := graphiqlPolicy
		if !c.built {
			policy = consolePolicy
		}
		servePage(w, c.graphiql, policy)
	})
}

// readOnly sets the headers every response of a front end carries and
// answers anything but GET and HEAD with 405, saying whose pages these are;
// it reports whether the request goes on.
func readOnly(w http.ResponseWriter, r *http.Request, whose string) bool {
	setCommonHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: "+whose+" pages are read with GET", http.StatusMethodNotAllowed)
		return false
	}
	return true
}

func (c *Console) isReserved(p string) bool {
	for _, prefix := range c.reserved {
		prefix = strings.TrimSuffix(prefix, "/")
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// isStaticFile reports whether p names a file at the build's top level
// (favicon.svg): not a page (those go through servePage for their nonce)
// and not a hidden one (the build's .vite manifest).
func (c *Console) isStaticFile(p string) bool {
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.Contains(name, "/") || strings.HasPrefix(name, ".") || path.Ext(name) == ".html" {
		return false
	}
	st, err := fs.Stat(c.files, name)
	return err == nil && !st.IsDir()
}

// servePage writes page with a fresh nonce in place of the placeholder and
// the policy allowing it. Pages are revalidated every time: they name the
// hashed assets of the build being served.
func servePage(w http.ResponseWriter, page []byte, policy func(nonce string) string) {
	nonce := rand.Text() // 130 random bits, fresh for each page
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", cacheRevalidate)
	h.Set("Content-Security-Policy", policy(nonce))
	w.Write(bytes.ReplaceAll(page, []byte(noncePlaceholder), []byte(nonce)))
}
