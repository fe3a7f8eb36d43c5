package graph

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay/graph/generated"
)

// TestSecurity_EveryListHasACost walks the schema and fails on any field
// returning a list of objects or a connection whose complexity is not set:
// gqlgen counts such a field as one item, so a page of 1,000 alarms would
// cost as much as one (finding 5: 200 × alarms(first: 1000) was accepted).
func TestSecurity_EveryListHasACost(t *testing.T) {
	var root generated.ComplexityRoot
	setComplexity(&root)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	rv := reflect.ValueOf(root)
	for _, name := range sortedTypes(schema) {
		def := schema.Types[name]
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			// A connection's items, as nodes or as edges, are priced by the field returning it.
			connectionItems := (f.Name == "nodes" || f.Name == "edges") && strings.HasSuffix(name, "Connection")
			if strings.HasPrefix(f.Name, "__") || connectionItems || !isManyValued(schema, f.Type) {
				continue
			}
			fn := goField(goField(rv, name), f.Name)
			if !fn.IsValid() {
				t.Errorf("%s.%s: no entry in generated.ComplexityRoot (regenerate?)", name, f.Name)
				continue
			}
			if fn.IsNil() {
				t.Errorf("%s.%s returns %s but has no cost: add it to setComplexity (graph/limits.go) with the most items it may return", name, f.Name, f.Type)
			}
		}
	}
}

// isManyValued reports whether t is a list of objects, or a connection (a
// type with a list of nodes).
func isManyValued(s *ast.Schema, t *ast.Type) bool {
	if t.Elem != nil {
		el := s.Types[t.Name()]
		return el != nil && el.Kind != ast.Scalar && el.Kind != ast.Enum
	}
	def := s.Types[t.Name()]
	return def != nil && def.Fields.ForName("nodes") != nil
}

// goField finds v's struct field named like the GraphQL name (gqlgen spells
// initialisms its own way: apiKeys is APIKeys).
func goField(v reflect.Value, name string) reflect.Value {
	if !v.IsValid() {
		return v
	}
	want := strings.ToLower(name)
	for i := range v.NumField() {
		if strings.ToLower(v.Type().Field(i).Name) == want {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

func sortedTypes(s *ast.Schema) []string {
	var out []string
	for name := range s.Types {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
