package voltpay

import (
	"context"
	"encoding/json"
	"sync"
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

// PendingAudit is the audit entry of the mutation being served. Storage
// writes it inside the transaction that makes the change (Claim), so that a
// change and its record commit together or not at all; the API writes it
// afterwards only when no transaction did (failures, nothing written).
type PendingAudit struct {
	mu       sync.Mutex
	entry    *AuditEntry
	start    time.Time
	claimed  bool
	replayed bool
}

// NewPendingAudit wraps the entry of a mutation that started at start.
func NewPendingAudit(e *AuditEntry, start time.Time) *PendingAudit {
	return &PendingAudit{entry: e, start: start}
}

// Claim returns the entry, completed as a success unless it already has a
// result, for the caller to write
// in the transaction it is about to commit; nil when another transaction
// already did. A caller whose commit fails must Unclaim.
func (p *PendingAudit) Claim() *AuditEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.claimed {
		return nil
	}
	p.claimed = true
	e := *p.entry
	if e.Result == "" { // an entry made with its result (a system action's) keeps it
		e.Result, e.Message = "ok", ""
	}
	e.DurationMS = int(time.Since(p.start).Milliseconds())
	return &e
}

// Unclaim gives the entry back after the claiming transaction rolled back.
func (p *PendingAudit) Unclaim() {
	p.mu.Lock()
	p.claimed = false
	p.mu.Unlock()
}

// Claimed reports whether a transaction wrote the entry.
func (p *PendingAudit) Claimed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.claimed
}

// MarkReplay notes that the request was an idempotent retry answered with
// the first result: nothing changed, and the first request's entry,
// committed with its change, already records it, so no second entry is
// written.
func (p *PendingAudit) MarkReplay() {
	p.mu.Lock()
	p.replayed = true
	p.mu.Unlock()
}

// Replayed reports whether MarkReplay was called.
func (p *PendingAudit) Replayed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.replayed
}

// MarkReplay marks the pending audit entry of ctx, if any, as a replay
// (PendingAudit.MarkReplay). Storage calls it when it answers a request
// from the result recorded under the request's idempotency key.
func MarkReplay(ctx context.Context) {
	if p := PendingAuditFrom(ctx); p != nil {
		p.MarkReplay()
	}
}

// Entry returns the entry with the result of err and the time so far, for
// writing on its own when no transaction claimed it.
func (p *PendingAudit) Entry(err error) *AuditEntry {
	e := *p.entry
	e.Result, e.Message = "ok", ""
	if err != nil {
		e.Result, e.Message = ErrorCode(err), ErrorMessage(err)
	}
	e.DurationMS = int(time.Since(p.start).Milliseconds())
	return &e
}

type pendingAuditKey struct{}

// WithPendingAudit returns ctx carrying p.
func WithPendingAudit(ctx context.Context, p *PendingAudit) context.Context {
	return context.WithValue(ctx, pendingAuditKey{}, p)
}

// PendingAuditFrom returns the pending audit entry of ctx, or nil.
func PendingAuditFrom(ctx context.Context) *PendingAudit {
	p, _ := ctx.Value(pendingAuditKey{}).(*PendingAudit)
	return p
}
