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
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return nil
	}
	var vars map[string]any
	if oc := graphql.GetOperationContext(ctx); oc != nil {
		vars = oc.Variables
	}
	a := fc.Field.Arguments.ForName(arg)
	if a == nil || a.Value == nil {
		return voltpay.FieldSet{}
	}
	out := voltpay.FieldSet{}
	switch a.Value.Kind {
	case ast.Variable:
		obj, _ := vars[a.Value.Raw].(map[string]any)
		for k := range obj {
			out[k] = true
		}
	case ast.ObjectValue:
		for _, c := range a.Value.Children {
			// A field given as a variable the request did not supply is absent.
			if c.Value.Kind == ast.Variable {
				if _, ok := vars[c.Value.Raw]; !ok {
					continue
				}
			}
			out[c.Name] = true
		}
	}
	return out
}
