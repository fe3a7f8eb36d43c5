package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// The hot paths (authenticating a request, recording a sale and its audit
// entry) run a handful of statements thousands of times a minute. Prepared
// once per connection and reused, they skip PostgreSQL's parse and plan on
// every call, which measured as the largest single cost of a sale
// (docs/BENCHMARKS.md). Other queries stay plain: preparing costs a round
// trip and most run rarely.

// prepared returns query prepared on the pool; database/sql prepares it
// again on each connection the first time that connection runs it.
func (db *DB) prepared(ctx context.Context, query string) (*sqlx.Stmt, error) {
	if s, ok := db.stmts.Load(query); ok {
		return s.(*sqlx.Stmt), nil
	}
	s, err := db.PreparexContext(ctx, query)
	if err != nil {
		return nil, mapError(err)
	}
	if prev, loaded := db.stmts.LoadOrStore(query, s); loaded {
		s.Close()
		return prev.(*sqlx.Stmt), nil
	}
	return s, nil
}

// getPrepared is GetContext with a prepared statement, outside a transaction.
func (db *DB) getPrepared(ctx context.Context, dest any, query string, args ...any) error {
	s, err := db.prepared(ctx, query)
	if err != nil {
		return err
	}
	return s.GetContext(ctx, dest, args...)
}

// getPrepared is GetContext with a prepared statement, inside tx. A
// statement not prepared yet runs plain this once while it is prepared in
// the background: preparing on the pool needs a second connection, and a
// transaction holding one while waiting for another deadlocks once every
// connection is held by transactions queued on the same row lock (100
// notifications of one payment at once, on a cold process).
func (tx *Tx) getPrepared(ctx context.Context, dest any, query string, args ...any) error {
	if s, ok := tx.db.stmts.Load(query); ok {
		return tx.StmtxContext(ctx, s.(*sqlx.Stmt)).GetContext(ctx, dest, args...)
	}
	go func() {
		pctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = tx.db.prepared(pctx, query)
	}()
	return tx.GetContext(ctx, dest, query, args...)
}
