package graph_test

import (
	"testing"

	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/graph/generated"
)

// TestObjectGuard_EveryTypeHasARule fails when the schema has an object type
// that graph/guard_policy.go does not say who may see: the object guard
// could not judge it (and the server would refuse to start).
func TestObjectGuard_EveryTypeHasARule(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{})
	if missing := graph.MissingObjectRules(schema); len(missing) > 0 {
		t.Fatalf("objectRules lacks %v: add a rule for each to graph/guard_policy.go", missing)
	}
	if err := (graph.ObjectGuard{}).Validate(schema); err != nil {
		t.Fatal(err)
	}
}
