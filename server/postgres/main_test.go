package postgres_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestMain gives this package its own throwaway database.
func TestMain(m *testing.M) { pgtest.Main(m) }

// MustOpenDB opens the package's test database with the schema applied.
// Tests share it, so each creates its own site (MustCreateSite) and never
// assumes a table is empty.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(tb))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	db.MaxSites = manySites
	return db
}

// manySites lifts the deployment's site limit (voltpay.MaxSites) for the
// package database, where every test makes sites of its own.
const manySites = 1 << 20

var siteSeq atomic.Int64

// MustCreateSite creates a fresh site with a unique code.
func MustCreateSite(tb testing.TB, db *postgres.DB) *voltpay.Site {
	tb.Helper()
	n := siteSeq.Add(1)
	s, err := postgres.NewSiteService(db).CreateSite(AdminContext(), voltpay.SiteInput{
		Name: fmt.Sprintf("Test site %d", n), Code: fmt.Sprintf("T%d%04d", n%10, n%10000),
	})
	if err != nil {
		tb.Fatalf("create site: %v", err)
	}
	return s
}

// AdminContext acts as the system, which may do anything.
func AdminContext() context.Context {
	return voltpay.SystemContext(context.Background(), "test")
}

// TenantContext acts as a tenant of accountID.
func TenantContext(accountID int64) context.Context {
	return voltpay.WithPrincipal(context.Background(), &voltpay.Principal{
		Kind: voltpay.PrincipalTenant, ID: 1, Name: "tenant", AccountID: accountID,
	})
}

// wantCode fails unless err carries the given error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := voltpay.ErrorCode(err); got != code {
		tb.Fatalf("error code: got %q (%v), want %q", got, err, code)
	}
}
