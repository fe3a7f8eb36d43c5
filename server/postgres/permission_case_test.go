package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestSchema_PermissionsLowerCase: an API key made when permissions were
// upper case (READ_ACCOUNTS) keeps working after the schema is applied:
// its scopes become the lower-case permissions, in their order.
func TestSchema_PermissionsLowerCase(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	s := postgres.NewAuthService(db)
	key, secret, err := s.CreateAPIKey(AdminContext(), "scopes before version 17", []voltpay.Permission{voltpay.PermSell, voltpay.PermReadAccounts})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE api_keys SET scopes = '{SELL,READ_ACCOUNTS}' WHERE id = $1`, key.ID); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Authenticate(ctx, secret); err == nil && p.Can(voltpay.PermSell) {
		t.Fatalf("an upper-case scope should match no permission before the migration, got %+v", p)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var scopes []string
	if err := db.SelectContext(ctx, &scopes, `SELECT unnest(scopes) FROM api_keys WHERE id = $1`, key.ID); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(scopes, []string{"sell", "read_accounts"}) {
		t.Errorf("scopes after migration: %v, want [sell read_accounts]", scopes)
	}
	// A new service: the first one remembers the key as it authenticated it.
	p, err := postgres.NewAuthService(db).Authenticate(ctx, secret)
	if err != nil || !p.Can(voltpay.PermSell) || !p.Can(voltpay.PermReadAccounts) || p.Can(voltpay.PermRefund) {
		t.Errorf("key after migration: %+v, %v; want sell and read_accounts only", p, err)
	}
}
