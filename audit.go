package voltpay

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one mutation: who, when, what, from where, and the result.
type AuditEntry struct {
	ID         int64           `db:"id"`
	At         time.Time       `db:"at"`
	ActorKind  string          `db:"actor_kind"`
	ActorID    *int64          `db:"actor_id"`
	ActorName  string          `db:"actor_name"`
	Operation  string          `db:"operation"` // the GraphQL field or command, e.g. "sell"
	Args       json.RawMessage `db:"args"`      // the input, secrets redacted
	IP         string          `db:"ip"`
	Result     string          `db:"result"` // "ok" or the error code
	Message    string          `db:"message"`
	DurationMS int             `db:"duration_ms"`
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	ActorKind *string
	ActorID   *int64
	Operation *string
	Failed    *bool
	From, To  *time.Time
	Page      PageArgs
}

// AuditService appends to and reads the audit log. Like the ledger it is append-only.
type AuditService interface {
	Record(ctx context.Context, e *AuditEntry) error
	FindAudit(ctx context.Context, f AuditFilter) (*Page[*AuditEntry], error)
}
