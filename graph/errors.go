package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voltpay/voltpay"
)

// errorPresenter gives every error an extensions.code. Domain errors keep
// their message; GraphQL parse and validation errors, the depth and
// complexity limits and requests gqlgen cannot read become INVALID_INPUT;
// anything else is a bug or an outage: logged in full with the request id,
// shown only as "internal error".
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		var ve *voltpay.Error
		code, _ := gerr.Extensions["code"].(string)
		arg, isArg := argumentPath(ctx, gerr)
		switch {
		case errors.As(err, &ve):
			gerr.Message = ve.Message
			gerr.Extensions["code"] = ve.Code
			if ve.Field != "" {
				gerr.Extensions["field"] = ve.Field
			} else if isArg {
				gerr.Extensions["field"] = arg
			}
			if ve.Reason != "" {
				gerr.Extensions["reason"] = ve.Reason
			}
			if ve.RetryAfterSeconds > 0 {
				gerr.Extensions["retryAfterSeconds"] = ve.RetryAfterSeconds
			}
			if ve.AttemptsLeft != nil {
				gerr.Extensions["attemptsLeft"] = *ve.AttemptsLeft
			}
			if ve.AvailableFen != nil {
				gerr.Extensions["availableFen"] = int64(*ve.AvailableFen) // a JSON number, as Fen is
			}
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
			// The request's deadline (operationGuard) passed, or the client left.
			gerr.Message = errRequestTimeout.Message
			gerr.Extensions["code"] = voltpay.EUNAVAILABLE
		case isArg:
			// A scalar or directive refused an argument with an error of
			// its own (not ours): still the caller's input, not a bug.
			gerr.Extensions["code"] = voltpay.EINVALID
			gerr.Extensions["field"] = arg
		case publicCodes[code]:
			// Already one of ours, e.g. the depth limit's INVALID_INPUT.
		case code == errcode.ValidationFailed || code == errcode.ParseFailed || code == complexityLimitCode:
			gerr.Extensions["code"] = voltpay.EINVALID
		case code == "PERSISTED_QUERY_NOT_FOUND":
			// Leave it: APQ clients react to this exact code by resending the query.
		case gerr.Extensions["code"] == errcode.KindUser || isInputError(gerr):
			gerr.Extensions["code"] = voltpay.EINVALID
		case !graphql.HasOperationContext(ctx) || (gerr.Err == nil && len(gerr.Path) == 0):
			// gqlgen refused the request before running anything (malformed
			// JSON, a bad persisted-query extension). The message may quote
			// the whole body: cut it.
			gerr.Extensions["code"] = voltpay.EINVALID
			if r := []rune(gerr.Message); len(r) > 200 {
				gerr.Message = string(r[:200]) + "…"
			}
		default:
			info := RequestInfoFrom(ctx)
			log.ErrorContext(ctx, "internal error", "err", err, "request_id", info.RequestID, "path", gerr.Path.String())
			gerr.Message = "internal error (request " + info.RequestID + "); it has been logged, please retry or report the request id"
			gerr.Extensions["code"] = voltpay.EINTERNAL
		}
		// Every error names its request, so that a report can be matched
		// with the server's log (X-Request-Id carries the same).
		if id := RequestInfoFrom(ctx).RequestID; id != "" {
			gerr.Extensions["requestId"] = id
		}
		return gerr
	}
}

// publicCodes are the codes of voltpay.Error that clients may see.
var publicCodes = map[string]bool{
	voltpay.EUNAUTHENTICATED: true, voltpay.EFORBIDDEN: true, voltpay.ENOTFOUND: true, voltpay.EINVALID: true,
	voltpay.ECONFLICT: true, voltpay.EINSUFFICIENT_BALANCE: true, voltpay.EUNAVAILABLE: true,
}

// isInputError recognises the errors gqlgen raises while coercing arguments
// (a string where an Int belongs, an unknown enum value): they carry a path
// ending in an argument but no resolver error.
func isInputError(gerr *gqlerror.Error) bool {
	var inner *gqlerror.Error
	return gerr.Rule != "" || (gerr.Err != nil && errors.As(gerr.Err, &inner) && inner.Rule != "")
}

// argumentPath recognises an error raised while reading a field's
// arguments (a scalar's or the @length directive's refusal): its path goes
// on past the field's own path into the argument, e.g. sell → input →
// note. It returns the input field at fault by its name, "note", as the
// services name the fields they refuse (voltpay.Invalid).
func argumentPath(ctx context.Context, gerr *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return "", false
	}
	own := fc.Path()
	if len(gerr.Path) <= len(own) {
		return "", false
	}
	for i, el := range own {
		if gerr.Path[i] != el {
			return "", false
		}
	}
	field := ""
	for _, el := range gerr.Path[len(own):] {
		if name, ok := el.(ast.PathName); ok {
			field = string(name) // list indexes name no field: keep the list's
		}
	}
	return field, true
}
