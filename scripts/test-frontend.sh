#!/usr/bin/env bash
# test-frontend.sh is make test's admin console step: the typed GraphQL operations are up to
# date with graph/*.graphqls (regenerating changes nothing), the code type-checks, the unit
# tests pass (vitest), and the production build succeeds (the binary built after it embeds it).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

node_require test-frontend
npm_deps

# Like check-generated.sh: compare src/gql before and after, so uncommitted work in progress
# does not count as stale.
fingerprint() { find "$admin_app/src/gql" -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(fingerprint)
admin_codegen
after=$(fingerprint)
if [[ $before != "$after" ]]; then
	echo "test-frontend: regenerating the typed GraphQL operations changed $admin_app/src/gql:" >&2
	diff <(echo "$before") <(echo "$after") | sed -nE 's/^[<>] [0-9a-f]{64}  /  /p' | sort -u >&2
	echo "test-frontend: they were stale; run 'npm run codegen' in $admin_app (or make frontend) and commit the result." >&2
	exit 1
fi
echo "test-frontend: $admin_app/src/gql is up to date" >&2

(cd "$admin_app" && npm run --silent typecheck) >&2
(cd "$admin_app" && npm run --silent test) >&2
admin_build
