// Package postgres implements Voltpay's services on PostgreSQL with sqlx and
// lib/pq. Public methods check permissions, open a transaction and call
// lower-case helpers that take a *Tx; SQL sits next to the code that scans it.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // registers the "postgres" driver

	"github.com/voltpay/voltpay"
)

// DB is the connection pool plus what every service needs: a clock and the
// in-process event bus that publishes after commit.
type DB struct {
	*sqlx.DB
	// Now returns the current time; tests may replace it.
	Now func() time.Time
	// Events receives balance, meter and alarm changes after commit; may be nil.
	Events voltpay.Events
	// MaxSites is how many sites CreateSite lets the deployment hold,
	// voltpay.MaxSites. Tests that share one database among hundreds of
	// throwaway sites raise it.
	MaxSites int
	// stmts holds the hot path's prepared statements by query (prepared.go).
	stmts sync.Map
}

// Open connects to dsn, waits briefly for the server, and applies the schema.
// It returns UNAVAILABLE when the database cannot be reached. Use it when
// dsn's role owns the schema; a server under least privilege uses Connect,
// after the owner applied the schema (Migrate, GrantApp).
func Open(ctx context.Context, dsn string) (*DB, error) {
	sdb, err := openSQL(dsn)
	if err != nil {
		return nil, err
	}
	return OpenDB(ctx, sdb)
}

// Connect is Open without applying the schema: for a login role that owns
// no table and so cannot change the schema (see grant_app_privileges in
// schema.sql).
func Connect(ctx context.Context, dsn string) (*DB, error) {
	sdb, err := openSQL(dsn)
	if err != nil {
		return nil, err
	}
	return connectDB(ctx, sdb)
}

func openSQL(dsn string) (*sql.DB, error) {
	if dsn == "" {
		return nil, voltpay.Errorf(voltpay.EINVALID, "DATABASE_URL is empty: set it to a PostgreSQL URL such as postgres://voltpay_app@127.0.0.1:5432/voltpay?sslmode=disable")
	}
	sdb, err := sql.Open("postgres", withBinaryParameters(dsn))
	if err != nil {
		return nil, voltpay.Errorf(voltpay.EINVALID, "DATABASE_URL is not a valid PostgreSQL URL: %v", err)
	}
	return sdb, nil
}

// withBinaryParameters turns on lib/pq's binary_parameters unless the DSN
// sets it: a query with arguments then costs one round trip instead of two
// (lib/pq otherwise asks the server for parameter types first), which is
// most of the difference on the sale path. Go values that are []byte go to
// the server in binary format with it, so JSON for jsonb columns must be
// passed as strings.
func withBinaryParameters(dsn string) string {
	if strings.Contains(dsn, "binary_parameters") {
		return dsn
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if strings.Contains(dsn, "?") {
			return dsn + "&binary_parameters=yes"
		}
		return dsn + "?binary_parameters=yes"
	}
	return dsn + " binary_parameters=yes"
}

// OpenDB is Open for a database/sql handle made elsewhere, e.g. over a
// driver wrapped to count queries in tests. It takes ownership of sdb.
func OpenDB(ctx context.Context, sqlDB *sql.DB) (*DB, error) {
	db, err := connectDB(ctx, sqlDB)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// connectDB wraps sqlDB and waits up to 10 seconds for the server to answer.
func connectDB(ctx context.Context, sqlDB *sql.DB) (*DB, error) {
	sdb := sqlx.NewDb(sqlDB, "postgres")
	sdb.SetMaxOpenConns(32)
	sdb.SetMaxIdleConns(32)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{DB: sdb, Now: func() time.Time { return time.Now().UTC() }, MaxSites: voltpay.MaxSites}
	var err error
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		if err = sdb.PingContext(pingCtx); err == nil {
			break
		} else if isMissingDatabase(err) {
			cancel() // waiting will not create it
		}
		select {
		case <-pingCtx.Done():
			sdb.Close()
			if isMissingDatabase(err) {
				return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "%v: create it (createdb, or `make run` does it for you) or point DATABASE_URL at an existing one", err)
			}
			return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "cannot reach PostgreSQL (%v); is it running and is DATABASE_URL right?", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	return db, nil
}

// schemaLockID is the advisory lock key serialising schema application
// between instances starting at once.
const schemaLockID = 0x766f6c7470617901

// Migrate applies voltpay.Schema in one transaction under an advisory lock.
// The schema is idempotent, so this is safe on every start.
func (db *DB) Migrate(ctx context.Context) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`SET LOCAL client_min_messages = warning`,
		fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, int64(schemaLockID)),
		voltpay.SchemaSQL,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("migrate: apply schema.sql: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES ($1) ON CONFLICT DO NOTHING`, voltpay.SchemaVersion); err != nil {
		return fmt.Errorf("migrate: record version: %w", err)
	}
	return tx.Commit()
}

// Tx is a transaction with the time it started, so that every row it writes
// carries the same "now".
type Tx struct {
	*sqlx.Tx
	db  *DB
	now time.Time
	// after runs once the transaction committed (publishing events).
	after []func()
	// balances are the balance changes published after commit, one per
	// account in the order first touched (balanceChanged, orderChanged).
	balances []*voltpay.BalanceChange
	// replayed: the transaction answered a retry from what an earlier
	// request stored under its idempotency key (markReplayed) and records
	// no audit entry of its own.
	replayed bool
}

// BeginTx starts a transaction.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := db.DB.BeginTxx(ctx, opts)
	if err != nil {
		return nil, unavailable(err)
	}
	return &Tx{Tx: tx, db: db, now: db.Now()}, nil
}

// AfterCommit schedules fn to run if and when tx commits.
func (tx *Tx) AfterCommit(fn func()) { tx.after = append(tx.after, fn) }

// Commit commits, then runs the AfterCommit functions and publishes the
// balance changes.
func (tx *Tx) Commit() error {
	if err := tx.Tx.Commit(); err != nil {
		return mapError(err)
	}
	for _, fn := range tx.after {
		fn()
	}
	if ev := tx.db.Events; ev != nil {
		for _, c := range tx.balances {
			ev.PublishBalance(*c)
		}
	}
	return nil
}

// balanceChanged records that entry e moved account a (as it is now, after
// e): subscribers get one event per account per transaction, with the
// account after the transaction's last entry and that entry (a sale and
// the fee taken on it are one change).
func (tx *Tx) balanceChanged(a *voltpay.Account, e *voltpay.LedgerEntry) {
	c := tx.balanceChange(a)
	c.Entry = e
}

// orderChanged adds recharge order o's new state to account a's change in
// this transaction (with the entry that credited or refunded it, if any).
func (tx *Tx) orderChanged(a *voltpay.Account, o *voltpay.RechargeOrder) {
	c := tx.balanceChange(a)
	c.Order = o
}

// balanceChange returns account a's pending change, its account updated
// to a copy of a.
func (tx *Tx) balanceChange(a *voltpay.Account) *voltpay.BalanceChange {
	after := *a
	for _, c := range tx.balances {
		if c.Account.ID == a.ID {
			c.Account = &after
			return c
		}
	}
	c := &voltpay.BalanceChange{Account: &after}
	tx.balances = append(tx.balances, c)
	return c
}

// inTx runs fn in a transaction and commits when it returns nil. It retries
// serialization failures and deadlocks a few times: they are the database
// telling us to try again, not errors of the caller.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		err = fn(tx)
		var claimed *voltpay.PendingAudit
		if err == nil {
			claimed, err = tx.recordPendingAudit(ctx)
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil && claimed != nil {
			claimed.Unclaim() // rolled back: the API records the failure itself
		}
		if err != nil && isRetryable(err) && attempt < 5 {
			continue
		}
		return err
	}
}

// markReplayed notes that the request being served is answered from the
// result an earlier request stored under its idempotency key (q is the
// transaction answering it, if any): nothing changes, and the earlier
// request's audit entry, committed with its change, records it, so no
// second entry is written (the API's and the transaction's).
func markReplayed(ctx context.Context, q queryer) {
	voltpay.MarkReplay(ctx)
	if tx, ok := q.(*Tx); ok {
		tx.replayed = true
	}
}

// recordPendingAudit writes the audit entry of the mutation being served
// (if any, and not yet written) in tx, so that it commits with the change.
// It returns the claimed entry's holder so a failed commit can give it back.
func (tx *Tx) recordPendingAudit(ctx context.Context) (*voltpay.PendingAudit, error) {
	p := voltpay.PendingAuditFrom(ctx)
	if p == nil || tx.replayed {
		return nil, nil
	}
	e := p.Claim()
	if e == nil {
		return nil, nil
	}
	if err := insertAudit(ctx, tx.db, tx, e); err != nil {
		p.Unclaim()
		return nil, err
	}
	return p, nil
}

// queryer is what read helpers need: a *DB or a *Tx.
type queryer interface {
	sqlx.QueryerContext
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
}

var (
	_ queryer = (*sqlx.DB)(nil)
	_ queryer = (*sqlx.Tx)(nil)
)

// notFound turns sql.ErrNoRows into a NOT_FOUND error naming what is missing.
func notFound(err error, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return voltpay.Errorf(voltpay.ENOTFOUND, "%s %v not found; check the id", what, id)
	}
	return mapError(err)
}
