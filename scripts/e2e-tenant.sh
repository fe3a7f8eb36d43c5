#!/usr/bin/env bash
# e2e-tenant.sh is make test's end-to-end step for the tenant app: it builds the binary with the
# app's H5 pages embedded and drives them in Debian's Chromium at 375×812 (a phone) against the
# server on a throwaway demo database, with `voltpay paysim` paying the recharges, started as
# e2e-admin.sh does (scripts/lib/e2e.sh). Screenshots go to var/screenshots/tenant/.
#
# Arguments go to vitest: scripts/e2e-tenant.sh e2e/tenant.e2e.ts runs that spec file alone.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

node_require e2e-tenant
# The browser driver is the admin console's (frontend/admin/e2e/browser.ts, playwright-core):
# both apps' tests share it.
npm_deps
tenant_deps
if tenant_stale; then
	tenant_codegen
	tenant_build
fi
"${MAKE:-make}" --no-print-directory build >&2

e2e_name=tenant
# shellcheck source=scripts/lib/e2e.sh
source scripts/lib/e2e.sh
(cd "$tenant_app" && npm run --silent e2e -- "$@") >&2
echo "e2e-tenant: screenshots in var/screenshots/tenant/" >&2
