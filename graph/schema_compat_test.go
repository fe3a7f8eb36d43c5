package graph_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voltpay/voltpay/graph/schemacompat"
)

// TestSchema_SnapshotCurrent fails when api/schema.graphql, the schema
// integrators generate their clients from, is not the schema the server
// serves.
func TestSchema_SnapshotCurrent(t *testing.T) {
	want := schemacompat.Print(loadSchema(t))
	got, err := os.ReadFile(filepath.Join("..", schemacompat.SnapshotPath))
	if err != nil {
		t.Fatalf("read the schema snapshot: %v; run 'make generate' to write it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the schema the server serves (first difference at line %d): run 'make generate', "+
			"then read 'git diff %s' before committing it: integrators see exactly that change",
			schemacompat.SnapshotPath, firstDifferentLine(got, want), schemacompat.SnapshotPath)
	}
}

// TestSchema_NoBreakingChanges compares the schema with the snapshot this
// change started from: removing or retyping what that snapshot did not
// deprecate with a reason breaks integrators' clients silently, so it fails.
func TestSchema_NoBreakingChanges(t *testing.T) {
	rev, sdl := previousSnapshot(t)
	old, err := schemacompat.Load(schemacompat.SnapshotPath+"@"+rev, sdl)
	if err != nil {
		t.Fatalf("the snapshot at %s does not load: %v", rev, err)
	}
	if changes := schemacompat.Breaking(old, loadSchema(t)); len(changes) > 0 {
		var b strings.Builder
		for _, c := range changes {
			b.WriteString("\n  " + c.String())
		}
		t.Errorf("%d changes since %s (%s) break existing clients; deprecate first, remove later (docs/API.md, \"Schema changes\"):%s",
			len(changes), rev[:min(len(rev), 12)], schemacompat.SnapshotPath, b.String())
	}
}

// TestSchema_DeprecationsHaveReasons: a deprecation must tell integrators
// why and what to use instead, and only one with a reason allows a later
// removal.
func TestSchema_DeprecationsHaveReasons(t *testing.T) {
	if bare := schemacompat.UnreasonedDeprecations(loadSchema(t)); len(bare) > 0 {
		t.Errorf("@deprecated without a reason on %s: write @deprecated(reason: \"Use … instead.\")", strings.Join(bare, ", "))
	}
}

// previousSnapshot returns the revision this change started from and the
// snapshot there: the merge base with origin/main (or main) when HEAD is not
// on it, else HEAD's first parent. It skips the test when git or that history
// is not available (a shallow clone, a source tarball) or the revision has no
// snapshot yet.
func previousSnapshot(t *testing.T) (rev, sdl string) {
	t.Helper()
	git := func(args ...string) (string, error) {
		out, err := exec.Command("git", args...).Output()
		return strings.TrimSpace(string(out)), err
	}
	head, err := git("rev-parse", "--verify", "-q", "HEAD")
	if err != nil {
		t.Skipf("no git history to compare the schema with (git rev-parse HEAD: %v)", err)
	}
	for _, ref := range []string{"origin/main", "main"} {
		if base, err := git("merge-base", "HEAD", ref); err == nil && base != head {
			rev = base
			break
		}
	}
	if rev == "" {
		if rev, err = git("rev-parse", "--verify", "-q", "HEAD~1^{commit}"); err != nil {
			t.Skip("HEAD has no parent in this clone (shallow or first commit): no previous schema to compare with")
		}
	}
	sdl, err = git("show", rev+":"+schemacompat.SnapshotPath)
	if err != nil {
		t.Skipf("%s has no %s yet: nothing to compare with", rev[:min(len(rev), 12)], schemacompat.SnapshotPath)
	}
	return rev, sdl
}

// firstDifferentLine returns the 1-based number of the first line where a
// and b differ.
func firstDifferentLine(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
