package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// auditExtension writes one audit entry for every root mutation field:
// who, when, which mutation with which (redacted) input, from where, and
// the result. Doing it here, once, means no mutation can forget it.
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
	start := time.Now()
	res, err := next(ctx)
	e := &voltpay.AuditEntry{
		Operation:  fc.Field.Name,
		Args:       redactedArgs(fc.Args),
		IP:         RequestInfoFrom(ctx).IP,
		Result:     "ok",
		DurationMS: int(time.Since(start).Milliseconds()),
		ActorKind:  "anonymous",
	}
	if p := voltpay.PrincipalFrom(ctx); p != nil {
		e.ActorKind, e.ActorID, e.ActorName = string(p.Kind), &p.ID, p.Name
	} else if u, ok := fc.Args["username"].(string); ok {
		e.ActorName = u // a login attempt: who tried
	}
	if err != nil {
		e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
	}
	// The mutation has already happened: record it even if the client left.
	if aerr := a.audit.Record(context.WithoutCancel(ctx), e); aerr != nil {
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
