package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// newHTTPHandler routes every endpoint of the server.
func newHTTPHandler(cfg *config, res *graph.Resolver, db *postgres.DB, log *slog.Logger) http.Handler {
	gql := graph.NewHandler(res, graph.Limits{
		MaxDepth: cfg.MaxDepth, MaxComplexity: cfg.MaxComplexity, OriginPatterns: cfg.AllowedOrigins,
	}, log)
	a := &authenticator{auth: res.AuthService, secureCookies: cfg.SecureCookies}

	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(cfg.MaxBodyBytes, a.middleware(codeTransportErrors(gql))))
	mux.Handle("GET /graphiql", playground.Handler("Voltpay GraphQL", "/graphql"))
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
	mux.Handle("GET /metrics", promhttp.Handler())
	if rc, ok := res.RechargeService.(*recharge.Service); ok {
		mountWebhooks(mux, rc)
	}
	mux.HandleFunc("GET /{$}", indexPage)
	return requestID(accessLog(log, recoverPanics(log, mux)))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// indexPage says where things are until the web UIs are served here.
func indexPage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Voltpay 预付费电能管理</title>
<h1>Voltpay 预付费电能管理平台</h1>
<ul><li><a href="/graphiql">GraphiQL</a> — GraphQL API explorer (POST /graphql)</li>
<li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a></li></ul>`))
}
