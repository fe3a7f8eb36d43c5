package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/events"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// serve wires the services to the HTTP server and runs until ctx ends, then
// drains requests for up to cfg.ShutdownTimeout.
func serve(ctx context.Context, cfg *config, log *slog.Logger) error {
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	db.Events = events.New()
	res := newResolver(db)
	if a, ok := res.AuthService.(*postgres.AuthService); ok {
		a.Sessions = cfg.Sessions
	}

	stopTenantApp, err := wireTenantApp(ctx, cfg, res, log)
	if err != nil {
		return err
	}
	defer stopTenantApp()

	if err := ensureAdmin(ctx, cfg, res.AuthService, log); err != nil {
		return err
	}
	if cfg.SeedDemo {
		if err := seedDemo(ctx, db, cfg.AdminPassword, log); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
	}
	rc := newRecharge(ctx, db, cfg.PaymentEnv, log)
	res.RechargeService = rc
	runRecharge(ctx, rc, log)
	if cfg.Poller {
		p, wake, stop := startMeterlink(ctx, cfg, db, log)
		defer stop() // runs before db.Close
		res.MeterReader = p
		wakeOnNewCommands(ctx, db.Events, wake)
		if err := listenCommands(ctx, cfg.DatabaseURL, wake, log); err != nil {
			log.Warn("not listening for other processes' commands; they wait for the executor's interval", "err", err)
		}
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (VOLTPAY_ADDR): %w; is another server using the port?", cfg.Addr, err)
	}
	srv := newHTTPServer(ctx, cfg, newHTTPHandler(cfg, res, db, log), log)
	if cfg.MetricsAddr != "" {
		stop, err := serveMetrics(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	log.Info("voltpay serving", "addr", ln.Addr().String(), "version", version,
		"graphql", "/graphql", "graphiql", "/graphiql")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// readTimeout bounds reading one request, body included: a 1 MiB body
// takes seconds even on a slow mobile link, and a client that trickles
// bytes to hold a connection open is cut off.
const readTimeout = 30 * time.Second

// newHTTPServer returns the server of handler with timeouts that bound
// each request: reading it (readTimeout) and answering it (the request
// timeout that ends the GraphQL operation, plus time to write the answer).
// Websockets are not cut by them: net/http clears a connection's deadlines
// when it is hijacked (net/http's conn.hijackLocked), and the websocket
// transport pings every 15 s instead.
func newHTTPServer(ctx context.Context, cfg *config, handler http.Handler, log *slog.Logger) *http.Server {
	var write time.Duration
	if cfg.RequestTimeout > 0 {
		write = cfg.RequestTimeout + 10*time.Second
	}
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       readTimeout,
		WriteTimeout:      write,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// serveMetrics serves /metrics (only) on cfg.MetricsAddr, with the metrics
// token when one is set; stop closes it.
func serveMetrics(ctx context.Context, cfg *config, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (VOLTPAY_METRICS_ADDR): %w", cfg.MetricsAddr, err)
	}
	own := *cfg
	own.MetricsAddr = "" // on its own address, the token (if any) is the only check
	mux := http.NewServeMux()
	if own.MetricsToken == "" {
		mux.Handle("GET /metrics", promhttp.Handler())
	} else {
		mux.Handle("GET /metrics", metricsHandler(&own))
	}
	srv := newHTTPServer(ctx, cfg, mux, log)
	go srv.Serve(ln)
	log.Info("metrics serving", "addr", ln.Addr().String(), "path", "/metrics")
	return func() { srv.Close() }, nil
}

// openDB connects to cfg.DatabaseURL. With cfg.MigrateURL, the schema's
// owner applies the schema and grants DatabaseURL's role what the server
// needs (grant_app_privileges in schema.sql), and the server connects as
// that role, which owns nothing: it cannot disable the ledger's triggers or
// rewrite a journal. Without it, DatabaseURL's role applies the schema
// itself, so it owns the tables; a warning says so.
func openDB(ctx context.Context, cfg *config, log *slog.Logger) (*postgres.DB, error) {
	if cfg.MigrateURL == "" {
		db, err := postgres.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("database: %w", err)
		}
		if role, err := db.CurrentRole(ctx); err == nil && (role.Superuser || role.OwnsSchema) {
			log.Warn("the server connects as a PostgreSQL role that is a superuser or owns the tables, so a bug or injection could disable the ledger's guards; connect DATABASE_URL as a role owning nothing and set VOLTPAY_MIGRATE_DATABASE_URL to the owner (scripts/run.sh does)",
				"role", role.Name, "superuser", role.Superuser)
		}
		return db, nil
	}
	db, err := postgres.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := migrateFor(ctx, cfg.MigrateURL, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// migrateFor applies the schema over ownerURL and grants app's role its
// privileges.
func migrateFor(ctx context.Context, ownerURL string, app *postgres.DB) error {
	role, err := app.CurrentRole(ctx)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	owner, err := postgres.Open(ctx, ownerURL)
	if err != nil {
		return fmt.Errorf("database (VOLTPAY_MIGRATE_DATABASE_URL): %w", err)
	}
	defer owner.Close()
	if err := owner.GrantApp(ctx, role.Name); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// newResolver builds the API's services on db.
func newResolver(db *postgres.DB) *graph.Resolver {
	auth := postgres.NewAuthService(db)
	return &graph.Resolver{
		// One service, so that logins and the tenant app's sign-ins share
		// their limits; serve gives it its SMS driver (wireTenantApp).
		AuthService:        auth,
		TenantService:      auth,
		SiteService:        postgres.NewSiteService(db),
		MeterService:       postgres.NewMeterService(db),
		TariffService:      postgres.NewTariffService(db),
		AccountService:     postgres.NewAccountService(db),
		LedgerService:      postgres.NewLedgerService(db),
		AuditService:       postgres.NewAuditService(db),
		CommandService:     postgres.NewCommandService(db),
		ReadingService:     postgres.NewReadingService(db),
		AlarmService:       postgres.NewAlarmService(db),
		ScheduleService:    postgres.NewControlScheduleService(db),
		ApportionService:   postgres.NewApportionService(db),
		ReportService:      postgres.NewReportService(db),
		SalesReportService: postgres.NewSalesReportService(db),
		OpsReportService:   postgres.NewOpsReportService(db),
		Events:             db.Events,
		// Recharge with no payment channel: orders can be read, new ones
		// are UNAVAILABLE; serve replaces it with the configured channels.
		RechargeService: recharge.New(postgres.NewRechargeStore(db), nil, nil, nil),
		// MeterReader stays nil here (readMeters is then UNAVAILABLE):
		// serve sets it when it runs the poller.
	}
}

// ensureAdmin creates operator "admin" on a database without operators,
// with VOLTPAY_ADMIN_PASSWORD or, when unset, a random password printed once.
func ensureAdmin(ctx context.Context, cfg *config, auth voltpay.AuthService, log *slog.Logger) error {
	pw, generated := cfg.AdminPassword, false
	if pw == "" {
		pw, generated = rand.Text()[:16], true
	}
	created, err := auth.EnsureAdmin(voltpay.SystemContext(ctx, "startup"), pw)
	if err != nil {
		return fmt.Errorf("create first admin: %w", err)
	}
	switch {
	case created && generated:
		fmt.Printf("\n  First operator created: username admin, password %s\n  (shown only this once; change it after signing in)\n\n", pw)
	case created:
		log.Info("first operator created: username admin, password from VOLTPAY_ADMIN_PASSWORD")
	}
	return nil
}
