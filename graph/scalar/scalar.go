// Package scalar marshals the API's custom scalars: int64 IDs, money in fen,
// energy in Wh and decimal prices, none of which ever passes through a
// float; and the built-in String and Time, whose inputs it checks once for
// every argument (valid UTF-8 without control characters, bounded length;
// times in a sane range), so that no resolver has to.
package scalar

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// MarshalID64 writes an int64 id as a GraphQL ID (a JSON string).
func MarshalID64(id int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(strconv.FormatInt(id, 10)))
	})
}

// UnmarshalID64 reads a GraphQL ID (string or integer) as a positive int64.
func UnmarshalID64(v any) (int64, error) {
	n, err := toInt64(v, "ID")
	if err == nil && n <= 0 {
		err = voltpay.Errorf(voltpay.EINVALID, "ID %d is not a valid id: ids are positive integers", n)
	}
	return n, err
}

// MarshalFen writes fen as a JSON integer.
func MarshalFen(f voltpay.Fen) graphql.Marshaler { return marshalInt(int64(f)) }

// UnmarshalFen reads fen from a JSON integer or an integer string. Fractions
// are refused rather than rounded: 12.5 fen is a mistake, not an amount;
// so are exponents (1e2) and GraphQL float literals (100.0): an amount of
// money is written as the integer it is.
func UnmarshalFen(v any) (voltpay.Fen, error) {
	n, err := toInt64(v, "Fen")
	return voltpay.Fen(n), err
}

// MarshalWh writes watt-hours as a JSON integer.
func MarshalWh(e voltpay.Wh) graphql.Marshaler { return marshalInt(int64(e)) }

// UnmarshalWh reads watt-hours from a JSON integer or integer string.
func UnmarshalWh(v any) (voltpay.Wh, error) {
	n, err := toInt64(v, "Wh")
	return voltpay.Wh(n), err
}

// MarshalPrice writes a price as a decimal string, e.g. "0.8523".
func MarshalPrice(p voltpay.Price) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, strconv.Quote(p.String())) })
}

// UnmarshalPrice reads a decimal string of yuan per kWh.
func UnmarshalPrice(v any) (voltpay.Price, error) {
	s, ok := v.(string)
	if !ok {
		return 0, voltpay.Errorf(voltpay.EINVALID, "Price must be a decimal string such as \"0.8523\", got %T", v)
	}
	return voltpay.ParsePrice(s)
}

func marshalInt(n int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, strconv.FormatInt(n, 10)) })
}

// toInt64 accepts the integer forms a JSON decoder or a GraphQL integer
// literal produce, and integer strings; anything else is an INVALID_INPUT error
// naming the scalar, so that clients see what to fix.
func toInt64(v any, scalar string) (int64, error) {
	switch x := v.(type) {
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int64:
		return x, nil
	case json.Number:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return 0, voltpay.Errorf(voltpay.EINVALID, "%s must be an integer, got %s", scalar, x)
		}
		return n, nil
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, voltpay.Errorf(voltpay.EINVALID, "%s must be an integer, got %q", scalar, x)
		}
		return n, nil
	case float64:
		// Only a GraphQL float literal (1e2, 100.0) decodes to float64:
		// JSON variables arrive as json.Number.
		return 0, voltpay.Errorf(voltpay.EINVALID, "%s must be an integer written without a decimal point or exponent, got %v", scalar, x)
	}
	return 0, voltpay.Errorf(voltpay.EINVALID, "%s must be an integer, got %T", scalar, v)
}

// MarshalString writes a string as GraphQL's String.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads every String input of the API: a string that
// voltpay.ValidateText accepts with its global limit (valid UTF-8, no NUL
// or other control character but tab and line breaks, at most
// voltpay.MaxTextLen characters). Each field's own maximum is the @length
// directive's. The error presenter names the field at fault.
func UnmarshalString(v any) (string, error) {
	// Null reaches here only for a nullable String bound to a Go string (a
	// String! null is refused by validation first): in a partial update it
	// clears the field, so it reads as "".
	if v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", voltpay.Errorf(voltpay.EINVALID, "String must be a string, got %T", v)
	}
	return s, voltpay.ValidateText("", s, voltpay.MaxTextLen)
}

// MarshalDate writes a calendar date, held as its YYYY-MM-DD text, as a
// JSON string.
func MarshalDate(d string) graphql.Marshaler { return graphql.MarshalString(d) }

// UnmarshalDate reads a calendar date written exactly YYYY-MM-DD, a real
// day from 2000 to 2099 (voltpay.ParseDate); anything else is refused with
// INVALID_INPUT, which the error presenter names the field of.
func UnmarshalDate(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", voltpay.Errorf(voltpay.EINVALID, "Date must be a string written YYYY-MM-DD such as \"2026-10-01\", got %T", v)
	}
	_, err := voltpay.ParseDate("", s)
	return s, err
}

// TimeLayout is how every Time leaves the API: RFC 3339 in UTC with
// exactly six fractional digits, PostgreSQL's precision (microseconds).
// One shape for every field, so clients can compare times as text; and
// no digit the database does not hold, so a time read can be sent back as
// a filter bound without losing the row it came from.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// MarshalTime writes a time as TimeLayout, rounded to the microsecond as
// PostgreSQL rounds what it stores.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.MarshalString(t.UTC().Round(time.Microsecond).Format(TimeLayout))
}

// UnmarshalTime reads an RFC 3339 time (2026-10-01T08:00:00+08:00) within
// voltpay.EarliestTime .. voltpay.LatestTime.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, voltpay.Errorf(voltpay.EINVALID, "Time must be an RFC 3339 string such as \"2026-10-01T08:00:00+08:00\", got %T", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return time.Time{}, voltpay.Errorf(voltpay.EINVALID, "Time must be an RFC 3339 string such as \"2026-10-01T08:00:00+08:00\", got %q", s)
	}
	return t, voltpay.ValidateTime("", t)
}
