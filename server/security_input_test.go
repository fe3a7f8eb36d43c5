package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// stringInput is one String argument or input field reachable from a root
// field, and the variables that reach it with a given value.
type stringInput struct {
	op, field string // "mutation", "sell"
	path      string // "input.note"; extensions.field names its last field, "note"
	query     string
	vars      func(bad string) map[string]any
}

// stringInputs walks the schema as the probe did: every String argument
// and input field (nested inputs, lists) of every query and mutation.
func stringInputs(tb testing.TB) []stringInput {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	var out []stringInput
	for _, root := range []*ast.Definition{s.Query, s.Mutation} {
		for _, f := range root.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			var params, args []string
			for _, a := range f.Arguments {
				params = append(params, fmt.Sprintf("$%s: %s", a.Name, a.Type))
				args = append(args, fmt.Sprintf("%s: $%s", a.Name, a.Name))
			}
			if len(args) == 0 {
				continue
			}
			sel := ""
			if def := s.Types[f.Type.Name()]; def.Kind == ast.Object || def.Kind == ast.Interface || def.Kind == ast.Union {
				sel = "{ __typename }"
			}
			q := fmt.Sprintf("%s(%s) { %s(%s) %s }", strings.ToLower(root.Name), strings.Join(params, ", "), f.Name, strings.Join(args, ", "), sel)
			for _, a := range f.Arguments {
				for _, p := range stringPaths(s, a.Type, a.Name, 0) {
					out = append(out, stringInput{op: root.Name, field: f.Name, path: p, query: q,
						vars: func(bad string) map[string]any {
							vars := map[string]any{}
							for _, b := range f.Arguments {
								vars[b.Name] = sampleValue(s, b.Type, b.Name, p, bad)
							}
							return vars
						}})
				}
			}
		}
	}
	if len(out) < 50 {
		tb.Fatalf("found %d string inputs: the walk missed the schema", len(out))
	}
	return out
}

// stringPaths lists the paths of the String values inside a value of typ.
func stringPaths(s *ast.Schema, typ *ast.Type, path string, depth int) []string {
	if typ.Elem != nil {
		return stringPaths(s, typ.Elem, path+"[0]", depth)
	}
	def := s.Types[typ.Name()]
	switch {
	case typ.Name() == "String":
		return []string{path}
	case def.Kind == ast.InputObject && depth < 5:
		var out []string
		for _, f := range def.Fields {
			out = append(out, stringPaths(s, f.Type, path+"."+f.Name, depth+1)...)
		}
		return out
	}
	return nil
}

// leafField is the last field name of a path: "input.floors[0]" → "floors".
func leafField(path string) string {
	path = path[strings.LastIndex(path, ".")+1:]
	if i := strings.Index(path, "["); i >= 0 {
		path = path[:i]
	}
	return path
}

// sampleValue builds a valid value of typ, except bad at the String path
// target (nothing optional is sent unless target lies inside it).
func sampleValue(s *ast.Schema, typ *ast.Type, path, target, bad string) any {
	if !typ.NonNull && !strings.HasPrefix(target, path) {
		return nil
	}
	if typ.Elem != nil {
		return []any{sampleValue(s, typ.Elem, path+"[0]", target, bad)}
	}
	def := s.Types[typ.Name()]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		obj := map[string]any{}
		for _, f := range def.Fields {
			if v := sampleValue(s, f.Type, path+"."+f.Name, target, bad); v != nil {
				obj[f.Name] = v
			}
		}
		return obj
	}
	switch typ.Name() {
	case "String":
		if path == target {
			return bad
		}
		return "x"
	case "ID", "Int", "Fen", "Wh":
		return 1
	case "Boolean":
		return false
	case "Price":
		return "1"
	case "Time":
		return "2026-01-01T00:00:00Z"
	case "Date":
		return "2026-01-01"
	}
	panic("sampleValue: unknown scalar " + typ.Name())
}

// TestSecurity_StringArgumentsRefused: a NUL character or a control
// character in any String argument or input field, or text beyond the
// field's @length, is INVALID_INPUT naming the field, before any resolver
// runs; it was INTERNAL for 24 arguments (PostgreSQL refused the text). The
// probe's invalid UTF-8 cannot travel in JSON (decoders replace it), so it
// is sent raw in GET query literals, the only way it arrives.
func TestSecurity_StringArgumentsRefused(t *testing.T) {
	env := newEnv(t)
	anon := env.anonymous()
	inputs := stringInputs(t)
	for _, in := range inputs {
		for name, bad := range map[string]string{"NUL": "a\x00b", "escape": "\x1b[2J", "long": strings.Repeat("長", voltpay.MaxTextLen+1)} {
			r := anon.do(t, in.query, in.vars(bad))
			if len(r.Errors) == 0 || r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != leafField(in.path) {
				t.Errorf("%s.%s %s with %s: got %+v, want INVALID_INPUT with field %s", in.op, in.field, in.path, name, r.Errors, leafField(in.path))
			}
		}
	}
	t.Logf("%d string inputs refused NUL, control characters and overlong text", len(inputs))

	t.Run("InvalidUTF8InLiteral", func(t *testing.T) {
		for _, q := range []string{
			"{ accounts(filter: {search: \"\xff\xfe\"}) { totalCount } }",
			"{ meters(filter: {search: \"a\xc3\"}) { totalCount } }",
			"{ rechargeOrder(outTradeNo: \"\xed\xa0\x80\") { id } }",
		} {
			req, _ := http.NewRequest(http.MethodGet, env.Srv.URL+"/graphql?query="+url.QueryEscape(q), nil)
			r := anon.send(t, req)
			if r.Code() != voltpay.EINVALID {
				t.Errorf("GET %q: got %+v, want INVALID_INPUT", q, r.Errors)
			}
		}
	})
}

// TestSecurity_FenExponent: an amount written 1e2 (a GraphQL float
// literal) was taken as 100 fen; only integers are amounts.
func TestSecurity_FenExponent(t *testing.T) {
	env := newEnv(t)
	acct := env.openAccount(t, 0)
	cashier := env.operator(t, voltpay.RoleCashier)
	for _, amount := range []string{"1e2", "100.0", `"1e2"`, `"100.0"`} {
		q := fmt.Sprintf(`mutation { sell(input: {accountId: %d, amountFen: %s, channel: cash, idempotencyKey: %q}) { id } }`, acct.ID, amount, newKey())
		if r := cashier.do(t, q, nil); r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "amountFen" {
			t.Errorf("amountFen: %s: got %+v, want INVALID_INPUT on amountFen", amount, r.Errors)
		}
	}
	if r := cashier.do(t, fmt.Sprintf(`mutation { sell(input: {accountId: %d, amountFen: 100, channel: cash, idempotencyKey: %q}) { id } }`, acct.ID, newKey()), nil); len(r.Errors) > 0 {
		t.Errorf("amountFen: 100: %+v", r.Errors)
	}
}

// TestSecurity_TariffFrom0001: a tariff could be set effective from
// 0001-01-01; times before 2000 or from 2100 are refused.
func TestSecurity_TariffFrom0001(t *testing.T) {
	env := newEnv(t)
	m := env.createMeter(t, nil)
	manager := env.operator(t, voltpay.RoleManager)
	q := `mutation($m: ID!, $t: ID!, $from: Time) { setMeterTariff(meterId: $m, tariffId: $t, effectiveFrom: $from) { id } }`
	for _, from := range []string{"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "not a time"} {
		r := manager.do(t, q, map[string]any{"m": m.ID, "t": 1, "from": from})
		if r.Code() != voltpay.EINVALID || r.Errors[0].Extensions.Field != "effectiveFrom" {
			t.Errorf("effectiveFrom %s: got %+v, want INVALID_INPUT on effectiveFrom", from, r.Errors)
		}
	}
}
