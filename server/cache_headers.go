package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
)

// cacheHeaders sets the caching headers of /graphql answers. A GraphQL GET
// is a query (gqlgen refuses mutations over GET), so a client may keep its
// answer and revalidate it: Cache-Control: private, no-cache (no shared
// cache keeps it, and the client asks again every time), Vary on the
// credentials the answer depends on, and a strong ETag of the body, so
// that a GET whose If-None-Match holds that tag gets 304 and no body: the
// query still runs, but an unchanged answer does not travel. Every other
// answer (a POST, a GET that failed) carries Cache-Control: no-store: it
// is a change, or an answer to one request only.
func cacheHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" { // websockets stream; nothing to cache
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet {
			w.Header().Set("Cache-Control", "no-store")
			next.ServeHTTP(w, r)
			return
		}
		hw := &heldWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(hw, r)
		h := w.Header()
		h.Add("Vary", "Authorization")
		h.Add("Vary", "Cookie")
		if hw.status != http.StatusOK {
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(hw.status)
			w.Write(hw.body.Bytes())
			return
		}
		sum := sha256.Sum256(hw.body.Bytes())
		etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:]) + `"`
		h.Set("Cache-Control", "private, no-cache")
		h.Set("ETag", etag)
		if etagListed(r.Header.Get("If-None-Match"), etag) {
			h.Del("Content-Length")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(http.StatusOK)
		w.Write(hw.body.Bytes())
	})
}

// heldWriter holds back a GET answer's status and body until the ETag is
// known; headers go straight to the real writer. Query answers are bounded
// by the complexity limit, so holding one costs little.
type heldWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *heldWriter) WriteHeader(code int)        { w.status = code }
func (w *heldWriter) Write(b []byte) (int, error) { return w.body.Write(b) }

// Unwrap lets http.ResponseController reach the real writer.
func (w *heldWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// etagListed reports whether an If-None-Match header names etag (or is
// "*"). If-None-Match compares weakly: W/"x" matches "x".
func etagListed(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
