package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// auditExtension records every root mutation field: who, when, which
// mutation with which (redacted) input, from where, and the result. Doing
// it here, once, means no mutation can forget it. A successful change's
// entry commits in the change's own transaction (voltpay.PendingAudit).
type auditExtension struct {
	audit voltpay.AuditService
	log   *slog.Logger
}

func (auditExtension) ExtensionName() string                   { return "Audit" }
func (auditExtension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptField implements graphql.FieldInterceptor.
func (a auditExtension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Object != "Mutation" || fc.Parent == nil || fc.Parent.Parent != nil {
		return next(ctx)
	}
	e := &voltpay.AuditEntry{
		Operation: fc.Field.Name,
		Args:      redactedArgs(fc.Args),
		IP:        RequestInfoFrom(ctx).IP,
		ActorKind: "anonymous",
	}
	if p := voltpay.PrincipalFrom(ctx); p != nil {
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
	// The mutation has already happened: record it even if the client left.
	if aerr := a.audit.Record(context.WithoutCancel(ctx), pending.Entry(err)); aerr != nil {
		a.log.ErrorContext(ctx, "audit write failed", "err", aerr, "operation", e.Operation, "request_id", RequestInfoFrom(ctx).RequestID)
	}
	return res, err
}

// secretWords mark argument keys whose values never reach the audit log.
var secretWords = []string{"password", "secret", "token"}

// redactedArgs renders a mutation's arguments as JSON with secrets replaced.
func redactedArgs(args map[string]any) json.RawMessage {
	raw, err := json.Marshal(args)
	if err != nil {
		return json.RawMessage(`{"error":"arguments could not be encoded"}`)
	}
	if !mentionsSecret(raw) {
		return raw // most mutations: nothing to redact, no need to re-encode
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return raw
	}
	out, _ := json.Marshal(redact(v))
	return out
}

func redact(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			lk := strings.ToLower(k)
			secret := false
			for _, w := range secretWords {
				secret = secret || strings.Contains(lk, w)
			}
			if secret {
				x[k] = "[redacted]"
			} else {
				x[k] = redact(val)
			}
		}
	case []any:
		for i := range x {
			x[i] = redact(x[i])
		}
	}
	return v
}

// mentionsSecret reports whether any secret word occurs anywhere in raw.
func mentionsSecret(raw []byte) bool {
	lower := bytes.ToLower(raw)
	for _, w := range secretWords {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}
