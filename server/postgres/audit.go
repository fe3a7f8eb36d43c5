package postgres

import (
	"context"
	"strings"

	"github.com/voltpay/voltpay"
)

// AuditService implements voltpay.AuditService on the audit_log table,
// which a trigger keeps append-only.
type AuditService struct{ db *DB }

// NewAuditService returns an AuditService on db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ voltpay.AuditService = (*AuditService)(nil)

const auditColumns = `id, at, actor_kind, actor_id, actor_name, operation, args, ip, result, message, duration_ms`

// Record appends e to the audit log and sets its ID (and At, when zero).
// Actor fields left empty are taken from the principal in ctx; without one
// the actor is "anonymous". Args must be JSON (empty is stored as {}); text
// the database cannot hold (NUL bytes, invalid UTF-8) is replaced rather
// than refused, so that an action is never left unrecorded for its input.
// Every row is bounded (boundAuditArgs): long strings are cut, large args
// replaced by their beginning, URL passwords masked.
// Errors: INVALID_INPUT (no operation or result, Args not JSON, unknown
// actor kind).
func (s *AuditService) Record(ctx context.Context, e *voltpay.AuditEntry) error {
	if e.Operation == "" || e.Result == "" {
		return voltpay.Invalid("operation", "an audit entry needs an operation and a result (\"ok\" or the error code)")
	}
	return insertAudit(ctx, s.db, nil, e)
}

// insertAudit writes e in tx, the transaction whose change e records, or
// on its own when tx is nil.
func insertAudit(ctx context.Context, db *DB, tx *Tx, e *voltpay.AuditEntry) error {
	vals, err := auditValues(ctx, db, e)
	if err != nil {
		return err
	}
	const q = `INSERT INTO audit_log (` + auditInsertColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`
	if tx != nil {
		err = tx.getPrepared(ctx, &e.ID, q, vals...)
	} else {
		err = db.getPrepared(ctx, &e.ID, q, vals...)
	}
	return mapError(err)
}

// auditInsertColumns are the columns auditValues fills, in its order.
const auditInsertColumns = `at, actor_kind, actor_id, actor_name, operation, args, ip, result, message, duration_ms`

// auditValues completes e and returns the values of auditInsertColumns.
func auditValues(ctx context.Context, db *DB, e *voltpay.AuditEntry) ([]any, error) {
	fillAuditActor(ctx, e)
	args, err := boundAuditArgs(e.Args)
	if err != nil {
		return nil, err
	}
	if e.At.IsZero() {
		e.At = db.Now()
	}
	return []any{e.At, boundAuditText(e.ActorKind, maxAuditNameLen), e.ActorID, boundAuditText(e.ActorName, maxAuditNameLen),
		boundAuditText(e.Operation, maxAuditNameLen), string(args), boundAuditText(e.IP, maxAuditNameLen),
		boundAuditText(e.Result, maxAuditNameLen), boundAuditText(e.Message, maxAuditTextLen), max(e.DurationMS, 0)}, nil
}

// fillAuditActor completes the actor from the principal in ctx.
func fillAuditActor(ctx context.Context, e *voltpay.AuditEntry) {
	p := voltpay.PrincipalFrom(ctx)
	if e.ActorKind == "" && p != nil {
		e.ActorKind = string(p.Kind)
		if e.ActorID == nil && p.Kind != voltpay.PrincipalSystem {
			id := p.ID
			e.ActorID = &id
		}
		if e.ActorName == "" {
			e.ActorName = p.Name
		}
	}
	if e.ActorKind == "" {
		e.ActorKind = "anonymous"
	}
	if e.IP == "" && p != nil {
		e.IP = p.IP
	}
}

// cleanText makes s storable in a PostgreSQL text column: valid UTF-8
// without NUL.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// FindAudit lists audit entries matching f, newest first, one keyset page
// at a time (f.Page.After is the id of the last entry of the previous
// page). Total counts all entries matching f. Errors: UNAVAILABLE.
func (s *AuditService) FindAudit(ctx context.Context, f voltpay.AuditFilter) (*voltpay.Page[*voltpay.AuditEntry], error) {
	var w where
	w.add("actor_kind = ?", f.ActorKind)
	w.add("actor_id = ?", f.ActorID)
	w.add("operation = ?", f.Operation)
	w.add("(result <> 'ok') = ?", f.Failed)
	w.add("at >= ?", f.From)
	w.add("at < ?", f.To)
	return findPage[*voltpay.AuditEntry](ctx, s.db, auditColumns, "audit_log", w, f.Page, true)
}
