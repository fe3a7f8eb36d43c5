package main

import (
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/voltpay/voltpay/payment/paysim"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
	"github.com/voltpay/voltpay/server/recharge/rechargetest"
)

// newTestRecharge is the recharge service on the fakes (rechargetest.New).
func newTestRecharge(tb testing.TB, db *postgres.DB, notifyBase string, log *slog.Logger) (*recharge.Service, *paysim.Server) {
	tb.Helper()
	return rechargetest.New(tb, db, notifyBase, log)
}

// newPayEnv is a testEnv whose server also runs self-service recharge
// against the fake gateways, with its webhooks mounted.
func newPayEnv(tb testing.TB) (*testEnv, *paysim.Server) {
	tb.Helper()
	e := newEnv(tb)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	rc, fakes := newTestRecharge(tb, e.DB, base, slog.New(slog.DiscardHandler))
	e.Res.RechargeService = rc
	srv.Config.Handler = newHTTPHandler(testConfig(), e.Res, e.DB, slog.New(slog.DiscardHandler))
	srv.Start()
	tb.Cleanup(srv.Close)
	e.Srv = srv
	return e, fakes
}
