#!/usr/bin/env bash
# test-frontend.sh is make test's admin console step: the code type-checks, the unit tests pass
# (vitest), and the production build succeeds (the binary built after it embeds it). Its typed
# GraphQL operations are checked with the other generated code (check-generated.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

node_require test-frontend
npm_deps
(cd "$admin_app" && npm run --silent typecheck) >&2
(cd "$admin_app" && npm run --silent test) >&2
admin_build
