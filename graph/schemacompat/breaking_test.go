package schemacompat

import (
	"github.com/vektah/gqlparser/v2/ast"

	"strings"
	"testing"
)

// mustLoad loads an SDL fixture, failing the test when it is invalid.
func mustLoad(t *testing.T, name, sdl string) *ast.Schema {
	t.Helper()
	s, err := Load(name, sdl)
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, sdl)
	}
	return s
}

// TestBreaking holds one small old/new SDL pair per rule, with the changes
// expected (path, and a word of the message); an empty want means the
// change is compatible.
func TestBreaking(t *testing.T) {
	type want struct{ path, says string }
	cases := []struct {
		name     string
		old, cur string
		want     []want
	}{
		{"field added", `type Query { a: Int }`, `type Query { a: Int b: String }`, nil},
		{"field removed", `type Query { a: Int b: Int }`, `type Query { a: Int }`,
			[]want{{"Query.b", "field removed"}}},
		{"deprecated field removed",
			`type Query { a: Int b: Int @deprecated(reason: "Use a.") }`, `type Query { a: Int }`, nil},
		{"field deprecated without a reason removed",
			`type Query { a: Int b: Int @deprecated }`, `type Query { a: Int }`,
			[]want{{"Query.b", "without a reason"}}},
		{"output made nullable", `type Query { a: Int! }`, `type Query { a: Int }`,
			[]want{{"Query.a", "made nullable"}}},
		{"output list element made nullable", `type Query { a: [Int!]! }`, `type Query { a: [Int]! }`,
			[]want{{"Query.a", "[Int!]! to [Int]!"}}},
		{"output made non-null", `type Query { a: Int b: [Int] }`, `type Query { a: Int! b: [Int!]! }`, nil},
		{"output type changed", `type Query { a: Int }`, `type Query { a: String }`,
			[]want{{"Query.a", "from Int to String"}}},
		{"output list to single", `type Query { a: [Int] }`, `type Query { a: Int }`,
			[]want{{"Query.a", "type changed"}}},
		{"deprecated field retyped",
			`type Query { a: Int @deprecated(reason: "Use b.") b: String }`, `type Query { a: String b: String }`, nil},
		{"argument removed", `type Query { a(x: Int, y: Int): Int }`, `type Query { a(x: Int): Int }`,
			[]want{{"Query.a(y)", "argument removed"}}},
		{"deprecated argument removed",
			`type Query { a(x: Int, y: Int @deprecated(reason: "Ignored.")): Int }`, `type Query { a(x: Int): Int }`, nil},
		{"argument of a deprecated field removed",
			`type Query { a(x: Int): Int @deprecated(reason: "Use b.") b: Int }`, `type Query { a: Int b: Int }`, nil},
		{"optional arguments added", `type Query { a: Int }`, `type Query { a(x: Int, y: Int! = 3): Int }`, nil},
		{"required argument added", `type Query { a: Int }`, `type Query { a(x: Int!): Int }`,
			[]want{{"Query.a(x)", "required argument added"}}},
		{"argument made required", `type Query { a(x: Int): Int }`, `type Query { a(x: Int!): Int }`,
			[]want{{"Query.a(x)", "made required without a default"}}},
		{"argument made required with a default", `type Query { a(x: Int): Int }`, `type Query { a(x: Int! = 50): Int }`, nil},
		{"argument made nullable", `type Query { a(x: Int!, y: [Int!]!): Int }`, `type Query { a(x: Int, y: [Int]): Int }`, nil},
		{"argument list element made non-null", `type Query { a(x: [ID]): Int }`, `type Query { a(x: [ID!]): Int }`,
			[]want{{"Query.a(x)", "[ID] to [ID!]"}}},
		{"argument retyped", `type Query { a(x: Int): Int }`, `type Query { a(x: String): Int }`,
			[]want{{"Query.a(x)", "from Int to String"}}},
		{"input field removed",
			`input I { a: Int b: Int } type Query { q(i: I): Int }`, `input I { a: Int } type Query { q(i: I): Int }`,
			[]want{{"I.b", "input field removed"}}},
		{"deprecated input field removed",
			`input I { a: Int b: Int @deprecated(reason: "Ignored since v2.") } type Query { q(i: I): Int }`,
			`input I { a: Int } type Query { q(i: I): Int }`, nil},
		{"input field made required",
			`input I { a: Int } type Query { q(i: I): Int }`, `input I { a: Int! } type Query { q(i: I): Int }`,
			[]want{{"I.a", "made required"}}},
		{"input field made required with a default",
			`input I { a: String } type Query { q(i: I): Int }`, `input I { a: String! = "" } type Query { q(i: I): Int }`, nil},
		{"required input field added",
			`input I { a: Int } type Query { q(i: I): Int }`, `input I { a: Int b: ID! } type Query { q(i: I): Int }`,
			[]want{{"I.b", "required input field added"}}},
		{"optional input fields added",
			`input I { a: Int } type Query { q(i: I): Int }`, `input I { a: Int b: ID c: Int! = 1 } type Query { q(i: I): Int }`, nil},
		{"enum value added", `enum E { A } type Query { e: E }`, `enum E { A B } type Query { e: E }`, nil},
		{"enum value removed", `enum E { A B } type Query { e: E }`, `enum E { A } type Query { e: E }`,
			[]want{{"E.B", "enum value removed"}}},
		{"deprecated enum value removed",
			`enum E { A B @deprecated(reason: "Use A.") } type Query { e: E }`, `enum E { A } type Query { e: E }`, nil},
		{"type removed while used",
			`type T { a: Int } type Query { t: T u: Int }`, `type Query { u: Int }`,
			[]want{{"Query.t", "field removed"}, {"T", "while still in use by Query.t;"}}},
		{"type removed after all its users were deprecated",
			`type T { a: Int } type Query { t: T @deprecated(reason: "Use u.") ts(x: T2): Int u: Int } input T2 { a: Int }`,
			`type Query { ts: Int u: Int }`,
			[]want{{"Query.ts(x)", "argument removed"}, {"T2", "while still in use by Query.ts(x);"}}},
		{"type kind changed",
			`type T { a: Int } type Query { t: T }`, `interface T { a: Int } type Query { t: T }`,
			[]want{{"T", "changed from object to interface"}}},
		{"interface dropped",
			`interface N { id: ID! } type T implements N { id: ID! } type Query { t: T n: N }`,
			`interface N { id: ID! } type T { id: ID! } type Query { t: T n: N }`,
			[]want{{"T", "no longer implements N"}}},
		{"union member removed",
			`type A { a: Int } type B { b: Int } union U = A | B type Query { u: U b: B }`,
			`type A { a: Int } type B { b: Int } union U = A type Query { u: U b: B }`,
			[]want{{"U", "no longer includes B"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Breaking(mustLoad(t, "old", c.old), mustLoad(t, "new", c.cur))
			if len(got) != len(c.want) {
				t.Fatalf("got %d changes, want %d:\n%s", len(got), len(c.want), list(got))
			}
			for i, w := range c.want {
				if got[i].Path != w.path || !strings.Contains(got[i].Message, w.says) {
					t.Errorf("change %d = %s; want %s saying %q", i, got[i], w.path, w.says)
				}
			}
		})
	}
}

// TestBreaking_SameSchema: a schema compared with itself breaks nothing.
func TestBreaking_SameSchema(t *testing.T) {
	sdl := `interface N { id: ID! } type T implements N { id: ID! xs(first: Int! = 5): [Int!]! }
		input I { a: String! = "" } enum E { A B } union U = T type Query { t(i: I, e: E): T u: U }`
	if got := Breaking(mustLoad(t, "old", sdl), mustLoad(t, "new", sdl)); len(got) > 0 {
		t.Errorf("same schema reported as breaking:\n%s", list(got))
	}
}

// TestUnreasonedDeprecations: @deprecated must say why (and what to use
// instead); the default reason says neither.
func TestUnreasonedDeprecations(t *testing.T) {
	s := mustLoad(t, "s", `
		enum E { A @deprecated B @deprecated(reason: "Use A.") C @deprecated(reason: "  ") }
		input I { a: Int @deprecated b: Int @deprecated(reason: "Ignored.") }
		type Query {
			f(x: Int @deprecated, y: Int @deprecated(reason: "Ignored.")): Int @deprecated
			g: Int @deprecated(reason: "Use f.")
			e(i: I): E
		}`)
	got := strings.Join(UnreasonedDeprecations(s), " ")
	if want := "E.A E.C I.a Query.f Query.f(x)"; got != want {
		t.Errorf("UnreasonedDeprecations = %q, want %q", got, want)
	}
}

// TestPrint_RoundTrip: printing a loaded snapshot gives the snapshot back,
// so the committed file is a fixed point of `make generate`.
func TestPrint_RoundTrip(t *testing.T) {
	s := mustLoad(t, "s", `
		"A thing."
		type T implements N @dir { "Its id." id: ID! "Some." xs("How many." first: Int = 50 @dir, after: String): [Int!]! }
		"Marks."
		directive @dir on FIELD_DEFINITION | ARGUMENT_DEFINITION | OBJECT
		interface N { id: ID! }
		scalar Fen @specifiedBy(url: "https://example.com/fen")
		enum E { B A @deprecated(reason: "Use B.") }
		input I { a: String! = "" b: [Fen!] }
		type Query { t(i: I, e: E = A): T }`)
	first := Print(s)
	second := Print(mustLoad(t, "printed", string(first)))
	if string(first) != string(second) {
		t.Errorf("printing is not stable:\n--- first\n%s\n--- second\n%s", first, second)
	}
	if !strings.HasPrefix(string(first), "# ") || strings.Contains(string(first), "__Schema") || strings.Contains(string(first), "directive @skip") {
		t.Errorf("snapshot should open with its header and omit built-ins:\n%s", first)
	}
}

func list(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("  " + c.String() + "\n")
	}
	return b.String()
}
