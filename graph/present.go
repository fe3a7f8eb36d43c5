package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	voltpay "github.com/voltpay/voltpay"
)

// presentFields names the fields the client wrote in the input object of
// argument arg of the field being resolved, as written in the request (a
// literal object or a variable), so an update can tell an absent field
// (unchanged) from one sent as null (cleared). gqlgen's parsed input cannot:
// it fills schema defaults and turns null and absent into the same zero.
func presentFields(ctx context.Context, arg string) voltpay.FieldSet {
	present, _ := inputFields(ctx, arg)
	return present
}

// refuseNull refuses an update whose input sets one of fields to null where
// null would read as a valid zero (atMinute: null is not midnight).
func refuseNull(ctx context.Context, arg string, fields ...string) error {
	_, nulls := inputFields(ctx, arg)
	for _, f := range fields {
		if nulls[f] {
			return voltpay.Invalid(f, "%s cannot be cleared; leave it out to keep its value", f)
		}
	}
	return nil
}

// requirePresent refuses a creation whose input leaves out one of fields,
// where an absent field would read as a valid zero (no atMinute is not
// midnight): the input type is shared with the partial update, so the
// schema cannot mark them required.
func requirePresent(ctx context.Context, arg string, fields ...string) error {
	present, nulls := inputFields(ctx, arg)
	for _, f := range fields {
		if !present.Has(f) || nulls[f] {
			return voltpay.Invalid(f, "%s is required", f)
		}
	}
	return nil
}

// inputFields returns the fields written in the input object of argument
// arg and, among them, those written as null.
func inputFields(ctx context.Context, arg string) (present, nulls voltpay.FieldSet) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return nil, nil
	}
	var vars map[string]any
	if oc := graphql.GetOperationContext(ctx); oc != nil {
		vars = oc.Variables
	}
	a := fc.Field.Arguments.ForName(arg)
	present, nulls = voltpay.FieldSet{}, voltpay.FieldSet{}
	if a == nil || a.Value == nil {
		return present, nulls
	}
	switch a.Value.Kind {
	case ast.Variable:
		obj, _ := vars[a.Value.Raw].(map[string]any)
		for k, v := range obj {
			present[k], nulls[k] = true, v == nil
		}
	case ast.ObjectValue:
		for _, c := range a.Value.Children {
			isNull := c.Value.Kind == ast.NullValue
			// A field given as a variable the request did not supply is absent.
			if c.Value.Kind == ast.Variable {
				v, ok := vars[c.Value.Raw]
				if !ok {
					continue
				}
				isNull = v == nil
			}
			present[c.Name], nulls[c.Name] = true, isNull
		}
	}
	return present, nulls
}
