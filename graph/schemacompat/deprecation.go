package schemacompat

import (
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// deprecation reports whether dirs mark an element @deprecated and the reason
// given. A directive without an explicit reason gets GraphQL's default "No
// longer supported", which tells an integrator neither why nor what to use
// instead, so it counts as no reason.
func deprecation(dirs ast.DirectiveList) (marked bool, reason string) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return false, ""
	}
	if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
		reason = strings.TrimSpace(a.Value.Raw)
	}
	return true, reason
}

// deprecated reports whether dirs deprecate an element with a reason: only
// then may a later schema remove or retype it.
func deprecated(dirs ast.DirectiveList) bool {
	marked, reason := deprecation(dirs)
	return marked && reason != ""
}

// UnreasonedDeprecations lists the elements of s that carry @deprecated
// without a reason, as paths (Type.field, Type.field(arg), Input.field,
// Enum.VALUE), sorted.
func UnreasonedDeprecations(s *ast.Schema) []string {
	var out []string
	check := func(path string, dirs ast.DirectiveList) {
		if marked, reason := deprecation(dirs); marked && reason == "" {
			out = append(out, path)
		}
	}
	for _, def := range userTypes(s) {
		for _, f := range def.Fields {
			check(def.Name+"."+f.Name, f.Directives)
			for _, a := range f.Arguments {
				check(argPath(def, f, a), a.Directives)
			}
		}
		for _, v := range def.EnumValues {
			check(def.Name+"."+v.Name, v.Directives)
		}
	}
	sort.Strings(out)
	return out
}

// userTypes returns the types of s that are neither built in nor
// introspection types, sorted by name.
func userTypes(s *ast.Schema) []*ast.Definition {
	var out []*ast.Definition
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		out = append(out, def)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// argPath names an argument as Type.field(arg).
func argPath(def *ast.Definition, f *ast.FieldDefinition, a *ast.ArgumentDefinition) string {
	return def.Name + "." + f.Name + "(" + a.Name + ")"
}
