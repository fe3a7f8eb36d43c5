package pgtest

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
)

func TestMain(m *testing.M) { Main(m) }

// open connects to conn and closes the connection when the test ends.
func open(t *testing.T, conn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// packageDB returns the name of the package's database.
func packageDB(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(URL(t))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// exists reports whether database name exists, asking through the admin connection.
func exists(t *testing.T, name string) bool {
	t.Helper()
	var ok bool
	err := pkg.admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&ok)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestURL(t *testing.T) {
	db := open(t, URL(t))
	var one int
	var name, encoding, collate string
	err := db.QueryRow(`
		SELECT 1, current_database(), pg_encoding_to_char(encoding), datcollate
		FROM pg_database
		WHERE datname = current_database()`).Scan(&one, &name, &encoding, &collate)
	if err != nil {
		t.Fatal(err)
	}
	if one != 1 {
		t.Errorf("select 1 = %d, want 1", one)
	}
	if !strings.HasPrefix(name, namePrefix) {
		t.Errorf("database = %q, want prefix %q", name, namePrefix)
	}
	if encoding != "UTF8" || collate != "C" {
		t.Errorf("encoding, collate = %s, %s; want UTF8, C", encoding, collate)
	}
	if got := URL(t); got != pkg.url {
		t.Errorf("second URL = %q, want the same database %q", got, pkg.url)
	}
}

func TestNewDatabase(t *testing.T) {
	var name string
	var leftOpen *sql.DB // open while the database is dropped: WITH (FORCE) must cope
	defer func() {
		if leftOpen != nil {
			leftOpen.Close()
		}
	}()
	t.Run("Isolated", func(t *testing.T) {
		db, err := sql.Open("postgres", NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		leftOpen = db
		if err := db.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, namePrefix) || name == packageDB(t) {
			t.Fatalf("database = %q, want a new %s* database apart from the package's", name, namePrefix)
		}
		if _, err := db.Exec(`CREATE TABLE only_here (id int)`); err != nil {
			t.Fatal(err)
		}
		var found bool
		err = open(t, URL(t)).QueryRow(`SELECT to_regclass('only_here') IS NOT NULL`).Scan(&found)
		if err != nil {
			t.Fatal(err)
		}
		if found {
			t.Error("table created in NewDatabase is visible in the package database")
		}
	})
	if name != "" && exists(t, name) {
		t.Errorf("database %s still exists after its test finished", name)
	}
}

func TestSweepStale(t *testing.T) {
	URL(t)
	ctx := context.Background()
	stale, err := createDatabase(ctx, pkg.admin)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := createDatabase(ctx, pkg.admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(ctx, pkg.admin, fresh) })

	old := commentPrefix + time.Now().Add(-staleAfter-time.Hour).UTC().Format(time.RFC3339)
	if _, err := pkg.admin.Exec("COMMENT ON DATABASE " + pq.QuoteIdentifier(stale) + " IS " + pq.QuoteLiteral(old)); err != nil {
		t.Fatal(err)
	}
	if err := sweepStale(ctx, pkg.admin); err != nil {
		t.Fatal(err)
	}
	if exists(t, stale) {
		t.Errorf("stale database %s survived the sweep", stale)
	}
	if !exists(t, fresh) {
		t.Errorf("fresh database %s was swept", fresh)
	}
	if !exists(t, packageDB(t)) {
		t.Error("the package's own database was swept")
	}
}

func TestWithDatabase(t *testing.T) {
	for _, tt := range []struct{ admin, want string }{
		{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "postgres://postgres@127.0.0.1:5432/x?sslmode=disable"},
		{"postgresql://u:p@h/", "postgresql://u:p@h/x"},
		{"postgres://u@h", "postgres://u@h/x"},
		{"host=/run/pg user=postgres dbname=postgres", "host=/run/pg user=postgres dbname=postgres dbname=x"},
	} {
		if got := withDatabase(tt.admin, "x"); got != tt.want {
			t.Errorf("withDatabase(%q) = %q, want %q", tt.admin, got, tt.want)
		}
	}
}

func TestWithDatabase_KeyValueConnects(t *testing.T) {
	// The package database, reached through a key=value string whose first dbname differs.
	name := packageDB(t)
	conn := withDatabase("host=127.0.0.1 dbname=postgres sslmode=disable user=postgres port="+port(t), name)
	var got string
	if err := open(t, conn).QueryRow(`SELECT current_database()`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != name {
		t.Errorf("connected to %q, want %q", got, name)
	}
}

// port returns the server port of the package database.
func port(t *testing.T) string {
	t.Helper()
	var p string
	if err := open(t, URL(t)).QueryRow(`SELECT current_setting('port')`).Scan(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRedact(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://u:secret@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u@h/db?password=secret&sslmode=disable", "postgres://u@h/db?password=xxxxx&sslmode=disable"},
		{"host=h password=secret user=u", "host=h password=xxxxx user=u"},
		{"host=h password='se cret' user=u", "host=h password=xxxxx user=u"},
	} {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRequired(t *testing.T) {
	for _, tt := range []struct {
		ci, require string
		want        bool
	}{
		{"", "", false},
		{"true", "", true},
		{"", "1", true},
		{"false", "0", false},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv("VOLTPAY_REQUIRE_DB", tt.require)
		if got := Required(); got != tt.want {
			t.Errorf("CI=%q VOLTPAY_REQUIRE_DB=%q: Required() = %v, want %v", tt.ci, tt.require, got, tt.want)
		}
	}
}
