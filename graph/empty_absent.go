package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// emptyIsAbsent treats "" sent in a variable for an optional enum or ID
// (a filter's status, siteId …) as absent: genqlient's default non-pointer
// inputs send "" for every unset enum and id, which no enum value or id can
// be, so the request was refused as a whole (issue 12 item 6). It rewrites
// the raw variables before gqlgen coerces them, so every field, filter and
// input object is covered by this one step; "" for a required (non-null)
// enum or id is left alone and still refused. Only requests whose variables
// hold an empty string pay for the extra parse, bounded by costGuard, which
// runs first.
type emptyIsAbsent struct {
	schema *ast.Schema
	cache  graphql.Cache[*ast.QueryDocument]
}

func (emptyIsAbsent) ExtensionName() string                   { return "EmptyIsAbsent" }
func (emptyIsAbsent) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (e emptyIsAbsent) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if !hasEmptyString(params.Variables) {
		return nil
	}
	doc, ok := e.cache.Get(ctx, params.Query)
	if !ok {
		var err error
		if doc, err = parser.ParseQuery(&ast.Source{Input: params.Query}); err != nil {
			return nil // gqlgen reports the syntax error itself
		}
	}
	op := doc.Operations.ForName(params.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation
	}
	for _, d := range op.VariableDefinitions {
		if v, ok := params.Variables[d.Variable]; ok {
			if e.absent(v, d.Type) {
				delete(params.Variables, d.Variable)
			} else {
				e.clean(v, d.Type)
			}
		}
	}
	return nil
}

// absent reports whether v is "" given for an optional enum or ID of type t.
func (e emptyIsAbsent) absent(v any, t *ast.Type) bool {
	if s, ok := v.(string); !ok || s != "" || t.NonNull || t.Elem != nil {
		return false
	}
	def := e.schema.Types[t.NamedType]
	return def != nil && (def.Kind == ast.Enum || def.Name == "ID")
}

// clean removes absent fields from the input objects inside v, of type t,
// and turns absent list items into null.
func (e emptyIsAbsent) clean(v any, t *ast.Type) {
	switch v := v.(type) {
	case []any:
		if t.Elem == nil {
			return
		}
		for i, item := range v {
			if e.absent(item, t.Elem) {
				v[i] = nil
			} else {
				e.clean(item, t.Elem)
			}
		}
	case map[string]any:
		def := e.schema.Types[t.NamedType]
		if def == nil || def.Kind != ast.InputObject {
			return
		}
		for _, f := range def.Fields {
			if fv, ok := v[f.Name]; ok {
				if e.absent(fv, f.Type) {
					delete(v, f.Name)
				} else {
					e.clean(fv, f.Type)
				}
			}
		}
	}
}

// hasEmptyString reports whether v holds "" anywhere.
func hasEmptyString(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case []any:
		for _, x := range v {
			if hasEmptyString(x) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if hasEmptyString(x) {
				return true
			}
		}
	}
	return false
}
