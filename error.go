package voltpay

import (
	"errors"
	"fmt"
)

// Error codes, shown to API clients as extensions.code. They are part of the
// public API: never rename one.
const (
	EUNAUTHENTICATED      = "UNAUTHENTICATED"      // no or bad credentials
	EFORBIDDEN            = "FORBIDDEN"            // authenticated, but not allowed
	ENOTFOUND             = "NOT_FOUND"            // the thing named does not exist
	EINVALID              = "INVALID_INPUT"        // the request is malformed or out of range
	ECONFLICT             = "CONFLICT"             // the request contradicts the current state
	EINSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE" // more money out than the balance holds
	EUNAVAILABLE          = "UNAVAILABLE"          // a dependency (database, device) is down; retry later
	EINTERNAL             = "INTERNAL"             // a bug or unexpected failure; details only in logs
)

// Reasons of a refused one-time code (the tenant app's sign-in and binding
// codes) or of a throttled request, shown as extensions.reason beside
// extensions.code UNAUTHENTICATED. Part of the public API.
const (
	ReasonCodeWrong   = "CODE_WRONG"   // not the code texted; attemptsLeft more guesses
	ReasonCodeExpired = "CODE_EXPIRED" // the code's minutes are up: ask for a new one
	ReasonCodeUsedUp  = "CODE_USED_UP" // none waiting: used, its guesses spent, or never asked for
	ReasonThrottled   = "THROTTLED"    // too many requests: wait retryAfterSeconds
)

// Throttled returns an UNAUTHENTICATED error with ReasonThrottled, saying
// to wait wait seconds (at least 1).
func Throttled(wait int, format string, args ...any) *Error {
	wait = max(wait, 1)
	return &Error{Code: EUNAUTHENTICATED, Reason: ReasonThrottled, RetryAfterSeconds: wait, Message: fmt.Sprintf(format, append(args, wait)...)}
}

// CodeRefused returns an UNAUTHENTICATED error about a one-time code with
// one of the code reasons.
func CodeRefused(reason, format string, args ...any) *Error {
	return &Error{Code: EUNAUTHENTICATED, Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Error is a failure a person can act on: a code for programs and a message
// for people that says what went wrong and, where it helps, what to do.
type Error struct {
	Code    string
	Message string
	// Field names the input field at fault, when there is one ("input.phone").
	Field string
	// Reason refines Code for clients that act on the difference, shown as
	// extensions.reason: one of the Reason… constants, or empty.
	Reason string
	// RetryAfterSeconds is, with ReasonThrottled, how long to wait before
	// asking again (extensions.retryAfterSeconds).
	RetryAfterSeconds int
	// AttemptsLeft is, with ReasonCodeWrong, how many more guesses the code
	// takes (extensions.attemptsLeft).
	AttemptsLeft *int
	// AvailableFen is, with INSUFFICIENT_BALANCE, the balance the operation
	// could have used (the account's, or the meter's in a per-meter
	// account), so that a client can offer it without parsing the message.
	AvailableFen *Fen
}

// Insufficient returns an INSUFFICIENT_BALANCE error saying that available
// fen were there to use.
func Insufficient(available Fen, format string, args ...any) *Error {
	return &Error{Code: EINSUFFICIENT_BALANCE, AvailableFen: &available, Message: fmt.Sprintf(format, args...)}
}

// Error implements the error interface: the message, then the code.
func (e *Error) Error() string {
	return fmt.Sprintf("%s [%s]", e.Message, e.Code)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an INVALID_INPUT error about one input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error in err's chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the *Error in err's chain, or a generic
// message for other errors so that internals never leak to clients.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error; it has been logged, please retry or contact support with the request id"
}
