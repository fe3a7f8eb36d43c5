package graph

import (
	"encoding/json"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// redacted replaces a secret in the audit log.
const redacted = "[redacted]"

// secretWords mark argument and input field names whose values never reach
// the audit log, whatever the schema says: a second net under @sensitive.
var secretWords = []string{"password", "secret", "token"}

// auditArgs renders a mutation's arguments for the audit log as the caller
// sent them, named as in the schema, with the value of every argument or
// input field marked @sensitive (or named like a secret) replaced by
// "[redacted]". Storage then bounds the result and masks passwords in URLs.
func auditArgs(schema *ast.Schema, fc *graphql.FieldContext, vars map[string]any) json.RawMessage {
	def := fc.Field.Definition
	if def == nil || schema == nil {
		return json.RawMessage(`{"error":"arguments could not be read"}`)
	}
	raw := fc.Field.ArgumentMap(vars)
	out := make(map[string]any, len(raw))
	for _, arg := range def.Arguments {
		if v, ok := raw[arg.Name]; ok {
			out[arg.Name] = redactValue(schema, arg.Type, arg.Directives, arg.Name, v)
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return json.RawMessage(`{"error":"arguments could not be encoded"}`)
	}
	return b
}

// redactValue returns v, a value of typ named name, with its secrets
// redacted. It copies what it changes: v may be the request's variables,
// which other fields of the operation still read.
func redactValue(schema *ast.Schema, typ *ast.Type, dirs ast.DirectiveList, name string, v any) any {
	if v == nil {
		return nil
	}
	if dirs.ForName("sensitive") != nil || secretName(name) {
		return redacted
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return v // a single value given for a list
		}
		out := make([]any, len(list))
		for i, x := range list {
			out[i] = redactValue(schema, typ.Elem, nil, "", x)
		}
		return out
	}
	obj, ok := v.(map[string]any)
	in := schema.Types[typ.Name()]
	if !ok || in == nil || in.Kind != ast.InputObject {
		return v
	}
	out := make(map[string]any, len(obj))
	for k, x := range obj {
		if f := in.Fields.ForName(k); f != nil {
			out[k] = redactValue(schema, f.Type, f.Directives, k, x)
		} else {
			out[k] = redactValue(schema, &ast.Type{NamedType: "String"}, nil, k, x)
		}
	}
	return out
}

// secretName reports whether a name says its value is a secret.
func secretName(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}
