package main

import (
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/graph/generated"
	"github.com/voltpay/voltpay/server/sheets"
)

// TestExportDocs_ListEveryColumn: docs/EXPORT_IMPORT.md lists every
// export with each of its columns in both languages, marking (†) those
// shown only to callers who may see the object they come from.
func TestExportDocs_ListEveryColumn(t *testing.T) {
	doc, err := os.ReadFile("../docs/EXPORT_IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(string(doc), "\n") {
		if rest, ok := strings.CutPrefix(l, "- `"); ok {
			name, _, _ := strings.Cut(rest, "`")
			lines[name] = l
		}
	}
	for name, table := range exportTables {
		line, ok := lines[name]
		if !ok {
			t.Errorf("docs/EXPORT_IMPORT.md has no line for export %s", name)
			continue
		}
		for _, c := range table.columns() {
			want := c.header.Zh + " / " + c.header.En
			if c.of != "" {
				want += " †"
			}
			if !strings.Contains(line, want+",") && !strings.Contains(line, want+" (") && !strings.HasSuffix(line, want) {
				t.Errorf("docs/EXPORT_IMPORT.md, export %s: no column %q", name, want)
			}
		}
	}
}

// TestExport_EnumsTranslated: every enum column of every export names an
// enum of the schema, and every value of that enum has a translation
// (the audit result: ok and every error code), so that a value added to
// the schema does not reach a sheet untranslated.
func TestExport_EnumsTranslated(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}}).Schema()
	values := func(enum string) []string {
		def := schema.Types[enum]
		if def == nil || def.Kind != ast.Enum {
			t.Errorf("%s is not an enum of the schema", enum)
			return nil
		}
		var out []string
		for _, v := range def.EnumValues {
			out = append(out, v.Name)
		}
		return out
	}
	enums := map[string][]string{"Rate": values("Rate"), "AuditResult": append([]string{"ok"}, values("ErrorCode")...)}
	for name, table := range exportTables {
		for _, c := range table.columns() {
			if c.enum != "" && enums[c.enum] == nil {
				if enums[c.enum] = values(c.enum); enums[c.enum] == nil {
					t.Errorf("export %s, column %s: no enum %s", name, c.header.En, c.enum)
				}
			}
		}
	}
	// The enums of the filters too: the title row writes them in words.
	filters := graph.NewListFilters(&graph.Resolver{}, slog.New(slog.DiscardHandler))
	for name := range exportTables {
		for _, f := range filters.FilterFields(name) {
			if f.Enum && enums[f.Type] == nil {
				enums[f.Type] = values(f.Type)
			}
		}
	}
	for enum, vs := range enums {
		for _, v := range vs {
			if !sheets.HasTranslation(enum, v) {
				t.Errorf("%s value %s has no translation in server/sheets/enums.go", enum, v)
			}
		}
	}
}
