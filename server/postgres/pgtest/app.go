package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/lib/pq"
)

// AppRole is the login role AppURL connects as: like the server's role in
// production (voltpay_app, scripts/run.sh) it is no superuser, may not
// create roles or databases, and owns nothing, so tests through it prove
// that every path works under least privilege. It is cluster-wide and
// shared by every test binary; each package's database grants it its
// privileges (postgres.DB.GrantApp).
const AppRole = "voltpay_app_test"

// appPassword is AppRole's password, for clusters that ask for one over TCP.
// The role can reach only throwaway test databases.
const appPassword = "voltpay-app-test-only"

// appLockID serialises creating AppRole between test binaries starting at
// once (CREATE ROLE has no IF NOT EXISTS).
const appLockID int64 = 0x766f6c7470617902

var app struct {
	once sync.Once
	err  error
}

// AppURL returns the URL of this package's database (URL) logging in as
// AppRole, creating the role on first use. The caller grants it its
// privileges after applying the schema as the owner. It skips or fails
// like URL.
func AppURL(tb testing.TB) string {
	tb.Helper()
	u := URL(tb)
	app.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		app.err = ensureAppRole(ctx, pkg.admin)
	})
	if app.err != nil {
		tb.Fatalf("pgtest: %v", app.err)
	}
	return withUser(u, AppRole, appPassword)
}

// ensureAppRole creates AppRole unless it exists.
func ensureAppRole(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("create role %s: %w", AppRole, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, appLockID); err != nil {
		return fmt.Errorf("create role %s: %w", AppRole, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, appLockID)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, AppRole).Scan(&exists); err != nil {
		return fmt.Errorf("look up role %s: %w", AppRole, err)
	}
	if exists {
		return nil
	}
	q := "CREATE ROLE " + pq.QuoteIdentifier(AppRole) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD " + pq.QuoteLiteral(appPassword)
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("create role %s (the admin URL's user needs CREATEROLE): %w", AppRole, err)
	}
	return nil
}

// withUser returns conn logging in as user with password. It accepts both
// forms libpq does, like withDatabase.
func withUser(conn, user, password string) string {
	u, err := url.Parse(conn)
	if err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.User = url.UserPassword(user, password)
		return u.String()
	}
	return conn + " user=" + user + " password=" + password
}
