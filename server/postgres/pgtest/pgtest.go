// Package pgtest gives each test package its own throwaway PostgreSQL database, so that
// test binaries running side by side (go test ./... runs several at once) never see each
// other's rows, and nothing is left behind.
//
// Wire it up once per package:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// then open pgtest.URL(t) in tests, or pgtest.NewDatabase(t) in a test that needs a
// database nobody else touches.
//
// The server comes from VOLTPAY_TEST_DATABASE_URL, an admin URL allowed to create
// databases (`make test` sets it from scripts/ensure-postgres.sh), and defaults to
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable.
//
// When that server cannot be reached, tests that ask for a URL are skipped, so that
// `go test ./...` still works on a laptop without PostgreSQL. Under CI=true or
// VOLTPAY_REQUIRE_DB=1 the test binary fails instead: a green CI run must mean the
// database tests ran.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// DefaultAdminURL is the server used when VOLTPAY_TEST_DATABASE_URL is not set: the local
// cluster that scripts/ensure-postgres.sh prefers.
const DefaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// setupTimeout bounds each connect, create and drop. CREATE DATABASE copies a template and
// may wait on a checkpoint, which on a slow CI disk takes seconds, not milliseconds.
const setupTimeout = 30 * time.Second

const howToFix = "Start PostgreSQL and point the tests at it: run `make test`, or " +
	"export VOLTPAY_TEST_DATABASE_URL=$(scripts/ensure-postgres.sh) and run go test again."

// pkg is this test binary's database, set up by Main before any test runs and only read
// afterwards, so tests may use it in parallel without locking.
var pkg struct {
	started  bool    // Main ran
	adminURL string  // where databases are created and dropped
	admin    *sql.DB // connection to adminURL; nil when unavailable
	url      string  // URL of this package's database
	err      error   // why PostgreSQL is unavailable; nil when it is
}

// Main is TestMain for packages that use PostgreSQL: it creates this package's database,
// runs the tests, drops the database and exits with the tests' code. It exits 1 before
// running any test when the server is unreachable and CI=true or VOLTPAY_REQUIRE_DB=1.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	pkg.started = true
	pkg.adminURL = os.Getenv("VOLTPAY_TEST_DATABASE_URL")
	if pkg.adminURL == "" {
		pkg.adminURL = DefaultAdminURL
	}

	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	name, err := setup(ctx)
	cancel()
	if err != nil {
		pkg.err = err
		if Required() {
			fmt.Fprintf(os.Stderr, "pgtest: %v\nCI=true or VOLTPAY_REQUIRE_DB=1 requires a database. %s\n", err, howToFix)
			return 1
		}
		fmt.Fprintf(os.Stderr, "pgtest: notice: %v\nTests that need PostgreSQL will be skipped. %s\n", err, howToFix)
		return m.Run()
	}
	defer pkg.admin.Close()
	pkg.url = withDatabase(pkg.adminURL, name)

	code := m.Run()

	ctx, cancel = context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := dropDatabase(ctx, pkg.admin, name); err != nil {
		// Not a test failure; sweepStale removes the database a day from now.
		fmt.Fprintf(os.Stderr, "pgtest: warning: %v\n", err)
	}
	return code
}

// setup connects to the admin URL, clears out databases that killed test binaries left
// behind, and creates this package's database.
func setup(ctx context.Context) (string, error) {
	db, err := openAdmin(ctx, pkg.adminURL)
	if err != nil {
		return "", err
	}
	if err := sweepStale(ctx, db); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: warning: %v\n", err)
	}
	name, err := createDatabase(ctx, db)
	if err != nil {
		db.Close()
		return "", err
	}
	pkg.admin = db
	return name, nil
}

// Required reports whether what `make test` provides (PostgreSQL; Node.js for the examples) must
// be there, failing the run rather than skipping tests: under CI, or with VOLTPAY_REQUIRE_DB set.
func Required() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	req, _ := strconv.ParseBool(os.Getenv("VOLTPAY_REQUIRE_DB"))
	return ci || req
}

// URL returns the URL of this test package's database, shared by all its tests. It skips
// the test when PostgreSQL is unavailable, and fails it when the package has no TestMain
// calling Main.
func URL(tb testing.TB) string {
	tb.Helper()
	if !pkg.started {
		tb.Fatal("pgtest: this package has no TestMain calling pgtest.Main; add:\n" +
			"\tfunc TestMain(m *testing.M) { pgtest.Main(m) }")
	}
	if pkg.err != nil {
		tb.Skipf("pgtest: skipped, PostgreSQL unavailable: %v", pkg.err)
	}
	return pkg.url
}

// NewDatabase creates an empty database for this test alone and returns its URL; it is
// dropped when the test and its subtests finish. Use it when a test must not see what other
// tests in the package write. It skips or fails like URL.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	URL(tb)

	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	name, err := createDatabase(ctx, pkg.admin)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		// tb.Context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		if err := dropDatabase(ctx, pkg.admin, name); err != nil {
			tb.Errorf("pgtest: %v", err)
		}
	})
	return withDatabase(pkg.adminURL, name)
}
