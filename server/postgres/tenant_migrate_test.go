package postgres_test

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"

	_ "github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestMigrate_TenantLoginsKeepTheirAccount applies the schema as version 19
// left it (schema.sql grows by appending, so it is the text before version
// 20), makes a tenant login with a live session the way version 19 did,
// then migrates: the login is bound to its account, its session keeps the
// account current, the password still signs in to it, and the account has
// a binding code.
func TestMigrate_TenantLoginsKeepTheirAccount(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	v19 := voltpay.SchemaSQL[:strings.Index(voltpay.SchemaSQL, "-- Tenant people and their accounts (version 20)")]
	raw, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.ExecContext(ctx, "SET client_min_messages = warning;\n"+v19); err != nil {
		t.Fatalf("apply version 19: %v", err)
	}
	hash, err := auth.HashPassword("tenant-password")
	if err != nil {
		t.Fatal(err)
	}
	token := auth.NewSessionToken()
	var accountID int64
	if err := raw.QueryRowContext(ctx, `
		WITH s AS (INSERT INTO sites (name, code) VALUES ('迁移', 'MIG') RETURNING id),
		     a AS (INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen)
		           SELECT id, 'MIG-1', '老商户', '13800000000', 10, 5 FROM s RETURNING id),
		     u AS (INSERT INTO tenant_users (account_id, phone, password_hash) SELECT id, '13900000009', $1 FROM a RETURNING id),
		     x AS (INSERT INTO sessions (token_hash, tenant_user_id, expires_at) SELECT $2, id, now() + interval '1 hour' FROM u)
		SELECT id FROM a`, hash, auth.HashToken(token)).Scan(&accountID); err != nil {
		t.Fatalf("a version 19 login: %v", err)
	}

	db, err := postgres.Open(ctx, url) // migrates
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer db.Close()
	var version int
	if err := raw.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&version); err != nil || version != voltpay.SchemaVersion {
		t.Fatalf("schema version %d, %v", version, err)
	}
	var via, code string
	if err := raw.QueryRowContext(ctx, `SELECT b.via, a.binding_code FROM tenant_bindings b JOIN accounts a ON a.id = b.account_id
		WHERE b.account_id = $1`, accountID).Scan(&via, &code); err != nil || via != voltpay.BindViaOperator {
		t.Fatalf("the login's binding: %q, %v", via, err)
	}
	if !regexp.MustCompile(`^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$`).MatchString(code) {
		t.Fatalf("binding code %q", code)
	}
	as := postgres.NewAuthService(db)
	p, err := as.Authenticate(ctx, token)
	if err != nil || p.AccountID != accountID {
		t.Fatalf("the session from before: %+v, %v; want account %d", p, err, accountID)
	}
	s, err := as.Login(ctx, "13900000009", "tenant-password", true, "test")
	if err != nil || s.Principal.AccountID != accountID {
		t.Fatalf("login after the migration: %+v, %v", s, err)
	}
	// Applying the schema again (every start does) makes no second binding,
	// even after the tenant unbound the account.
	if _, err := raw.ExecContext(ctx, `DELETE FROM tenant_bindings WHERE account_id = $1`, accountID); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	raw.QueryRowContext(ctx, `SELECT count(*) FROM tenant_bindings WHERE account_id = $1`, accountID).Scan(&n)
	if n != 0 {
		t.Fatalf("a second migration re-bound an unbound login (%d bindings)", n)
	}
}
