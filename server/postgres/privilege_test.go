package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// appDB returns the package database as the server's role under least
// privilege (pgtest.AppRole), after the owner applied the schema and
// granted it, and an account with a sale on it to attack.
func appDB(tb testing.TB) (owner, app *postgres.DB, accountID int64) {
	tb.Helper()
	owner = MustOpenDB(tb)
	ctx := context.Background()
	if err := owner.GrantApp(ctx, pgtest.AppRole); err != nil {
		tb.Fatal(err)
	}
	app, err := postgres.Connect(ctx, pgtest.AppURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { app.Close() })
	site := MustCreateSite(tb, owner)
	a, _, err := postgres.NewAccountService(app).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account:   voltpay.AccountInput{SiteID: site.ID, TenantName: "Privilege test", Phone: "13800138000"},
		FirstSale: &voltpay.SaleInput{AmountFen: 10000, Channel: voltpay.ChannelCash, IdempotencyKey: fmt.Sprintf("priv-%d", rand.Int64())},
	})
	if err != nil {
		tb.Fatalf("open account as the app role: %v", err)
	}
	return owner, app, a.ID
}

// TestSecurity_AppRoleLeastPrivilege: the server's role cannot do what only
// a superuser or a table owner can (turn the append-only and balance
// triggers off, rewrite or empty the journals, change the schema), and no
// statement of it writes a balance outside the ledger.
func TestSecurity_AppRoleLeastPrivilege(t *testing.T) {
	owner, app, acct := appDB(t)
	ctx := context.Background()
	var entry int64
	if err := app.GetContext(ctx, &entry, `SELECT id FROM ledger_entries WHERE account_id = $1`, acct); err != nil {
		t.Fatal(err)
	}
	role, err := app.CurrentRole(ctx)
	if err != nil || role.Name != pgtest.AppRole || role.Superuser || role.OwnsSchema {
		t.Fatalf("CurrentRole = %+v, %v; want %s, no superuser, owning nothing", role, err, pgtest.AppRole)
	}
	for _, q := range []string{
		`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_append_only`,
		`ALTER TABLE accounts DISABLE TRIGGER accounts_balance_guard`,
		`ALTER TABLE accounts DISABLE TRIGGER USER`,
		`SET session_replication_role = replica`, // turns every trigger off: superuser only
		`DROP TRIGGER audit_append_only ON audit_log`,
		`CREATE OR REPLACE FUNCTION forbid_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
		`CREATE TABLE public.evil (id int)`,
		fmt.Sprintf(`UPDATE ledger_entries SET amount_fen = 1 WHERE id = %d`, entry),
		fmt.Sprintf(`DELETE FROM ledger_entries WHERE id = %d`, entry),
		`TRUNCATE ledger_entries CASCADE`,
		`UPDATE audit_log SET message = 'x'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
		`DELETE FROM payment_notifications`,
		`INSERT INTO schema_version (version) VALUES (99999)`,
		fmt.Sprintf(`UPDATE accounts SET balance_fen = 1000000 WHERE id = %d`, acct),
		`INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen, balance_fen)
			SELECT site_id, 'PRIV' || id, 'x', '13800138000', 0, 0, 1000000 FROM accounts WHERE id = ` + fmt.Sprint(acct),
		fmt.Sprintf(`INSERT INTO meter_balances (account_id, meter_id, balance_fen) VALUES (%d, %d, 1000000)`, acct, mustMeter(t, owner)),
		`CREATE ROLE evil LOGIN SUPERUSER`,
		`GRANT ` + pgtest.AppRole + ` TO postgres`,
	} {
		wantInsufficientPrivilege(t, q, exec(app, q))
	}
	var balance voltpay.Fen
	if err := app.GetContext(ctx, &balance, `SELECT balance_fen FROM accounts WHERE id = $1`, acct); err != nil || balance != 10000 {
		t.Fatalf("balance after the attempts: %d, %v; want 10000", balance, err)
	}
}

// TestSecurity_InsertAccountWithBalance: even the owner (who applies the
// schema) cannot create an account that already holds money; only the
// ledger moves balances.
func TestSecurity_InsertAccountWithBalance(t *testing.T) {
	db := MustOpenDB(t)
	site := MustCreateSite(t, db)
	q := fmt.Sprintf(`INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen, balance_fen)
		VALUES (%d, 'BAL%d', 'x', '13800138000', 0, 0, 500000)`, site.ID, rand.Int64N(1e12))
	wantInsufficientPrivilege(t, q, exec(db, q))
	var acct int64
	if err := db.GetContext(context.Background(), &acct, `INSERT INTO accounts (site_id, no, tenant_name, phone, alarm1_fen, alarm2_fen)
		VALUES ($1, $2, 'x', '13800138000', 0, 0) RETURNING id`, site.ID, fmt.Sprintf("BAL%d", rand.Int64N(1e12))); err != nil {
		t.Fatalf("an account without a balance: %v", err)
	}
	q = fmt.Sprintf(`INSERT INTO meter_balances (account_id, meter_id, balance_fen) VALUES (%d, %d, 500000)`, acct, mustMeter(t, db))
	wantInsufficientPrivilege(t, q, exec(db, q))
}

func exec(db *postgres.DB, q string) error {
	_, err := db.ExecContext(context.Background(), q)
	return err
}

// wantInsufficientPrivilege fails unless err is SQLSTATE 42501, which both
// PostgreSQL's privilege checks and the schema's guard triggers raise.
func wantInsufficientPrivilege(tb testing.TB, q string, err error) {
	tb.Helper()
	var pqErr *pq.Error
	switch {
	case err == nil:
		tb.Errorf("allowed: %s", q)
	case !errors.As(err, &pqErr) || pqErr.Code != "42501":
		tb.Errorf("%s: refused for another reason than privilege: %v", q, err)
	}
}

// mustMeter inserts a meter and returns its id.
func mustMeter(tb testing.TB, db *postgres.DB) int64 {
	tb.Helper()
	var id int64
	if err := db.GetContext(context.Background(), &id, `INSERT INTO meters (site_id, address, protocol)
		SELECT id, $1, 'dlt645' FROM sites ORDER BY id DESC LIMIT 1 RETURNING id`, fmt.Sprint(rand.Int64N(1e12))); err != nil {
		tb.Fatalf("insert meter: %v", err)
	}
	return id
}

// TestSecurity_GrantAppRefusesPowerfulRoles: the server's role may not be
// a superuser (which could turn triggers off) or own the tables.
func TestSecurity_GrantAppRefusesPowerfulRoles(t *testing.T) {
	owner := MustOpenDB(t)
	role, err := owner.CurrentRole(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := owner.GrantApp(context.Background(), role.Name); err == nil {
		t.Fatalf("GrantApp(%s, a superuser owning the tables) succeeded", role.Name)
	}
}
