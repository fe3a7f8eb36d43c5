package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var (
	httpRequests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "voltpay_http_requests_total",
		Help: "HTTP requests by route and status code.",
	}, []string{"route", "code"})
	httpDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "voltpay_http_request_duration_seconds",
		Help:    "HTTP request latency by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route"})
)

// observe records one request. Routes are the fixed endpoint paths, so
// label cardinality stays bounded whatever paths clients send.
func observe(r *http.Request, status int, d time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "other"
	}
	httpRequests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	httpDuration.WithLabelValues(route).Observe(d.Seconds())
}

func strconvI(n int64) string { return strconv.FormatInt(n, 10) }
