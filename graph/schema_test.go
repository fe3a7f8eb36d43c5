package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// accessDirectives are the directives that decide who may call a root field.
var accessDirectives = []string{"can", "authenticated", "public"}

// publicFields are the only root fields anyone may call without signing in.
var publicFields = []string{"login", "requestSignInCode", "signInWithCode", "signInWithWechat", "kioskSignIn"}

// stableOperations are root fields integrators rely on: renaming or removing
// one breaks them (docs/ARCHITECTURE.md §4, "The public API").
var stableOperations = map[string][]string{
	"Query": {"me", "account", "accounts", "meter", "meters", "gateways", "buildings", "tariffs",
		"ledgerEntries", "auditLog"},
	"Mutation": {"login", "logout", "openAccount", "closeAccount", "sell", "refund", "reverseEntry",
		"replaceMeter", "createApiKey"},
	"Subscription": {"balanceChanged", "meterChanged", "alarmRaised"},
}

func loadSchema(tb testing.TB) *ast.Schema {
	tb.Helper()
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	if s == nil {
		tb.Fatal("generated schema is nil")
	}
	return s
}

// rootFields returns the fields of one root operation type, without the
// introspection fields gqlparser adds to Query.
func rootFields(tb testing.TB, s *ast.Schema, typ string) ast.FieldList {
	tb.Helper()
	def := s.Types[typ]
	if def == nil {
		tb.Fatalf("schema has no type %s", typ)
	}
	var out ast.FieldList
	for _, f := range def.Fields {
		if len(f.Name) >= 2 && f.Name[:2] == "__" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// TestSchema_EveryFieldGuarded checks that every root field carries exactly
// one access directive, that only login is public, that @can names a known
// permission, and that the stable operation names are still there.
func TestSchema_EveryFieldGuarded(t *testing.T) {
	s := loadSchema(t)

	for _, typ := range []string{"Query", "Mutation", "Subscription"} {
		fields := rootFields(t, s, typ)
		if len(fields) == 0 {
			t.Errorf("%s has no fields", typ)
		}
		for _, f := range fields {
			t.Run(typ+"."+f.Name, func(t *testing.T) {
				var found []string
				for _, d := range f.Directives {
					if slices.Contains(accessDirectives, d.Name) {
						found = append(found, d.Name)
					}
				}
				if len(found) != 1 {
					t.Fatalf("access directives: got %v, want exactly one of %v", found, accessDirectives)
				}
				switch found[0] {
				case "public":
					if typ != "Mutation" || !slices.Contains(publicFields, f.Name) {
						t.Errorf("@public: only %v may be public", publicFields)
					}
				case "can":
					perm := f.Directives.ForName("can").Arguments.ForName("perm")
					if perm == nil || perm.Value == nil {
						t.Fatalf("@can without perm")
					}
					if !slices.Contains(voltpay.AllPermissions, voltpay.Permission(perm.Value.Raw)) {
						t.Errorf("@can(perm: %s): not one of %v", perm.Value.Raw, voltpay.AllPermissions)
					}
				}
				if slices.Contains(publicFields, f.Name) && typ == "Mutation" && found[0] != "public" {
					t.Errorf("%s must be @public (nobody is signed in before it), got @%s", f.Name, found[0])
				}
			})
		}
	}

	t.Run("StableNames", func(t *testing.T) {
		for typ, names := range stableOperations {
			def := s.Types[typ]
			for _, name := range names {
				if def == nil || def.Fields.ForName(name) == nil {
					t.Errorf("%s.%s is missing: integrators rely on it", typ, name)
				}
			}
		}
	})

	t.Run("LoginArgs", func(t *testing.T) {
		login := s.Mutation.Fields.ForName("login")
		if login == nil {
			t.Fatal("Mutation.login is missing")
		}
		for _, want := range []struct{ name, typ string }{{"username", "String!"}, {"password", "String!"}} {
			arg := login.Arguments.ForName(want.name)
			if arg == nil {
				t.Errorf("login(%s): missing", want.name)
				continue
			}
			if got := arg.Type.String(); got != want.typ {
				t.Errorf("login(%s): got type %s, want %s", want.name, got, want.typ)
			}
		}
		// Any other argument must be optional, so that login(username, password) keeps working.
		for _, arg := range login.Arguments {
			if arg.Name != "username" && arg.Name != "password" && arg.Type.NonNull && arg.DefaultValue == nil {
				t.Errorf("login(%s: %s): a new required argument breaks existing clients", arg.Name, arg.Type)
			}
		}
	})
}

// TestSchema_EveryStringBounded walks every argument and input field of the
// schema: each String one (or list of String) carries @length(max: n) with
// 1 <= n <= voltpay.MaxTextLen, and @length is on nothing else. So a new
// field cannot take a 900,000-character note into the append-only ledger.
func TestSchema_EveryStringBounded(t *testing.T) {
	s := loadSchema(t)
	check := func(where string, typ *ast.Type, dirs ast.DirectiveList) {
		t.Helper()
		d := dirs.ForName("length")
		if typ.Name() != "String" {
			if d != nil {
				t.Errorf("%s: @length on a %s", where, typ)
			}
			return
		}
		if d == nil {
			t.Errorf("%s: String input without @length(max: …): give it the most characters it may hold", where)
			return
		}
		max, ok := d.ArgumentMap(nil)["max"].(int64)
		if !ok || max < 1 || max > voltpay.MaxTextLen {
			t.Errorf("%s: @length(max: %v) must be 1 to %d", where, d.ArgumentMap(nil)["max"], voltpay.MaxTextLen)
		}
	}
	n := 0
	for _, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") { // introspection: gqlparser's own
				continue
			}
			if def.Kind == ast.InputObject {
				check(def.Name+"."+f.Name, f.Type, f.Directives)
				n++
			}
			for _, a := range f.Arguments {
				check(def.Name+"."+f.Name+"("+a.Name+")", a.Type, a.Directives)
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("walked %d inputs: the walk missed the schema", n)
	}
}

// TestSchema_SecretsSensitive: every argument or input field whose name
// says it holds a secret (a password, a token, a proxy URL with its
// credentials) is marked @sensitive, so the audit log never stores it,
// whatever the Go field behind it is called.
func TestSchema_SecretsSensitive(t *testing.T) {
	s := loadSchema(t)
	secret := func(name string) bool {
		n := strings.ToLower(name)
		for _, w := range []string{"password", "secret", "token", "proxyurl", "apikey", "privatekey"} {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	for _, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		for _, f := range def.Fields {
			if def.Kind == ast.InputObject && secret(f.Name) && f.Directives.ForName("sensitive") == nil {
				t.Errorf("%s.%s: mark it @sensitive", def.Name, f.Name)
			}
			for _, a := range f.Arguments {
				if secret(a.Name) && a.Directives.ForName("sensitive") == nil {
					t.Errorf("%s.%s(%s): mark it @sensitive", def.Name, f.Name, a.Name)
				}
			}
		}
	}
}
