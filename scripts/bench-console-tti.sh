#!/usr/bin/env bash
# bench-console-tti.sh measures the admin console's dashboard from navigation to interactive
# in Debian's Chromium, with an empty cache and with a warm one: it serves the binary (console
# embedded) on a throwaway database seeded like the demo and runs
# frontend/admin/scripts/tti-bench.mjs. Figures go to stdout; see docs/BENCHMARKS.md ("Admin
# console: time to interactive"). VOLTPAY_BENCH_RUNS sets the runs of each (default 9).
# Environment: VOLTPAY_TEST_DATABASE_URL or DATABASE_URL as for scripts/e2e-admin.sh.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh
# shellcheck source=scripts/lib/console-bench.sh
source scripts/lib/console-bench.sh

console_bench_serve bench-console-tti
echo "bench-console-tti: the demo at http://$addr" >&2
VOLTPAY_E2E_URL=http://$addr node "$admin_app/scripts/tti-bench.mjs"
