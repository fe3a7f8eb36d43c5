package postgres

import (
	"context"
	"fmt"
)

// GrantApp gives login role app the privileges the server needs on this
// database and no more (grant_app_privileges in schema.sql): it refuses a
// superuser, a role that may create roles or databases, and one owning
// tables. Call it as the schema's owner after Migrate.
func (db *DB) GrantApp(ctx context.Context, app string) error {
	if _, err := db.ExecContext(ctx, `SELECT grant_app_privileges($1)`, app); err != nil {
		return fmt.Errorf("grant the server's role %s its privileges: %w", app, err)
	}
	return nil
}

// Role describes the role a connection logs in as, for the start-up check
// that the server does not run with more power than it needs.
type Role struct {
	Name      string `db:"name"`
	Superuser bool   `db:"superuser"`
	// OwnsSchema: the role owns the ledger, so it could disable its triggers.
	OwnsSchema bool `db:"owns_schema"`
}

// CurrentRole returns the role db's connections log in as.
func (db *DB) CurrentRole(ctx context.Context) (*Role, error) {
	r := &Role{}
	err := db.GetContext(ctx, r, `SELECT current_user AS name, r.rolsuper AS superuser,
		       coalesce((SELECT tableowner = current_user FROM pg_tables
		                  WHERE schemaname = 'public' AND tablename = 'ledger_entries'), false) AS owns_schema
		  FROM pg_roles r WHERE r.rolname = current_user`)
	if err != nil {
		return nil, mapError(err)
	}
	return r, nil
}
