package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestID gives each request an id (a sane incoming X-Request-Id is
// kept) that logs and internal-error messages quote.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !requestIDRE.MatchString(id) {
			id = rand.Text()[:16]
		}
		w.Header().Set("X-Request-Id", id)
		info := &graph.RequestInfo{RequestID: id, IP: clientIP(r)}
		next.ServeHTTP(w, r.WithContext(graph.WithRequestInfo(r.Context(), info)))
	})
}

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController (websocket hijacking, flushing) reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog logs every request and records its metrics.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		observe(r, sw.status, d)
		log.LogAttrs(r.Context(), slog.LevelInfo, "http",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Duration("duration", d), slog.String("ip", clientIP(r)),
			slog.String("request_id", graph.RequestInfoFrom(r.Context()).RequestID))
	})
}

// recoverPanics turns a panic outside GraphQL into a 500 and a log entry.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.ErrorContext(r.Context(), "panic", "panic", p, "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses request bodies over max bytes (413, a GraphQL error
// with code INVALID_INPUT), so that nobody can make the server buffer an
// unbounded GraphQL document.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tooLarge := func() {
			graph.WriteRequestError(w, r, http.StatusRequestEntityTooLarge, voltpay.EINVALID,
				"request body too large: the limit is "+byteSize(max)+"; send a smaller document or split it")
		}
		if r.ContentLength > max {
			tooLarge()
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		if r.ContentLength < 0 { // chunked: read it here, so that too much is a 413 too
			body, err := io.ReadAll(r.Body)
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				tooLarge()
				return
			} else if err != nil {
				graph.WriteRequestError(w, r, http.StatusBadRequest, voltpay.EINVALID, "could not read the request body")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// authenticator resolves the caller from a bearer token (API key or
// session token) or the SPA's session cookie. A bad credential does not
// stop the request: it proceeds anonymously and the access directive
// explains why it was refused.
type authenticator struct {
	auth          voltpay.AuthService
	secureCookies bool
}

func (a *authenticator) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		info := graph.RequestInfoFrom(ctx)
		info.SecureCookie = a.secureCookies
		info.SetCookie = func(c *http.Cookie) { http.SetCookie(w, c) }
		// Sec-Fetch-Site, not Sec-Fetch-Mode: Node's fetch sends Sec-Fetch-Mode
		// too, and a Node integration signing in needs its token.
		info.Browser = r.Header.Get("Sec-Fetch-Site") != "" || r.Header.Get("Origin") != ""
		token, fromCookie := bearerToken(r), false
		if token == "" {
			if c, err := r.Cookie(graph.SessionCookie); err == nil {
				token, fromCookie = c.Value, true
			}
		}
		if token != "" {
			p, err := a.auth.Authenticate(ctx, token)
			if err != nil {
				info.AuthError = err
			} else {
				p.IP = info.IP
				ctx = voltpay.WithPrincipal(ctx, p)
				if p.Kind != voltpay.PrincipalAPIKey {
					info.SessionToken = token
				}
				// The session slid: the cookie must last as long, or the
				// browser drops it at the first expiry.
				if fromCookie && !p.RenewedUntil.IsZero() {
					graph.SetSessionCookie(info, token, p.RenewedUntil)
				}
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func bearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// clientIP is the peer address. Behind a reverse proxy, configure the proxy
// to connect from a trusted address; forwarded headers are not trusted here.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconvI(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconvI(n>>10) + " KiB"
	}
	return strconvI(n) + " bytes"
}
