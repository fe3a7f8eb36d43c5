package graph

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
)

// auditExtension records every root mutation field: who, when, which
// mutation with which (redacted) input, from where, and the result. Doing
// it here, once, means no mutation can forget it. A successful change's
// entry commits in the change's own transaction (voltpay.PendingAudit).
// Refusals of callers who are not signed in are counted and only sampled
// into the log (refusalSampler): anyone can send them, and the log is
// append-only. Storage bounds every row (server/postgres auditArgs).
type auditExtension struct {
	audit    voltpay.AuditService
	log      *slog.Logger
	refusals *refusalSampler
	schema   *ast.Schema // for @sensitive and the input types; set by Validate
}

func newAuditExtension(audit voltpay.AuditService, log *slog.Logger) *auditExtension {
	return &auditExtension{audit: audit, log: log, refusals: newRefusalSampler(refusalsPerIP, refusalsPerMinute)}
}

func (*auditExtension) ExtensionName() string { return "Audit" }

// Validate keeps the schema, whose directives say what to redact.
func (a *auditExtension) Validate(es graphql.ExecutableSchema) error {
	a.schema = es.Schema()
	return nil
}

// InterceptField implements graphql.FieldInterceptor.
func (a *auditExtension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Object != "Mutation" || fc.Parent == nil || fc.Parent.Parent != nil {
		return next(ctx)
	}
	e := &voltpay.AuditEntry{
		Operation: fc.Field.Name,
		Args:      auditArgs(a.schema, fc, graphql.GetOperationContext(ctx).Variables),
		IP:        RequestInfoFrom(ctx).IP,
		ActorKind: "anonymous",
	}
	p := voltpay.PrincipalFrom(ctx)
	if p != nil {
		e.ActorKind, e.ActorID, e.ActorName = string(p.Kind), &p.ID, p.Name
	} else if u, ok := fc.Args["username"].(string); ok {
		e.ActorName = u // a login attempt: who tried
	}
	// Storage writes the entry in the transaction that makes the change;
	// what no transaction claimed (a failure, a no-op) is written here.
	pending := voltpay.NewPendingAudit(e, time.Now())
	res, err := next(voltpay.WithPendingAudit(ctx, pending))
	if pending.Claimed() && err == nil {
		return res, err
	}
	if pending.Replayed() && err == nil {
		// An idempotent retry answered with the first result: that
		// request's entry, committed with its change, already says it all.
		return res, err
	}
	entry := pending.Entry(err)
	if p == nil && err != nil {
		// Refused before sign-in (no or a bad credential, a failed login).
		record, suppressed := a.refusals.admit(e.IP)
		refusalsCounted(e.Operation, record)
		if !record {
			return res, err
		}
		if suppressed > 0 {
			entry.Message += fmt.Sprintf(" (and %d similar refusals from this address since the last one recorded, not recorded: at most %d a minute per address)", suppressed, refusalsPerIP)
		}
	}
	// The mutation has already happened: record it even if the client left.
	if aerr := a.audit.Record(context.WithoutCancel(ctx), entry); aerr != nil {
		a.log.ErrorContext(ctx, "audit write failed", "err", aerr, "operation", e.Operation, "request_id", RequestInfoFrom(ctx).RequestID)
	}
	return res, err
}
