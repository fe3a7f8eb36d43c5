package main

import (
	"os"
	"strings"
	"testing"
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
