#!/usr/bin/env bash
# test-frontend.sh is make test's front-end step. The admin console: the code type-checks, the
# unit tests pass (vitest), the production build succeeds, and the login and dashboard routes
# stay within their JavaScript budgets (scripts/bundle-size.mjs fails when one is over;
# docs/BENCHMARKS.md). The tenant app: it type-checks, the H5 build succeeds (the binary built
# after it embeds both) within its budget, and the WeChat mini-program builds with every page
# and the requestPayment call in its output (check-weapp). Their typed
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
(cd "$admin_app" && npm run --silent size) >&2

tenant_deps
(cd "$tenant_app" && npm run --silent typecheck) >&2
tenant_build
tenant_build_weapp
(cd "$tenant_app" && npm run --silent size) >&2
