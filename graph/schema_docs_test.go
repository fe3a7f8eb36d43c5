package graph_test

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// permissionSentence is the sentence a root field's description must end
// with, derived from its access directive so the text cannot drift from the
// check the server makes.
func permissionSentence(f *ast.FieldDefinition) string {
	if d := f.Directives.ForName("can"); d != nil {
		return fmt.Sprintf("Requires permission %s.", d.Arguments.ForName("perm").Value.Raw)
	}
	if f.Directives.ForName("authenticated") != nil {
		return "Any signed-in caller."
	}
	if f.Directives.ForName("public") != nil {
		return "Public."
	}
	return "(no access directive)"
}

// undescribed lists every type, field, argument, input field and enum value
// declared in graph/*.graphqls that has no description, as "file: path".
func undescribed(s *ast.Schema) []string {
	var missing []string
	add := func(pos *ast.Position, what string) {
		file := "?"
		if pos != nil && pos.Src != nil {
			file = pos.Src.Name
		}
		missing = append(missing, file+": "+what)
	}
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		root := name == "Query" || name == "Mutation" || name == "Subscription"
		if !root && strings.TrimSpace(def.Description) == "" {
			add(def.Position, name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				add(f.Position, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					add(a.Position, name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				add(v.Position, name+"."+v.Name)
			}
		}
	}
	sort.Strings(missing)
	return missing
}

// TestSchema_EverythingDescribed fails when a type, field, argument, input
// field or enum value has no description: introspection is the integrators'
// documentation (issue 12 item 3).
func TestSchema_EverythingDescribed(t *testing.T) {
	missing := undescribed(loadSchema(t))
	if len(missing) > 0 {
		t.Errorf("%d schema elements have no description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// TestSchema_RootFieldsNamePermission fails when a root field's description
// does not end with the sentence matching its access directive, so what the
// schema says about access is what the server enforces.
func TestSchema_RootFieldsNamePermission(t *testing.T) {
	s := loadSchema(t)
	for _, typ := range []string{"Query", "Mutation", "Subscription"} {
		for _, f := range rootFields(t, s, typ) {
			want := permissionSentence(f)
			if !strings.HasSuffix(strings.TrimSpace(f.Description), want) {
				t.Errorf("%s.%s: description must end with %q", typ, f.Name, want)
			}
		}
	}
}

// TestSchema_ScalarsSpecified fails when a custom scalar has no
// @specifiedBy URL, which tells integrators' code generators its wire
// format, or when the URL is not the scalar's heading in docs/SCALARS.md.
func TestSchema_ScalarsSpecified(t *testing.T) {
	page, err := os.ReadFile("../docs/SCALARS.md")
	if err != nil {
		t.Fatal(err)
	}
	s := loadSchema(t)
	for name, def := range s.Types {
		if def.Kind != ast.Scalar || def.BuiltIn {
			continue
		}
		d := def.Directives.ForName("specifiedBy")
		if d == nil || d.Arguments.ForName("url") == nil {
			t.Errorf("scalar %s has no @specifiedBy(url: …)", name)
			continue
		}
		url := d.Arguments.ForName("url").Value.Raw
		if !strings.HasSuffix(url, "docs/SCALARS.md#"+strings.ToLower(name)) {
			t.Errorf("scalar %s: @specifiedBy url %q, want one ending docs/SCALARS.md#%s", name, url, strings.ToLower(name))
		}
		if !strings.Contains(string(page), "\n## "+name+"\n") {
			t.Errorf("docs/SCALARS.md has no heading \"## %s\" for the anchor #%s", name, strings.ToLower(name))
		}
	}
}

// lowerSnake is the one spelling of enum values (read_accounts, per_meter).
var lowerSnake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestSchema_EnumValuesLowerSnakeCase fails when an enum value of the API
// is not lower snake case, so that clients meet one casing. ErrorCode is
// the exception: its values are extensions.code's, which errors carry upper
// case.
func TestSchema_EnumValuesLowerSnakeCase(t *testing.T) {
	for name, def := range loadSchema(t).Types {
		if def.BuiltIn || def.Kind != ast.Enum || strings.HasPrefix(name, "__") || name == "ErrorCode" {
			continue
		}
		for _, v := range def.EnumValues {
			if !lowerSnake.MatchString(v.Name) {
				t.Errorf("%s.%s: enum values are lower snake case", name, v.Name)
			}
		}
	}
}

// TestSchema_DescriptionsCiteNoIssue fails when a description points at a
// tracker entry ("issue 4, control policy") instead of saying what it
// means: integrators read introspection, not the project's tracker.
func TestSchema_DescriptionsCiteNoIssue(t *testing.T) {
	cite := regexp.MustCompile(`(?i)\bissue\s*#?\d`)
	check := func(what, desc string) {
		if cite.MatchString(desc) {
			t.Errorf("%s: description cites an issue: %q", what, desc)
		}
	}
	for name, def := range loadSchema(t).Types {
		if def.BuiltIn {
			continue
		}
		check(name, def.Description)
		for _, f := range def.Fields {
			check(name+"."+f.Name, f.Description)
			for _, a := range f.Arguments {
				check(name+"."+f.Name+"("+a.Name+")", a.Description)
			}
		}
		for _, v := range def.EnumValues {
			check(name+"."+v.Name, v.Description)
		}
	}
}
