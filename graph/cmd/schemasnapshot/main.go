// Command schemasnapshot writes the schema the server serves to
// api/schema.graphql (or -o), the file integrators and the examples generate
// their clients from. `make generate` runs it after gqlgen, from the
// repository root.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/voltpay/voltpay/graph/generated"
	"github.com/voltpay/voltpay/graph/schemacompat"
)

func main() {
	out := flag.String("o", schemacompat.SnapshotPath, "where to write the snapshot")
	flag.Parse()
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, schemacompat.Print(s), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "schemasnapshot: %v\n", err)
	os.Exit(1)
}
