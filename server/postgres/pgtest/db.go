package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/lib/pq"
)

// namePrefix starts every database this package creates; sweepStale relies on it.
const namePrefix = "voltpay_test_"

// commentPrefix starts the comment that records when a database was created, because
// PostgreSQL keeps no creation time of its own.
const commentPrefix = "pgtest created "

// staleAfter is how old a leftover test database must be before sweepStale drops it: far
// longer than any test run (make test times out after 20 minutes).
const staleAfter = 24 * time.Hour

// openAdmin connects to the admin URL and checks that the server answers.
func openAdmin(ctx context.Context, adminURL string) (*sql.DB, error) {
	db, err := sql.Open("postgres", adminURL)
	if err != nil {
		return nil, fmt.Errorf("VOLTPAY_TEST_DATABASE_URL %s is not a valid connection string: %w", redact(adminURL), err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %w", redact(adminURL), err)
	}
	return db, nil
}

// createDatabase creates an empty database with a fresh random name and returns the name.
// It copies template0, not template1: template0 never has a session open (which would make
// CREATE DATABASE fail) and lets us fix UTF8 and the C locale, so results do not depend on
// how the machine's cluster was initialised.
func createDatabase(ctx context.Context, db *sql.DB) (string, error) {
	b := make([]byte, 8)
	rand.Read(b) // never fails since Go 1.24
	name := namePrefix + hex.EncodeToString(b)

	q := "CREATE DATABASE " + pq.QuoteIdentifier(name) +
		" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
	if _, err := db.ExecContext(ctx, q); err != nil {
		return "", fmt.Errorf("create test database %s (the admin URL's user needs CREATEDB): %w", name, err)
	}
	comment := commentPrefix + time.Now().UTC().Format(time.RFC3339)
	q = "COMMENT ON DATABASE " + pq.QuoteIdentifier(name) + " IS " + pq.QuoteLiteral(comment)
	if _, err := db.ExecContext(ctx, q); err != nil {
		return "", fmt.Errorf("label test database %s: %w", name, err)
	}
	return name, nil
}

// dropDatabase drops a test database, disconnecting whatever a test left open.
func dropDatabase(ctx context.Context, db *sql.DB, name string) error {
	q := "DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)"
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("drop test database %s: %w", name, err)
	}
	return nil
}

// sweepStale drops test databases that outlived their test binary: one that panicked, hit
// -timeout or was interrupted never reaches its cleanup. Only databases older than
// staleAfter go, so binaries that are running now keep theirs.
func sweepStale(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT datname
		FROM pg_database
		WHERE starts_with(datname, $1)
		  AND starts_with(shobj_description(oid, 'pg_database'), $2)
		  AND split_part(shobj_description(oid, 'pg_database'), ' ', 3)::timestamptz
		      < now() - $3 * interval '1 second'`,
		namePrefix, commentPrefix, int64(staleAfter.Seconds()))
	if err != nil {
		return fmt.Errorf("look for stale test databases: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("look for stale test databases: %w", err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look for stale test databases: %w", err)
	}
	for _, name := range names {
		if err := dropDatabase(ctx, db, name); err != nil {
			return fmt.Errorf("remove stale test database: %w", err)
		}
	}
	return nil
}

// withDatabase returns adminURL pointing at database name instead. It accepts both forms
// libpq does: a postgres:// URL, and key=value pairs, where the last dbname wins.
func withDatabase(adminURL, name string) string {
	u, err := url.Parse(adminURL)
	if err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path, u.RawPath = "/"+name, ""
		return u.String()
	}
	return adminURL + " dbname=" + name
}

var passwordPair = regexp.MustCompile(`password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)`)

// redact hides the password in a connection string so it can go into test output.
func redact(conn string) string {
	u, err := url.Parse(conn)
	if err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		if q := u.Query(); q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.Redacted()
	}
	return passwordPair.ReplaceAllString(conn, "password=xxxxx")
}
