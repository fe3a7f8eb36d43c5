#!/usr/bin/env bash
# generate.sh is `make generate`: everything generated from the schema sources graph/*.graphqls,
# in dependency order. gqlgen writes the server code; the snapshot api/schema.graphql is printed
# from that code, so it is exactly the schema served.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}

"$GO" tool gqlgen generate
gofmt -w graph
"$GO" run ./graph/cmd/schemasnapshot
