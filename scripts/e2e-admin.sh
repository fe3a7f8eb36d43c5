#!/usr/bin/env bash
# e2e-admin.sh is make test's end-to-end step for the admin console: it builds the binary
# with the console embedded, serves it on a throwaway database seeded like the demo (as make
# run does: the admin applies the schema, the server connects as a login role owning nothing,
# voltpay_e2e_app, which stays for the next run) with the meter simulator and the poller and
# command executor running as under make run (on free ports), and drives Debian's Chromium through the
# console (frontend/admin/e2e, playwright-core under vitest), with `voltpay paysim` (the fake
# payment providers, its URL in VOLTPAY_E2E_PAYSIM_URL) for payments. Screenshots go to
# var/screenshots/admin/. It installs chromium and fonts-noto-cjk (Chinese text) with apt-get
# when they are missing and it runs as root.
#
# Arguments go to vitest: scripts/e2e-admin.sh e2e/meters.e2e.ts runs that spec file alone.
#
# Environment: VOLTPAY_TEST_DATABASE_URL or DATABASE_URL, the admin URL of the PostgreSQL
# server to make the database on (otherwise scripts/ensure-postgres.sh finds or starts one).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

node_require e2e-admin
npm_deps
if admin_stale; then
	admin_codegen
	admin_build
fi
"${MAKE:-make}" --no-print-directory build >&2

e2e_name=admin
# shellcheck source=scripts/lib/e2e.sh
source scripts/lib/e2e.sh
(cd "$admin_app" && npm run --silent e2e -- "$@") >&2
echo "e2e-admin: screenshots in var/screenshots/admin/" >&2
