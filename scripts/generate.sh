#!/usr/bin/env bash
# generate.sh is `make generate`: everything generated from the schema sources graph/*.graphqls,
# in dependency order. gqlgen writes the server code; the snapshot api/schema.graphql is printed
# from that code, so it is exactly the schema served; the examples' clients are generated from
# the snapshot, as an integrator's would be.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}

"$GO" tool gqlgen generate
gofmt -w graph
"$GO" run ./graph/cmd/schemasnapshot
"$GO" tool genqlient examples/go/genqlient.yaml

# The TypeScript example's types and the admin console's and tenant app's typed operations
# (frontend/admin/src/gql, frontend/tenant/src/gql):
# graphql-codegen runs on Node, with each one's own packages.
if command -v npm >/dev/null; then
	scripts/npm-ci.sh examples/ts
	(cd examples/ts && npm run --silent generate -- --silent)
	scripts/npm-ci.sh frontend/admin
	(cd frontend/admin && npm run --silent codegen -- --silent)
	scripts/npm-ci.sh --install frontend/tenant
	(cd frontend/tenant && npm run --silent codegen -- --silent)
elif [[ -n ${CI:-}${VOLTPAY_REQUIRE_DB:-} ]]; then
	echo "generate: npm not found, so examples/ts/src/gql, frontend/admin/src/gql and frontend/tenant/src/gql cannot be generated: install Node.js 20.19 or newer (make deps does on Debian)" >&2
	exit 1
else
	echo "generate: npm not found: examples/ts/src/gql, frontend/admin/src/gql and frontend/tenant/src/gql left as they are (install Node.js 20.19 or newer to regenerate them)" >&2
fi
