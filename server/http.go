package main

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/voltpay/voltpay/frontend"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// serverPaths are the path prefixes the server answers itself (/m is the
// tenant app's, /kiosk its kiosk page's). Everything else is the admin console's, which routes in the
// browser; under these the console answers 404 rather than the app (a
// mistyped /healthz/ is not a page of the console).
var serverPaths = []string{"/graphql", "/graphiql", "/export/", "/import/", "/receipts/", "/statements/", "/healthz", "/readyz", "/metrics", "/pay/", "/paysim", "/m", "/kiosk"}

// newHTTPHandler routes every endpoint of the server.
func newHTTPHandler(cfg *config, res *graph.Resolver, db *postgres.DB, log *slog.Logger) http.Handler {
	gql := graph.NewHandler(res, graphLimits(cfg), log)
	a := &authenticator{auth: res.AuthService, secureCookies: cfg.SecureCookies}
	console, err := frontend.New(serverPaths...)
	if err != nil {
		// The build embedded at compile time is broken: no start can fix it.
		panic(fmt.Sprintf("%v; rebuild the console with make frontend, then the binary with make build", err))
	}
	if !console.Built() {
		log.Warn("the admin console was not built into this binary: / serves a page saying how (make frontend, then make build; make run does both)")
	}
	tenantApp, err := frontend.NewTenant()
	if err != nil {
		panic(fmt.Sprintf("%v; rebuild the tenant app with make frontend, then the binary with make build", err))
	}
	if !tenantApp.Built() {
		log.Warn("the tenant app was not built into this binary: /m/ serves a page saying how (make frontend, then make build; make run does both)")
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", cacheHeaders(limitBody(cfg.MaxBodyBytes, a.middleware(codeTransportErrors(gql)))))
	mux.Handle("GET /export/{file}", a.middleware(newExporter(res, log)))
	im := &importer{res: res, svc: postgres.NewSiteImportService(db), log: log}
	rp := &receiptPrinter{res: res, log: log}
	mux.Handle("GET /receipts/{file}", a.middleware(rp))
	mux.Handle("GET /statements/{accountId}/{file}", a.middleware(&statementPrinter{rp: rp}))
	mux.Handle("GET /receipts/preview/{file}", a.middleware(http.HandlerFunc(rp.preview)))
	mux.Handle("PUT /receipts/logo/{siteId}", limitBody(cfg.MaxBodyBytes, a.middleware(http.HandlerFunc(rp.putLogo))))
	mux.Handle("GET /import/site-template.xlsx", a.middleware(http.HandlerFunc(im.template)))
	mux.Handle("POST /import/site", a.middleware(http.HandlerFunc(im.site))) // its own body limit (readUpload)
	// GraphiQL, bundled into the console's build: no CDN, so it works offline.
	mux.Handle("GET /graphiql", console.GraphiQL())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "not answering"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "database": "ok"})
	})
	mux.Handle("GET /metrics", metricsHandler(cfg))
	if rc, ok := res.RechargeService.(*recharge.Service); ok {
		mountWebhooks(mux, rc)
	}
	// The tenant app's H5 pages (the WeChat mini-program is the same app, built apart).
	mux.Handle(frontend.TenantPrefix, tenantApp)
	mux.Handle("GET /m", http.RedirectHandler(frontend.TenantPrefix, http.StatusMovedPermanently))
	// The office kiosk: a page of the tenant app.
	mux.Handle(frontend.KioskPrefix, frontend.Kiosk())
	mux.Handle("/kiosk", frontend.Kiosk())
	mux.Handle("/", console)
	return requestID(accessLog(log, recoverPanics(log, mux)))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// graphLimits is the GraphQL limits of cfg: its settings for signed-in
// callers (a zero setting keeps the default), the default anonymous budget
// (capped by the signed-in one).
func graphLimits(cfg *config) graph.Limits {
	lim := graph.DefaultLimits
	set := func(dst *int, v int) {
		if v > 0 {
			*dst = v
		}
	}
	set(&lim.SignedIn.MaxDepth, cfg.MaxDepth)
	set(&lim.SignedIn.MaxComplexity, cfg.MaxComplexity)
	set(&lim.SignedIn.MaxTokens, cfg.MaxTokens)
	set(&lim.SignedIn.MaxSelections, cfg.MaxFields)
	if cfg.RequestTimeout > 0 {
		lim.RequestTimeout = cfg.RequestTimeout
	}
	if m, err := graph.ParseIntrospection(cfg.Introspection); err == nil {
		lim.Introspection = m
	}
	lim.OriginPatterns = cfg.AllowedOrigins
	return lim
}

// metricsHandler serves Prometheus metrics on the main address only to a
// scraper that sends VOLTPAY_METRICS_TOKEN as a bearer token: they tell
// anyone how busy the server is and which routes fail. Without a token it
// refuses and says where metrics are (VOLTPAY_METRICS_ADDR, a listener of
// their own, e.g. on a private interface).
func metricsHandler(cfg *config) http.Handler {
	metrics := promhttp.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cfg.MetricsToken == "" {
			msg := "metrics are not served on this address: set VOLTPAY_METRICS_TOKEN and send it as a bearer token, or scrape VOLTPAY_METRICS_ADDR"
			if cfg.MetricsAddr != "" {
				msg = "metrics are served on the metrics address (VOLTPAY_METRICS_ADDR), not here"
			}
			writeJSON(w, http.StatusNotFound, map[string]string{"error": msg})
			return
		}
		if subtle.ConstantTimeCompare([]byte(bearerToken(r)), []byte(cfg.MetricsToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "send the metrics token (VOLTPAY_METRICS_TOKEN) as Authorization: Bearer <token>"})
			return
		}
		metrics.ServeHTTP(w, r)
	})
}
