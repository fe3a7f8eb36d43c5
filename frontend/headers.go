package frontend

import (
	"net/http"
	"strings"
)

const (
	// cacheImmutable is for hashed assets: a new build gives them new names.
	cacheImmutable = "public, max-age=31536000, immutable"
	// cacheRevalidate is for pages and unhashed files: always asked again.
	cacheRevalidate = "no-cache"
)

// setCommonHeaders sets what every response of the console carries.
func setCommonHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	// For browsers without CSP frame-ancestors.
	h.Set("X-Frame-Options", "DENY")
}

// consolePolicy is the console's Content-Security-Policy: nothing but our
// own scripts (the build has no inline script), styles from our files or
// carrying this response's nonce (antd's CSS-in-JS), connections to this
// origin only (the API and its websocket), and no framing.
func consolePolicy(nonce string) string {
	return contentPolicy("'self' 'nonce-"+nonce+"'", "'self'")
}

// graphiqlPolicy is GraphiQL's: the console's, except that Monaco, its
// editor, sets inline styles as it lays out (hundreds of them, which a nonce
// cannot cover; with a nonce present browsers would ignore 'unsafe-inline')
// and loads its icon font as a data URL. Scripts stay our own files only.
func graphiqlPolicy(string) string {
	return contentPolicy("'self' 'unsafe-inline'", "'self' data:")
}

func contentPolicy(styles, fonts string) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src " + styles,
		"img-src 'self' data:",
		"font-src " + fonts,
		"connect-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}
